using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TvNews.Api.Channels;
using TvNews.Api.Rendering;
using TvNews.Core.Articles;
using TvNews.Core.Slides;
using TvNews.Data.Stories;

namespace TvNews.Api.Articles;

/// <summary>Cleaned article → slide plan → stored story (and a queued render when publishing). Shared by the API and the sample loader.</summary>
public sealed class ArticleIngest(StoryStore stories, ArticleImages images, RenderSignal renderSignal, TimeProvider clock)
{
    public sealed record Stored(IngestOutcome Outcome, Article Article);

    /// <summary>Stores the article (its pictures fetched first) and returns what was stored.</summary>
    public async Task<IngestOutcome> StoreAsync(Channel channel, Article article, bool publish, CancellationToken ct) =>
        (await StoreWithArticleAsync(channel, article, publish, actor: null, ct)).Outcome;

    /// <param name="actor">A producer's ingest is audited (<c>article.ingest</c>) in the store's transaction; null for feeds and samples.</param>
    public async Task<Stored> StoreWithArticleAsync(Channel channel, Article article, bool publish, TvNews.Data.Audit.AuditActor? actor, CancellationToken ct)
    {
        var manifest = channel.Manifest;
        article = await images.DownloadAsync(channel, article, ct);
        var sourceKey = SourceKey(article);
        var now = clock.GetUtcNow();
        // The title slide's time is the article's own time, or when we first stored it: never "now", so re-ingesting
        // unchanged text gives the same plan and does not re-render. The store knows that time inside its transaction.
        var outcome = await stories.IngestAsync(manifest.Id, sourceKey, Hash(article), article, firstSeen => Plan(article, manifest, firstSeen),
            publish, actor, now, ct);
        if (outcome.RenderQueued) renderSignal.Wake();
        return new Stored(outcome, article);
    }

    /// <summary>The planner's plan for an article and its hash; <paramref name="firstSeen"/> is its air time when the source gives none.</summary>
    public static (SlidePlan Plan, string PlanHash) Plan(Article article, TvNews.Core.Channels.ChannelManifest manifest, DateTimeOffset firstSeen)
    {
        var plan = SlidePlanner.Plan(article, manifest, FormatAirTime(article.PublishedAt ?? firstSeen, manifest.TimeZone));
        return (plan, PlanHash(plan, manifest));
    }

    /// <summary>An article's identity within a channel: its URL when it has one, else its normalised headline.</summary>
    public static string SourceKey(Article article) =>
        article.SourceUrl is not null
            ? "url:" + article.SourceUrl.Trim()
            : "headline:" + string.Join(' ', article.Headline.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What a render depends on: the plan and the channel's look. Equal hashes mean the media is current.</summary>
    public static string PlanHash(SlidePlan plan, TvNews.Core.Channels.ChannelManifest manifest) => Hash(new { plan, manifest.Branding, manifest.Name, manifest.Outputs });

    private static string FormatAirTime(DateTimeOffset time, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(time, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        return local.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);
    }

    private static string Hash<T>(T value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))));
}
