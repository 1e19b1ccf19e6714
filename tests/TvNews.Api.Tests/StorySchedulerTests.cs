using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using TvNews.Api.Tests.Infrastructure;
using static TvNews.Api.Tests.Infrastructure.LifecycleApp;

namespace TvNews.Api.Tests;

public sealed record StoryExpiredDto(string ChannelId, string StoryId, string Title, long FeedVersion);

/// <summary>
/// The scheduler on a fake clock: publishes at T (not a millisecond before), expires at the expiry, once per story even
/// with two app instances on one database. The worker runs on its own thread, so the tests poll for a few real seconds.
/// </summary>
public sealed class StorySchedulerTests : IAsyncLifetime
{
    private LifecycleApp _app = null!;

    public async Task InitializeAsync() => _app = await LifecycleApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<HttpStatusCode> ScheduleAsync(LifecycleApp app, Guid id, DateTimeOffset publishAt, DateTimeOffset? expireAt = null)
    {
        using var response = await app.Client(ProducerKey).SendAsync(Request(HttpMethod.Post, $"/api/stories/{id}/schedule",
            new { publishAt = publishAt.ToString("O"), expireAt = expireAt?.ToString("O") }));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response.StatusCode;
    }

    [Fact]
    public async Task AScheduledStoryGoesOnAirAtItsTimeAndOffAirAtItsExpiry()
    {
        var events = new ConcurrentQueue<string>();
        await using var hub = _app.App.Hub();
        hub.On<StoryPublishedDto>("StoryPublished", e => events.Enqueue($"published {e.StoryId}"));
        hub.On<StoryExpiredDto>("StoryExpired", e => events.Enqueue($"expired {e.StoryId}"));
        hub.On<FeedUpdatedDto>("FeedUpdated", e => events.Enqueue($"feed {e.FeedVersion}"));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);

        var id = await _app.DraftAsync();
        var t = Start.AddMinutes(10);
        var expiry = t.AddHours(2);
        await ScheduleAsync(_app, id, t, expiry);
        await _app.RenderAsync(id); // ready well before T

        // A millisecond before T: still waiting.
        _app.Clock.Advance(t - _app.Clock.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        await Task.Delay(300);
        Assert.Equal("scheduled", State(await _app.StoryAsync(id)));
        Assert.DoesNotContain(id.ToString("N"), (await _app.FeedAsync()).GetRawText());

        // At T the worker's timer fires: on air at T exactly on the fake clock (well inside the 1 s the issue allows).
        _app.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var onAir = await _app.WaitForStateAsync(id, "published");
        Assert.Equal(t, onAir.GetProperty("publishedAt").GetDateTimeOffset());
        Assert.Equal(0, onAir.GetProperty("schedule").GetProperty("publishLatenessMs").GetInt64());
        Assert.Contains(id.ToString("N"), (await _app.FeedAsync()).GetRawText());

        // Expiry: the same, a millisecond early changes nothing.
        _app.Clock.Advance(expiry - _app.Clock.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        await Task.Delay(300);
        Assert.Equal("published", State(await _app.StoryAsync(id)));
        _app.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var expired = await _app.WaitForStateAsync(id, "expired");
        Assert.Equal(expiry, expired.GetProperty("schedule").GetProperty("expiredAt").GetDateTimeOffset());
        Assert.DoesNotContain(id.ToString("N"), (await _app.FeedAsync()).GetRawText());

        // The hub heard both, after commit, each followed by the feed version devices then fetch.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (events.Count < 4 && waited.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50);
        var list = events.ToList();
        Assert.Equal(4, list.Count);
        Assert.Equal($"published {id:N}", list[0]);
        Assert.Equal($"expired {id:N}", list[2]);

        var actions = await _app.ScalarAsync("select count(*) from audit_log where actor_id = 'system' and action in ('story.publish', 'story.expire') and target_id = @p", id.ToString());
        Assert.Equal(2, actions);
    }

    [Fact]
    public async Task AStoryNotRenderedAtItsTimeGoesOnAirWhenTheRenderCompletesAndItsLatenessIsKept()
    {
        var id = await _app.DraftAsync();
        var t = Start.AddMinutes(1);
        await ScheduleAsync(_app, id, t);
        _app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(7));
        await Task.Delay(300);
        Assert.Equal("scheduled", State(await _app.StoryAsync(id)));

        var completion = await _app.RenderAsync(id);
        Assert.True(completion.Published?.NewlyPublished);
        var story = await _app.StoryAsync(id);
        Assert.Equal("published", State(story));
        Assert.Equal(7000, story.GetProperty("schedule").GetProperty("publishLatenessMs").GetInt64());
        Assert.Equal(1, await _app.ScalarAsync("select count(*) from audit_log where action = 'story.publish' and target_id = @p", id.ToString()));
    }

