using System.Text.RegularExpressions;

namespace TvNews.Core.Ingest;

/// <summary>Headlines for sources that give none: one rule for text dumps, HTML pages and JSON alike.</summary>
public static partial class Headlines
{
    public const int MaxDerivedLength = 120;

    /// <summary>The lead's first sentence without its final period, cut at a word boundary when longer than 120 characters.</summary>
    public static string Derive(string lead)
    {
        var first = SentenceBoundary().Split(lead)[0].Trim().TrimEnd('.');
        if (first.Length <= MaxDerivedLength) return first;
        var cut = first.LastIndexOf(' ', MaxDerivedLength - 3);
        return first[..(cut > 40 ? cut : MaxDerivedLength - 3)] + "\u2026";
    }

    public static int CountSentences(string text) => SentenceBoundary().Count(text) + 1;

    [GeneratedRegex(@"[.!?؟]\s+(?=[\p{Lu}\u201C""\u00AB\u0600-\u06FF])")]
    private static partial Regex SentenceBoundary();
}
