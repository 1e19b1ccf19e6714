' The render-thread side of the channel: screens, focus and keys. Decisions that can be tested off the
' device live in plain functions (FeedParser, Changes, DeepLink, Bookmarks, Strings, Layout).
'
' Screens: "loading" -> "home" | "message"; "home" <-> "details" <-> "video"; a deep link goes
' straight to "video" and Back from there to "home". Back on home exits the app (the scene's default).

sub init()
    m.config = readChannelConfig()
    m.strings = UiStrings(m.config.language)
    m.rtl = m.config.direction = "rtl"
    resolution = m.top.currentDesignResolution
    width = 1920
    height = 1080
    if resolution <> invalid and resolution.width <> invalid
        width = resolution.width
        height = resolution.height
    end if
    m.layout = LayoutFor(width, height, m.rtl)
    m.global.AddFields({ brand: makeBrand() })
    m.brand = m.global.brand

    findNodes()
    applyLayout()
    m.details.brandReady = true
    m.banner.brandReady = true

    m.screen = "loading"
    m.feed = invalid
    m.rows = []
    m.etag = ""
    m.refetchPending = false
    m.pendingLink = invalid
    m.firstFeedAnswered = false
    m.launchSignalled = false
    m.failures = 0
    m.playing = invalid
    m.videoReturn = "home"
    m.detailsItem = invalid
    m.heroItem = invalid
    m.lastSaved = 0
    m.bookmarks = CreateObject("roRegistrySection", BookmarkSectionName())

    m.rowList.ObserveField("rowItemSelected", "onRowItemSelected")
    m.details.ObserveField("selected", "onDetailsSelected")
    m.retry.ObserveField("buttonSelected", "onRetry")
    m.video.ObserveField("state", "onVideoState")
    m.video.ObserveField("position", "onVideoPosition")
    m.video.notificationInterval = 10
    m.bannerTimer.ObserveField("fire", "hideBanner")
    m.noticeTimer.ObserveField("fire", "hideNotice")
    m.retryTimer.ObserveField("fire", "requestFeed")

    showLoading()
    m.feedTask = CreateObject("roSGNode", "FeedTask")
    m.feedTask.language = m.config.language
    m.feedTask.rtl = m.rtl
    m.feedTask.ObserveField("status", "onFeedStatus")
    requestFeed()

    m.changesTask = CreateObject("roSGNode", "ChangesTask")
    m.changesTask.ObserveField("changes", "onChanges")
    m.changesTask.control = "RUN"
end sub

' pkg:/config/channel.json, written by the package builder from the channel manifest.
function readChannelConfig() as Object
    config = { id: "", name: "", language: "en", direction: "ltr", colors: {}, logo: "", fonts: {} }
    parsed = ParseJson(ReadAsciiFile("pkg:/config/channel.json"))
    if Type(parsed) = "roAssociativeArray"
        for each key in parsed
            if parsed[key] <> invalid then config[key] = parsed[key]
        end for
    end if
    if config.direction <> "rtl" and config.direction <> "ltr" then config.direction = UiDirection(config.language)
    if Type(config.colors) <> "roAssociativeArray" then config.colors = {}
    if Type(config.fonts) <> "roAssociativeArray" then config.fonts = {}
    return config
end function

function makeBrand() as Object
    colors = m.config.colors
    text = LayoutColor(colors.text, "0xFFFFFFFF")
    return {
        layout: m.layout,
        strings: m.strings,
        align: m.layout.align,
        primaryColor: LayoutColor(colors.primary, "0x0F1724FF"),
        accentColor: LayoutColor(colors.accent, "0xE63946FF"),
        textColor: text,
        dimTextColor: text.Left(8) + "B3",
        titleFont: makeFont(true, m.layout.fontTitle),
        headingFont: makeFont(true, m.layout.fontHeading),
        bodyFont: makeFont(false, m.layout.fontBody),
        smallFont: makeFont(false, m.layout.fontSmall),
        badgeFont: makeFont(true, m.layout.fontBadge),
        liveLabel: m.strings.live,
        breakingLabel: m.strings.breaking
    }
end function

