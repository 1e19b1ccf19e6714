sub init()
    m.top.functionName = "pollChanges"
end sub

sub pollChanges()
    changesUrl = m.top.changesUrl
    if changesUrl = invalid or changesUrl = "" then changesUrl = CreateObject("roAppInfo").GetValue("CHANGES_URL")
    if changesUrl = invalid or changesUrl = "" then return

    state = ChangesInitialState()
    failures = 0
    while true
        ' wait=25 is the server's cap; the transfer waits a little longer than the server does.
        answer = HttpGet(ChangesRequestUrl(changesUrl, state.since, 25), { timeoutMs: 35000 })
        applied = ChangesApply(state, answer.code, answer.body)
        if applied.ok
            failures = 0
            state = applied.state
            if applied.actions.Count() > 0 then m.top.changes = { actions: applied.actions, since: state.since }
        else
            failures = failures + 1
            Sleep(ChangesBackoffMs(failures))
        end if
    end while
end sub
