namespace TvNews.Core.Articles;

/// <summary>A cleaned, TV-ready article. Field names are part of the producer API contract.</summary>
public sealed record Article
{
    public required string Headline { get; init; }

    /// <summary>True when the source had no headline and one was derived from the text.</summary>
    public bool HeadlineDerived { get; init; }

    public string? Section { get; init; }
    public string? Category { get; init; }
    public string? Dateline { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public string? Caption { get; init; }
    public string? Credit { get; init; }
    public required IReadOnlyList<string> Paragraphs { get; init; }
    public required IReadOnlyList<Quote> Quotes { get; init; }
    public required string Language { get; init; }
    public string? SourceUrl { get; init; }
}

/// <summary>A quotation with the person it is attributed to. <see cref="Partial"/> marks a fragment woven into a sentence.</summary>
public sealed record Quote(string Text, string? Speaker, string? SpeakerRole, bool Partial);
