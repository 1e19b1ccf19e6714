using System.Globalization;

namespace TvNews.Rendering;

/// <summary>
/// The faces one weight of text may use and how a character picks one: the branding face first; for what it lacks,
/// the script's fallback (Noto Naskh Arabic for Arabic script, the Noto Sans CJK subset for Han, kana and Hangul);
/// then any face that has the glyph. Picking per character rather than per text lets one headline mix Latin,
/// Cyrillic, Arabic and CJK. Holds no state besides the faces, so it is safe to share between threads.
/// </summary>
internal sealed class FontFallback
{
    private readonly int _arabic = -1;
    private readonly int _cjk = -1;

    public FontFallback(ShapedFace primary, ShapedFace? arabic, ShapedFace? cjk)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var faces = new List<ShapedFace> { primary };
        if (arabic is not null)
        {
            _arabic = faces.Count;
            faces.Add(arabic);
        }

        if (cjk is not null)
        {
            _cjk = faces.Count;
            faces.Add(cjk);
        }

        Faces = faces;
    }

    /// <summary>Index 0 is the branding face.</summary>
    public IReadOnlyList<ShapedFace> Faces { get; }

    public bool Has(int face, int codepoint) => Faces[face].HasGlyph(codepoint);

    /// <summary>The face for a character on its own, without looking at its neighbours.</summary>
    public int Pick(int codepoint)
    {
        if (Has(0, codepoint))
        {
            return 0;
        }

        var script = IsArabicScript(codepoint) ? _arabic
            : LineBreaks.IsCjk(codepoint) || LineBreaks.IsHangul(codepoint) ? _cjk
            : -1;
        if (script > 0 && Has(script, codepoint))
        {
            return script;
        }

        for (var i = 1; i < Faces.Count; i++)
        {
            if (Has(i, codepoint))
            {
                return i;
            }
        }

        // No face has it: the branding face shows its .notdef box, visibly, rather than silently dropping text.
        return 0;
    }

    /// <summary>
    /// The face for every UTF-16 unit of <paramref name="text"/>. Letters and digits pick their own face; spaces,
    /// punctuation and marks stay with the face of the text around them when it has them, so "「東京」" is one CJK
    /// run, harakat stay on their Arabic letter, and a space inside Arabic text does not split the run.
    /// </summary>
    public int[] Itemize(string text)
    {
        var faces = new int[text.Length];
        Array.Fill(faces, -1);
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsTrailingSurrogate(text, i) && !Inherits(LineBreaks.CodePointAt(text, i)))
            {
                faces[i] = Pick(LineBreaks.CodePointAt(text, i));
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (IsTrailingSurrogate(text, i))
            {
                faces[i] = faces[i - 1];
                continue;
            }

            if (faces[i] >= 0)
            {
                continue;
            }

            var c = LineBreaks.CodePointAt(text, i);
            var prev = i > 0 ? faces[i - 1] : -1;
            var next = -1;
            for (var j = i + 1; j < text.Length && next < 0; j++)
            {
                next = faces[j];
            }

            if (IsZeroWidth(c) && (prev >= 0 || next >= 0))
            {
                // Joiners and marks belong to the cluster they attach to; HarfBuzz hides default ignorables itself.
                var host = prev >= 0 ? prev : next;
                faces[i] = CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || Has(host, c) ? host : Pick(c);
            }
            else
            {
                faces[i] = prev >= 0 && Has(prev, c) ? prev : next >= 0 && Has(next, c) ? next : Pick(c);
            }
        }

        return faces;
    }

    private static bool IsTrailingSurrogate(string text, int i) =>
        i > 0 && char.IsLowSurrogate(text[i]) && char.IsHighSurrogate(text[i - 1]);

    private static bool IsArabicScript(int c) =>
        c is (>= 0x0600 and <= 0x06FF) or (>= 0x0750 and <= 0x077F) or (>= 0x0870 and <= 0x08FF)
            or (>= 0xFB50 and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF);

    private static bool IsZeroWidth(int c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
        || c is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF);

    private static bool Inherits(int c) =>
        IsZeroWidth(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
            or UnicodeCategory.ModifierSymbol;
}
