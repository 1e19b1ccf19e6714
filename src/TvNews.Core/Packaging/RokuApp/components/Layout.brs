' Screen geometry for FHD (1920x1080) and HD (1280x720). The manifest lists ui_resolutions=fhd,hd,
' so the OS does not scale the UI: the scene is laid out for the resolution it reports. Every number
' is designed at FHD on multiples of 3 and scaled by 2/3 for HD, so HD values stay whole. Text sits
' inside Roku's title-safe zone (FHD 1534x866 at 192,106; HD 1022x578 at 128,70). Right-to-left
' channels mirror every box about the screen's vertical centre line and right-align text.
'
' Boxes are { x, y, w, h }; the result also carries width, height, scale, rtl, align ("left" or
' "right") and font sizes.

function LayoutFor(width as Integer, height as Integer, rtl as Boolean) as Object
    scale = 1.0
    if width < 1900 then scale = 2.0 / 3.0
    layout = { width: width, height: height, scale: scale, rtl: rtl, align: "left" }
    if rtl then layout.align = "right"

    ' FHD design: content column inside title safe.
    left = 195
    top = 108
    columnWidth = 1530
    ' Roku's title-safe zone as published for each resolution (HD's is not FHD's scaled exactly).
    layout.safe = { x: 192, y: 106, w: 1534, h: 866 }
    if scale <> 1.0 then layout.safe = { x: 128, y: 70, w: 1022, h: 578 }
    layout.header = layoutBox(layout, left, top, columnWidth, 72, true)
    layout.logo = layoutBox(layout, left, top, 240, 72, true)
    layout.channelName = layoutBox(layout, left + 264, top, columnWidth - 264, 72, true)

    heroTop = 201
    layout.heroPoster = layoutBox(layout, left, heroTop, 480, 270, true)
    layout.heroFocus = layoutBox(layout, left - 9, heroTop - 9, 498, 288, true)
    textLeft = left + 480 + 36
    textWidth = columnWidth - 480 - 36
    layout.heroBadge = layoutBox(layout, textLeft, heroTop, 240, 42, true)
    layout.heroTitle = layoutBox(layout, textLeft, heroTop + 51, textWidth, 117, true)
    layout.heroMeta = layoutBox(layout, textLeft, heroTop + 174, textWidth, 36, true)
    layout.heroDescription = layoutBox(layout, textLeft, heroTop + 213, textWidth, 57, true)

    ' Rows: the focused row's tiles sit in title safe; the row below peeks in under it.
    layout.rows = layoutBox(layout, left, 510, columnWidth, 462, true)
    layout.rowItem = layoutSize(layout, 288, 222)
    layout.rowPoster = layoutSize(layout, 288, 162)
    layout.rowTitle = layoutBox(layout, 0, 168, 288, 54, false)
    layout.rowItemSpacing = layoutSize(layout, 27, 0)
    layout.rowSpacing = layoutSize(layout, 0, 36)
    layout.rowHeight = layoutScale(layout, 282)
    layout.rowLabelOffset = layoutSize(layout, 0, 12)

    ' Details: poster on one side, text on the other, buttons under the text.
    layout.detailsPoster = layoutBox(layout, left, 201, 768, 432, true)
    detailsTextLeft = left + 768 + 48
    detailsTextWidth = columnWidth - 768 - 48
    layout.detailsTitle = layoutBox(layout, detailsTextLeft, 201, detailsTextWidth, 171, true)
    layout.detailsMeta = layoutBox(layout, detailsTextLeft, 381, detailsTextWidth, 36, true)
    layout.detailsDescription = layoutBox(layout, detailsTextLeft, 426, detailsTextWidth, 297, true)
    layout.detailsButtons = layoutBox(layout, detailsTextLeft, 741, detailsTextWidth, 207, true)
    layout.buttonWidth = layoutScale(layout, 504)

    ' Messages and the retry button, centred.
    layout.message = layoutBox(layout, left, 432, columnWidth, 144, false)
    layout.retry = layoutBox(layout, 750, 603, 420, 72, false)
    layout.spinner = layoutBox(layout, 912, 336, 96, 96, false)

    ' The breaking banner spans action safe over anything, video included.
    layout.banner = layoutBox(layout, 96, 108, 1725, 120, false)
    layout.bannerLabel = layoutBox(layout, 123, 123, 258, 90, true)
    layout.bannerText = layoutBox(layout, 408, 123, 1386, 90, true)

    layout.fontTitle = layoutScale(layout, 54)
    layout.fontHeading = layoutScale(layout, 42)
    layout.fontBody = layoutScale(layout, 30)
    layout.fontSmall = layoutScale(layout, 27)
    layout.fontBadge = layoutScale(layout, 27)
    return layout
