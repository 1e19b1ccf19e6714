' Resume positions per story id in the device registry (roRegistrySection), as Roku's bookmarking
' guide describes: read at play, written while playing and at stop. Each value is
' "position|duration|savedAt" (whole seconds; savedAt since 1970). Entries live 90 days (Roku asks
' for at least 30) and at most BookmarkMaxEntries of them are kept, the oldest dropped first, so the
' app's small registry never fills up. The section is a parameter so tests can pass their own.

function BookmarkSectionName() as String
    return "TvNewsBookmarks"
end function

function BookmarkMaxEntries() as Integer
    return 100
end function

function BookmarkMaxAgeSeconds() as Integer
    return 90 * 24 * 3600
end function

' Where to start playing: the saved position, or 0 when there is none, it is too old, or it is not usable.
function BookmarkRead(section as Object, storyId as String, nowSeconds as Integer) as Integer
    if storyId = "" or not section.Exists(storyId) then return 0
    entry = bookmarkDecode(section.Read(storyId))
    if entry = invalid then return 0
    if nowSeconds > 0 and entry.savedAt > 0 and nowSeconds - entry.savedAt > BookmarkMaxAgeSeconds() then return 0
    if not BookmarkWorthKeeping(entry.position, entry.duration) then return 0
    return entry.position
end function

' A position is worth resuming from when the viewer is past the first 10 seconds and not within
' the last 10 (or the last 5 % of a long video): near the end the story counts as watched.
function BookmarkWorthKeeping(position as Integer, duration as Integer) as Boolean
    if position < 10 then return false
    if duration <= 0 then return true
    tail = 10
    if duration * 5 / 100 > tail then tail = Int(duration * 5 / 100)
    return position < duration - tail
end function

' Saves (or, when the position is not worth keeping, removes) the bookmark, then prunes and flushes.
' Returns true when a bookmark is stored afterwards.
function BookmarkWrite(section as Object, storyId as String, position as Integer, duration as Integer, nowSeconds as Integer) as Boolean
    if storyId = "" then return false
    stored = BookmarkWorthKeeping(position, duration)
    if stored
        section.Write(storyId, position.ToStr() + "|" + duration.ToStr() + "|" + nowSeconds.ToStr())
    else if section.Exists(storyId)
        section.Delete(storyId)
    end if
    BookmarkPrune(section, nowSeconds)
    section.Flush()
    return stored
end function

' Drops unreadable and expired entries, then the oldest beyond BookmarkMaxEntries. Returns how many it removed.
function BookmarkPrune(section as Object, nowSeconds as Integer) as Integer
    removed = 0
    kept = []
    for each key in section.GetKeyList()
        entry = bookmarkDecode(section.Read(key))
        if entry = invalid or (nowSeconds > 0 and entry.savedAt > 0 and nowSeconds - entry.savedAt > BookmarkMaxAgeSeconds())
            section.Delete(key)
            removed = removed + 1
        else
            kept.Push({ key: key, savedAt: entry.savedAt })
        end if
    end for
    while kept.Count() > BookmarkMaxEntries()
        oldest = 0
        for i = 1 to kept.Count() - 1
            if kept[i].savedAt < kept[oldest].savedAt then oldest = i
        end for
        section.Delete(kept[oldest].key)
        kept.Delete(oldest)
        removed = removed + 1
    end while
    return removed
end function

function bookmarkDecode(value as Dynamic) as Dynamic
    if Type(value) <> "String" and Type(value) <> "roString" then return invalid
    parts = value.Split("|")
    if parts.Count() <> 3 then return invalid
    for each part in parts
        if part = "" or not bookmarkIsDigits(part) then return invalid
    end for
    return { position: parts[0].ToInt(), duration: parts[1].ToInt(), savedAt: parts[2].ToInt() }
end function

function bookmarkIsDigits(text as String) as Boolean
    for i = 0 to Len(text) - 1
        c = text.Mid(i, 1)
        if c < "0" or c > "9" then return false
    end for
    return true
end function
