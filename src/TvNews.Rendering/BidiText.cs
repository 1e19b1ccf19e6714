using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace TvNews.Rendering;

/// <summary>
/// A small bidi run splitter. SKShaper shapes one run in one direction, so inside Arabic lines it would reverse
/// digits and Latin words ("2024" -> "4202"). We split a line into directional runs, shape each run on its own
/// and place the runs right-to-left. Not the full UBA (no embedding levels, no mirroring), enough for news text.
/// </summary>
internal static class BidiText
{
    public static float Measure(ShapedFace face, string text, SKFont font)
    {
        if (!TextDirection.ContainsRtl(text))
        {
            return face.Shaper.Shape(text, font).Width;
        }

        var width = 0f;
        foreach (var (run, _) in Runs(text, paragraphRtl: TextDirection.IsRtlParagraph(text)))
        {
            width += face.Shaper.Shape(run, font).Width;
        }

        return width;
    }

    public static void Draw(SKCanvas canvas, ShapedFace face, string text, float x, float baseline, SKFont font, SKPaint paint, bool paragraphRtl)
    {
        if (!TextDirection.ContainsRtl(text))
        {
            canvas.DrawShapedText(face.Shaper, text, x, baseline, SKTextAlign.Left, font, paint);
            return;
        }

        var runs = Runs(text, paragraphRtl);
        var widths = runs.Select(r => face.Shaper.Shape(r.Text, font).Width).ToList();
        if (paragraphRtl)
        {
            // Logical order runs from the right edge of the line towards the left.
            var right = x + widths.Sum();
            for (var i = 0; i < runs.Count; i++)
            {
                right -= widths[i];
                canvas.DrawShapedText(face.Shaper, runs[i].Text, right, baseline, SKTextAlign.Left, font, paint);
            }
        }
        else
        {
            var left = x;
            for (var i = 0; i < runs.Count; i++)
            {
                canvas.DrawShapedText(face.Shaper, runs[i].Text, left, baseline, SKTextAlign.Left, font, paint);
                left += widths[i];
            }
        }
    }

    /// <summary>Splits text into runs of one direction; neutrals join their neighbours when both agree, else the paragraph.</summary>
    internal static List<(string Text, bool Rtl)> Runs(string text, bool paragraphRtl)
    {
        // 1 = RTL, 0 = LTR, -1 = neutral (spaces, punctuation).
        var classes = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            classes[i] = TextDirection.IsStrongRtl(c) || c is '\u200C' or '\u200D' ? 1 : char.IsLetterOrDigit(c) ? 0 : -1;
        }

        for (var i = 0; i < classes.Length; i++)
        {
            if (classes[i] != -1)
            {
                continue;
            }

            var end = i;
            while (end < classes.Length && classes[end] == -1)
            {
                end++;
            }

            var before = i > 0 ? classes[i - 1] : -1;
            var after = end < classes.Length ? classes[end] : -1;
            var resolved = before == after && before != -1 ? before : paragraphRtl ? 1 : 0;
            Array.Fill(classes, resolved, i, end - i);
            i = end - 1;
        }

        var runs = new List<(string, bool)>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || classes[i] != classes[start])
            {
                runs.Add((text[start..i], classes[start] == 1));
                start = i;
            }
        }

        return runs;
    }
}
