using System.Text.RegularExpressions;

namespace TvNews.Core.Ingest;

/// <summary>
/// Datelines at the start of a lead paragraph, in the forms agencies use:
/// <c>MOSCOW (AP) —</c>, <c>TEHRAN, Aug. 05 (MNA) –</c>, <c>PARIS (AFP) -</c>, <c>МОСКВА, 18 декабря. /ТАСС/.</c>,
/// <c>القاهرة (رويترز) -</c>.
/// </summary>
public static partial class Datelines
{
    /// <summary>Splits a leading dateline from <paramref name="paragraph"/>; the dateline keeps its agency but not the dash.</summary>
    public static (string? Dateline, string Remainder) Split(string paragraph)
    {
        foreach (var pattern in new[] { Agency(), Tass(), Arabic(), ArabicCity() })
        {
            var m = pattern.Match(paragraph);
            if (m.Success && m.Length < paragraph.Length)
                return (m.Groups["dateline"].Value.Trim(), paragraph[m.Length..].TrimStart());
        }
        return (null, paragraph);
    }

    // PLACE[, Mon. DD[, YYYY]] [(AGENCY)] dash. The place is upper case, so an ordinary sentence never matches.
    [GeneratedRegex(@"^(?<dateline>\p{Lu}[\p{Lu} .'’-]{1,40}(?:,\s*\p{L}{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?(?:\s*\([\p{L}\p{N} .'/-]{1,20}\))?)\s*[\u2014\u2013-]{1,2}\s+")]
    private static partial Regex Agency();

    // МОСКВА, 18 декабря. /ТАСС/.
    [GeneratedRegex(@"^(?<dateline>\p{Lu}[\p{Lu} -]{1,40},\s*\d{1,2}\s+\p{Ll}+\.?\s*/\p{Lu}{2,10}/)\.?\s+")]
    private static partial Regex Tass();

    // القاهرة (رويترز) -   تهران (ایرنا) -
    [GeneratedRegex(@"^(?<dateline>[\u0600-\u06FF][\u0600-\u06FF ]{1,30}\s*\([\u0600-\u06FF ]{2,20}\))\s*[\u2014\u2013-]{1,2}\s+")]
    private static partial Regex Arabic();

    // الرباط -   (a city alone, one or two words, then a dash)
    [GeneratedRegex(@"^(?<dateline>[\u0600-\u06FF]{3,15}(?: [\u0600-\u06FF]{3,15})?)\s+[\u2014\u2013-]\s+")]
    private static partial Regex ArabicCity();
}
