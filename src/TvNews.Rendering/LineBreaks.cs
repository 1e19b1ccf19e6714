using System.Globalization;

namespace TvNews.Rendering;

/// <summary>
/// Where a line may break: a small subset of UAX #14 that covers news text. Latin, Cyrillic, Arabic and Korean break
/// at spaces; Chinese and Japanese have no spaces, so they may break between any two ideographs or kana. Kinsoku
/// rules keep closing punctuation off the start of a line and opening punctuation off its end.
/// </summary>
internal static class LineBreaks
{
    // Never at the start of a line: closing brackets and quotes, sentence punctuation, iteration marks, the prolonged
    // sound mark and small kana (the "strict" Japanese rule, which is what broadcast captions follow).
    private const string NoBreakBefore =
        "、。，．・：；？！‼⁇⁈⁉゛゜ヽヾゝゞ々〻ー゠〜～…‥）］｝」』】〉》〕〙〗〛〞｠’”»›" +
        "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ" +
        ",.;:!?)]}%‰\"'";

    // ASCII quotes are ambiguous (opening or closing): after a space they open, so a break there is fine.
    private const string AmbiguousQuotes = "\"'";

    // Never at the end of a line: opening brackets and quotes.
    private const string NoBreakAfter = "（［｛「『【〈《〔〘〖〚〝｟‘“«‹([{¿¡";

    /// <summary>
    /// breaks[i] is true when a line may start at index i (1 &lt;= i &lt; text.Length). Text is expected to be
    /// whitespace-normalised: a break after a space puts the space at the end of the previous line.
    /// </summary>
    public static bool[] Opportunities(string text)
    {
        // A few CJK words inside Latin text ("Tim Cook visits 北京") are kept whole, like CSS word-break: keep-all;
        // breaking them would look like a typo there, while in Chinese or Japanese text it is normal.
        int cjk = 0, other = 0;
        foreach (var c in text)
        {
            if (IsCjkLetter(c))
            {
                cjk++;
            }
            else if (char.IsLetterOrDigit(c))
            {
                other++;
            }
        }

        var keepCjkWords = cjk < other;

        var breaks = new bool[text.Length + 1];
        for (var i = 1; i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]))
            {
                continue;
            }

            var cur = CodePointAt(text, i);
            var prev = CodePointAt(text, char.IsLowSurrogate(text[i - 1]) && i >= 2 ? i - 2 : i - 1);
            breaks[i] = text[i - 1] == ' '
                ? text[i] != ' ' && AfterSpace(text, i, cur)
                : !keepCjkWords && Between(prev, cur);
        }

        return breaks;
    }

    /// <summary>Ideographs, kana and their punctuation: text that breaks between characters rather than at spaces.</summary>
    public static bool IsCjk(int c) =>
        c is (>= 0x2E80 and <= 0x2FDF) // CJK radicals
            or (>= 0x3000 and <= 0x30FF) // CJK symbols and punctuation, hiragana, katakana
            or (>= 0x3100 and <= 0x312F) // bopomofo
            or (>= 0x31C0 and <= 0x31FF) // strokes, katakana phonetic extensions
            or (>= 0x3400 and <= 0x4DBF) // extension A
            or (>= 0x4E00 and <= 0x9FFF) // unified ideographs
            or (>= 0xF900 and <= 0xFAFF) // compatibility ideographs
            or (>= 0xFF00 and <= 0xFF0F) or (>= 0xFF1A and <= 0xFF20) or (>= 0xFF3B and <= 0xFF40)
            or (>= 0xFF5B and <= 0xFF65) // full-width punctuation (full-width letters and digits stay whole words)
            or (>= 0xFF66 and <= 0xFF9F) // half-width katakana
            or (>= 0x20000 and <= 0x3FFFF); // supplementary ideographs

    /// <summary>A CJK character that counts as a letter (not punctuation) for the short-last-line rule.</summary>
    public static bool IsCjkLetter(int c) =>
        IsCjk(c) && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter;

    public static bool IsHangul(int c) =>
        c is (>= 0x1100 and <= 0x11FF) or (>= 0x3130 and <= 0x318F) or (>= 0xA960 and <= 0xA97F)
            or (>= 0xAC00 and <= 0xD7FF) or (>= 0xFFA0 and <= 0xFFDC);

    public static bool IsKana(int c) => c is (>= 0x3040 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF) or (>= 0xFF66 and <= 0xFF9F);

    /// <summary>The code point at index i; a lone surrogate (malformed text) is returned as itself.</summary>
    public static int CodePointAt(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            ? char.ConvertToUtf32(text[i], text[i + 1])
            : text[i];

    private static bool In(string set, int c) => c <= 0xFFFF && set.Contains((char)c, StringComparison.Ordinal);

    private static bool AfterSpace(string text, int i, int cur)
    {
        if (In(NoBreakBefore, cur) && !In(AmbiguousQuotes, cur))
        {
            return false;
        }

        // "« mot" or "( text" with a plain space: the opening mark must not be left alone at a line end.
        var before = i - 1;
        while (before > 0 && text[before] == ' ')
        {
            before--;
        }

        return !NoBreakAfter.Contains(text[before], StringComparison.Ordinal);
    }

    private static bool Between(int prev, int cur)
    {
        // Korean separates words with spaces, so Hangul never breaks between syllables.
        if (IsHangul(prev) || IsHangul(cur) || !(IsCjk(prev) || IsCjk(cur)))
        {
            return false;
        }

        return !In(NoBreakBefore, cur) && !In(NoBreakAfter, prev) && !IsCombining(cur);
    }

    private static bool IsCombining(int c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format
        || c is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);
}
