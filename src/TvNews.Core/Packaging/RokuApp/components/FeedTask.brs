sub init()
    m.top.functionName = "loadFeed"
end sub

sub loadFeed()
    feedUrl = CreateObject("roAppInfo").GetValue("FEED_URL")
    if feedUrl = invalid or feedUrl = ""
        fail("This channel has no news feed configured.")
        return
    end if

    body = download(feedUrl)
    if body = invalid then return

    parsed = ParseRokuFeed(body)
    if not parsed.ok
        if parsed.empty
            m.top.error = parsed.error
            m.top.status = "empty"
        else
            fail(parsed.error)
        end if
        return
    end if

    m.top.content = buildContent(parsed.rows)
    m.top.error = ""
    m.top.status = "ok"
end sub

' Returns the response body, or invalid after reporting the failure.
function download(feedUrl as String) as Dynamic
    port = CreateObject("roMessagePort")
    transfer = CreateObject("roUrlTransfer")
    transfer.SetMessagePort(port)
    transfer.SetUrl(feedUrl)
    transfer.SetCertificatesFile("common:/certs/ca-bundle.crt")
    transfer.InitClientCertificates()
    transfer.EnableEncodings(true)
    transfer.RetainBodyOnError(true)

    if not transfer.AsyncGetToString()
        fail("The news feed could not be requested.")
        return invalid
    end if

    msg = Wait(30000, port)
    if Type(msg) <> "roUrlEvent"
        transfer.AsyncCancel()
        fail("The news feed did not answer in time. Please try again later.")
        return invalid
    end if

    code = msg.GetResponseCode()
    if code <> 200
        fail("The news feed is unavailable right now (HTTP " + code.ToStr() + ").")
        return invalid
    end if
    return msg.GetString()
end function

function buildContent(rows as Object) as Object
    root = CreateObject("roSGNode", "ContentNode")
    for each row in rows
        rowNode = root.CreateChild("ContentNode")
        rowNode.title = row.title
        for each item in row.items
            itemNode = rowNode.CreateChild("ContentNode")
            itemNode.id = item.id
            itemNode.title = item.title
            itemNode.description = item.description
            itemNode.HDPosterUrl = item.thumbnail
            itemNode.FHDPosterUrl = item.thumbnail
            itemNode.ReleaseDate = item.releaseDate
            itemNode.Length = item.duration
            itemNode.url = item.videoUrl
            itemNode.streamFormat = item.streamFormat

            tracks = []
            for each caption in item.captions
                tracks.Push({ TrackName: caption.url, Language: caption.language, Description: caption.description })
            end for
            itemNode.SubtitleTracks = tracks
        end for
    end for
    return root
end function

sub fail(message as String)
    m.top.error = message
    m.top.status = "failed"
end sub
