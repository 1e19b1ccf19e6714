using System.Text;
using SkiaSharp;

namespace TvNews.Rendering;

internal enum HAlign
{
    Start,
    Center,
    End,
}

internal enum VAlign
{
    Top,
    Center,
    Bottom,
}

/// <summary>How a block of text wants to look; the layout shrinks from <see cref="MaxSize"/> towards <see cref="MinSize"/>.</summary>
internal sealed record TextStyle(
    bool Bold,
    float MaxSize,
    float MinSize,
    SKColor Color,
    int MaxLines,
    HAlign Align = HAlign.Start,
    VAlign VerticalAlign = VAlign.Top,
    float LineSpacing = 1.18f);

/// <summary>One laid-out line: its text in logical order (without trailing spaces) and its drawn width in pixels.</summary>
internal sealed record TextLine(string Text, float Width);

/// <summary>A block of wrapped lines at one font size, positioned inside a box.</summary>
internal sealed class TextBlock : IDisposable
{
    private readonly ShapedParagraph _paragraph;
    private readonly TextStyle _style;
    private readonly SKRect _box;
    private readonly float _scale;
    private readonly SKFont?[] _fonts;

    // Per line, the runs to draw in visual order (left to right) with their pen position in units.
    private readonly List<(GlyphRun Run, long X)>[] _visual;

    public TextBlock(ShapedParagraph paragraph, IReadOnlyList<LineRange> ranges, float size, TextStyle style, SKRect box)
    {
        _paragraph = paragraph;
        _style = style;
        _box = box;
        _scale = size / ShapedFace.UnitSize;
        Size = size;
        Ascent = paragraph.AscentUnits * _scale;
        Descent = paragraph.DescentUnits * _scale;
        LineHeight = size * style.LineSpacing;

        var lines = new List<TextLine>(ranges.Count);
        _visual = new List<(GlyphRun, long)>[ranges.Count];
        _fonts = new SKFont?[paragraph.Fonts.Faces.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            var (first, end) = (paragraph.Atoms[ranges[i].Start].FirstRun, paragraph.Atoms[ranges[i].End - 1].EndRun);
            while (end > first && paragraph.Runs[end - 1].IsSpace)
            {
                end--;
            }

            var runs = Enumerable.Range(first, end - first).Select(r => paragraph.Runs[r]).ToList();
            var visual = new List<(GlyphRun, long)>(runs.Count);
            long x = 0;
            foreach (var index in BidiText.VisualOrder(runs.Select(r => r.Level).ToList()))
            {
                visual.Add((runs[index], x));
                x += runs[index].Glyphs.Advance;
                _fonts[runs[index].Face] ??= paragraph.Fonts.Faces[runs[index].Face].CreateFont(size);
            }

            _visual[i] = visual;
            var textStart = paragraph.Atoms[ranges[i].Start].Start;
            var textEnd = runs.Count == 0 ? textStart : runs[^1].End;
            lines.Add(new TextLine(paragraph.Text[textStart..textEnd], ShapedParagraph.ToPixels(paragraph.LineUnits(ranges[i].Start, ranges[i].End), size)));
        }

        Lines = lines;
        Height = Lines.Count == 0 ? 0 : ((Lines.Count - 1) * LineHeight) + (Descent - Ascent);
        Top = style.VerticalAlign switch
        {
            VAlign.Center => box.MidY - (Height / 2),
            VAlign.Bottom => box.Bottom - Height,
            _ => box.Top,
        };
    }

    public IReadOnlyList<TextLine> Lines { get; }

    public float Size { get; }

    /// <summary>The highest ascent (negative) of every face the text uses.</summary>
    public float Ascent { get; }

    /// <summary>The deepest descent of every face the text uses.</summary>
    public float Descent { get; }

    public float LineHeight { get; }

    public float Height { get; }

    public float Top { get; }

    public float Bottom => Top + Height;

    public float MaxLineWidth => Lines.Count == 0 ? 0 : Lines.Max(l => l.Width);

    /// <summary>The runs of a line in visual order with their face and text (for tests: which face covers which text).</summary>
    internal IEnumerable<(GlyphRun Run, ShapedFace Face, string Text)> RunsOf(int line) =>
        _visual[line].Select(v => (v.Run, _paragraph.Fonts.Faces[v.Run.Face], _paragraph.Text[v.Run.Start..v.Run.End]));

