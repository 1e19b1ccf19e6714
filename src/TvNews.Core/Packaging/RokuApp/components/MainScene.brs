sub init()
    m.header = m.top.FindNode("header")
    m.message = m.top.FindNode("message")
    m.rowList = m.top.FindNode("rowList")
    m.video = m.top.FindNode("video")

    m.header.text = CreateObject("roAppInfo").GetTitle()
    m.rowList.ObserveField("rowItemSelected", "onRowItemSelected")
    m.video.ObserveField("state", "onVideoStateChanged")
    m.feedLoaded = false

    showMessage("Loading the latest stories...")
    m.feedTask = CreateObject("roSGNode", "FeedTask")
    m.feedTask.ObserveField("status", "onFeedStatusChanged")
    m.feedTask.control = "run"
end sub

sub onFeedStatusChanged()
    status = m.feedTask.status
    if status = "empty"
        showMessage("There are no stories yet. Please check back soon.")
        return
    end if
    if status <> "ok"
        showMessage("We could not load the news right now." + Chr(10) + m.feedTask.error)
        return
    end if

    content = m.feedTask.content
    if content = invalid or content.GetChildCount() = 0
        showMessage("There are no stories yet. Please check back soon.")
        return
    end if

    m.message.visible = false
    m.rowList.content = content
    m.rowList.visible = true
    m.rowList.SetFocus(true)
    m.feedLoaded = true
    playDeepLink()
end sub

sub onRowItemSelected()
    selection = m.rowList.rowItemSelected
    row = m.rowList.content.GetChild(selection[0])
    if row = invalid then return
    item = row.GetChild(selection[1])
    if item <> invalid then playItem(item)
end sub

sub onContentIdChanged()
    if m.feedLoaded then playDeepLink()
end sub

' Plays the story named by the deep link, if any; an unknown id leaves the home screen up.
sub playDeepLink()
    contentId = m.top.contentId
    if contentId = invalid or contentId = "" then return
    content = m.rowList.content
    for r = 0 to content.GetChildCount() - 1
        row = content.GetChild(r)
        for i = 0 to row.GetChildCount() - 1
            item = row.GetChild(i)
            if LCase(item.id) = LCase(contentId)
                playItem(item)
                return
            end if
        end for
    end for
end sub

sub playItem(item as Object)
    m.video.content = item
    m.video.visible = true
    m.video.SetFocus(true)
    m.video.control = "play"
end sub

sub closeVideo()
    m.video.control = "stop"
    m.video.visible = false
    m.rowList.SetFocus(true)
end sub

sub onVideoStateChanged()
    state = m.video.state
    if state = "finished" or state = "error" then closeVideo()
end sub

sub showMessage(text as String)
    m.rowList.visible = false
    m.message.text = text
    m.message.visible = true
end sub

function onKeyEvent(key as String, press as Boolean) as Boolean
    if press and key = "back" and m.video.visible
        closeVideo()
        return true
    end if
    return false
end function