    [Fact]
    public async Task RescheduledEarlierTheWorkerWakesForTheNewTime()
    {
        var id = await _app.DraftAsync();
        await ScheduleAsync(_app, id, Start.AddHours(5));
        await _app.RenderAsync(id);
        await Task.Delay(200); // the worker now sleeps towards the poll interval or 5 h
        var etag = (await _app.StoryAsync(id)).GetProperty("etag").GetString();
        using var patch = await _app.Client(ProducerKey).SendAsync(Request(HttpMethod.Patch, $"/api/stories/{id}",
            new { publishAt = Start.AddSeconds(30).ToString("O") }, etag));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        var story = await _app.WaitForStateAsync(id, "published");
        Assert.Equal(Start.AddSeconds(30), story.GetProperty("publishedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task TwoAppInstancesOnOneDatabasePublishAndExpireEachStoryExactlyOnce()
    {
        await using var second = await LifecycleApp.StartAsync(sharedWith: _app);
        var events = new ConcurrentBag<(int Instance, string Kind, string StoryId)>();
        var hubs = new List<HubConnection>();
        foreach (var (app, n) in new[] { (_app, 1), (second, 2) })
        {
            var hub = app.App.Hub();
            hub.On<StoryPublishedDto>("StoryPublished", e => events.Add((n, "published", e.StoryId)));
            hub.On<StoryExpiredDto>("StoryExpired", e => events.Add((n, "expired", e.StoryId)));
            await hub.StartAsync();
            await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);
            hubs.Add(hub);
        }
        try
        {
            const int count = 12;
            var t = Start.AddMinutes(3);
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var id = await _app.DraftAsync($"Harbour story number {i}");
                await ScheduleAsync(i % 2 == 0 ? _app : second, id, t, t.AddMinutes(30));
                await _app.RenderAsync(id);
                ids.Add(id);
            }

            // Both clocks reach T together; both workers wake and race for the same rows.
            var feedBefore = await _app.ScalarAsync("select feed_version from channels where id = @p", TvNewsApp.ChannelId);
            _app.Clock.Advance(t - _app.Clock.GetUtcNow());
            second.Clock.Advance(t - second.Clock.GetUtcNow());
            foreach (var id in ids) await _app.WaitForStateAsync(id, "published");

            _app.Clock.Advance(TimeSpan.FromMinutes(30));
            second.Clock.Advance(TimeSpan.FromMinutes(30));
            foreach (var id in ids) await _app.WaitForStateAsync(id, "expired");

            foreach (var action in new[] { "story.publish", "story.expire" })
            {
                var perStory = await _app.ScalarAsync(
                    "select count(*) from (select target_id from audit_log where action = @p group by target_id having count(*) = 1) once", action);
                Assert.Equal(count, perStory);
                Assert.Equal(count, await _app.ScalarAsync("select count(*) from audit_log where action = @p", action));
            }
            Assert.Equal(0, await _app.ScalarAsync("select count(*) from stories where publish_lateness_ms <> 0 and state = @p", "expired"));
            // Feed bumps: at most one per story per move (one per step per channel when a step moves several).
            var bumps = await _app.ScalarAsync("select feed_version from channels where id = @p", TvNewsApp.ChannelId) - feedBefore;
            Assert.InRange(bumps, 2, 2 * count);

            // Each event is logged once (whichever instance won) and every instance's relay pushes it to its own
            // clients: each client hears every event exactly once, whichever instance it is connected to.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (events.Count < 2 * 2 * count && waited.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50);
            await Task.Delay(200);
            var all = events.ToList();
            Assert.Equal(2 * 2 * count, all.Count);
            foreach (var instance in new[] { 1, 2 })
            {
                foreach (var kind in new[] { "published", "expired" })
                    Assert.Equal(ids.Select(i => i.ToString("N")).Order(), all.Where(e => e.Instance == instance && e.Kind == kind).Select(e => e.StoryId).Order());
            }
        }
        finally
        {
            foreach (var hub in hubs) await hub.DisposeAsync();
        }
    }
}