    /// <summary>The measured box of every line, exactly as <see cref="Draw"/> places them.</summary>
    public IReadOnlyList<SKRect> LineBounds()
    {
        var rects = new List<SKRect>(Lines.Count);
        for (var i = 0; i < Lines.Count; i++)
        {
            var (x, baseline) = Origin(i);
            rects.Add(new SKRect(x, baseline + Ascent, x + Lines[i].Width, baseline + Descent));
        }

        return rects;
    }

    public void Draw(SKCanvas canvas, List<SKRect> bounds, bool drawGlyphs)
    {
        if (drawGlyphs)
        {
            using var paint = new SKPaint { Color = _style.Color, IsAntialias = true };
            for (var i = 0; i < Lines.Count; i++)
            {
                var (x, baseline) = Origin(i);
                using var blob = BuildLine(i);
                if (blob is not null)
                {
                    canvas.DrawText(blob, x, baseline, paint);
                }
            }
        }

        bounds.AddRange(LineBounds());
    }

    public void Dispose()
    {
        foreach (var font in _fonts)
        {
            font?.Dispose();
        }
    }

    /// <summary>One text blob per line with a positioned run per shaped run, each in its own face, on one baseline.</summary>
    private SKTextBlob? BuildLine(int line)
    {
        using var builder = new SKTextBlobBuilder();
        foreach (var (run, x) in _visual[line])
        {
            if (run.IsSpace || run.Glyphs.Glyphs.Length == 0)
            {
                continue;
            }

            var buffer = builder.AllocatePositionedRun(_fonts[run.Face]!, run.Glyphs.Glyphs.Length);
            buffer.SetGlyphs(run.Glyphs.Glyphs);
            var positions = buffer.Positions;
            for (var g = 0; g < positions.Length; g++)
            {
                var p = run.Glyphs.Positions[g];
                positions[g] = new SKPoint((x + p.X) * _scale, p.Y * _scale);
            }
        }

        return builder.Build();
    }

    private (float X, float Baseline) Origin(int line)
    {
        var width = Lines[line].Width;
        var align = _style.Align;
        if (_paragraph.Rtl && align != HAlign.Center)
        {
            align = align == HAlign.Start ? HAlign.End : HAlign.Start;
        }

        var x = align switch
        {
            HAlign.Center => _box.MidX - (width / 2),
            HAlign.End => _box.Right - width,
            _ => _box.Left,
        };
        return (x, Top - Ascent + (line * LineHeight));
    }
}

/// <summary>
/// Auto-fit with balanced line breaks: the largest size whose wrapped lines fit the box, then the narrowest width
/// that keeps the same number of lines (like CSS <c>text-wrap: balance</c>), then no one-word last line.
/// Text is shaped once per call (see <see cref="ShapedParagraph"/>); every size and width tried is arithmetic.
/// </summary>
internal static class TextLayout
{
    private const string Ellipsis = "\u2026";

    // Trailing punctuation that reads wrong right before an ellipsis ("bridges,…").
    private static readonly char[] SoftPunctuation = [',', ';', ':', '\u3001', '\uFF0C', '\uFF1B', '\uFF1A', '\u060C', '\u061B', '-', '\u2013', '\u2014'];

    public static TextBlock Fit(SlideTheme theme, string text, TextStyle style, SKRect box)
    {
        var normalized = Normalize(text);
        var paragraph = ShapedParagraph.Create(normalized, theme.FontsFor(style.Bold), TextDirection.IsRtlParagraph(normalized));
        var (laidOut, lines, size) = Arrange(paragraph, style, box);
        return new TextBlock(laidOut, lines, size, style, box);
    }

