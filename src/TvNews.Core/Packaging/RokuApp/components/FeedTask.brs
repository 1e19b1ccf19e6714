sub init()
    m.top.functionName = "loadFeed"
end sub

sub loadFeed()
    feedUrl = m.top.feedUrl
    if feedUrl = invalid or feedUrl = "" then feedUrl = CreateObject("roAppInfo").GetValue("FEED_URL")
    if feedUrl = invalid or feedUrl = ""
        finish("failed", "network", invalid, m.top.etag)
        return
    end if

    answer = HttpGet(feedUrl, { timeoutMs: 30000, etag: m.top.etag, maxChars: FeedParserMaxChars() })
    if not answer.ok
        finish("failed", answer.error, invalid, m.top.etag)
        return
    end if
    if answer.notModified
        finish("unchanged", "", invalid, m.top.etag)
        return
    end if

    now = CreateObject("roDateTime").AsSeconds()
    parsed = ParseRokuFeedAt(answer.body, now)
    if not parsed.ok
        finish("failed", parsed.errorCode, invalid, m.top.etag)
        return
    end if
    finish("ok", "", parsed, answer.etag)
end sub

sub finish(status as String, errorCode as String, feed as Dynamic, etag as String)
    if feed <> invalid
        m.top.content = BuildHomeContent(feed, UiStrings(m.top.language), m.top.rtl)
        m.top.feed = feed
    end if
    m.top.errorCode = errorCode
    m.top.etag = etag
    m.top.status = status
end sub
