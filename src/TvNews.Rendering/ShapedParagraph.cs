using System.Globalization;
using HarfBuzzSharp;

namespace TvNews.Rendering;

/// <summary>One shaped run: one face and one direction, never crossing a break opportunity. Spaces are runs of their own.</summary>
internal sealed record GlyphRun(int Start, int End, int Face, byte Level, bool IsSpace, ShapedGlyphs Glyphs);

/// <summary>
/// The unit of line breaking: the text between two break opportunities (a word and its trailing space, or one CJK
/// character with the punctuation that may not be separated from it). Widths are in units of
/// <see cref="ShapedFace.UnitSize"/>.
/// </summary>
internal readonly record struct Atom(
    int FirstRun,
    int EndRun,
    int Start,
    int End,
    int Units,
    int SpaceUnits,
    bool SplitAfter,
    int CjkLetters,
    int OtherLetters);

/// <summary>A line as a range of atoms [Start, End).</summary>
internal readonly record struct LineRange(int Start, int End);

/// <summary>
/// A paragraph itemised into runs by direction and face, shaped once at <see cref="ShapedFace.UnitSize"/> and grouped
/// into atoms. Every size and width the layout tries is arithmetic on these numbers; nothing is shaped again.
/// </summary>
internal sealed class ShapedParagraph
{
    private readonly long[] _prefix;

    private ShapedParagraph(string text, FontFallback fonts, bool rtl, IReadOnlyList<int> splits, List<GlyphRun> runs, List<Atom> atoms)
    {
        Text = text;
        Fonts = fonts;
        Rtl = rtl;
        Splits = splits;
        Runs = runs;
        Atoms = atoms;
        _prefix = new long[atoms.Count + 1];
        for (var i = 0; i < atoms.Count; i++)
        {
            _prefix[i + 1] = _prefix[i] + atoms[i].Units;
        }

        // Vertical metrics cover every face the text uses, so a CJK or Naskh glyph stays inside the measured line box.
        var used = runs.Where(r => !r.IsSpace).Select(r => fonts.Faces[r.Face]).DefaultIfEmpty(fonts.Faces[0]).ToList();
        AscentUnits = used.Min(f => f.AscentUnits);
        DescentUnits = used.Max(f => f.DescentUnits);
    }

    public string Text { get; }

    public FontFallback Fonts { get; }

    public bool Rtl { get; }

    /// <summary>Positions inside words where an overlong word was split (see <see cref="SplitOverlong"/>).</summary>
    public IReadOnlyList<int> Splits { get; }

    public IReadOnlyList<GlyphRun> Runs { get; }

    public IReadOnlyList<Atom> Atoms { get; }

    public float AscentUnits { get; }

    public float DescentUnits { get; }

    /// <summary>Units to pixels at a font size. Layout and drawing both go through here, so measured equals drawn.</summary>
    public static float ToPixels(long units, float size) => (float)(units * (double)size / ShapedFace.UnitSize);

    public static ShapedParagraph Create(string text, FontFallback fonts, bool rtl, IReadOnlyList<int>? splits = null)
    {
        splits ??= [];
        var breaks = LineBreaks.Opportunities(text);
        var forced = new bool[text.Length + 1];
        foreach (var at in splits.Where(s => s > 0 && s < text.Length && !breaks[s]))
        {
            breaks[at] = true;
            forced[at] = true;
        }

        var levels = BidiText.Levels(text, rtl);
        var faces = fonts.Itemize(text);
        var language = ShapingLanguage.For(text);

        var runs = new List<GlyphRun>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length
                && (char.IsLowSurrogate(text[i]) || (!breaks[i] && levels[i] == levels[start] && faces[i] == faces[start]
                    && (text[i] == ' ') == (text[start] == ' '))))
            {
                continue;
            }

