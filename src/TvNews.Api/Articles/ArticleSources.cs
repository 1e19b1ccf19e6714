using System.Text.Json;
using Microsoft.Extensions.Options;
using TvNews.Api.Channels;
using TvNews.Core.Articles;
using TvNews.Core.Ingest;
using TvNews.Ingest.Html;
using TvNews.Ingest.Text;
using TvNews.Ingest.Web;

namespace TvNews.Api.Articles;

/// <summary>An article read from a request body, or the problem that stopped it (status, title, detail).</summary>
public sealed record SourceRead(Article? Article, int Status, string? Title, string? Detail)
{
    public static SourceRead Ok(Article article) => new(article, 200, null, null);
    public static SourceRead Problem(int status, string title, string detail) => new(null, status, title, detail);
}

/// <summary>
/// Turns what a producer sends (a text dump, an HTML page, JSON, or JSON naming a URL to fetch) into a cleaned
/// article. Decoding follows the declared charset; fetches go through the guarded <see cref="WebFetcher"/>.
/// </summary>
public sealed class ArticleSources(WebFetcher fetcher, ChannelCatalog catalog, IOptions<OutboundOptions> outbound)
{
    public async Task<SourceRead> ReadAsync(Channel channel, string mediaType, string? charset, byte[] body, CancellationToken ct)
    {
        var language = channel.Manifest.Language;
        switch (mediaType.ToLowerInvariant())
        {
            case "text/plain":
            {
                var decoded = TextDecoding.Decode(body, charset, sniffHtml: false);
                if (decoded.Text is null) return Undecodable(decoded);
                if (string.IsNullOrWhiteSpace(decoded.Text)) return SourceRead.Problem(400, "Empty article", "The request body has no text.");
                return FromResult(RawTextArticleParser.Parse(decoded.Text, channel.SiteRules, language));
            }
            case "text/html" or "application/xhtml+xml":
            {
                var decoded = TextDecoding.Decode(body, charset, sniffHtml: true);
                if (decoded.Text is null) return Undecodable(decoded);
                return FromResult(HtmlArticleExtractor.Extract(decoded.Text, null, channel.SiteRules, language));
            }
            case "application/json":
            {
                ArticleInput? input;
                try
                {
                    input = JsonSerializer.Deserialize<ArticleInput>(body, JsonSerializerOptions.Web);
                }
                catch (JsonException e)
                {
                    return SourceRead.Problem(400, "Invalid JSON", $"The article JSON could not be read: {e.Message}");
                }
                if (input is null) return SourceRead.Problem(400, "Invalid JSON", "The article JSON is null.");
                if (input.Url is not null && input.Paragraphs is null && input.Body is null)
                {
                    if (!Uri.TryCreate(input.Url, UriKind.Absolute, out var url))
                        return SourceRead.Problem(400, "Invalid URL", "'url' must be an absolute http(s) URL.");
                    return await FetchPageAsync(channel, url, ct);
                }
                return FromResult(input.ToArticle(language));
            }
            default:
                return SourceRead.Problem(415, "Unsupported content type",
                    $"Send the article as text/plain, text/html or application/json, not '{mediaType}'.");
        }
    }

    /// <summary>Fetches and extracts a page: the producer's <c>{"url": ...}</c>, or a feed entry's link.</summary>
    public async Task<SourceRead> FetchPageAsync(Channel channel, Uri url, CancellationToken ct)
    {
        var fetched = await fetcher.GetAsync(url, outbound.Value.MaxPageBytes, AllowedHosts(channel), null, ct);
        if (!fetched.IsOk) return FetchProblem(fetched);
        var decoded = TextDecoding.Decode(fetched.Body!, fetched.Charset, sniffHtml: true);
        if (decoded.Text is null) return Undecodable(decoded);
        var rules = catalog.RulesFor(channel, fetched.FinalUrl);
        if (fetched.MediaType is "text/plain")
            return FromResult(RawTextArticleParser.Parse(decoded.Text, rules, channel.Manifest.Language), fetched.FinalUrl);
        return FromResult(HtmlArticleExtractor.Extract(decoded.Text, fetched.FinalUrl, rules, channel.Manifest.Language), fetched.FinalUrl);
    }

    public IReadOnlySet<string> AllowedHosts(Channel channel) =>
        channel.Manifest.Ingest.AllowedHosts.Concat(outbound.Value.AllowedHosts).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static SourceRead FetchProblem(FetchResult fetched) => fetched.Outcome switch
    {
        FetchOutcome.Refused => SourceRead.Problem(400, "Fetch refused", fetched.Error!),
        FetchOutcome.TooLarge => SourceRead.Problem(413, "Page too large", fetched.Error!),
        FetchOutcome.TimedOut => SourceRead.Problem(504, "Source timed out", fetched.Error!),
        FetchOutcome.HttpError => SourceRead.Problem(502, "Source answered with an error", fetched.Error!),
        _ => SourceRead.Problem(502, "Source unreachable", fetched.Error ?? "The source could not be fetched."),
    };

    private static SourceRead FromResult(IngestResult result, Uri? sourceUrl = null) =>
        result.Article is null
            ? SourceRead.Problem(422, "Not an article", result.Error!)
            : SourceRead.Ok(sourceUrl is null || result.Article.SourceUrl is not null ? result.Article : result.Article with { SourceUrl = sourceUrl.AbsoluteUri });

    private static SourceRead Undecodable(DecodeResult decoded) =>
        decoded.Error!.StartsWith("The charset", StringComparison.Ordinal)
            ? SourceRead.Problem(415, "Unsupported charset", decoded.Error)
            : SourceRead.Problem(400, "Body does not decode", decoded.Error);
}

/// <summary>Limits and allowances for outbound fetches of pages, feeds and images.</summary>
public sealed class OutboundOptions
{
    public const string SectionName = "Outbound";

    public long MaxPageBytes { get; set; } = 5 * 1024 * 1024;
    public long MaxImageBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Pictures smaller than this are not shown on a 1920x1080 slide (an icon or a thumbnail blown up looks broken).</summary>
    public int MinImageWidth { get; set; } = 480;

    public int MinImageHeight { get; set; } = 270;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Hosts every channel may fetch from even when they resolve to private addresses (tests, an intranet).</summary>
    public List<string> AllowedHosts { get; set; } = [];
}
