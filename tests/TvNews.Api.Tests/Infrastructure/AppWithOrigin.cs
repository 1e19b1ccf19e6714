namespace TvNews.Api.Tests.Infrastructure;

/// <summary>A fresh app and a real origin web server per test, for tests that fetch pages and pictures over sockets.</summary>
public abstract class AppWithOrigin : IAsyncLifetime
{
    protected TvNewsApp App { get; private set; } = null!;

    protected OriginServer Origin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TvNewsApp.StartAsync();
        Origin = await OriginServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Origin.DisposeAsync();
        await App.DisposeAsync();
    }
}
