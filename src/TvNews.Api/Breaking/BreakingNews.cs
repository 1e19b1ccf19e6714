using System.Globalization;
using TvNews.Api.Channels;
using TvNews.Api.Live;
using TvNews.Api.Rendering;
using TvNews.Core.Articles;
using TvNews.Core.Rundowns;
using TvNews.Core.Slides;
using TvNews.Data.Audit;
using TvNews.Data.Breaking;

namespace TvNews.Api.Breaking;

public sealed class BreakingOptions
{
    public const string SectionName = "Breaking";

    /// <summary>Run the expiry worker in this process.</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often the worker looks for breaking news whose time is up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long breaking news stays on top when the editor does not say.</summary>
    public TimeSpan DefaultDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Length of the breaking-news card's video.</summary>
    public double CardSeconds { get; set; } = 5;
}

/// <summary>
/// Starts and ends breaking news: the store does it in one transaction each (public events in the event log with
/// it, pushed by the relay), this pushes the producers' RundownChanged after commit
/// and wakes the render worker for the card.
/// </summary>
public sealed class BreakingNews(BreakingNewsStore store, LiveEvents live, RenderSignal signal,
    Microsoft.Extensions.Options.IOptions<BreakingOptions> options, TimeProvider clock, ILogger<BreakingNews> logger)
{
    public const string CardLabel = "BREAKING NEWS";

    public TimeSpan DefaultDuration => options.Value.DefaultDuration;

    public async Task<BreakingStart> StartAsync(Channel channel, string headline, Guid? storyId, TimeSpan duration, AuditActor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var outcome = await store.StartAsync(channel.Manifest.Id, headline, storyId, duration, () => Card(channel, headline, now), actor, now, ct);
        if (outcome is not BreakingStart.Started started) return outcome;
        if (started.RenderQueued) signal.Wake();
        var item = started.Item;
        logger.LogInformation("Breaking news {BreakingId} on channel {ChannelId} until {ExpiresAt}: {Headline}", item.Id, item.ChannelId, item.ExpiresAt, item.Headline);
        await live.RundownChangedAsync(item.ChannelId, started.RundownVersion);
        return outcome;
    }

    /// <summary>Ends an item (once: a second call, from any process, finds nothing and pushes nothing).</summary>
    public async Task<BreakingEnd?> EndAsync(Guid id, string reason, AuditActor actor, CancellationToken ct) =>
        await AnnounceAsync(await store.EndAsync(id, reason, actor, clock.GetUtcNow(), ct));

    public async Task<BreakingEnd?> EndActiveAsync(string channelId, AuditActor actor, CancellationToken ct) =>
        await AnnounceAsync(await store.EndActiveAsync(channelId, "ended", actor, clock.GetUtcNow(), ct));

    private async Task<BreakingEnd?> AnnounceAsync(BreakingEnd? ended)
    {
        if (ended is null) return null;
        var item = ended.Item;
        logger.LogInformation("Breaking news {BreakingId} on channel {ChannelId} ended ({Reason})", item.Id, item.ChannelId, item.EndReason);
        await live.RundownChangedAsync(item.ChannelId, ended.RundownVersion);
        return ended;
    }

    /// <summary>One title slide: the headline under a "BREAKING NEWS" kicker, the channel's branding, a fixed few seconds.</summary>
    private BreakingCard Card(Channel channel, string headline, DateTimeOffset now)
    {
        var manifest = channel.Manifest;
        var airTime = RundownTimes.InZone(now, manifest.TimeZone).ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);
        var slide = new Slide(SlideKind.Title, headline, CardLabel, airTime, options.Value.CardSeconds) { DurationFixed = true };
        var plan = new SlidePlan([slide]);
        var article = new Article
        {
            Headline = headline,
            Category = "breaking",
            Language = manifest.Language,
            Paragraphs = [],
            Quotes = [],
        };
        return new BreakingCard(article, plan, Articles.ArticleIngest.PlanHash(plan, manifest));
    }
}
