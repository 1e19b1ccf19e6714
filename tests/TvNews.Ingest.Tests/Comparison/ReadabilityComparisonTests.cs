using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TvNews.Core.Ingest;
using TvNews.Ingest.Html;
using TvNews.Ingest.Text;
using Xunit.Abstractions;

namespace TvNews.Ingest.Tests.Comparison;

/// <summary>
/// TvNews's HTML extractor against Mozilla Readability on every HTML fixture in tests/corpus: mean headline
/// accuracy and mean body token F1 (see <see cref="ExtractionMetrics"/>) per language and overall (mean over
/// fixtures). TvNews must be at least as good as Readability on both measures for every language, and better
/// on body F1 overall. The table goes to TestResults/extraction-comparison.md and the test output.
/// </summary>
public sealed class ReadabilityComparisonTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-9;
    private static readonly string[] LanguageOrder = ["en", "fr", "ru", "ar", "fa"];

    [Fact]
    public void TvNewsExtractsAtLeastAsWellAsReadabilityInEveryLanguage()
    {
        var fixtures = LoadHtmlFixtures();
        Assert.True(fixtures.Count > 0, $"No HTML fixtures (expected.json with \"kind\": \"html\") under {RepoPaths.Corpus}.");

        var tvNewsClock = Stopwatch.StartNew();
        var tvNews = fixtures.ToDictionary(f => f.Name, RunTvNews, StringComparer.Ordinal);
        tvNewsClock.Stop();

        var readabilityClock = Stopwatch.StartNew();
        var readability = ReadabilityBaseline.Run(
            fixtures.Select(f => new ReadabilityInput(f.Name, f.SourcePath, f.Charset, f.Url)).ToList());
        readabilityClock.Stop();

        var scores = fixtures.Select(f =>
        {
            var ours = tvNews[f.Name];
            var theirs = readability[f.Name];
            var theirParagraphs = theirs.Paragraphs.Count == 0 && !string.IsNullOrWhiteSpace(theirs.TextContent)
                ? [theirs.TextContent]
                : theirs.Paragraphs;
            return new FixtureScore(
                f.Name,
                f.Language,
                ExtractionMetrics.HeadlineAccuracy(ours.Headline, f.Headline),
                ExtractionMetrics.BodyF1(ours.Paragraphs, f.Paragraphs),
                ours.Error,
                ExtractionMetrics.HeadlineAccuracy(theirs.Title, f.Headline),
                ExtractionMetrics.BodyF1(theirParagraphs, f.Paragraphs),
                theirs.Error);
        }).ToList();

        var languages = scores.GroupBy(s => s.Language)
            .OrderBy(g => Array.IndexOf(LanguageOrder, g.Key) is var i && i >= 0 ? i : LanguageOrder.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, g.ToList()))
            .ToList();
        var overall = Summarize("overall", scores);

        var report = Report(languages, overall, scores);
        Directory.CreateDirectory(RepoPaths.TestResults);
        var reportPath = Path.Combine(RepoPaths.TestResults, "extraction-comparison.md");
        File.WriteAllText(reportPath, report, new UTF8Encoding(false));
        output.WriteLine(report);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"TvNews: {tvNewsClock.Elapsed.TotalSeconds:0.00} s, Readability (one node process): {readabilityClock.Elapsed.TotalSeconds:0.00} s, {fixtures.Count} fixtures. Written to {reportPath}."));

        var failures = new List<string>();
        foreach (var language in languages)
        {
            if (language.TvNewsHeadline + Tolerance < language.ReadabilityHeadline)
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{language.Language}: TvNews headline accuracy {language.TvNewsHeadline:0.000} < Readability {language.ReadabilityHeadline:0.000}"));
            if (language.TvNewsF1 + Tolerance < language.ReadabilityF1)
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{language.Language}: TvNews body F1 {language.TvNewsF1:0.000} < Readability {language.ReadabilityF1:0.000}"));
        }
        if (!(overall.TvNewsF1 > overall.ReadabilityF1 + Tolerance))
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"overall: TvNews body F1 {overall.TvNewsF1:0.000} is not better than Readability {overall.ReadabilityF1:0.000}"));
        if (failures.Count > 0)
            Assert.Fail("TvNews does not beat Readability:\n  " + string.Join("\n  ", failures) + "\n\n" + report);
    }

    private sealed record Fixture(
        string Name, string SourcePath, string Language, string? Charset, string? Url,
        string Headline, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> SiteRuleNames);

    private sealed record TvNewsOutput(string? Headline, IReadOnlyList<string> Paragraphs, string? Error);

    private sealed record FixtureScore(
        string Name, string Language,
        double TvNewsHeadline, double TvNewsF1, string? TvNewsError,
        double ReadabilityHeadline, double ReadabilityF1, string? ReadabilityError);

    private sealed record LanguageSummary(
        string Language, int Fixtures, double TvNewsHeadline, double ReadabilityHeadline, double TvNewsF1, double ReadabilityF1);

    private static List<Fixture> LoadHtmlFixtures()
    {
        var fixtures = new List<Fixture>();
        if (!Directory.Exists(RepoPaths.Corpus)) return fixtures;
        foreach (var dir in Directory.GetDirectories(RepoPaths.Corpus).Order(StringComparer.Ordinal))
        {
            var expectedPath = Path.Combine(dir, "expected.json");
            if (!File.Exists(expectedPath)) continue;
            var name = Path.GetFileName(dir);
            using var json = JsonDocument.Parse(File.ReadAllText(expectedPath),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = json.RootElement;
            if (StringProperty(root, "kind") != "html") continue;

            var source = Path.Combine(dir, "source.html");
            if (!File.Exists(source)) throw new InvalidOperationException($"{name}: kind is \"html\" but there is no source.html.");
            fixtures.Add(new Fixture(
                name,
                source,
                StringProperty(root, "language") ?? throw new InvalidOperationException($"{name}: expected.json has no \"language\"."),
                StringProperty(root, "charset"),
                StringProperty(root, "url"),
                StringProperty(root, "headline") ?? throw new InvalidOperationException($"{name}: expected.json has no \"headline\"."),
                StringsProperty(root, "paragraphs"),
                StringsProperty(root, "siteRules")));
        }
        return fixtures;
    }

    private static string? StringProperty(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An array of strings, or a single string as a one-item list; missing or null is empty.</summary>
    private static List<string> StringsProperty(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var value)) return [];
        return value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array => value.EnumerateArray().Select(v => v.GetString() ?? "").ToList(),
            _ => [],
        };
    }

    private static TvNewsOutput RunTvNews(Fixture fixture)
    {
        var rules = fixture.SiteRuleNames.Select(name =>
        {
            var file = Path.Combine(RepoPaths.SiteRules, name + ".json");
            var (parsed, problems) = SiteRulesReader.Read(Path.GetFileName(file), File.ReadAllText(file));
            return parsed ?? throw new InvalidOperationException($"{fixture.Name}: {string.Join("; ", problems)}");
        }).ToList();

        var decoded = TextDecoding.Decode(File.ReadAllBytes(fixture.SourcePath), null, sniffHtml: true);
        if (decoded.Text is null) return new TvNewsOutput(null, [], "decode: " + decoded.Error);
        var pageUrl = Uri.TryCreate(fixture.Url, UriKind.Absolute, out var url) ? url : null;
        try
        {
            var result = HtmlArticleExtractor.Extract(decoded.Text, pageUrl, rules, fixture.Language);
            return result.Article is { } article
                ? new TvNewsOutput(article.Headline, article.Paragraphs, null)
                : new TvNewsOutput(null, [], result.Error ?? "no article and no error");
        }
        catch (Exception e)
        {
            return new TvNewsOutput(null, [], $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static LanguageSummary Summarize(string language, IReadOnlyList<FixtureScore> scores) => new(
        language,
        scores.Count,
        scores.Average(s => s.TvNewsHeadline),
        scores.Average(s => s.ReadabilityHeadline),
        scores.Average(s => s.TvNewsF1),
        scores.Average(s => s.ReadabilityF1));

    private static string Report(IReadOnlyList<LanguageSummary> languages, LanguageSummary overall, IReadOnlyList<FixtureScore> scores)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("# HTML extraction: TvNews vs Mozilla Readability");
        md.AppendLine();
        md.AppendLine("Headline = exact match after normalisation; F1 = body token F1 against the gold paragraphs. Means over fixtures.");
        md.AppendLine();
        md.AppendLine("| Language | Fixtures | TvNews headline | Readability headline | TvNews F1 | Readability F1 |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var l in languages.Append(overall))
        {
            var label = l == overall ? "**overall**" : l.Language;
            md.AppendLine(inv, $"| {label} | {l.Fixtures} | {l.TvNewsHeadline:0.000} | {l.ReadabilityHeadline:0.000} | {l.TvNewsF1:0.000} | {l.ReadabilityF1:0.000} |");
        }
        md.AppendLine();
        md.AppendLine("## Per fixture");
        md.AppendLine();
        md.AppendLine("| Fixture | Language | TvNews headline | Readability headline | TvNews F1 | Readability F1 | Errors |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var s in scores)
        {
            var errors = string.Join("; ", new[] { s.TvNewsError is null ? null : "TvNews: " + s.TvNewsError, s.ReadabilityError is null ? null : "Readability: " + s.ReadabilityError }
                .Where(e => e is not null)).Replace("|", "\\|", StringComparison.Ordinal);
            md.AppendLine(inv, $"| {s.Name} | {s.Language} | {s.TvNewsHeadline:0} | {s.ReadabilityHeadline:0} | {s.TvNewsF1:0.000} | {s.ReadabilityF1:0.000} | {errors} |");
        }
        return md.ToString();
    }
}
