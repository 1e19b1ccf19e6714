using System.Globalization;

namespace TvNews.Rendering;

/// <summary>
/// A small bidi resolver, enough of UAX #9 for news text: one paragraph direction, no explicit embeddings or isolates.
/// SKShaper shapes one run in one direction, so inside Arabic text it would reverse digits and Latin words
/// ("2024" -> "4202"). We resolve a level per character, shape each run in its own direction (HarfBuzz mirrors
/// brackets in right-to-left runs) and reorder the runs of every line visually (rule L2).
/// </summary>
internal static class BidiText
{
    private enum Kind : byte
    {
        L,
        R,
        Number,
        Neutral,
    }

    /// <summary>Embedding level per UTF-16 unit: even is left-to-right, odd right-to-left.</summary>
    public static byte[] Levels(string text, bool paragraphRtl)
    {
        var kinds = Classify(text);
        JoinNumberPunctuation(text, kinds);

        // W7: digits after Latin text (or at the start of a left-to-right paragraph) are just part of the Latin text.
        var lastStrong = paragraphRtl ? Kind.R : Kind.L;
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] is Kind.L or Kind.R)
            {
                lastStrong = kinds[i];
            }
            else if (kinds[i] == Kind.Number && lastStrong == Kind.L)
            {
                kinds[i] = Kind.L;
            }
        }

        // N1/N2: a run of neutrals takes its neighbours' direction when both agree (numbers count as R), else the paragraph's.
        var paragraph = paragraphRtl ? Kind.R : Kind.L;
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] != Kind.Neutral)
            {
                continue;
            }

            var end = i;
            while (end < kinds.Length && kinds[end] == Kind.Neutral)
            {
                end++;
            }

            var before = i > 0 ? Strong(kinds[i - 1]) : paragraph;
            var after = end < kinds.Length ? Strong(kinds[end]) : paragraph;
            Array.Fill(kinds, before == after ? before : paragraph, i, end - i);
            i = end - 1;
        }

        var levels = new byte[kinds.Length];
        for (var i = 0; i < kinds.Length; i++)
        {
            levels[i] = (kinds[i], paragraphRtl) switch
            {
                (Kind.L, false) => 0,
                (Kind.R, false) => 1,
                (Kind.R, true) => 1,
                _ => 2, // Latin inside right-to-left text, and numbers: always read left to right
            };
        }

        return levels;
    }

    /// <summary>Rule L2: the visual order of runs with the given levels, as indices into <paramref name="levels"/>.</summary>
    public static int[] VisualOrder(IReadOnlyList<byte> levels)
    {
        var order = Enumerable.Range(0, levels.Count).ToArray();
        if (levels.Count == 0)
        {
            return order;
        }

        var highest = levels.Max();
        var lowestOdd = levels.Where(l => l % 2 == 1).DefaultIfEmpty((byte)(highest + 1)).Min();
        for (var level = highest; level >= lowestOdd && level > 0; level--)
        {
            for (var i = 0; i < order.Length; i++)
            {
                if (levels[order[i]] < level)
                {
                    continue;
                }

                var end = i;
                while (end < order.Length && levels[order[end]] >= level)
                {
                    end++;
                }

                Array.Reverse(order, i, end - i);
                i = end;
            }
        }

        return order;
    }

    private static Kind Strong(Kind kind) => kind == Kind.Number ? Kind.R : kind;

    private static Kind[] Classify(string text)
    {
        var kinds = new Kind[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]) && i > 0)
            {
                kinds[i] = kinds[i - 1];
                continue;
            }

            var c = LineBreaks.CodePointAt(text, i);
            kinds[i] = c switch
            {
                0x200E => Kind.L, // LRM
                0x200F or 0x061C => Kind.R, // RLM, ALM
                _ => CharUnicodeInfo.GetUnicodeCategory(c) switch
                {
                    // Arabic-Indic and Persian digits are numbers too: they read left to right inside Arabic text.
                    UnicodeCategory.DecimalDigitNumber => Kind.Number,

                    // W1: marks and joiners (harakat, ZWJ/ZWNJ) take the direction of the character they attach to.
                    UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format =>
                        i > 0 ? kinds[i - 1] : Kind.Neutral,
                    _ when c <= 0xFFFF && TextDirection.IsStrongRtl((char)c) => Kind.R,
                    UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                        or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.LetterNumber => Kind.L,
                    _ => Kind.Neutral,
                },
            };
        }

        return kinds;
    }

    /// <summary>W4/W5: "40,000", "3.5", "19:30", "2020-2024", "50%" and "$5" stay one number rather than splitting around the punctuation.</summary>
    private static void JoinNumberPunctuation(string text, Kind[] kinds)
    {
        const string separators = ",.:/-\u2013\u060C\u066B\u066C";
        const string terminators = "%\u2030\u00B0$\u20AC\u00A3\u00A5#+\u2212\u066A";
        for (var i = 1; i < kinds.Length - 1; i++)
        {
            if (kinds[i] == Kind.Neutral && separators.Contains(text[i], StringComparison.Ordinal)
                && kinds[i - 1] == Kind.Number && kinds[i + 1] == Kind.Number)
            {
                kinds[i] = Kind.Number;
            }
        }

        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == Kind.Neutral && terminators.Contains(text[i], StringComparison.Ordinal)
                && ((i > 0 && kinds[i - 1] == Kind.Number) || (i + 1 < kinds.Length && kinds[i + 1] == Kind.Number)))
            {
                kinds[i] = Kind.Number;
            }
        }
    }
}
