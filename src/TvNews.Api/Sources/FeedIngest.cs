using Microsoft.Extensions.Options;
using TvNews.Api.Articles;
using TvNews.Api.Channels;
using TvNews.Core.Articles;
using TvNews.Core.Ingest;
using TvNews.Data.Feeds;
using TvNews.Ingest.Feeds;
using TvNews.Ingest.Html;
using TvNews.Ingest.Text;
using TvNews.Ingest.Web;

namespace TvNews.Api.Sources;

public sealed record PollReport(string Status, int NewEntries, int Failed, string? Error);

/// <summary>
/// One poll of one feed source: a conditional GET (ETag / Last-Modified), then every entry not taken before is
/// ingested, from the feed's own full text when it has it, else from the page its link points to.
/// </summary>
public sealed class FeedIngest(FeedSourceStore feeds, ChannelCatalog catalog, WebFetcher fetcher, ArticleSources sources,
    ArticleIngest ingest, IOptions<OutboundOptions> outbound, TimeProvider clock, ILogger<FeedIngest> logger)
{
    public async Task<PollReport> PollAsync(FeedSourceRow source, CancellationToken ct)
    {
        var interval = TimeSpan.FromMinutes(source.PollMinutes);
        var channel = catalog.Find(source.ChannelId);
        if (channel is null)
        {
            await feeds.CompleteAsync(source.Id, "error", "channel not loaded", null, null, clock.GetUtcNow(), interval, ct);
            return new PollReport("error", 0, 0, "channel not loaded");
        }

        var fetched = await fetcher.GetAsync(new Uri(source.Url), outbound.Value.MaxPageBytes, sources.AllowedHosts(channel),
            new Validators(source.Etag, source.LastModifiedUtc), ct);
        if (fetched.Outcome == FetchOutcome.NotModified)
        {
            await feeds.CompleteAsync(source.Id, "not-modified", null, fetched.ETag, fetched.LastModified, clock.GetUtcNow(), interval, ct);
            return new PollReport("not-modified", 0, 0, null);
        }
        if (!fetched.IsOk)
        {
            await feeds.CompleteAsync(source.Id, "error", fetched.Error, null, null, clock.GetUtcNow(), interval, ct);
            return new PollReport("error", 0, 0, fetched.Error);
        }

        var xml = TextDecoding.Decode(fetched.Body!, fetched.Charset, sniffHtml: false);
        var (entries, parseError) = xml.Text is null ? ([], xml.Error) : FeedReader.Parse(xml.Text);
        if (parseError is not null)
        {
            await feeds.CompleteAsync(source.Id, "error", parseError, null, null, clock.GetUtcNow(), interval, ct);
            return new PollReport("error", 0, 0, parseError);
        }

        int added = 0, failed = 0;
        string? lastError = null;
        foreach (var entry in entries.OrderBy(e => e.Published ?? DateTimeOffset.MinValue))
        {
            if (!await feeds.TryMarkEntryAsync(source.Id, entry.Key, clock.GetUtcNow(), ct)) continue;
            var read = await ReadEntryAsync(channel, entry, ct);
            if (read.Article is null)
            {
                // Forget it, so the next poll tries again (the page may have been briefly down).
                await feeds.ForgetEntryAsync(source.Id, entry.Key, ct);
                failed++;
                lastError = $"{entry.Link?.AbsoluteUri ?? entry.Key}: {read.Detail}";
                logger.LogWarning("Feed {Url} entry {Entry} not ingested: {Error}", source.Url, entry.Key, read.Detail);
                continue;
            }
            var outcome = await ingest.StoreAsync(channel, read.Article, source.Publish, ct);
            await feeds.SetEntryStoryAsync(source.Id, entry.Key, outcome.StoryId, ct);
            added++;
        }

        var status = failed == 0 ? "ok" : "partial";
        await feeds.CompleteAsync(source.Id, status, lastError, fetched.ETag, fetched.LastModified, clock.GetUtcNow(), interval, ct);
        logger.LogInformation("Feed {Url}: {Added} new entries, {Failed} failed", source.Url, added, failed);
        return new PollReport(status, added, failed, lastError);
    }

    private async Task<SourceRead> ReadEntryAsync(Channel channel, FeedEntry entry, CancellationToken ct)
    {
        SourceRead read;
        if (entry.HasFullText || entry.Link is null)
        {
            var html = $"<html><head><title>{System.Net.WebUtility.HtmlEncode(entry.Title)}</title></head><body><article><h1>{System.Net.WebUtility.HtmlEncode(entry.Title)}</h1>{entry.ContentHtml ?? entry.SummaryHtml}</article></body></html>";
            var result = HtmlArticleExtractor.Extract(html, entry.Link, catalog.RulesFor(channel, entry.Link), channel.Manifest.Language);
            read = result.Article is null ? SourceRead.Problem(422, "Not an article", result.Error!) : SourceRead.Ok(result.Article);
        }
        else
        {
            read = await sources.FetchPageAsync(channel, entry.Link, ct);
        }
        if (read.Article is not { } article) return read;

        // What the feed knows and the page did not say.
        article = article with
        {
            PublishedAt = article.PublishedAt ?? entry.Published,
            SourceUrl = article.SourceUrl ?? entry.Link?.AbsoluteUri,
            LeadImage = article.LeadImage ?? (entry.ImageUrl is null ? null : new ArticleImage(entry.ImageUrl, entry.ImageCaption, entry.ImageCredit)),
        };
        // The feed's other pictures, when the page gave none of its own: without a known place, they follow the key points.
        if (article.Images.Count == 0 && entry.Images.Count > 1)
        {
            var lead = article.LeadImage?.Url;
            article = article with
            {
                Images = entry.Images.Where(i => i.Url != lead).Take(ArticleImages.MaxBodyImages)
                    .Select(i => new ArticleImage(i.Url, i.Caption, i.Credit)).ToList(),
            };
        }
        return SourceRead.Ok(article);
    }
}