            var rtlRun = levels[start] % 2 == 1;
            var glyphs = fonts.Faces[faces[start]].Shape(text, start, i - start, rtlRun, language);
            runs.Add(new GlyphRun(start, i, faces[start], levels[start], text[start] == ' ', glyphs));
            start = i;
        }

        var atoms = new List<Atom>();
        var first = 0;
        for (var r = 1; r <= runs.Count; r++)
        {
            if (r < runs.Count && !breaks[runs[r].Start])
            {
                continue;
            }

            atoms.Add(MakeAtom(text, runs, first, r, forced));
            first = r;
        }

        return new ShapedParagraph(text, fonts, rtl, splits, runs, atoms);
    }

    /// <summary>Width of a line of atoms [start, end) in units, without the last atom's trailing space.</summary>
    public long LineUnits(int start, int end) => _prefix[end] - _prefix[start] - Atoms[end - 1].SpaceUnits;

    /// <summary>
    /// Splits every word wider than <paramref name="maxUnits"/> at the last grapheme boundary that fits. Only the
    /// minimum-size fallback does this: a URL or a long compound that cannot fit a line at the smallest readable
    /// size continues on the next line, without a hyphen (we cannot hyphenate every language correctly).
    /// </summary>
    public ShapedParagraph SplitOverlong(float maxUnits)
    {
        var splits = new List<int>(Splits);
        foreach (var atom in Atoms.Where(a => a.Units - a.SpaceUnits > maxUnits))
        {
            var end = atom.End;
            while (end > atom.Start && Text[end - 1] == ' ')
            {
                end--;
            }

            var from = atom.Start;
            while (Measure(from, end) > maxUnits)
            {
                var boundaries = new List<int>();
                for (var i = from + StringInfo.GetNextTextElementLength(Text, from); i < end; i += StringInfo.GetNextTextElementLength(Text, i))
                {
                    boundaries.Add(i);
                }

                if (boundaries.Count == 0)
                {
                    break;
                }

                // The longest prefix that fits; a single grapheme wider than the line still gets a line of its own.
                int lo = 0, hi = boundaries.Count - 1, cut = boundaries[0];
                while (lo <= hi)
                {
                    var mid = (lo + hi) / 2;
                    if (Measure(from, boundaries[mid]) <= maxUnits)
                    {
                        cut = boundaries[mid];
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid - 1;
                    }
                }

                splits.Add(cut);
                from = cut;
            }
        }

        splits.Sort();
        return splits.Count == Splits.Count ? this : Create(Text, Fonts, Rtl, splits);
    }

    private long Measure(int from, int to)
    {
        var piece = Create(Text[from..to], Fonts, Rtl);
        return piece.Atoms.Count == 0 ? 0 : piece.LineUnits(0, piece.Atoms.Count);
    }

    private static Atom MakeAtom(string text, List<GlyphRun> runs, int first, int end, bool[] forced)
    {
        var units = 0;
        var space = 0;
        for (var r = first; r < end; r++)
        {
            units += runs[r].Glyphs.Advance;
            space = runs[r].IsSpace ? space + runs[r].Glyphs.Advance : 0;
        }

        var cjk = 0;
        var other = 0;
        for (var i = runs[first].Start; i < runs[end - 1].End; i++)
        {
            if (char.IsLowSurrogate(text[i]))
            {
                continue;
            }

            var c = LineBreaks.CodePointAt(text, i);
            if (LineBreaks.IsCjkLetter(c))
            {
                cjk++;
            }
            else if (char.IsLetterOrDigit(text, i))
            {
                other++;
            }
        }

        var atomEnd = runs[end - 1].End;
        return new Atom(first, end, runs[first].Start, atomEnd, units, space, forced[atomEnd], cjk, other);
    }
}

/// <summary>
/// The language HarfBuzz shapes with. Always set explicitly: left to HarfBuzz it comes from the process locale, which
/// would make output differ between machines. For CJK it also picks glyph forms: the CJK face's 'locl' feature turns
/// its Simplified Chinese shapes into Japanese or Korean ones.
/// </summary>
internal static class ShapingLanguage
{
    private static readonly Language Japanese = new("ja");
    private static readonly Language Korean = new("ko");
    private static readonly Language Chinese = new("zh-Hans");
    private static readonly Language Persian = new("fa");
    private static readonly Language Arabic = new("ar");
    private static readonly Language Other = new("en");

    public static Language For(string text)
    {
        bool cjk = false, arabic = false, persian = false;
        foreach (var c in text)
        {
            if (LineBreaks.IsKana(c))
            {
                return Japanese;
            }

            if (LineBreaks.IsHangul(c))
            {
                return Korean;
            }

            cjk |= LineBreaks.IsCjk(c);
            arabic |= c is >= '\u0600' and <= '\u06FF';

            // Letters Persian uses and Arabic does not (pe, che, zhe, gaf, keheh, farsi yeh).
            persian |= c is '\u067E' or '\u0686' or '\u0698' or '\u06AF' or '\u06A9' or '\u06CC';
        }

        return cjk ? Chinese : persian ? Persian : arabic ? Arabic : Other;
    }
}
