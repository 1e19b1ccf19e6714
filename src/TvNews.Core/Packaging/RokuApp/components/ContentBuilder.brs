' ContentNode trees for the RowList and the Video node, from ParseRokuFeed's plain data. Runs in
' FeedTask (off the render thread) and in MainScene for a single item to play.

' root -> one row per feed row (title in the channel's language) -> one item per story. For a
' right-to-left channel each row's items are reversed, so the first story is at the right end.
function BuildHomeContent(feed as Object, strings as Object, rtl as Boolean) as Object
    root = CreateObject("roSGNode", "ContentNode")
    for each row in feed.rows
        rowNode = root.CreateChild("ContentNode")
        rowNode.title = HomeRowTitle(row, strings)
        items = row.items
        if rtl then items = contentReversed(items)
        for each item in items
            ContentFillItem(rowNode.CreateChild("ContentNode"), item)
        end for
    end for
    return root
end function

function HomeRowTitle(row as Object, strings as Object) as String
    if row.kind = "live" then return strings.liveRow
    if row.kind = "all" then return strings.allStories
    return row.title
end function

' Fills a ContentNode with what the tile, the details view and the Video node read: poster, text,
' stream, side-loaded captions (SubtitleTracks, so the OS picks a track by the viewer's caption
' settings), trick-play BIFs and the live flag. An FHD or SD device without its own BIF gets the HD one.
sub ContentFillItem(node as Object, item as Object)
    node.id = item.id
    node.title = item.title
    node.description = item.longDescription
    node.ShortDescriptionLine1 = item.description
    node.HDPosterUrl = item.thumbnail
    node.FHDPosterUrl = item.thumbnail
    node.SDPosterUrl = item.thumbnail
    node.ReleaseDate = item.releaseDate
    node.url = item.videoUrl
    node.streamFormat = item.streamFormat
    node.Live = item.kind = "live"
    if item.duration > 0 then node.Length = item.duration
    if item.kind = "live" then return

    tracks = FeedParserSubtitleTracks(item)
    node.SubtitleTracks = tracks
    node.ClosedCaptions = tracks.Count() > 0
    hd = item.bifHd
    fhd = item.bifFhd
    sd = item.bifSd
    if fhd = "" then fhd = hd
    if hd = "" then hd = fhd
    if sd = "" then sd = hd
    if hd <> "" then node.HDBifUrl = hd
    if fhd <> "" then node.FHDBifUrl = fhd
    if sd <> "" then node.SDBifUrl = sd
end sub

function contentReversed(items as Object) as Object
    reversed = []
    for i = items.Count() - 1 to 0 step -1
        reversed.Push(items[i])
    end for
    return reversed
end function
