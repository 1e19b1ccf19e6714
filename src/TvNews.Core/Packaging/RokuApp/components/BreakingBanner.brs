sub init()
    m.band = m.top.FindNode("band")
    m.label = m.top.FindNode("label")
    m.labelText = m.top.FindNode("labelText")
    m.text = m.top.FindNode("text")
    if m.global.brand <> invalid then applyBrand()
end sub

sub applyBrand()
    brand = m.global.brand
    if brand = invalid then return
    layout = brand.layout
    ' The banner group sits at the banner's origin; its parts are placed relative to it.
    m.band.width = layout.banner.w
    m.band.height = layout.banner.h
    m.label.translation = [layout.bannerLabel.x - layout.banner.x, layout.bannerLabel.y - layout.banner.y]
    m.label.width = layout.bannerLabel.w
    m.label.height = layout.bannerLabel.h
    m.label.color = brand.accentColor
    m.labelText.width = layout.bannerLabel.w
    m.labelText.height = layout.bannerLabel.h
    m.labelText.color = brand.textColor
    m.labelText.font = brand.headingFont
    m.labelText.text = brand.breakingLabel
    m.text.translation = [layout.bannerText.x - layout.banner.x, layout.bannerText.y - layout.banner.y]
    m.text.width = layout.bannerText.w
    m.text.height = layout.bannerText.h
    m.text.color = brand.textColor
    m.text.font = brand.headingFont
    m.text.horizAlign = brand.align
end sub

sub onHeadlineChanged()
    m.text.text = m.top.headline
end sub
