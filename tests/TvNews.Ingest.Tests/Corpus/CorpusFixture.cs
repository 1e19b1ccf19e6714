using System.Text.Json;
using TvNews.Core.Articles;
using TvNews.Core.Ingest;
using TvNews.Ingest.Html;
using TvNews.Ingest.Text;

namespace TvNews.Ingest.Tests.Corpus;

public sealed record ExpectedImage(string? Url, string? Caption, string? Credit);

public sealed record ExpectedBodyImage(string Url, string? Caption, string? Credit, int BeforeParagraph);

public sealed record ExpectedQuote(string TextStartsWith, string Speaker);

/// <summary>tests/corpus/*/expected.json (see tests/corpus/README.md).</summary>
public sealed record Expected(
    string Kind,
    string Language,
    string Charset,
    string? Url,
    List<string> SiteRules,
    string Headline,
    bool HeadlineDerived,
    string? Section,
    string? Category,
    string? Byline,
    string? Dateline,
    DateTimeOffset? PublishedAt,
    ExpectedImage? LeadImage,
    List<string> Paragraphs,
    List<string> Subheads,
    List<ExpectedBodyImage> Images,
    List<ExpectedQuote> Quotes,
    List<string> Boilerplate);

public static class CorpusFixture
{
    /// <summary>Fixtures with full expectations (the 9x ones only carry what the Readability comparison needs).</summary>
    public static IEnumerable<string> Names() =>
        Directory.GetDirectories(RepoPaths.Corpus).Select(Path.GetFileName).OfType<string>()
            .Where(n => File.Exists(Path.Combine(RepoPaths.Corpus, n, "expected.json")) &&
                        File.ReadAllText(Path.Combine(RepoPaths.Corpus, n, "expected.json")).Contains("\"boilerplate\"", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static Expected Load(string name) =>
        JsonSerializer.Deserialize<Expected>(File.ReadAllText(Path.Combine(RepoPaths.Corpus, name, "expected.json")), JsonSerializerOptions.Web)!;

    public static IReadOnlyList<SiteRules> Rules(Expected expected) =>
        expected.SiteRules.Select(n => SiteRulesReader.Read(n + ".json", File.ReadAllText(Path.Combine(RepoPaths.SiteRules, n + ".json"))).Rules!).ToList();

    /// <summary>Runs the fixture through TvNews exactly as the API would: decode the bytes, then parse or extract.</summary>
    public static IngestResult Run(string name, Expected expected)
    {
        var folder = Path.Combine(RepoPaths.Corpus, name);
        var html = expected.Kind == "html";
        var bytes = File.ReadAllBytes(Path.Combine(folder, html ? "source.html" : "source.txt"));
        var decoded = TextDecoding.Decode(bytes, null, sniffHtml: html);
        if (decoded.Text is null) return IngestResult.Fail(decoded.Error!);
        return html
            ? HtmlArticleExtractor.Extract(decoded.Text, expected.Url is null ? null : new Uri(expected.Url), Rules(expected), "en")
            : RawTextArticleParser.Parse(decoded.Text, Rules(expected), "en");
    }
}