' The channel's font from the package when it has one (pkg:/fonts/...), else the system font.
function makeFont(bold as Boolean, size as Integer) as Object
    font = CreateObject("roSGNode", "Font")
    uri = "font:SystemFontFile"
    if bold then uri = "font:BoldSystemFontFile"
    fonts = m.config.fonts
    if bold and fonts.bold <> invalid and fonts.bold <> ""
        uri = fonts.bold
    else if not bold and fonts.regular <> invalid and fonts.regular <> ""
        uri = fonts.regular
    end if
    font.uri = uri
    font.size = size
    return font
end function

sub findNodes()
    for each id in ["background", "header", "logo", "channelName", "home", "hero", "heroFocus", "heroPoster", "heroBadge", "heroBadgeText", "heroTitle", "heroMeta", "heroDescription", "rowList", "details", "messageGroup", "message", "retry", "loading", "loadingPulse", "video", "notice", "noticeBand", "noticeText", "banner", "bannerTimer", "noticeTimer", "retryTimer"]
        m[id] = m.top.FindNode(id)
    end for
end sub

sub applyLayout()
    layout = m.layout
    brand = m.brand
    m.top.backgroundColor = brand.primaryColor
    m.top.backgroundUri = ""
    m.background.width = layout.width
    m.background.height = layout.height
    m.background.color = brand.primaryColor

    logo = m.config.logo
    if logo = invalid or logo = "" then logo = "pkg:/images/icon_focus_hd.png"
    m.logo.uri = logo
    place(m.logo, layout.logo)
    place(m.channelName, layout.channelName)
    m.channelName.text = CreateObject("roAppInfo").GetTitle()
    styleLabel(m.channelName, brand.headingFont, brand.textColor)

    place(m.heroPoster, layout.heroPoster)
    place(m.heroFocus, layout.heroFocus)
    m.heroFocus.color = brand.accentColor
    place(m.heroBadge, layout.heroBadge)
    m.heroBadge.color = brand.accentColor
    m.heroBadgeText.width = layout.heroBadge.w
    m.heroBadgeText.height = layout.heroBadge.h
    m.heroBadgeText.font = brand.badgeFont
    m.heroBadgeText.color = brand.textColor
    place(m.heroTitle, layout.heroTitle)
    styleLabel(m.heroTitle, brand.titleFont, brand.textColor)
    place(m.heroMeta, layout.heroMeta)
    styleLabel(m.heroMeta, brand.bodyFont, brand.dimTextColor)
    place(m.heroDescription, layout.heroDescription)
    styleLabel(m.heroDescription, brand.smallFont, brand.textColor)

    m.rowList.translation = [layout.rows.x, layout.rows.y]
    m.rowList.itemSize = [layout.rows.w, layout.rowHeight]
    m.rowList.rowItemSize = [layout.rowItem]
    m.rowList.rowItemSpacing = [layout.rowItemSpacing]
    m.rowList.itemSpacing = layout.rowSpacing
    m.rowList.rowLabelOffset = [layout.rowLabelOffset]
    m.rowList.rowLabelColor = brand.textColor
    m.rowList.rowLabelFont = brand.headingFont
    m.rowList.focusBitmapBlendColor = brand.accentColor

    place(m.message, layout.message)
    styleLabel(m.message, brand.bodyFont, brand.textColor)
    m.message.horizAlign = "center"
    m.retry.translation = [layout.retry.x, layout.retry.y]
    m.retry.minWidth = layout.retry.w
    m.retry.text = m.strings.retry
    m.retry.textFont = brand.bodyFont
    m.retry.focusedTextFont = brand.bodyFont
    place(m.loading, layout.message)
    styleLabel(m.loading, brand.bodyFont, brand.textColor)
    m.loading.horizAlign = "center"
    m.loading.text = m.strings.loading

    m.video.width = layout.width
    m.video.height = layout.height

    m.notice.translation = [layout.message.x, layout.rows.y + layout.rows.h - layoutScale(layout, 90)]
    m.noticeBand.width = layout.message.w
    m.noticeBand.height = layoutScale(layout, 90)
    m.noticeText.translation = [layoutScale(layout, 18), 0]
    m.noticeText.width = layout.message.w - layoutScale(layout, 36)
    m.noticeText.height = layoutScale(layout, 90)
    styleLabel(m.noticeText, brand.bodyFont, brand.textColor)

    m.banner.translation = [layout.banner.x, layout.banner.y]
end sub

sub place(node as Object, area as Object)
    node.translation = [area.x, area.y]
    node.width = area.w
    node.height = area.h
end sub

