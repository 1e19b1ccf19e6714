' What a long-poll answer of GET /channels/{id}/changes means for the app, as plain functions (no
' nodes, no network) so the interpreter tests can feed them real server answers.
'
' The answer is { channelId, lastSeq, resyncRequired, events: [ { seq, type, at, data } ] }.
' State is { since, breakingId }: since is -1 until the first answer gives the current position.

function ChangesInitialState() as Object
    return { since: -1, breakingId: "" }
end function

' The updated long-poll URL: without since (the server answers the current position at once) until the
' position is known, then since and wait.
function ChangesRequestUrl(changesUrl as String, since as Integer, waitSeconds as Integer) as String
    if since < 0 then return changesUrl
    separator = "?"
    if changesUrl.InStr("?") >= 0 then separator = "&"
    return changesUrl + separator + "since=" + since.ToStr() + "&wait=" + waitSeconds.ToStr()
end function

' Milliseconds to wait before the updated poll after failures in a row (1, 2, ...): 2 s doubling to 60 s.
function ChangesBackoffMs(failures as Integer) as Integer
    if failures <= 0 then return 0
    delay = 2000
    for i = 2 to failures
        delay = delay * 2
        if delay >= 60000 then return 60000
    end for
    return delay
end function

' Applies one HTTP answer (code, body) to state. Returns { ok, state, actions }, where actions are, in
' order: { type: "showBreaking", id, headline, storyId }, { type: "hideBreaking", id },
' { type: "removeStory", storyId } (expired or retracted: stop showing it now), and at most one
' { type: "refetch", reason } last ("position": the first answer, the feed may predate it;
' "resync": the server lost our place; "gap": seqs skipped; "events": something in the feed changed).
' An answer that is not a 200 with the expected JSON leaves state alone (ok false): the caller backs off.
function ChangesApply(state as Object, code as Integer, body as String) as Object
    result = { ok: false, state: state, actions: [] }
    if code <> 200 then return result
    answer = ParseJson(body)
    if Type(answer) <> "roAssociativeArray" then return result
    lastSeq = changesInteger(answer.lastSeq, -1)
    if lastSeq < 0 then return result

    updated = { since: state.since, breakingId: state.breakingId }
    result.ok = true
    result.state = updated
    refetch = ""

    if answer.resyncRequired = true
        updated.since = lastSeq
        result.actions.Push({ type: "refetch", reason: "resync" })
        return result
    end if
    if state.since < 0
        updated.since = lastSeq
        result.actions.Push({ type: "refetch", reason: "position" })
        return result
    end if

    events = answer.events
    if Type(events) <> "roArray" then events = []
    expected = state.since + 1
    for each event in events
        if Type(event) = "roAssociativeArray"
            seq = changesInteger(event.seq, -1)
            if seq >= expected or seq < 0
                if seq > expected and refetch = "" then refetch = "gap"
                if seq >= 0 then expected = seq + 1
                data = event.data
                if Type(data) <> "roAssociativeArray" then data = {}
                eventType = changesString(event.type)
                if eventType = "BreakingNewsStarted"
                    updated.breakingId = changesString(data.id)
                    result.actions.Push({ type: "showBreaking", id: updated.breakingId, headline: changesString(data.headline), storyId: changesString(data.storyId) })
                    if refetch = "" then refetch = "events"
                else if eventType = "BreakingNewsEnded"
                    endedId = changesString(data.id)
                    if updated.breakingId = endedId then updated.breakingId = ""
                    result.actions.Push({ type: "hideBreaking", id: endedId })
                    if refetch = "" then refetch = "events"
                else if eventType = "StoryExpired" or eventType = "StoryRetracted"
                    result.actions.Push({ type: "removeStory", storyId: changesString(data.storyId) })
                    if refetch = "" then refetch = "events"
                else if eventType = "StoryPublished" or eventType = "StoryUpdated" or eventType = "FeedUpdated"
                    if refetch = "" then refetch = "events"
                end if
            end if
        end if
    end for
    ' A position past what the events reached also means something was skipped.
    if lastSeq > expected - 1 and refetch = "" then refetch = "gap"
    if lastSeq > updated.since then updated.since = lastSeq
    if expected - 1 > updated.since then updated.since = expected - 1
    if refetch <> "" then result.actions.Push({ type: "refetch", reason: refetch })
    return result
end function

function changesInteger(value as Dynamic, fallback as Integer) as Integer
    valueType = Type(value)
    if valueType = "Integer" or valueType = "roInt" or valueType = "LongInteger" or valueType = "roLongInteger" then return value
    if valueType = "Float" or valueType = "roFloat" or valueType = "Double" or valueType = "roDouble" then return Int(value)
    return fallback
end function

function changesString(value as Dynamic) as String
    valueType = Type(value)
    if valueType = "String" or valueType = "roString" then return value
    return ""
end function
