sub init()
    m.poster = m.top.FindNode("poster")
    m.title = m.top.FindNode("title")
end sub

sub onItemContentChanged()
    item = m.top.itemContent
    if item = invalid then return
    m.poster.uri = item.HDPosterUrl
    m.title.text = item.title
end sub
