' Drives the app's plain BrightScript functions off-device and prints line records ("|"-separated)
' for tests/TvNews.Core.Tests/Roku and tests/TvNews.Api.Tests (RokuAppLiveServerTests). Run with
' tools/roku/harness/run-brs.js (which adds roUrlTransfer and roRegistrySection to brs) together
' with the app's component scripts:
'
'   node tools/roku/harness/run-brs.js --root <folder with scenario.json [feed.json] [manifest]> \
'       tools/roku/harness/app_harness.brs <app>/components/{FeedParser,Changes,DeepLink,Bookmarks,
'       Strings,Layout,ContentBuilder,Http}.brs
'
' pkg:/scenario.json says what to do ("kind"); every run ends with DONE (brs exits 0 even after a
' runtime error, so callers must require it).
sub Main()
    scenario = ParseJson(ReadAsciiFile("pkg:/scenario.json"))
    if Type(scenario) <> "roAssociativeArray"
        print "ERROR|no scenario"
        return
    end if
    kind = scenario.kind
    if kind = "deeplink" then harnessDeepLinks(scenario)
    if kind = "changes" then harnessChanges(scenario)
    if kind = "bookmarks" then harnessBookmarks(scenario)
    if kind = "strings" then harnessStrings(scenario)
    if kind = "layout" then harnessLayout(scenario)
    if kind = "content" then harnessContent(scenario)
    if kind = "focus" then harnessFocus(scenario)
    if kind = "live" then harnessLive(scenario)
    if kind = "feedAt" then harnessFeedAt(scenario)
    print "DONE"
end sub

' ---- Validity: STORY|<id> for each story ParseRokuFeedAt keeps at scenario.now ----------------------

sub harnessFeedAt(scenario as Object)
    feed = ParseRokuFeedAt(ReadAsciiFile("pkg:/feed.json"), scenario.now)
    print "RESULT|" + LCase(feed.ok.ToStr()) + "|" + feed.errorCode
    for each story in feed.stories
        print "STORY|" + story.id
    end for
    for each text in scenario.isoTexts
        print "ISO|" + text + "|" + FeedParserIsoSeconds(text).ToStr()
    end for
end sub

' ---- Deep links: ROUTE|<case>|<action>|<item id>|<reason> -----------------------------------------

sub harnessDeepLinks(scenario as Object)
    feed = ParseRokuFeed(ReadAsciiFile("pkg:/feed.json"))
    if scenario.noFeed = true then feed = invalid
    i = 0
    for each args in scenario.cases
        harnessPrintRoute(i.ToStr(), DeepLinkRoute(DeepLinkFromArgs(args), feed))
        i = i + 1
    end for
end sub

sub harnessPrintRoute(label as String, route as Object)
    id = ""
    reason = ""
    if route.item <> invalid then id = route.item.id
    if route.reason <> invalid then reason = route.reason
    print "ROUTE|" + label + "|" + route.action + "|" + id + "|" + reason
end sub

' ---- Changes: STEP|<i>|<ok>|<since>|<breakingId> then ACTION|<i>|<type>|<detail> -----------------

sub harnessChanges(scenario as Object)
    state = ChangesInitialState()
    if scenario.since <> invalid then state.since = scenario.since
    i = 0
    for each answerStep in scenario.steps
        applied = ChangesApply(state, answerStep.code, answerStep.body)
        state = applied.state
        print "STEP|" + i.ToStr() + "|" + LCase(applied.ok.ToStr()) + "|" + state.since.ToStr() + "|" + state.breakingId
        for each action in applied.actions
            print "ACTION|" + i.ToStr() + "|" + harnessAction(action)
        end for
        i = i + 1
    end for
    for each failures in [0, 1, 2, 3, 5, 6, 10]
        print "BACKOFF|" + failures.ToStr() + "|" + ChangesBackoffMs(failures).ToStr()
    end for
    print "URL|" + ChangesRequestUrl("http://tv.test/channels/x/changes", -1, 25)
    print "URL|" + ChangesRequestUrl("http://tv.test/channels/x/changes", 42, 25)
end sub

function harnessAction(action as Object) as String
    if action.type = "showBreaking" then return "showBreaking|" + action.id + "|" + action.headline + "|" + action.storyId
    if action.type = "hideBreaking" then return "hideBreaking|" + action.id
    if action.type = "removeStory" then return "removeStory|" + action.storyId
    return action.type + "|" + action.reason
end function

' ---- Bookmarks: BOOKMARK|<i>|<op>|<result> ---------------------------------------------------------

sub harnessBookmarks(scenario as Object)
    section = CreateObject("roRegistrySection", BookmarkSectionName())
    i = 0
    for each op in scenario.ops
        result = ""
        if op.op = "write"
            result = LCase(BookmarkWrite(section, op.id, op.position, op.duration, op.now).ToStr())
        else if op.op = "read"
            result = BookmarkRead(section, op.id, op.now).ToStr()
        else if op.op = "count"
            result = section.GetKeyList().Count().ToStr()
        else if op.op = "raw"
            section.Write(op.id, op.value)
            section.Flush()
            result = "ok"
        else if op.op = "has"
            result = LCase(section.Exists(op.id).ToStr())
        end if
        print "BOOKMARK|" + i.ToStr() + "|" + op.op + "|" + result
        i = i + 1
    end for
end sub

' ---- Strings: STRINGS|<language>|<key>|<value> ------------------------------------------------------

sub harnessStrings(scenario as Object)
    english = UiStrings("en")
    languages = UiLanguages()
    for each extra in scenario.languages
        languages.Push(extra)
    end for
    for each language in languages
        strings = UiStrings(language)
        print "TABLE|" + language + "|" + strings.language + "|" + UiDirection(language)
        for each key in english
            value = strings[key]
            if Type(value) = "roArray"
                print "STRINGS|" + language + "|" + key + "|" + value.Count().ToStr() + "|" + value[0] + "|" + value[11]
            else if key <> "language"
                print "STRINGS|" + language + "|" + key + "|" + value
            end if
        end for
        print "DATE|" + language + "|" + UiDate(strings, "2026-03-01") + "|" + UiDate(strings, "2026-12-31T23:00:00+00:00") + "|" + UiDate(strings, "soon")
        print "META|" + language + "|" + UiMeta(strings, "2026-03-01", 74) + "|" + UiMeta(strings, "", 0)
        for each code in ["empty", "noStories", "malformed", "tooLarge", "network", "timeout", "http"]
            print "ERRORMSG|" + language + "|" + code + "|" + UiErrorMessage(strings, code)
        end for
    end for
    for each seconds in [0, 5, 74, 600, 3599, 3723]
        print "DURATION|" + seconds.ToStr() + "|" + UiDuration(seconds)
    end for
    for each language in ["en", "en-US", "ar", "fa", "fa-IR", "fr", "he", "ur"]
        print "ISO|" + language + "|" + FeedParserIso6392(language)
    end for
    for each color in ["#0B1F3A", "#d62828", "red", "#12345", "#GGGGGG"]
        print "COLOR|" + color + "|" + LayoutColor(color, "fallback")
    end for
end sub

' ---- Layout: BOX|<width>|<dir>|<name>|<x>|<y>|<w>|<h>, VALUE|<width>|<dir>|<name>|<value> -----------

sub harnessLayout(scenario as Object)
    for each size in scenario.sizes
        for each rtl in [false, true]
            layout = LayoutFor(size[0], size[1], rtl)
            dir = "ltr"
            if rtl then dir = "rtl"
            label = size[0].ToStr() + "|" + dir + "|"
            for each name in layout
                value = layout[name]
                if Type(value) = "roAssociativeArray" and value.x <> invalid
                    print "BOX|" + label + name + "|" + value.x.ToStr() + "|" + value.y.ToStr() + "|" + value.w.ToStr() + "|" + value.h.ToStr()
                else if Type(value) = "roArray"
                    print "PAIR|" + label + name + "|" + value[0].ToStr() + "|" + value[1].ToStr()
                else if Type(value) = "Integer" or Type(value) = "roInt"
                    print "VALUE|" + label + name + "|" + value.ToStr()
                else if Type(value) = "String" or Type(value) = "roString"
                    print "VALUE|" + label + name + "|" + value
                end if
            end for
        end for
    end for
end sub

' ---- Content: CROW|<title>|<count>, CITEM|<row>|<id>|<title>|<url>|<format>|<live>|<length>|<hdBif>|<fhdBif>|<sdBif>|<tracks>|<cc>

sub harnessContent(scenario as Object)
    feed = ParseRokuFeed(ReadAsciiFile("pkg:/feed.json"))
    root = BuildHomeContent(feed, UiStrings(scenario.language), scenario.rtl = true)
    for r = 0 to root.GetChildCount() - 1
        row = root.GetChild(r)
        print "CROW|" + row.title + "|" + row.GetChildCount().ToStr()
        for i = 0 to row.GetChildCount() - 1
            item = row.GetChild(i)
            tracks = ""
            if Type(item.SubtitleTracks) = "roArray"
                for each track in item.SubtitleTracks
                    tracks = tracks + track.Language + ">" + track.TrackName + ";"
                end for
            end if
            print "CITEM|" + r.ToStr() + "|" + item.id + "|" + item.title + "|" + item.url + "|" + item.streamFormat + "|" + LCase(item.Live.ToStr()) + "|" + item.Length.ToStr() + "|" + item.HDBifUrl + "|" + item.FHDBifUrl + "|" + item.SDBifUrl + "|" + tracks + "|" + LCase(item.ClosedCaptions.ToStr()) + "|" + item.HDPosterUrl
        end for
    end for
end sub

' ---- Focus after a refresh: FOCUS|<case>|<row>|<item> ----------------------------------------------

sub harnessFocus(scenario as Object)
    i = 0
    for each c in scenario.cases
        target = LayoutFocusAfterUpdate(harnessRows(c.old), c.focused, harnessRows(c.new))
        print "FOCUS|" + i.ToStr() + "|" + target[0].ToStr() + "|" + target[1].ToStr()
        i = i + 1
    end for
end sub

' [["kind:title", "id", ...], ...] to ParseRokuFeed-shaped rows.
function harnessRows(spec as Object) as Object
    rows = []
    for each row in spec
        head = row[0].Split(":")
        items = []
        for i = 1 to row.Count() - 1
            items.Push({ id: row[i] })
        end for
        rows.Push({ kind: head[0], title: head[1], items: items })
    end for
    return rows
end function

' ---- Live: the app's network path against a running TvNews server ----------------------------------
'
' FEED_URL and CHANGES_URL come from pkg:/manifest (the served package's). Prints
'   MANIFEST|<feed url>|<changes url>
'   FEED|<status ok/unchanged/failed>|<errorCode>|<stories>|<has etag>   after every feed load
'   HERO|<id>|<breaking>                                                  after a good load with a hero
'   ROUTE|<label>|...                                                     the scenario's deep links, on
'                                                                         the first feed with a story,
'                                                                         then (etagCheck) one more load
'   POSITION|<since>, then per poll POLLING|<since>, ANSWER|<code>|<ok>|<since>, ACTION|<n>|...
'   RESYNC|<ok>|<since>|<actions>
sub harnessLive(scenario as Object)
    info = CreateObject("roAppInfo")
    feedUrl = info.GetValue("FEED_URL")
    changesUrl = info.GetValue("CHANGES_URL")
    print "MANIFEST|" + feedUrl + "|" + changesUrl
    waitSeconds = 20
    if scenario.waitSeconds <> invalid then waitSeconds = scenario.waitSeconds
    maxPolls = 40
    if scenario.maxPolls <> invalid then maxPolls = scenario.maxPolls

    m.etag = ""
    m.routed = false
    m.scenario = scenario
    harnessLoadFeed(feedUrl)

    state = ChangesInitialState()
    answer = HttpGet(ChangesRequestUrl(changesUrl, state.since, waitSeconds), { timeoutMs: 35000 })
    applied = ChangesApply(state, answer.code, answer.body)
    state = applied.state
    print "POSITION|" + state.since.ToStr() + "|" + LCase(applied.ok.ToStr())
    harnessRunActions(0, applied.actions, feedUrl)

    seen = false
    for poll = 1 to maxPolls
        print "POLLING|" + state.since.ToStr()
        answer = HttpGet(ChangesRequestUrl(changesUrl, state.since, waitSeconds), { timeoutMs: (waitSeconds + 10) * 1000 })
        applied = ChangesApply(state, answer.code, answer.body)
        state = applied.state
        print "ANSWER|" + answer.code.ToStr() + "|" + LCase(applied.ok.ToStr()) + "|" + state.since.ToStr()
        if harnessRunActions(poll, applied.actions, feedUrl) then seen = true
        if seen then exit for
        if not applied.ok then Sleep(ChangesBackoffMs(1))
    end for

    ' A position the server cannot serve: far past its last seq.
    resync = HttpGet(ChangesRequestUrl(changesUrl, state.since + 100000, 0), { timeoutMs: 10000 })
    applied = ChangesApply({ since: state.since + 100000, breakingId: "" }, resync.code, resync.body)
    actions = ""
    for each action in applied.actions
        actions = actions + harnessAction(action) + ";"
    end for
    print "RESYNC|" + LCase(applied.ok.ToStr()) + "|" + applied.state.since.ToStr() + "|" + actions