    /// <summary>Greedy wrap of a whole text with one face (no fallback), for tests of the wrapping itself.</summary>
    internal static List<TextLine> Wrap(ShapedFace face, SKFont font, string text, float maxWidth, out bool brokeWord)
    {
        var normalized = Normalize(text);
        var paragraph = ShapedParagraph.Create(normalized, new FontFallback(face, null, null), TextDirection.IsRtlParagraph(normalized));
        var lines = Greedy(paragraph, font.Size, maxWidth, out brokeWord);
        if (brokeWord)
        {
            paragraph = paragraph.SplitOverlong(maxWidth * ShapedFace.UnitSize / font.Size);
            lines = Greedy(paragraph, font.Size, maxWidth, out _);
        }

        var style = new TextStyle(false, font.Size, font.Size, SKColors.Black, int.MaxValue);
        using var block = new TextBlock(paragraph, lines, font.Size, style, SKRect.Create(maxWidth, float.MaxValue));
        return [.. block.Lines];
    }

    internal static (ShapedParagraph Paragraph, List<LineRange> Lines, float Size) Arrange(ShapedParagraph paragraph, TextStyle style, SKRect box)
    {
        // Sizes are whole pixels; fitting is monotonic enough in size for a binary search.
        var min = (int)MathF.Ceiling(style.MinSize);
        var lo = min;
        var hi = (int)MathF.Floor(style.MaxSize);
        List<LineRange>? best = null;
        var bestSize = lo;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (TryFit(paragraph, style, box, mid) is { } lines)
            {
                best = lines;
                bestSize = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (best is null)
        {
            return Truncate(paragraph, style, box, min);
        }

        var polished = Polish(paragraph, box.Width, bestSize, best);
        if (polished.Orphan && bestSize - 1 >= min && TryFit(paragraph, style, box, bestSize - 1) is { } smaller)
        {
            // One step smaller often lets the last word join a line; if it still ends on a lone word, keep the larger size.
            var retry = Polish(paragraph, box.Width, bestSize - 1, smaller);
            if (!retry.Orphan)
            {
                return (paragraph, retry.Lines, bestSize - 1);
            }
        }

        return (paragraph, polished.Lines, bestSize);
    }

    /// <summary>Greedy wrap at a width; <paramref name="overlong"/> says some atom alone is wider than the line.</summary>
    internal static List<LineRange> Greedy(ShapedParagraph paragraph, float size, float maxWidth, out bool overlong)
    {
        overlong = false;
        var lines = new List<LineRange>();
        var atoms = paragraph.Atoms.Count;
        for (var start = 0; start < atoms;)
        {
            var end = start + 1;
            overlong |= ShapedParagraph.ToPixels(paragraph.LineUnits(start, end), size) > maxWidth;
            while (end < atoms && ShapedParagraph.ToPixels(paragraph.LineUnits(start, end + 1), size) <= maxWidth)
            {
                end++;
            }

            lines.Add(new LineRange(start, end));
            start = end;
        }

        return lines;
    }

    /// <summary>True when the last line is a lone word, or fewer than three CJK characters.</summary>
    internal static bool IsOrphan(ShapedParagraph paragraph, LineRange line)
    {
        if (line.End - line.Start < 2)
        {
            return true;
        }

        int cjk = 0, other = 0;
        for (var a = line.Start; a < line.End; a++)
        {
            cjk += paragraph.Atoms[a].CjkLetters;
            other += paragraph.Atoms[a].OtherLetters;
        }

        return other == 0 && cjk is > 0 and < 3;
    }

    private static List<LineRange>? TryFit(ShapedParagraph paragraph, TextStyle style, SKRect box, float size)
    {
        var lines = Greedy(paragraph, size, box.Width, out var overlong);

        // Splitting a word is only acceptable in the minimum-size fallback, never as a way to grow the font.
        return !overlong && lines.Count <= style.MaxLines && BlockHeight(paragraph, style, size, lines.Count) <= box.Height ? lines : null;
    }

    private static (List<LineRange> Lines, bool Orphan) Polish(ShapedParagraph paragraph, float maxWidth, float size, List<LineRange> lines)
    {
        var balanced = Balance(paragraph, maxWidth, size, lines);
        if (balanced.Count < 2 || !IsOrphan(paragraph, balanced[^1]))
        {
            return (balanced, false);
        }

        return PullDown(paragraph, maxWidth, size, balanced) is { } fixedLines ? (fixedLines, false) : (balanced, true);
    }

    /// <summary>
    /// The narrowest width that still gives the same number of lines, found by binary search (greedy line count only
    /// grows as the width shrinks). Lines come out of similar length instead of a full first line and a stub.
    /// </summary>
    private static List<LineRange> Balance(ShapedParagraph paragraph, float maxWidth, float size, List<LineRange> lines)
    {
        if (lines.Count < 2)
        {
            return lines;
        }

        var best = lines;
        float lo = 0, hi = maxWidth;
        while (hi - lo > 0.5f)
        {
            var mid = (lo + hi) / 2;
            var candidate = Greedy(paragraph, size, mid, out var overlong);
            if (!overlong && candidate.Count <= lines.Count)
            {
                best = candidate;
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return best;
    }

    /// <summary>Moves words from the second-to-last line down until the last line is no longer a lone word; null if it cannot.</summary>
    internal static List<LineRange>? PullDown(ShapedParagraph paragraph, float maxWidth, float size, List<LineRange> lines)
    {
        var previous = lines[^2];
        var last = lines[^1];
        for (var cut = previous.End - 1; cut > previous.Start; cut--)
        {
            if (ShapedParagraph.ToPixels(paragraph.LineUnits(cut, last.End), size) > maxWidth)
            {
                return null;
            }

            var candidate = new LineRange(cut, last.End);
            if (!IsOrphan(paragraph, candidate))
            {
                return [.. lines.Take(lines.Count - 2), new LineRange(previous.Start, cut), candidate];
            }
        }

        return null;
    }

    /// <summary>
    /// Even the minimum size overflows: keep the lines that fit and end on a whole word (or a CJK character at a legal
    /// break) plus an ellipsis, rather than going below the readable minimum or spilling outside the box.
    /// </summary>
    private static (ShapedParagraph Paragraph, List<LineRange> Lines, float Size) Truncate(ShapedParagraph paragraph, TextStyle style, SKRect box, float size)
    {
        var split = paragraph.SplitOverlong(box.Width * ShapedFace.UnitSize / size);
        var lines = Greedy(split, size, box.Width, out _);
        var keep = Math.Clamp(lines.Count, 1, Math.Max(1, style.MaxLines));
        while (keep > 1 && BlockHeight(split, style, size, keep) > box.Height)
        {
            keep--;
        }

        if (keep >= lines.Count)
        {
            return (split, lines, size);
        }

        for (var atom = lines[keep - 1].End - 1; atom >= 0; atom--)
        {
            // An atom followed by a split is the head of a word cut in two: an ellipsis there would sit inside the word.
            if (split.Atoms[atom].SplitAfter)
            {
                continue;
            }

            var kept = TrimForEllipsis(split.Text[..split.Atoms[atom].End]);
            if (kept.Length == 0)
            {
                continue;
            }

            var truncated = ShapedParagraph.Create(kept + Ellipsis, split.Fonts, split.Rtl, split.Splits.Where(s => s < kept.Length).ToList());
            var truncatedLines = Greedy(truncated, size, box.Width, out var overlong);
            if (!overlong && truncatedLines.Count <= keep && BlockHeight(truncated, style, size, truncatedLines.Count) <= BlockHeight(split, style, size, keep))
            {
                return (truncated, truncatedLines, size);
            }
        }

        // Only a single word longer than everything the box can hold gets here (a pasted URL, say): we show the
        // pieces that fit, cut at grapheme boundaries, and no ellipsis, because "…" inside a word reads as a typo.
        return (split, lines.Take(keep).ToList(), size);
    }

    private static string TrimForEllipsis(string text)
    {
        var trimmed = text;
        do
        {
            text = trimmed;
            trimmed = text.TrimEnd(' ').TrimEnd(SoftPunctuation);
        }
        while (trimmed.Length != text.Length);

        return trimmed;
    }

    private static float BlockHeight(ShapedParagraph paragraph, TextStyle style, float size, int lineCount) =>
        lineCount == 0 ? 0 : ((lineCount - 1) * size * style.LineSpacing) + ((paragraph.DescentUnits - paragraph.AscentUnits) * size / ShapedFace.UnitSize);

    /// <summary>Collapses whitespace runs to one space; no-break spaces stay, so "10 km" never breaks.</summary>
    private static string Normalize(string text)
    {
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) && c is not ('\u00A0' or '\u2007' or '\u202F'))
            {
                pendingSpace = result.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                result.Append(' ');
                pendingSpace = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
