' Entry point. Launch arguments carry deep links (contentId, mediaType); deep links that arrive while
' the app runs come as roInputEvent (manifest: supports_input_launch=1). Both are handed to the
' scene, which routes them (DeepLink.brs) once the feed has loaded.
sub Main(args as Dynamic)
    screen = CreateObject("roSGScreen")
    port = CreateObject("roMessagePort")
    screen.SetMessagePort(port)
    scene = screen.CreateScene("MainScene")
    screen.Show()

    input = CreateObject("roInput")
    input.SetMessagePort(port)

    if Type(args) = "roAssociativeArray" then scene.launchArgs = args

    while true
        msg = Wait(0, port)
        msgType = Type(msg)
        if msgType = "roSGScreenEvent"
            if msg.IsScreenClosed() then return
        else if msgType = "roInputEvent"
            if msg.IsInput()
                info = msg.GetInfo()
                if Type(info) = "roAssociativeArray" then scene.inputArgs = info
            end if
        end if
    end while
end sub
