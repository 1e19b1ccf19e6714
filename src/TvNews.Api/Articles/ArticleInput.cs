using System.Text.RegularExpressions;
using TvNews.Core.Articles;
using TvNews.Core.Ingest;

namespace TvNews.Api.Articles;

/// <summary>
/// The JSON ingest shape (application/json). Either <see cref="Paragraphs"/> or <see cref="Body"/> (paragraphs
/// separated by blank lines) is required; a missing headline is derived from the lead and flagged.
/// </summary>
public sealed partial record ArticleInput(
    string? Headline,
    string? Section,
    string? Category,
    string? Dateline,
    DateTimeOffset? PublishedAt,
    string? Caption,
    string? Credit,
    string? ImageUrl,
    IReadOnlyList<string>? Paragraphs,
    string? Body,
    string? Url,
    string? Language)
{
    public IngestResult ToArticle(string defaultLanguage)
    {
        var paragraphs = (Paragraphs ?? BlankLines().Split(Body ?? "").AsEnumerable())
            .Select(p => Spaces().Replace(p, " ").Trim()).Where(p => p.Length > 0).ToList();
        if (paragraphs.Count == 0) return IngestResult.Fail("The article needs 'paragraphs' or a 'body' with text.");
        if (Url is not null && !Uri.TryCreate(Url, UriKind.Absolute, out _)) return IngestResult.Fail("'url' must be an absolute URL.");
        if (Language is not null && !LanguageCode().IsMatch(Language)) return IngestResult.Fail("'language' must be an ISO 639-1 code such as 'en'.");

        var headline = Headline?.Trim();
        var derived = string.IsNullOrEmpty(headline);
        if (derived) headline = Headlines.Derive(paragraphs[0]);

        var people = PersonIndex.Build(Caption is null ? paragraphs : paragraphs.Prepend(Caption));
        return IngestResult.Ok(new Article
        {
            Headline = headline!,
            HeadlineDerived = derived,
            Section = Section?.Trim(),
            Category = Category?.Trim(),
            Dateline = Dateline?.Trim(),
            PublishedAt = PublishedAt,
            LeadImage = Caption is null && Credit is null && ImageUrl is null ? null : new ArticleImage(ImageUrl, Caption?.Trim(), Credit?.Trim()),
            Paragraphs = paragraphs,
            Quotes = QuoteExtractor.Extract(paragraphs, people),
            Language = Language ?? LanguageDetector.Detect(string.Join(' ', paragraphs), defaultLanguage),
            SourceUrl = Url,
        });
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();
}
