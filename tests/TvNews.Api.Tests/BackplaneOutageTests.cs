using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.SignalR.Client;
using TvNews.Api.Tests.Infrastructure;
using static TvNews.Api.Tests.Infrastructure.LifecycleApp;

namespace TvNews.Api.Tests;

/// <summary>
/// Redis is configured but not there (down, or not up yet): the instance must still serve its own clients. Public
/// events never travel through Redis (see LiveGroups), so a viewer on this instance must hear them as before.
/// </summary>
public sealed class BackplaneOutageTests : IAsyncLifetime
{
    private LifecycleApp _app = null!;
    private HubConnection? _hub;

    public async Task InitializeAsync()
    {
        // A loopback port that nothing listens on: bound, read and released.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _app = await LifecycleApp.StartAsync(settings: new Dictionary<string, string>
        {
            ["Redis:ConnectionString"] = $"127.0.0.1:{port},connectTimeout=500",
        });
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AViewerStillConnectsAndHearsPublicEventsWhileRedisIsDown()
    {
        var heard = new ConcurrentQueue<string>();
        _hub = _app.App.Hub();
        _hub.On<StoryPublishedDto>("StoryPublished", e => heard.Enqueue(e.StoryId));
        await _hub.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await _hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId).WaitAsync(TimeSpan.FromSeconds(20));

        var id = await _app.DraftAsync("Ferry timetable restored");
        using (var schedule = await _app.Client(ProducerKey).SendAsync(Request(HttpMethod.Post, $"/api/stories/{id}/schedule", new { publishAt = "2026-12-05T12:00:00Z" })))
            Assert.True(schedule.IsSuccessStatusCode, await schedule.Content.ReadAsStringAsync());
        await _app.RenderAsync(id);
        using (var publish = await _app.Client(EditorKey).SendAsync(Request(HttpMethod.Post, $"/api/stories/{id}/publish")))
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);

        await WaitForAsync(() => heard.Contains(id.ToString("N")));
        Assert.Contains(id.ToString("N"), heard);
    }

    [Fact]
    public async Task AProducerHearsRundownChangesOfThisInstanceWhileRedisIsDown()
    {
        // RundownChanged normally crosses instances through Redis; without it, this instance's producers still hear it.
        var versions = new ConcurrentQueue<long>();
        _hub = _app.App.Hub(apiKey: ProducerKey);
        _hub.On<RundownChangedDto>("RundownChanged", e => versions.Enqueue(e.Version));
        await _hub.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await _hub.InvokeAsync("SubscribeProducer", TvNewsApp.ChannelId).WaitAsync(TimeSpan.FromSeconds(20));

        var id = await _app.DraftAsync("Council votes on the harbour budget");
        using var put = await _app.Client(EditorKey).SendAsync(Request(HttpMethod.Put, $"/api/channels/{TvNewsApp.ChannelId}/rundown",
            new { items = new[] { new { storyId = id } } }, ifMatch: "*"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await WaitForAsync(() => !versions.IsEmpty);
        Assert.Single(versions);
    }

    private static async Task WaitForAsync(Func<bool> arrived)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!arrived() && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
    }
}