end function

' A box from FHD numbers: scaled, and (mirror true) flipped about the centre line for RTL. Boxes
' that are centred or span the screen pass mirror false. Relative boxes (inside a tile) use x = 0.
function layoutBox(layout as Object, x as Integer, y as Integer, w as Integer, h as Integer, mirror as Boolean) as Object
    if mirror and layout.rtl then x = 1920 - x - w
    return { x: layoutScale(layout, x), y: layoutScale(layout, y), w: layoutScale(layout, w), h: layoutScale(layout, h) }
end function

function layoutSize(layout as Object, w as Integer, h as Integer) as Object
    return [layoutScale(layout, w), layoutScale(layout, h)]
end function

function layoutScale(layout as Object, value as Integer) as Integer
    if layout.scale = 1.0 then return value
    return Int(value * 2 / 3 + 0.5)
end function

' The [row, item] the home rows should focus after their content was replaced, so a feed refresh
' does not throw the viewer back to the first tile: the same item (by id) where it now is, else the
' same row position clamped to what exists. oldRows and newRows are ParseRokuFeed rows; focused is
' the [row, item] focused before.
function LayoutFocusAfterUpdate(oldRows as Object, focused as Dynamic, newRows as Object) as Object
    if newRows.Count() = 0 then return [0, 0]
    if Type(focused) <> "roArray" or focused.Count() < 2 then return [0, 0]
    rowIndex = focused[0]
    itemIndex = focused[1]
    wantedId = ""
    if rowIndex >= 0 and rowIndex < oldRows.Count()
        oldItems = oldRows[rowIndex].items
        if itemIndex >= 0 and itemIndex < oldItems.Count() then wantedId = oldItems[itemIndex].id
    end if
    if wantedId <> ""
        ' Prefer the same row (by kind and title), then any row.
        for pass = 0 to 1
            for r = 0 to newRows.Count() - 1
                sameRow = rowIndex < oldRows.Count() and newRows[r].kind = oldRows[rowIndex].kind and newRows[r].title = oldRows[rowIndex].title
                if pass = 1 or sameRow
                    items = newRows[r].items
                    for i = 0 to items.Count() - 1
                        if items[i].id = wantedId then return [r, i]
                    end for
                end if
            end for
        end for
    end if
    if rowIndex >= newRows.Count() then rowIndex = newRows.Count() - 1
    if rowIndex < 0 then rowIndex = 0
    count = newRows[rowIndex].items.Count()
    if itemIndex >= count then itemIndex = count - 1
    if itemIndex < 0 then itemIndex = 0
    return [rowIndex, itemIndex]
end function

' "#RRGGBB" (the channel manifest's colors) as a SceneGraph color "0xRRGGBBFF"; fallback when the
' text is not a color.
function LayoutColor(hex as Dynamic, fallback as String) as String
    if Type(hex) <> "String" and Type(hex) <> "roString" then return fallback
    if Len(hex) <> 7 or hex.Left(1) <> "#" then return fallback
    digits = UCase(hex.Mid(1))
    for i = 0 to 5
        c = digits.Mid(i, 1)
        if not ((c >= "0" and c <= "9") or (c >= "A" and c <= "F")) then return fallback
    end for
    return "0x" + digits + "FF"
end function
