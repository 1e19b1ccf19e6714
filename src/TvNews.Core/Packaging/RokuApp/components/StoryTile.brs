sub init()
    m.frame = m.top.FindNode("frame")
    m.poster = m.top.FindNode("poster")
    m.badge = m.top.FindNode("badge")
    m.badgeLabel = m.top.FindNode("badgeLabel")
    m.title = m.top.FindNode("title")
    brand = m.global.brand
    if brand <> invalid
        m.title.color = brand.textColor
        m.title.font = brand.smallFont
        m.title.horizAlign = brand.align
        m.badge.color = brand.accentColor
        m.badgeLabel.color = brand.textColor
        m.badgeLabel.font = brand.badgeFont
        m.badgeLabel.text = brand.liveLabel
    end if
end sub

sub onSizeChanged()
    width = Int(m.top.width)
    if width <= 0 then return
    posterHeight = Int(width * 9 / 16)
    m.frame.width = width
    m.frame.height = posterHeight
    m.poster.width = width
    m.poster.height = posterHeight
    m.title.width = width
    m.title.translation = [0, posterHeight + Int(width / 48)]
    m.title.height = Int(m.top.height) - posterHeight - Int(width / 48)
    m.badge.translation = [Int(width / 32), Int(width / 32)]
end sub

sub onItemContentChanged()
    item = m.top.itemContent
    if item = invalid then return
    m.poster.uri = item.HDPosterUrl
    m.title.text = item.title
    m.badge.visible = item.Live = true
end sub