sub styleLabel(label as Object, font as Object, color as String)
    label.font = font
    label.color = color
    label.horizAlign = m.brand.align
end sub

' ---- Feed ---------------------------------------------------------------------------------------

sub requestFeed()
    if m.feedTask.state = "run"
        m.refetchPending = true
        return
    end if
    m.feedTask.etag = m.etag
    if m.feed = invalid then m.feedTask.etag = ""
    m.feedTask.control = "RUN"
end sub

sub onFeedStatus()
    status = m.feedTask.status
    if status = "ok"
        m.failures = 0
        m.feed = m.feedTask.feed
        m.etag = m.feedTask.etag
        showFeed(m.feedTask.content)
    else if status = "unchanged"
        m.failures = 0
        if m.feed = invalid
            m.etag = ""
            m.refetchPending = true
        end if
    else
        onFeedFailed(m.feedTask.errorCode)
    end if

    if not m.firstFeedAnswered
        m.firstFeedAnswered = true
        link = m.pendingLink
        m.pendingLink = invalid
        if link <> invalid and m.feed <> invalid then routeDeepLink(link)
        signalLaunchComplete()
    end if
    if m.refetchPending
        m.refetchPending = false
        requestFeed()
    end if
end sub

sub onFeedFailed(errorCode as String)
    if errorCode = "noStories"
        ' The channel really has nothing on air now: say so; live updates bring the stories back.
        m.feed = invalid
        m.etag = ""
        m.rows = []
        m.rowList.content = CreateObject("roSGNode", "ContentNode")
        if m.screen = "home" or m.screen = "loading" or m.screen = "message" then showMessage(m.strings.errorEmpty, true)
        return
    end if
    m.failures = m.failures + 1
    delay = 5 * m.failures
    if delay > 60 then delay = 60
    m.retryTimer.duration = delay
    m.retryTimer.control = "start"
    ' With stories on screen a failed refresh stays silent: the old rows are still good to watch.
    if m.feed <> invalid then return
    showMessage(UiErrorMessage(m.strings, errorCode) + Chr(10) + m.strings.errorHint, true)
end sub

sub showFeed(content as Object)
    oldRows = m.rows
    focused = logicalFocus()
    m.rows = m.feed.rows
    m.rowList.content = content
    updateHero()
    if m.screen = "loading" or m.screen = "message"
        showHome()
        if m.heroItem <> invalid then focusHero() else m.rowList.SetFocus(true)
        jumpRows([0, 0])
    else
        jumpRows(LayoutFocusAfterUpdate(oldRows, focused, m.rows))
    end if
    if m.screen = "details" and m.detailsItem <> invalid and findStory(m.detailsItem.id) = invalid
        closeDetails()
        showNotice(m.strings.unavailable)
    end if
end sub

' The focused [row, item] in feed order (the RowList holds right-to-left rows reversed).
function logicalFocus() as Dynamic
    focused = m.rowList.rowItemFocused
    if Type(focused) <> "roArray" or focused.Count() < 2 or m.rows.Count() = 0 then return invalid
    if focused[0] < 0 or focused[0] >= m.rows.Count() then return invalid
    if m.rtl then return [focused[0], m.rows[focused[0]].items.Count() - 1 - focused[1]]
    return focused
end function

' Focuses [row, item] given in feed order. Right-to-left rows are reversed on screen, so every row is
' first scrolled to its right end (its first story), then the wanted row is focused.
sub jumpRows(target as Object)
    if m.rows.Count() = 0 then return
    if m.rtl
        for r = m.rows.Count() - 1 to 0 step -1
            m.rowList.jumpToRowItem = [r, m.rows[r].items.Count() - 1]
        end for
        m.rowList.jumpToRowItem = [target[0], m.rows[target[0]].items.Count() - 1 - target[1]]
    else
        m.rowList.jumpToRowItem = target
    end if
end sub

sub updateHero()
    hero = m.feed.hero
    if hero = invalid
        m.heroItem = invalid
        m.hero.visible = false
        return
    end if
    item = hero.item
    m.heroItem = item
    m.hero.visible = true
    m.heroPoster.uri = item.thumbnail
    m.heroTitle.text = item.title
    m.heroMeta.text = UiMeta(m.strings, item.releaseDate, item.duration)
    m.heroDescription.text = item.description
    if hero.breaking
        m.heroBadgeText.text = m.strings.breaking
    else
        m.heroBadgeText.text = m.strings.topStory
    end if
