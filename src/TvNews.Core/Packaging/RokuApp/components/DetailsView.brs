sub init()
    m.poster = m.top.FindNode("poster")
    m.title = m.top.FindNode("title")
    m.meta = m.top.FindNode("meta")
    m.description = m.top.FindNode("description")
    m.buttons = m.top.FindNode("buttons")
    m.actions = []
    m.buttons.ObserveField("buttonSelected", "onButtonSelected")
    m.top.ObserveField("focusedChild", "onFocusedChild")
    if m.global.brand <> invalid then applyBrand()
end sub

sub applyBrand()
    brand = m.global.brand
    if brand = invalid then return
    layout = brand.layout
    place(m.poster, layout.detailsPoster)
    place(m.title, layout.detailsTitle)
    place(m.meta, layout.detailsMeta)
    place(m.description, layout.detailsDescription)
    m.buttons.translation = [layout.detailsButtons.x, layout.detailsButtons.y]
    m.buttons.minWidth = layout.buttonWidth
    m.buttons.maxWidth = layout.buttonWidth
    if layout.rtl then m.buttons.translation = [layout.detailsButtons.x + layout.detailsButtons.w - layout.buttonWidth, layout.detailsButtons.y]
    for each label in [m.title, m.meta, m.description]
        label.color = brand.textColor
        label.horizAlign = brand.align
    end for
    m.meta.color = brand.dimTextColor
    m.title.font = brand.titleFont
    m.meta.font = brand.bodyFont
    m.description.font = brand.bodyFont
    m.buttons.textFont = brand.bodyFont
    m.buttons.focusedTextFont = brand.bodyFont
end sub

sub place(node as Object, area as Object)
    node.translation = [area.x, area.y]
    node.width = area.w
    node.height = area.h
end sub

sub onItemChanged()
    item = m.top.item
    if item = invalid or item.id = invalid then return
    brand = m.global.brand
    strings = brand.strings
    m.poster.uri = item.thumbnail
    m.title.text = item.title
    m.meta.text = UiMeta(strings, item.releaseDate, item.duration)
    m.description.text = item.longDescription
    if m.top.resumeAt > 0
        m.actions = ["resume", "startOver"]
        m.buttons.buttons = [strings.resume.Replace("{time}", UiDuration(m.top.resumeAt)), strings.startOver]
    else
        m.actions = ["play"]
        m.buttons.buttons = [strings.play]
    end if
end sub

sub onFocusedChild()
    ' Focus given to the view goes to its first button.
    if m.top.HasFocus() then m.buttons.SetFocus(true)
end sub

sub onButtonSelected()
    index = m.buttons.buttonSelected
    if index >= 0 and index < m.actions.Count() then m.top.selected = m.actions[index]
end sub
