using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Data.Rendering;
using static TvNews.Api.Tests.Infrastructure.LifecycleApp;

namespace TvNews.Api.Tests;

/// <summary>
/// Scale-out: two app instances on one database and one real Redis (a private redis-server), each with
/// Redis:ConnectionString, and real SignalR clients on both. Public events and render progress are pushed by every
/// instance to its own clients; RundownChanged is raised once and crosses through the backplane. Either way each
/// client hears each event exactly once, which the tests check by waiting a short while for a repeat.
/// </summary>
public sealed class BackplaneTests : IAsyncLifetime
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(1);

    private RedisServer _redis = null!;
    private LifecycleApp _a = null!;
    private LifecycleApp _b = null!;
    private readonly List<HubConnection> _hubs = [];

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string> { ["Redis:ConnectionString"] = _redis.ConnectionString };
        _a = await LifecycleApp.StartAsync(settings: settings);
        _b = await LifecycleApp.StartAsync(sharedWith: _a, settings: settings);
    }

    public async Task DisposeAsync()
    {
        foreach (var hub in _hubs) await hub.DisposeAsync();
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private async Task<HubConnection> ConnectAsync(LifecycleApp app, string? apiKey, Action<HubConnection> handlers, string subscribe)
    {
        var hub = app.App.Hub(apiKey: apiKey);
        _hubs.Add(hub);
        handlers(hub);
        await hub.StartAsync();
        await hub.InvokeAsync(subscribe, TvNewsApp.ChannelId);
        return hub;
    }

    private static async Task WaitUntilAsync(Func<bool> arrived, string what)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!arrived())
        {
            if (waited.Elapsed > Arrival) throw new TimeoutException($"{what} did not arrive within {Arrival}.");
            await Task.Delay(20);
        }
        // Long enough for a repeat through the other instance or Redis (both are loopback hops of milliseconds).
        await Task.Delay(RepeatWindow);
    }

    [Fact]
    public async Task AStoryPublishedThroughOneInstanceReachesASubscriberOfTheOtherExactlyOnce()
    {
        var heard = new ConcurrentQueue<(string Instance, string StoryId)>();
        await ConnectAsync(_a, null, h => h.On<StoryPublishedDto>("StoryPublished", e => heard.Enqueue(("A", e.StoryId))), "Subscribe");
        await ConnectAsync(_b, null, h => h.On<StoryPublishedDto>("StoryPublished", e => heard.Enqueue(("B", e.StoryId))), "Subscribe");

        // Everything through instance B's HTTP API: the draft, its schedule (which queues the render), the publish.
        var id = await _b.DraftAsync("Harbour reopens after repairs");
        using (var schedule = await _b.Client(ProducerKey).SendAsync(Request(HttpMethod.Post, $"/api/stories/{id}/schedule", new { publishAt = "2026-12-05T12:00:00Z" })))
            Assert.True(schedule.IsSuccessStatusCode, await schedule.Content.ReadAsStringAsync());
        await _b.RenderAsync(id);
        using (var publish = await _b.Client(EditorKey).SendAsync(Request(HttpMethod.Post, $"/api/stories/{id}/publish")))
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);

        var story = id.ToString("N");
        await WaitUntilAsync(() => heard.Any(e => e.Instance == "A") && heard.Any(e => e.Instance == "B"), "StoryPublished on both instances");
        Assert.Equal([("A", story)], heard.Where(e => e.Instance == "A"));
        Assert.Equal([("B", story)], heard.Where(e => e.Instance == "B"));
    }

    [Fact]
    public async Task ProducerEventsRaisedOnOneInstanceReachProducersOfBothExactlyOnce()
    {
        var heard = new ConcurrentQueue<(string Instance, string Event)>();
        foreach (var (app, name) in new[] { (_a, "A"), (_b, "B") })
        {
            await ConnectAsync(app, ProducerKey, h =>
            {
                h.On<RundownChangedDto>("RundownChanged", e => heard.Enqueue((name, $"rundown {e.Version}")));
                h.On<RenderProgressDto>("RenderProgress", e => heard.Enqueue((name, $"progress {e.JobId} {e.Stage} {e.Progress}")));
            }, "SubscribeProducer");
        }
        // Producer events are not public: a subscriber of the channel hears none of them, through Redis or not.
        await ConnectAsync(_a, null, h =>
        {
            h.On<RundownChangedDto>("RundownChanged", e => heard.Enqueue(("public", "rundown")));
            h.On<RenderProgressDto>("RenderProgress", e => heard.Enqueue(("public", "progress")));
        }, "Subscribe");

        var id = await _b.DraftAsync("Council votes on the harbour budget");
        // RundownChanged: raised once, by B, after the PUT commits; A's producer can only hear it through Redis.
        using var put = await _b.Client(EditorKey).SendAsync(Request(HttpMethod.Put, $"/api/channels/{TvNewsApp.ChannelId}/rundown",
            new { items = new[] { new { storyId = id } } }, ifMatch: "*"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var version = long.Parse(put.Headers.ETag!.Tag.Trim('"')["rundown-".Length..], System.Globalization.CultureInfo.InvariantCulture);

        // RenderProgress: one progress write (and NOTIFY) by a worker on B, heard by both instances' listeners.
        using (var schedule = await _b.Client(ProducerKey).SendAsync(Request(HttpMethod.Post, $"/api/stories/{id}/schedule", new { publishAt = "2026-12-05T12:00:00Z" })))
            Assert.True(schedule.IsSuccessStatusCode, await schedule.Content.ReadAsStringAsync());
        var queue = _b.App.Services.GetRequiredService<RenderQueue>();
        var job = await queue.ClaimAsync(TimeSpan.FromMinutes(5), _b.Clock.GetUtcNow(), CancellationToken.None, "test");
        Assert.NotNull(job);
        Assert.True(await queue.ReportProgressAsync(job, "slides", 0.5, TimeSpan.FromMinutes(5), _b.Clock.GetUtcNow(), CancellationToken.None));

        var expected = new[] { $"rundown {version}", $"progress {job.Id} slides 0.5" };
        await WaitUntilAsync(() => new[] { "A", "B" }.All(i => expected.All(x => heard.Contains((i, x)))), "RundownChanged and RenderProgress on both instances");
        foreach (var instance in new[] { "A", "B" })
            Assert.Equal(expected.Order(), heard.Where(e => e.Instance == instance).Select(e => e.Event).Order());
        Assert.DoesNotContain(heard, e => e.Instance == "public");
    }
}
