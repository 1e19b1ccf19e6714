using System.Text.RegularExpressions;
using TvNews.Core.Articles;
using TvNews.Core.Ingest;

namespace TvNews.Api.Articles;

/// <summary>
/// The JSON ingest shape (application/json). Either <see cref="Paragraphs"/> or <see cref="Body"/> (paragraphs
/// separated by blank lines) is required; a missing headline is derived from the lead and flagged.
/// <see cref="ImageUrl"/>, <see cref="Caption"/> and <see cref="Credit"/> are the lead picture; <see cref="Images"/> the
/// pictures inside the story, each optionally placed before a paragraph (by index).
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
    string? Language,
    IReadOnlyList<ImageInput>? Images = null)
{
    private const int MaxImages = 20;

    public IngestResult ToArticle(string defaultLanguage)
    {
        var paragraphs = (Paragraphs ?? BlankLines().Split(Body ?? "").AsEnumerable())
            .Select(p => Spaces().Replace(p, " ").Trim()).Where(p => p.Length > 0).ToList();
        if (paragraphs.Count == 0) return IngestResult.Fail("The article needs 'paragraphs' or a 'body' with text.");
        if (Url is not null && !Uri.TryCreate(Url, UriKind.Absolute, out _)) return IngestResult.Fail("'url' must be an absolute URL.");
        if (Language is not null && !LanguageCode().IsMatch(Language)) return IngestResult.Fail("'language' must be an ISO 639-1 code such as 'en'.");
        if (Images is { Count: > MaxImages }) return IngestResult.Fail($"'images' holds at most {MaxImages} pictures.");
        for (var i = 0; i < (Images?.Count ?? 0); i++)
        {
            var image = Images![i];
            if (image is null || !Uri.TryCreate(image.Url, UriKind.Absolute, out var imageUrl) || imageUrl.Scheme is not ("http" or "https"))
                return IngestResult.Fail($"'images[{i}].url' must be an absolute http(s) URL.");
            if (image.BeforeParagraph is < 0 || image.BeforeParagraph > paragraphs.Count)
                return IngestResult.Fail($"'images[{i}].beforeParagraph' must be between 0 and the number of paragraphs ({paragraphs.Count}).");
        }

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
            Images = Images?.Select(i => new ArticleImage(i.Url, Trimmed(i.Caption), Trimmed(i.Credit)) { BeforeParagraph = i.BeforeParagraph }).ToList() ?? [],
            Paragraphs = paragraphs,
            Quotes = QuoteExtractor.Extract(paragraphs, people),
            Language = Language ?? LanguageDetector.Detect(string.Join(' ', paragraphs), defaultLanguage),
            SourceUrl = Url,
        });
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();
}

/// <summary>A picture inside a JSON article; without <see cref="BeforeParagraph"/> its slide follows the key points.</summary>
public sealed record ImageInput(string? Url, string? Caption, string? Credit, int? BeforeParagraph);
