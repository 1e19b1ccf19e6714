using System.Globalization;
using System.Text;

namespace TvNews.Ingest.Tests.Comparison;

/// <summary>
/// Scores an extraction against gold: body token F1 and exact headline match after normalisation.
/// Both sides go through the same normalisation, so neither extractor is rewarded for cosmetic differences:
/// NFC, lower case (invariant), Unicode format characters dropped (ZWNJ/ZWJ, LRM/RLM and other bidi controls,
/// soft hyphen, BOM) along with the Arabic tatweel, and Arabic yeh/kaf (ي, ك) unified with the Persian ones (ی, ک).
/// </summary>
public static class ExtractionMetrics
{
    /// <summary>
    /// Tokens are maximal runs of Unicode letters, digits and combining marks (so Arabic harakat and
    /// Devanagari vowel signs do not split words), lower-cased. Everything else separates tokens.
    /// </summary>
    public static IReadOnlyList<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in Fold(text))
        {
            if (IsTokenChar(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }

    /// <summary>
    /// Multiset token F1 of the extracted body (all paragraphs concatenated) against the gold paragraphs.
    /// Precision is the share of extracted tokens found in gold, recall the share of gold tokens extracted,
    /// each token counted as often as it occurs. Both empty scores 1; exactly one empty scores 0.
    /// </summary>
    public static double BodyF1(IEnumerable<string>? extractedParagraphs, IEnumerable<string> goldParagraphs)
    {
        var extracted = Count(Tokenize(string.Join('\n', extractedParagraphs ?? [])));
        var gold = Count(Tokenize(string.Join('\n', goldParagraphs)));
        var extractedTotal = extracted.Values.Sum();
        var goldTotal = gold.Values.Sum();
        if (extractedTotal == 0 && goldTotal == 0) return 1.0;
        if (extractedTotal == 0 || goldTotal == 0) return 0.0;

        var overlap = extracted.Sum(pair => Math.Min(pair.Value, gold.GetValueOrDefault(pair.Key)));
        if (overlap == 0) return 0.0;
        var precision = (double)overlap / extractedTotal;
        var recall = (double)overlap / goldTotal;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>1 when the headlines are equal after <see cref="NormalizeHeadline"/>, else 0 (also 0 when nothing was extracted).</summary>
    public static double HeadlineAccuracy(string? extracted, string gold)
    {
        if (string.IsNullOrWhiteSpace(extracted)) return 0.0;
        return string.Equals(NormalizeHeadline(extracted), NormalizeHeadline(gold), StringComparison.Ordinal) ? 1.0 : 0.0;
    }

    /// <summary>
    /// Case-folded, whitespace runs collapsed to one space, punctuation and quotes trimmed from both ends,
    /// curly quotes and apostrophes inside made straight, and the <see cref="ExtractionMetrics"/> folding applied.
    /// </summary>
    public static string NormalizeHeadline(string headline)
    {
        var folded = new StringBuilder();
        foreach (var c in Fold(headline))
        {
            folded.Append(c switch
            {
                '\u2018' or '\u2019' or '\u201B' or '\u02BC' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' => '"',
                _ => c,
            });
        }
        var collapsed = string.Join(' ', folded.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var start = 0;
        var end = collapsed.Length;
        while (start < end && IsTrimmable(collapsed[start])) start++;
        while (end > start && IsTrimmable(collapsed[end - 1])) end--;
        return collapsed[start..end];
    }

    private static bool IsTrimmable(char c) =>
        char.IsWhiteSpace(c) || char.IsPunctuation(c) || c is '"' or '\'' or '`' or '\u00B4';

    private static bool IsTokenChar(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        // Surrogate pairs: letters outside the BMP are rare in news text; keep them inside tokens.
        UnicodeCategory.Surrogate => true,
        _ => false,
    };

    /// <summary>NFC, invariant lower case, format characters and tatweel dropped, Arabic yeh/kaf mapped to the Persian letters.</summary>
    private static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var normalized = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var result = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (c == '\u0640' || char.GetUnicodeCategory(c) == UnicodeCategory.Format) continue;
            result.Append(c switch
            {
                '\u064A' => '\u06CC', // ي ARABIC LETTER YEH -> ی FARSI YEH
                '\u0643' => '\u06A9', // ك ARABIC LETTER KAF -> ک KEHEH
                _ => c,
            });
        }
        return result.ToString();
    }

    private static Dictionary<string, int> Count(IReadOnlyList<string> tokens)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens)
            counts[token] = counts.GetValueOrDefault(token) + 1;
        return counts;
    }
}
