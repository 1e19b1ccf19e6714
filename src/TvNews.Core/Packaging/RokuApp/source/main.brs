' Entry point. Launch arguments carry deep links (contentId, mediaType); deep links that
' arrive while the app runs come as roInputEvent (manifest: supports_input_launch=1).
sub Main(args as Dynamic)
    screen = CreateObject("roSGScreen")
    port = CreateObject("roMessagePort")
    screen.SetMessagePort(port)
    scene = screen.CreateScene("MainScene")
    screen.Show()

    ' AA keys are case-insensitive, which is what the deep-linking spec asks for.
    if Type(args) = "roAssociativeArray" and args.contentId <> invalid
        scene.contentId = args.contentId
    end if

    input = CreateObject("roInput")
    input.SetMessagePort(port)

    while true
        msg = Wait(0, port)
        msgType = Type(msg)
        if msgType = "roSGScreenEvent"
            if msg.IsScreenClosed() then return
        else if msgType = "roInputEvent"
            if msg.IsInput()
                info = msg.GetInfo()
                if info <> invalid and info.contentId <> invalid
                    scene.contentId = info.contentId
                end if
            end if
        end if
    end while
end sub
