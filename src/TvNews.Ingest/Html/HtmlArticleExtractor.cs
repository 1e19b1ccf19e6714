using AngleSharp.Html.Parser;
using TvNews.Core.Articles;
using TvNews.Core.Ingest;

namespace TvNews.Ingest.Html;

/// <summary>
/// PLACEHOLDER (branch readability): just enough for the Readability comparison test to compile and run.
/// Takes the first &lt;h1&gt; as the headline and every non-empty &lt;p&gt; as a paragraph, ignoring site rules.
/// Replaced by the real extractor on merge.
/// </summary>
public static class HtmlArticleExtractor
{
    public static IngestResult Extract(string html, Uri? pageUrl, IReadOnlyList<SiteRules> siteRules, string defaultLanguage)
    {
        ArgumentNullException.ThrowIfNull(siteRules);
        var document = new HtmlParser().ParseDocument(html);
        var headline = Collapse(document.QuerySelector("h1")?.TextContent);
        var paragraphs = document.QuerySelectorAll("p").Select(p => Collapse(p.TextContent)).Where(t => t.Length > 0).ToList();
        if (headline.Length == 0) return IngestResult.Fail("The page has no <h1> headline.");
        if (paragraphs.Count == 0) return IngestResult.Fail("The page has no <p> paragraphs.");
        return IngestResult.Ok(new Article
        {
            Headline = headline,
            Paragraphs = paragraphs,
            Quotes = [],
            Language = defaultLanguage,
            SourceUrl = pageUrl?.AbsoluteUri,
        });
    }

    private static string Collapse(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
