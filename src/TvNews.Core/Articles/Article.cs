using System.Text.Json.Serialization;

namespace TvNews.Core.Articles;

/// <summary>A cleaned, TV-ready article. Field names are part of the producer API contract.</summary>
public sealed record Article
{
    public required string Headline { get; init; }

    /// <summary>True when the source had no headline and one was derived from the text.</summary>
    public bool HeadlineDerived { get; init; }

    public string? Section { get; init; }
    public string? Category { get; init; }
    public string? Byline { get; init; }
    public string? Dateline { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public required string Language { get; init; }

    /// <summary>"rtl" for Arabic, Persian, Hebrew and Urdu; otherwise "ltr".</summary>
    public string Direction => TextDirection.For(Language);

    public ArticleImage? LeadImage { get; init; }

    /// <summary>
    /// Pictures inside the body besides the lead image, in reading order, each with <see cref="ArticleImage.BeforeParagraph"/>.
    /// Articles stored before in-body pictures were read have none (the JSON has no "images" then).
    /// </summary>
    public IReadOnlyList<ArticleImage> Images { get; init; } = [];

    public required IReadOnlyList<string> Paragraphs { get; init; }

    /// <summary>Subheads inside the body, each placed before the paragraph at <see cref="Subhead.BeforeParagraph"/>.</summary>
    public IReadOnlyList<Subhead> Subheads { get; init; } = [];

    public required IReadOnlyList<Quote> Quotes { get; init; }
    public string? SourceUrl { get; init; }
}

/// <summary>
/// A picture of the article: the lead image or one inside the body. <see cref="Url"/> is null when the source names a
/// photo but does not link it (text dumps); <see cref="StoredPath"/> is the verified copy in media storage, relative to
/// the media output folder, set only when the download decoded and was large enough to show on TV.
/// </summary>
public sealed record ArticleImage(string? Url, string? Caption, string? Credit)
{
    public string? StoredPath { get; init; }

    /// <summary>For an in-body picture: the index of the paragraph that followed it in the source (the paragraph count when it came last).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? BeforeParagraph { get; init; }
}

public sealed record Subhead(int BeforeParagraph, string Text);

/// <summary>A quotation with the person it is attributed to. <see cref="Partial"/> marks a fragment woven into a sentence.</summary>
public sealed record Quote(string Text, string? Speaker, string? SpeakerRole, bool Partial);

public static class TextDirection
{
    public static string For(string language) => language is "ar" or "fa" or "he" or "ur" ? "rtl" : "ltr";
}
