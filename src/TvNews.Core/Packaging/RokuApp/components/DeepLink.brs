' Deep links (Roku's deep linking policy): contentId + mediaType from Main's launch arguments or from
' an roInputEvent while the app runs. Plain functions; MainScene calls them with the parsed feed.

' { contentId, mediaType, source } from launch or input arguments, or invalid when there is no
' contentId. AA keys are case-insensitive in BrightScript, which the policy asks for ("contentId",
' "contentid" and "CONTENTID" are one key).
function DeepLinkFromArgs(args as Dynamic) as Dynamic
    if Type(args) <> "roAssociativeArray" then return invalid
    contentId = deepLinkString(args.contentId).Trim()
    if contentId = "" then return invalid
    return { contentId: contentId, mediaType: deepLinkString(args.mediaType).Trim(), source: deepLinkString(args.source) }
end function

' Where a deep link goes, given ParseRokuFeed's result (or invalid before the feed loaded):
'   { action: "play", item }  a story, for mediaType shortFormVideo (and movie, episode, tvSpecial:
'                             Roku Search may label one item differently; all mean "play this")
'   { action: "live", item }  the live stream, for mediaType live and the liveFeeds id
'   { action: "home", reason } anything else: an unknown id, a known id with a mediaType that does
'                             not fit it, an unknown mediaType, or no feed. Never a resume prompt.
function DeepLinkRoute(link as Dynamic, feed as Dynamic) as Object
    if link = invalid then return { action: "home", reason: "none" }
    if feed = invalid or Type(feed) <> "roAssociativeArray" or feed.ok <> true then return { action: "home", reason: "noFeed" }
    kind = DeepLinkKind(link.mediaType)
    if kind = "" then return { action: "home", reason: "mediaType" }
    wanted = LCase(link.contentId)
    if kind = "live"
        if feed.live <> invalid and LCase(feed.live.id) = wanted then return { action: "live", item: feed.live }
        return { action: "home", reason: "unknownId" }
    end if
    for each story in feed.stories
        if LCase(story.id) = wanted then return { action: "play", item: story }
    end for
    return { action: "home", reason: "unknownId" }
end function

' "story", "live" or "" for a mediaType value, compared without regard to case.
function DeepLinkKind(mediaType as String) as String
    value = LCase(mediaType)
    if value = "shortformvideo" or value = "movie" or value = "episode" or value = "tvspecial" then return "story"
    if value = "live" then return "live"
    return ""
end function

function deepLinkString(value as Dynamic) as String
    valueType = Type(value)
    if valueType = "String" or valueType = "roString" then return value
    return ""
end function
