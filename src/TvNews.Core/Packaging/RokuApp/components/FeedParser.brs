' Pure parsing of a Roku Direct Publisher JSON feed: no SceneGraph nodes, no network, so the
' same code runs on a device and in the off-device interpreter used by the tests.
'
' Returns { ok, empty, error, errorCode, rows, stories, live, hero, providerName, language }:
'   rows    [ { kind ("live" | "category" | "all"), title, items } ] in screen order: the live row
'           when the feed has liveFeeds, one row per category that matches something, and an "all"
'           row only when some story is in no category row (so nothing is unreachable).
'   stories every playable story: { kind "story", id, title, description, longDescription,
'           thumbnail, releaseDate, dateAdded, duration, videoUrl, streamFormat, tags, captions
'           [ { url, language, captionType, format } ], bifHd, bifFhd, bifSd }
'   live    the first playable liveFeeds entry ({ kind "live", id, title, description, thumbnail,
'           videoUrl, streamFormat "hls", duration 0 }) or invalid
'   hero    { item, breaking } or invalid: the first story of the feed's "breaking" playlist when
'           there is one (breaking true), else the first story of the first story row.
' errorCode is "", "empty" (blank body), "malformed" (not a JSON object), "tooLarge" (at least
' 500 * 1024 characters, the SDK template's limit) or "noStories" (readable, nothing playable;
' empty is then true). Items without an id, title or playable video are skipped.
function ParseRokuFeed(json as String) as Object
    return ParseRokuFeedAt(json, 0)
end function

' nowSeconds (seconds since 1970, UTC) drops stories whose validityPeriodEnd has passed; 0 keeps all.
function ParseRokuFeedAt(json as String, nowSeconds as Integer) as Object
    result = { ok: false, empty: false, error: "", errorCode: "", rows: [], stories: [], live: invalid, hero: invalid, providerName: "", language: "" }
    if Len(json) >= FeedParserMaxChars()
        return feedParserFail(result, "tooLarge", "The news feed is larger than 500 KB.")
    end if
    if Len(json.Trim()) = 0
        return feedParserFail(result, "empty", "The news feed is empty.")
    end if

    feed = ParseJson(json)
    if Type(feed) <> "roAssociativeArray"
        return feedParserFail(result, "malformed", "The news feed could not be read.")
    end if
    result.providerName = feedParserString(feed.providerName)
    result.language = feedParserString(feed.language)

    stories = []
    rawVideos = feed.shortFormVideos
    if Type(rawVideos) = "roArray"
        for each raw in rawVideos
            story = feedParserReadStory(raw, nowSeconds)
            if story <> invalid then stories.Push(story)
        end for
    end if
    result.stories = stories
    result.live = feedParserReadLive(feed.liveFeeds)

    if stories.Count() = 0 and result.live = invalid
        result.empty = true
        return feedParserFail(result, "noStories", "There are no stories in the news feed yet.")
    end if

    if result.live <> invalid then result.rows.Push({ kind: "live", title: "", items: [result.live] })

    listed = {}
    rawCategories = feed.categories
    if Type(rawCategories) = "roArray"
        for each category in rawCategories
            row = feedParserCategoryRow(category, stories, feed.playlists)
            if row <> invalid
                result.rows.Push(row)
                for each item in row.items
                    listed[item.id] = true
                end for
            end if
        end for
    end if
    for each story in stories
        if not listed.DoesExist(story.id)
            result.rows.Push({ kind: "all", title: "", items: stories })
            exit for
        end if
    end for

    result.hero = feedParserHero(stories, feed.playlists, result.rows)
    result.ok = true
    return result
end function

function FeedParserMaxChars() as Integer
    return 500 * 1024
end function

function feedParserFail(result as Object, code as String, message as String) as Object
    result.errorCode = code
    result.error = message
    return result
end function

function feedParserReadStory(raw as Dynamic, nowSeconds as Integer) as Dynamic
    if Type(raw) <> "roAssociativeArray" then return invalid
    id = feedParserString(raw.id)
    title = feedParserString(raw.title)
    if id = "" or title = "" then return invalid

    content = raw.content
    if Type(content) <> "roAssociativeArray" then return invalid
    video = feedParserChooseVideo(content.videos)
    if video = invalid then return invalid

    if nowSeconds > 0
        ends = FeedParserIsoSeconds(feedParserString(content.validityPeriodEnd))
        if ends > 0 and ends <= nowSeconds then return invalid
    end if

    description = feedParserString(raw.shortDescription)
    longDescription = feedParserString(raw.longDescription)
    if description = "" then description = longDescription
    if longDescription = "" then longDescription = description

    tags = []
    if Type(raw.tags) = "roArray"
        for each tag in raw.tags
            text = feedParserString(tag)
            if text <> "" then tags.Push(LCase(text))
        end for
    end if

    captions = []
    if Type(content.captions) = "roArray"
        for each caption in content.captions
            if Type(caption) = "roAssociativeArray"
                url = feedParserString(caption.url)
                if url <> ""
                    language = feedParserString(caption.language)
                    if language = "" then language = "en"
                    captions.Push({ url: url, language: language, captionType: UCase(feedParserString(caption.captionType)), format: feedParserCaptionFormat(url) })
                end if
            end if
        end for
    end if

    story = {
        kind: "story",
        id: id,
        title: title,
        description: description,
        longDescription: longDescription,
        thumbnail: feedParserString(raw.thumbnail),
        releaseDate: feedParserString(raw.releaseDate),
        dateAdded: feedParserString(content.dateAdded),
        duration: feedParserInteger(content.duration),
        videoUrl: video.url,
        streamFormat: video.streamFormat,
        tags: tags,
        captions: captions,
        bifSd: "",
        bifHd: "",
        bifFhd: ""
    }
    if Type(content.trickPlayFiles) = "roArray"
        for each bif in content.trickPlayFiles
            if Type(bif) = "roAssociativeArray"
                url = feedParserString(bif.url)
                quality = UCase(feedParserString(bif.quality))
                if url <> "" and quality = "SD" then story.bifSd = url
                if url <> "" and quality = "HD" then story.bifHd = url
                if url <> "" and quality = "FHD" then story.bifFhd = url
            end if
        end for
    end if
    return story
end function

' The first liveFeeds entry with an id, a title and an HLS (or any) stream.
function feedParserReadLive(rawLive as Dynamic) as Dynamic
    if Type(rawLive) <> "roArray" then return invalid
    for each raw in rawLive
        if Type(raw) = "roAssociativeArray"
            id = feedParserString(raw.id)
            title = feedParserString(raw.title)
            content = raw.content
            if id <> "" and title <> "" and Type(content) = "roAssociativeArray"
                video = feedParserChooseVideo(content.videos)
                if video <> invalid
                    description = feedParserString(raw.shortDescription)
                    if description = "" then description = feedParserString(raw.longDescription)
                    thumbnail = feedParserString(raw.thumbnail)
                    if thumbnail = "" then thumbnail = feedParserString(raw.brandedThumbnail)
                    return { kind: "live", id: id, title: title, description: description, longDescription: feedParserString(raw.longDescription), thumbnail: thumbnail, videoUrl: video.url, streamFormat: video.streamFormat, duration: 0, releaseDate: "", dateAdded: "", captions: [], tags: [], bifSd: "", bifHd: "", bifFhd: "" }
                end if
            end if
        end if
    end for
    return invalid
end function

function feedParserHero(stories as Object, playlists as Dynamic, rows as Object) as Dynamic
    breaking = feedParserPlaylistItems("breaking", playlists, stories)
    if breaking.Count() > 0 then return { item: breaking[0], breaking: true }
    for each row in rows
        if row.kind <> "live" and row.items.Count() > 0 then return { item: row.items[0], breaking: false }
    end for
    if stories.Count() > 0 then return { item: stories[0], breaking: false }
    return invalid
end function

' The HLS entry when there is one, otherwise the first entry with a url.
function feedParserChooseVideo(videos as Dynamic) as Dynamic
    if Type(videos) <> "roArray" then return invalid
    chosen = invalid
    for each video in videos
        if Type(video) = "roAssociativeArray"
            url = feedParserString(video.url)
            if url <> ""
                videoType = UCase(feedParserString(video.videoType))
                if videoType = "HLS" then return { url: url, streamFormat: "hls" }
                if chosen = invalid then chosen = { url: url, streamFormat: feedParserStreamFormat(videoType, url) }
            end if
        end if
    end for
    return chosen
end function

function feedParserStreamFormat(videoType as String, url as String) as String
    if videoType = "DASH" then return "dash"
    if videoType = "SMOOTH" then return "ism"
    if videoType = "MP4" or videoType = "MOV" or videoType = "M4V" then return "mp4"
    if LCase(url).InStr(".m3u8") >= 0 then return "hls"
    return "mp4"
end function

' "srt", "ttml" (also .dfxp, .xml) or "vtt", from the file name; "" when it says nothing.
function feedParserCaptionFormat(url as String) as String
    path = LCase(url)
    query = path.InStr("?")
    if query >= 0 then path = path.Left(query)
    if path.EndsWith(".srt") then return "srt"
    if path.EndsWith(".ttml") or path.EndsWith(".dfxp") or path.EndsWith(".xml") then return "ttml"
    if path.EndsWith(".vtt") then return "vtt"
    return ""
end function

' The side-loaded caption tracks for the Video node's SubtitleTracks, one per language: for HLS an
' SRT file (side-loaded SRT is accepted for HLS; the playlist's own WebVTT track is found by the
' OS), for MP4 a TTML file (MP4 reads SMPTE-TT only as an external file, WebVTT not at all),
' each falling back to the other. Language is the ISO 639-2/B code SubtitleTracks expects.
' Returns [ { TrackName, Language, Description } ].
function FeedParserSubtitleTracks(story as Object) as Object
    preferred = "srt"
    fallback = "ttml"
    if story.streamFormat = "mp4"
        preferred = "ttml"
        fallback = "srt"
    end if
    chosen = {}
    order = []
    for each wanted in [preferred, fallback]
        for each caption in story.captions
            key = LCase(caption.language)
            if caption.format = wanted and not chosen.DoesExist(key)
                chosen[key] = caption
                order.Push(key)
            end if
        end for
    end for
    tracks = []
    for each key in order
        caption = chosen[key]
        kind = "Subtitles"
        if caption.captionType = "CLOSED_CAPTION" then kind = "CC"
        tracks.Push({ TrackName: caption.url, Language: FeedParserIso6392(caption.language), Description: kind + " (" + caption.language + ")" })
    end for
    return tracks
end function

' ISO 639-1 (or a language tag such as "en-US") to the ISO 639-2/B code; a code it does not know
' is returned as given, lower-cased.
function FeedParserIso6392(language as String) as String
    code = LCase(language)
    dash = code.InStr("-")
    if dash > 0 then code = code.Left(dash)
    codes = { ar: "ara", de: "ger", el: "gre", en: "eng", es: "spa", fa: "per", fr: "fre", he: "heb", hi: "hin", id: "ind", it: "ita", ja: "jpn", ko: "kor", nl: "dut", pl: "pol", ps: "pus", pt: "por", ru: "rus", sv: "swe", tr: "tur", uk: "ukr", ur: "urd", zh: "chi" }
    if codes.DoesExist(code) then return codes[code]
    return code
end function

' A category row by tag query (AND-only or OR-only) or by playlist; invalid when it is
' malformed, mixes operators, or matches nothing.
function feedParserCategoryRow(category as Dynamic, stories as Object, playlists as Dynamic) as Dynamic
    if Type(category) <> "roAssociativeArray" then return invalid
    name = feedParserString(category.name)
    if name = "" then return invalid

    items = []
    query = feedParserString(category.query)
    playlistName = feedParserString(category.playlistName)
    if query <> ""
        terms = feedParserQueryTerms(query)
        if terms = invalid then return invalid
        for each story in stories
            if feedParserMatches(story.tags, terms) then items.Push(story)
        end for
    else if playlistName <> ""
        items = feedParserPlaylistItems(playlistName, playlists, stories)
    end if
    if items.Count() = 0 then return invalid

    order = LCase(feedParserString(category.order))
    if order = "most_recent" then items = feedParserSortByDate(items, true)
    if order = "chronological" then items = feedParserSortByDate(items, false)
    return { kind: "category", title: name, items: items }
end function

' { all: Boolean, tags: [lowercase tag] }, or invalid for a query mixing AND with OR.
function feedParserQueryTerms(query as String) as Dynamic
    hasAnd = query.InStr(" AND ") >= 0
    hasOr = query.InStr(" OR ") >= 0
    if hasAnd and hasOr then return invalid
    separator = " OR "
    if hasAnd then separator = " AND "
    tags = []
    for each part in query.Split(separator)
        tag = LCase(part.Trim())
        if tag <> "" then tags.Push(tag)
    end for
    if tags.Count() = 0 then return invalid
    return { all: hasAnd, tags: tags }
end function

function feedParserMatches(storyTags as Object, terms as Object) as Boolean
    for each wanted in terms.tags
        found = false
        for each tag in storyTags
            if tag = wanted
                found = true
                exit for
            end if
        end for
        if terms.all and not found then return false
        if not terms.all and found then return true
    end for
    return terms.all
end function

function feedParserPlaylistItems(playlistName as String, playlists as Dynamic, stories as Object) as Object
    items = []
    if Type(playlists) <> "roArray" then return items
    for each playlist in playlists
        if Type(playlist) = "roAssociativeArray" and feedParserString(playlist.name) = playlistName and Type(playlist.itemIds) = "roArray"
            for each itemId in playlist.itemIds
                wantedId = feedParserString(itemId)
                for each story in stories
                    if story.id = wantedId
                        items.Push(story)
                        exit for
                    end if
                end for
            end for
            return items
        end if
    end for
    return items
end function

' Stable insertion sort on dateAdded (ISO 8601 in UTC sorts as text), releaseDate when absent.
function feedParserSortByDate(items as Object, newestFirst as Boolean) as Object
    sorted = []
    for each item in items
        key = feedParserDateKey(item)
        position = sorted.Count()
        for i = 0 to sorted.Count() - 1
            other = feedParserDateKey(sorted[i])
            if (newestFirst and key > other) or (not newestFirst and key < other)
                position = i
                exit for
            end if
        end for
        sorted.Push(item)
        for j = sorted.Count() - 1 to position + 1 step -1
            sorted[j] = sorted[j - 1]
        end for
        sorted[position] = item
    end for
    return sorted
end function

function feedParserDateKey(item as Object) as String
    if item.dateAdded <> "" then return item.dateAdded
    return item.releaseDate
end function

' Seconds since 1970 of an ISO 8601 date-time ("2026-03-01T21:15:00+00:00", "...Z", or a "+hh:mm"
' / "-hh:mm" offset, applied here since roDateTime is documented only for the local part); 0 when
' the text is not one.
function FeedParserIsoSeconds(text as String) as Integer
    if Len(text) < 19 then return 0
    date = CreateObject("roDateTime")
    date.FromISO8601String(text.Left(19))
    seconds = date.AsSeconds()
    if seconds <= 0 then return 0
    offset = text.Mid(19)
    dot = offset.InStr(".")
    if dot = 0
        ' fractional seconds: skip the digits
        i = 1
        while i < Len(offset) and offset.Mid(i, 1) >= "0" and offset.Mid(i, 1) <= "9"
            i = i + 1
        end while
        offset = offset.Mid(i)
    end if
    if Len(offset) >= 6 and (offset.Left(1) = "+" or offset.Left(1) = "-")
        minutes = offset.Mid(1, 2).ToInt() * 60 + offset.Mid(4, 2).ToInt()
        if offset.Left(1) = "+" then seconds = seconds - minutes * 60 else seconds = seconds + minutes * 60
    end if
    return seconds
end function

function feedParserString(value as Dynamic) as String
    valueType = Type(value)
    if valueType = "String" or valueType = "roString" then return value
    return ""
end function

function feedParserInteger(value as Dynamic) as Integer
    valueType = Type(value)
    if valueType = "Integer" or valueType = "roInt" or valueType = "LongInteger" or valueType = "roLongInteger" then return value
    if valueType = "Float" or valueType = "roFloat" or valueType = "Double" or valueType = "roDouble" then return Int(value)
    return 0
end function
