' One HTTP GET with roUrlTransfer, waited on with a timeout. Task threads only: SceneGraph does not
' allow roUrlTransfer on the render thread, and a long-poll must never block the UI.
'
' options: { timeoutMs, etag (sent as If-None-Match), maxChars (a longer body is refused) }.
' Returns { ok, code, body, etag, notModified, error }, error one of "" , "timeout", "network"
' (no HTTP answer), "http" (a status other than 200/304), "tooLarge".
function HttpGet(url as String, options as Object) as Object
    result = { ok: false, code: 0, body: "", etag: "", notModified: false, error: "" }
    timeoutMs = 30000
    if options.timeoutMs <> invalid then timeoutMs = options.timeoutMs

    port = CreateObject("roMessagePort")
    transfer = CreateObject("roUrlTransfer")
    transfer.SetMessagePort(port)
    transfer.SetUrl(url)
    if LCase(url).StartsWith("https:")
        transfer.SetCertificatesFile("common:/certs/ca-bundle.crt")
        transfer.InitClientCertificates()
    end if
    transfer.EnableEncodings(true)
    transfer.RetainBodyOnError(true)
    transfer.AddHeader("Accept", "application/json")
    if options.etag <> invalid and options.etag <> "" then transfer.AddHeader("If-None-Match", options.etag)

    if not transfer.AsyncGetToString()
        result.error = "network"
        return result
    end if
    msg = Wait(timeoutMs, port)
    if Type(msg) <> "roUrlEvent"
        transfer.AsyncCancel()
        result.error = "timeout"
        return result
    end if

    result.code = msg.GetResponseCode()
    headers = msg.GetResponseHeaders()
    if Type(headers) = "roAssociativeArray" and headers.etag <> invalid then result.etag = headers.etag
    if result.code = 304
        result.ok = true
        result.notModified = true
        return result
    end if
    if result.code <> 200
        if result.code > 0 then result.error = "http" else result.error = "network"
        return result
    end if
    body = msg.GetString()
    if options.maxChars <> invalid and Len(body) >= options.maxChars
        result.error = "tooLarge"
        return result
    end if
    result.body = body
    result.ok = true
    return result
end function
