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

internal sealed record TextLine(string Text, float Width);

/// <summary>A block of wrapped lines at one font size, positioned inside a box.</summary>
internal sealed class TextBlock : IDisposable
{
    private readonly ShapedFace _face;
    private readonly SKFont _font;
    private readonly TextStyle _style;
    private readonly SKRect _box;
    private readonly bool _rtl;

    public TextBlock(ShapedFace face, SKFont font, TextStyle style, SKRect box, IReadOnlyList<TextLine> lines, bool rtl)
    {
        _face = face;
        _font = font;
        _style = style;
        _box = box;
        _rtl = rtl;
        Lines = lines;
        Size = font.Size;
        var metrics = font.Metrics;
        Ascent = metrics.Ascent;
        Descent = metrics.Descent;
        LineHeight = Size * style.LineSpacing;
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

    public float Ascent { get; }

    public float Descent { get; }

    public float LineHeight { get; }

    public float Height { get; }

    public float Top { get; }

    public float Bottom => Top + Height;

    public float MaxLineWidth => Lines.Count == 0 ? 0 : Lines.Max(l => l.Width);

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
        using var paint = new SKPaint { Color = _style.Color, IsAntialias = true };
        for (var i = 0; i < Lines.Count; i++)
        {
            var (x, baseline) = Origin(i);
            if (drawGlyphs)
            {
                BidiText.Draw(canvas, _face, Lines[i].Text, x, baseline, _font, paint, _rtl);
            }
        }

        bounds.AddRange(LineBounds());
    }

    public void Dispose() => _font.Dispose();

    private (float X, float Baseline) Origin(int line)
    {
        var width = Lines[line].Width;
        var align = _style.Align;
        if (_rtl && align != HAlign.Center)
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

/// <summary>Word-wrap with auto-fit: the largest size whose wrapped lines fit the box, measured with HarfBuzz widths.</summary>
internal static class TextLayout
{
    private const string Ellipsis = "\u2026";

    public static TextBlock Fit(SlideTheme theme, string text, TextStyle style, SKRect box)
    {
        var normalized = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var face = theme.FaceFor(normalized, style.Bold);
        var rtl = TextDirection.IsRtlParagraph(normalized);

        // Sizes are whole pixels; fitting is monotonic enough in size for a binary search.
        var lo = (int)MathF.Ceiling(style.MinSize);
        var hi = (int)MathF.Floor(style.MaxSize);
        IReadOnlyList<TextLine>? best = null;
        var bestSize = lo;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var lines = TryFit(face, normalized, style, box, mid);
            if (lines is not null)
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
            // Even the minimum size overflows: keep whole lines that fit and end on a whole word plus an ellipsis,
            // rather than going below the readable minimum or spilling outside the safe area.
            bestSize = (int)MathF.Ceiling(style.MinSize);
            best = Truncate(face, normalized, style, box, bestSize);
        }

        var font = face.CreateFont(bestSize);
        return new TextBlock(face, font, style, box, best, rtl);
    }

    private static List<TextLine>? TryFit(ShapedFace face, string text, TextStyle style, SKRect box, float size)
    {
        using var font = face.CreateFont(size);
        var lines = Wrap(face, font, text, box.Width, out var brokeWord);

        // Splitting a word is only acceptable in the minimum-size fallback, never as a way to grow the font.
        return !brokeWord && lines.Count <= style.MaxLines && BlockHeight(font, style, lines.Count) <= box.Height ? lines : null;
    }

    private static List<TextLine> Truncate(ShapedFace face, string text, TextStyle style, SKRect box, float size)
    {
        using var font = face.CreateFont(size);
        var lines = Wrap(face, font, text, box.Width, out _);
        var keep = lines.Count;
        while (keep > 1 && BlockHeight(font, style, keep) > box.Height)
        {
            keep--;
        }

        if (keep == lines.Count)
        {
            return lines;
        }

        var kept = lines.Take(keep).ToList();
        var words = kept[^1].Text.Split(' ').ToList();
        while (true)
        {
            var candidate = string.Join(' ', words) + Ellipsis;
            var width = BidiText.Measure(face, candidate, font);
            if (width <= box.Width || words.Count == 1)
            {
                kept[^1] = new TextLine(candidate, width);
                return kept;
            }

            words.RemoveAt(words.Count - 1);
        }
    }

    private static float BlockHeight(SKFont font, TextStyle style, int lineCount)
    {
        var metrics = font.Metrics;
        return lineCount == 0 ? 0 : ((lineCount - 1) * font.Size * style.LineSpacing) + (metrics.Descent - metrics.Ascent);
    }

    /// <summary>Greedy wrap on spaces; a single word wider than the box is split by characters as a last resort.</summary>
    internal static List<TextLine> Wrap(ShapedFace face, SKFont font, string text, float maxWidth, out bool brokeWord)
    {
        brokeWord = false;
        var lines = new List<TextLine>();
        var current = string.Empty;
        var currentWidth = 0f;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            var width = BidiText.Measure(face, candidate, font);
            if (width <= maxWidth)
            {
                current = candidate;
                currentWidth = width;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(new TextLine(current, currentWidth));
            }

            current = word;
            currentWidth = BidiText.Measure(face, word, font);
            while (currentWidth > maxWidth && current.Length > 1)
            {
                brokeWord = true;
                var cut = current.Length - 1;
                while (cut > 1 && BidiText.Measure(face, current[..cut], font) > maxWidth)
                {
                    cut--;
                }

                if (char.IsHighSurrogate(current[cut - 1]) && cut > 1)
                {
                    cut--;
                }

                var head = current[..cut];
                lines.Add(new TextLine(head, BidiText.Measure(face, head, font)));
                current = current[cut..];
                currentWidth = BidiText.Measure(face, current, font);
            }
        }

        if (current.Length > 0)
        {
            lines.Add(new TextLine(current, currentWidth));
        }

        return lines;
    }
}