end sub

function findStory(id as String) as Dynamic
    if m.feed = invalid then return invalid
    for each story in m.feed.stories
        if story.id = id then return story
    end for
    if m.feed.live <> invalid and m.feed.live.id = id then return m.feed.live
    return invalid
end function

' ---- Live updates -------------------------------------------------------------------------------

sub onChanges(event as Object)
    answer = event.GetData()
    if Type(answer) <> "roAssociativeArray" or Type(answer.actions) <> "roArray" then return
    for each action in answer.actions
        if action.type = "showBreaking"
            showBanner(action.headline)
        else if action.type = "hideBreaking"
            hideBanner()
        else if action.type = "removeStory"
            removeStory(action.storyId)
        else if action.type = "refetch"
            requestFeed()
        end if
    end for
end sub

' An expired or retracted story leaves the screen at once; the refetch that follows updates the rows.
sub removeStory(storyId as String)
    if m.playing <> invalid and m.playing.id = storyId
        m.videoReturn = "home"
        closeVideo(false)
        showNotice(m.strings.unavailable)
    end if
    if m.screen = "details" and m.detailsItem <> invalid and m.detailsItem.id = storyId
        closeDetails()
        showNotice(m.strings.unavailable)
    end if
end sub

sub showBanner(headline as String)
    if headline = "" then return
    m.banner.headline = headline
    m.banner.visible = true
    m.bannerTimer.control = "stop"
    m.bannerTimer.control = "start"
end sub

sub hideBanner()
    m.banner.visible = false
end sub

sub showNotice(text as String)
    m.noticeText.text = text
    m.notice.visible = true
    m.noticeTimer.control = "stop"
    m.noticeTimer.control = "start"
end sub

sub hideNotice()
    m.notice.visible = false
end sub

' ---- Deep links ---------------------------------------------------------------------------------

sub onLaunchArgs()
    handleDeepLink(DeepLinkFromArgs(m.top.launchArgs))
end sub

sub onInputArgs()
    handleDeepLink(DeepLinkFromArgs(m.top.inputArgs))
end sub

sub handleDeepLink(link as Dynamic)
    if link = invalid then return
    if not m.firstFeedAnswered
        m.pendingLink = link
        return
    end if
    routeDeepLink(link)
end sub

sub routeDeepLink(link as Object)
    route = DeepLinkRoute(link, m.feed)
    if route.action = "home"
        if m.screen = "video" then closeVideo(true)
        if m.screen = "details" then closeDetails()
        return
    end if
    if m.screen = "video" then closeVideo(true)
    if m.screen = "details" then closeDetails()
    ' Deep links play at once, from the bookmark if there is one: no resume prompt.
    m.videoReturn = "home"
    playItem(route.item, BookmarkRead(m.bookmarks, route.item.id, clockSeconds()))
end sub

' ---- Screens ------------------------------------------------------------------------------------

sub showLoading()
    m.screen = "loading"
    m.home.visible = false
    m.messageGroup.visible = false
    m.loading.visible = true
    m.loadingPulse.control = "start"
end sub

sub hideLoading()
    m.loading.visible = false
    m.loadingPulse.control = "stop"
end sub

sub showMessage(text as String, withRetry as Boolean)
    hideLoading()
    m.home.visible = false
    m.details.visible = false
    m.message.text = text
    m.messageGroup.visible = true
    m.retry.visible = withRetry
    m.screen = "message"
    if withRetry then m.retry.SetFocus(true) else m.top.SetFocus(true)
end sub

sub showHome()
    hideLoading()
    m.messageGroup.visible = false
    m.details.visible = false
    m.home.visible = true
    m.header.visible = true
    m.screen = "home"
end sub

sub focusHero()
    m.heroFocus.visible = true
    m.hero.SetFocus(true)
end sub

sub focusRows()
    m.heroFocus.visible = false
    m.rowList.SetFocus(true)
end sub

sub onRetry()
    m.retryTimer.control = "stop"
    showLoading()
    requestFeed()
end sub

sub onRowItemSelected()
    selection = m.rowList.rowItemSelected
    if Type(selection) <> "roArray" or selection[0] >= m.rows.Count() then return
    items = m.rows[selection[0]].items
    index = selection[1]
    if m.rtl then index = items.Count() - 1 - index
    if index >= 0 and index < items.Count() then openItem(items[index])
