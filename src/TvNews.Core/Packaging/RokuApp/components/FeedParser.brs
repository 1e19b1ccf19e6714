' Pure parsing of a Roku Direct Publisher JSON feed: no SceneGraph nodes, no network, so the
' same code runs on a device and in the off-device interpreter used by the tests.
'
' Returns { ok, empty, error, rows: [ { title, items: [ { id, title, description, thumbnail,
' releaseDate, duration, videoUrl, streamFormat, tags, captions: [ { url, language,
' description } ] } ] } ] }. The first row holds every story; category rows follow. empty is
' true when the feed was readable but held no playable story (ok is then false).
' Items without an id, title or playable video are skipped rather than failing the feed.
function ParseRokuFeed(json as String) as Object
    result = { ok: false, empty: false, error: "", rows: [] }
    if Len(json.Trim()) = 0
        result.error = "The news feed is empty."
        return result
    end if

    feed = ParseJson(json)
    if Type(feed) <> "roAssociativeArray"
        result.error = "The news feed could not be read."
        return result
    end if

    stories = []
    rawVideos = feed.shortFormVideos
    if Type(rawVideos) = "roArray"
        for each raw in rawVideos
            story = feedParserReadStory(raw)
            if story <> invalid then stories.Push(story)
        end for
    end if

    if stories.Count() = 0
        result.empty = true
        result.error = "There are no stories in the news feed yet."
        return result
    end if

    result.rows.Push({ title: "All stories", items: stories })

    rawCategories = feed.categories
    if Type(rawCategories) = "roArray"
        for each category in rawCategories
            row = feedParserCategoryRow(category, stories, feed.playlists)
            if row <> invalid then result.rows.Push(row)
        end for
    end if

    result.ok = true
    return result
end function

function feedParserReadStory(raw as Dynamic) as Dynamic
    if Type(raw) <> "roAssociativeArray" then return invalid
    id = feedParserString(raw.id)
    title = feedParserString(raw.title)
    if id = "" or title = "" then return invalid

    content = raw.content
    if Type(content) <> "roAssociativeArray" then return invalid
    video = feedParserChooseVideo(content.videos)
    if video = invalid then return invalid

    description = feedParserString(raw.shortDescription)
    if description = "" then description = feedParserString(raw.longDescription)

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
                    captions.Push({ url: url, language: language, description: feedParserCaptionName(language, caption.captionType) })
                end if
            end if
        end for
    end if

    return {
        id: id,
        title: title,
        description: description,
        thumbnail: feedParserString(raw.thumbnail),
        releaseDate: feedParserString(raw.releaseDate),
        duration: feedParserInteger(content.duration),
        videoUrl: video.url,
        streamFormat: video.streamFormat,
        tags: tags,
        captions: captions
    }
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

function feedParserCaptionName(language as String, captionType as Dynamic) as String
    kind = "Subtitles"
    if UCase(feedParserString(captionType)) = "CLOSED_CAPTION" then kind = "Closed captions"
    return kind + " (" + language + ")"
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
    return { title: name, items: items }
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

' Stable insertion sort on the ISO releaseDate text (yyyy-MM-dd sorts as text).
function feedParserSortByDate(items as Object, newestFirst as Boolean) as Object
    sorted = []
    for each item in items
        position = sorted.Count()
        for i = 0 to sorted.Count() - 1
            other = sorted[i].releaseDate
            if (newestFirst and item.releaseDate > other) or (not newestFirst and item.releaseDate < other)
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
