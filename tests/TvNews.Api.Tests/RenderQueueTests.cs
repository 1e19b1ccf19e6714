using Npgsql;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Core.Articles;
using TvNews.Core.Slides;
using TvNews.Data;
using TvNews.Data.Rendering;
using TvNews.Data.Stories;

namespace TvNews.Api.Tests;

/// <summary>The durable queue's guarantees, against real PostgreSQL (no server, no ffmpeg).</summary>
public sealed class RenderQueueTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private NpgsqlDataSource _source = null!;
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _source = NpgsqlDataSource.Create(_db.ConnectionString);
        await Database.MigrateAsync(_source, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, default);
        await using var c = await _source.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("""
            insert into channels (id, name, language, manifest, feed_version, feed_updated_at, loaded_at)
            values ('c1', 'C1', 'en', '{}', 0, now(), now())
            """, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<Guid> QueueStoryAsync(string headline)
    {
        var article = new Article { Headline = headline, Paragraphs = ["Body."], Quotes = [], Language = "en" };
        var plan = new SlidePlan([new Slide(SlideKind.Title, headline, null, null, 4)]);
        var outcome = await new StoryStore(_source).IngestAsync("c1", "headline:" + headline, "h-" + headline, article, _ => (plan, "p-" + headline),
            publish: true, actor: null, T0, default);
        Assert.True(outcome.RenderQueued);
        return outcome.StoryId;
    }

    [Fact]
    public async Task ConcurrentWorkersNeverClaimTheSameJob()
    {
        for (var i = 0; i < 6; i++) await QueueStoryAsync("story " + i);
        var queue = new RenderQueue(_source);
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => queue.ClaimAsync(TimeSpan.FromMinutes(1), T0, default)));
        var claimed = claims.OfType<RenderJob>().ToList();
        Assert.Equal(6, claimed.Count);
        Assert.Equal(6, claimed.Select(j => j.Id).Distinct().Count());
    }

    [Fact]
    public async Task AJobWhoseLeaseExpiredIsClaimedAgain()
    {
        await QueueStoryAsync("crashy");
        var queue = new RenderQueue(_source);
        var first = await queue.ClaimAsync(TimeSpan.FromMinutes(1), T0, default);
        Assert.NotNull(first);
        Assert.Null(await queue.ClaimAsync(TimeSpan.FromMinutes(1), T0.AddSeconds(59), default));
        var again = await queue.ClaimAsync(TimeSpan.FromMinutes(1), T0.AddSeconds(61), default);
        Assert.Equal(first.Id, again?.Id);
        Assert.Equal(2, again!.Attempts);
    }

    [Fact]
    public async Task AFailedJobIsRetriedWithBackoffThenGivenUp()
    {
        var storyId = await QueueStoryAsync("failing");
        var queue = new RenderQueue(_source);
        var now = T0;
        for (var attempt = 1; attempt <= RenderRetry.Default.MaxAttempts; attempt++)
        {
            var job = await queue.ClaimAsync(TimeSpan.FromMinutes(1), now, default);
            Assert.NotNull(job);
            Assert.Equal(attempt, job.Attempts);
            await queue.FailAsync(job, "boom", now, RenderRetry.Default, default);
            Assert.Null(await queue.ClaimAsync(TimeSpan.FromMinutes(1), now, default)); // backoff: not due yet
            now = now.AddMinutes(10);
        }
        Assert.Null(await queue.ClaimAsync(TimeSpan.FromMinutes(1), now, default));
        var story = await new StoryStore(_source).GetAsync(storyId, default);
        Assert.Equal("failed", story!.RenderState);
    }

    [Fact]
    public async Task CompletingPublishesTheStoryAndBumpsTheFeedVersionOnce()
    {
        var storyId = await QueueStoryAsync("good");
        var queue = new RenderQueue(_source);
        var job = (await queue.ClaimAsync(TimeSpan.FromMinutes(1), T0, default))!;
        var media = new TvNews.Core.Feeds.StoryMedia("a.mp4", "m.m3u8", "t.jpg", "c.srt", "c.vtt", 1000, 1080, []);
        var completion = await queue.CompleteAsync(job, media, T0.AddSeconds(5), default);
        Assert.True(completion.Held);
        var outcome = completion.Published;
        Assert.NotNull(outcome);
        Assert.True(outcome.NewlyPublished);
        Assert.Equal(1, outcome.FeedVersion);
        var story = await new StoryStore(_source).GetAsync(storyId, default);
        Assert.Equal("published", story!.State);
        Assert.Equal(T0.AddSeconds(5), story.PublishedAt);
    }

    [Fact]
    public async Task AProgressWriteRenewsTheLeaseAndIsAnnouncedOnTheProgressChannel()
    {
        var storyId = await QueueStoryAsync("long render");
        var queue = new RenderQueue(_source);
        var lease = TimeSpan.FromMinutes(1);
        var job = (await queue.ClaimAsync(lease, T0, default, "worker-a"))!;
        Assert.Equal("worker-a", job.WorkerId);

        await using var listener = await _source.OpenConnectionAsync();
        var notices = new List<string>();
        listener.Notification += (_, e) => notices.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"listen {RenderQueue.ProgressChannel}", listener)) await listen.ExecuteNonQueryAsync();

        Assert.True(await queue.ReportProgressAsync(job, "slides", 0.25, lease, T0.AddSeconds(50), default));
        // Without the renewal the lease would have run out at T0 + 60 s.
        Assert.Null(await queue.ClaimAsync(lease, T0.AddSeconds(100), default, "worker-b"));
        Assert.True(await queue.RenewLeaseAsync(job, lease, T0.AddSeconds(100), default));
        Assert.Null(await queue.ClaimAsync(lease, T0.AddSeconds(150), default, "worker-b"));

        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5)));
        var notice = RenderQueue.ReadProgressNotice(Assert.Single(notices));
        Assert.Equal(new RenderProgressNotice(job.Id, storyId, "c1", "slides", 0.25), notice);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(notices[0]), 1, 7999);
    }

    [Fact]
    public async Task AnAttemptWhoseLeaseWasTakenOverCanNeitherReportRenewCompleteNorFail()
    {
        var storyId = await QueueStoryAsync("stalled");
        var queue = new RenderQueue(_source);
        var lease = TimeSpan.FromMinutes(1);
        var stale = (await queue.ClaimAsync(lease, T0, default, "worker-a"))!;
        var current = (await queue.ClaimAsync(lease, T0.AddSeconds(61), default, "worker-b"))!;
        Assert.Equal(stale.Id, current.Id);
        Assert.Equal(2, current.Attempts);

        await using var listener = await _source.OpenConnectionAsync();
        await using (var listen = new NpgsqlCommand($"listen {RenderQueue.ProgressChannel}", listener)) await listen.ExecuteNonQueryAsync();

        Assert.False(await queue.ReportProgressAsync(stale, "encoding", 0.9, lease, T0.AddSeconds(62), default));
        Assert.False(await queue.RenewLeaseAsync(stale, lease, T0.AddSeconds(62), default));
        var media = new TvNews.Core.Feeds.StoryMedia("a.mp4", "m.m3u8", "t.jpg", "c.srt", "c.vtt", 1000, 1080, []);
        Assert.False((await queue.CompleteAsync(stale, media, T0.AddSeconds(63), default)).Held);
        await queue.FailAsync(stale, "stale attempt", T0.AddSeconds(63), RenderRetry.Default, default);
        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(300)), "a stale attempt announced progress");

        var status = (await queue.GetAsync(stale.Id, default))!;
        Assert.Equal(("running", 2, "worker-b", 0f, (string?)null), (status.State, status.Attempts, status.WorkerId, status.Progress, status.LastError));
        Assert.Equal("rendering", (await new StoryStore(_source).GetAsync(storyId, default))!.RenderState);

        // The claim that holds it still can.
        Assert.True(await queue.RenewLeaseAsync(current, lease, T0.AddSeconds(64), default));
        Assert.True((await queue.CompleteAsync(current, media, T0.AddSeconds(65), default)).Held);
        Assert.Equal("done", (await queue.GetAsync(stale.Id, default))!.State);
    }
}
