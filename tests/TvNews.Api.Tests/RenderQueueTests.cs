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
            publish: true, T0, default);
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
}