end sub

sub openItem(item as Object)
    if item.kind = "live"
        m.videoReturn = "home"
        playItem(item, 0)
        return
    end if
    m.detailsItem = item
    m.details.resumeAt = BookmarkRead(m.bookmarks, item.id, clockSeconds())
    m.details.item = item
    m.home.visible = false
    m.header.visible = false
    m.details.visible = true
    m.details.SetFocus(true)
    m.screen = "details"
end sub

sub closeDetails()
    m.detailsItem = invalid
    showHome()
    focusRows()
end sub

sub onDetailsSelected()
    choice = m.details.selected
    item = m.detailsItem
    if item = invalid then return
    m.videoReturn = "details"
    start = 0
    if choice = "resume" then start = BookmarkRead(m.bookmarks, item.id, clockSeconds())
    playItem(item, start)
end sub

' ---- Playback -----------------------------------------------------------------------------------

sub playItem(item as Object, startSeconds as Integer)
    content = CreateObject("roSGNode", "ContentNode")
    ContentFillItem(content, item)
    if startSeconds > 0 then content.PlayStart = startSeconds
    m.playing = item
    m.lastSaved = startSeconds
    m.video.content = content
    m.video.visible = true
    m.video.SetFocus(true)
    m.video.control = "play"
    m.screen = "video"
end sub

' Stops playback and goes back where the viewer came from. keepBookmark false forgets the position.
sub closeVideo(keepBookmark as Boolean)
    if m.playing = invalid then return
    if keepBookmark then saveBookmark(Int(m.video.position))
    m.video.control = "stop"
    m.video.visible = false
    m.playing = invalid
    if m.videoReturn = "details" and m.detailsItem <> invalid and findStory(m.detailsItem.id) <> invalid
        m.details.resumeAt = BookmarkRead(m.bookmarks, m.detailsItem.id, clockSeconds())
        m.details.item = m.detailsItem
        m.details.visible = true
        m.details.SetFocus(true)
        m.screen = "details"
    else if m.feed <> invalid
        showHome()
        focusRows()
    else
        showMessage(UiErrorMessage(m.strings, "network"), true)
    end if
end sub

sub saveBookmark(position as Integer)
    item = m.playing
    if item = invalid or item.kind = "live" then return
    BookmarkWrite(m.bookmarks, item.id, position, item.duration, clockSeconds())
    m.lastSaved = position
end sub

sub onVideoPosition()
    position = Int(m.video.position)
    if m.playing <> invalid and Abs(position - m.lastSaved) >= 10 then saveBookmark(position)
end sub

sub onVideoState()
    state = m.video.state
    if state = "playing"
        signalLaunchComplete()
    else if state = "finished"
        if m.playing <> invalid then saveBookmark(m.playing.duration)
        closeVideo(false)
    else if state = "error"
        closeVideo(true)
        showNotice(m.strings.playError)
    end if
end sub

' ---- Keys ---------------------------------------------------------------------------------------

function onKeyEvent(key as String, press as Boolean) as Boolean
    if not press then return false
    if m.screen = "video"
        ' The Video node handles play, pause, seek, instant replay and the * options menu itself.
        if key = "back"
            closeVideo(true)
            return true
        end if
        return false
    end if
    if m.screen = "details"
        if key = "back"
            closeDetails()
            return true
        end if
        return false
    end if
    if m.screen = "home"
        if m.hero.HasFocus()
            if key = "OK" or key = "play"
                if m.heroItem <> invalid then openItem(m.heroItem)
                return true
            end if
            if key = "down" and m.rows.Count() > 0
                focusRows()
                return true
            end if
        else if key = "up" and m.heroItem <> invalid
            ' RowList keeps "up" between its rows; it reaches here from the top row.
            focusHero()
            return true
        end if
    end if
    ' Back on home or on a message exits the app (backExitsScene).
    return false
end function

' ---- Helpers ------------------------------------------------------------------------------------

' Roku measures launch time to this beacon: the first fully drawn screen (home, the message, or a deep link's video).
sub signalLaunchComplete()
    if m.launchSignalled then return
    m.launchSignalled = true
    m.top.signalBeacon("AppLaunchComplete")
end sub

function clockSeconds() as Integer
    return CreateObject("roDateTime").AsSeconds()
end function