end sub

' Prints and performs the actions; returns true when one of them is the scenario's "until" type.
function harnessRunActions(poll as Integer, actions as Object, feedUrl as String) as Boolean
    reached = false
    for each action in actions
        print "ACTION|" + poll.ToStr() + "|" + harnessAction(action)
        if action.type = "refetch" then harnessLoadFeed(feedUrl)
        if m.scenario.until <> invalid and action.type = m.scenario.until then reached = true
    end for
    return reached
end function

sub harnessLoadFeed(feedUrl as String)
    answer = HttpGet(feedUrl, { timeoutMs: 30000, etag: m.etag, maxChars: FeedParserMaxChars() })
    if not answer.ok
        print "FEED|failed|" + answer.error + "|0|" + LCase((m.etag <> "").ToStr())
        return
    end if
    if answer.notModified
        print "FEED|unchanged||" + "-" + "|true"
        return
    end if
    feed = ParseRokuFeedAt(answer.body, CreateObject("roDateTime").AsSeconds())
    if not feed.ok
        m.etag = ""
        print "FEED|failed|" + feed.errorCode + "|0|false"
        return
    end if
    m.etag = answer.etag
    print "FEED|ok||" + feed.stories.Count().ToStr() + "|" + LCase((m.etag <> "").ToStr())
    if feed.hero <> invalid then print "HERO|" + feed.hero.item.id + "|" + LCase(feed.hero.breaking.ToStr())
    for each story in feed.stories
        tracks = ""
        for each track in FeedParserSubtitleTracks(story)
            tracks = tracks + track.Language + ">" + track.TrackName + ";"
        end for
        print "STORY|" + story.id + "|" + story.title + "|" + story.streamFormat + "|" + story.videoUrl + "|" + story.duration.ToStr() + "|" + story.bifHd + "|" + tracks
    end for
    if not m.routed and feed.stories.Count() > 0 and m.scenario.deepLinks <> invalid
        m.routed = true
        i = 0
        for each args in m.scenario.deepLinks
            link = {}
            for each key in args
                link[key] = args[key]
            end for
            if link.contentId = "$first" then link.contentId = feed.stories[0].id
            harnessPrintRoute("live" + i.ToStr(), DeepLinkRoute(DeepLinkFromArgs(link), feed))
            i = i + 1
        end for
        ' The same request again with the ETag just received: an unchanged feed answers 304.
        if m.scenario.etagCheck = true then harnessLoadFeed(feedUrl)
    end if
end sub
