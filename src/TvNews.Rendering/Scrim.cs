using SkiaSharp;
using TvNews.Core.Channels;

namespace TvNews.Rendering;

/// <summary>
/// Sizes a scrim from the pixels actually behind the text: the smallest opacity of the scrim color at which every
/// text color reaches the contrast target against every backdrop pixel in the region. A calm texture gets the
/// designed light wash; a bright photo gets as much darkening as it needs, and no more.
/// </summary>
internal static class Scrim
{
    // Colors are bucketed at 5 bits per channel; testing a bucket's worst corner keeps the answer conservative
    // while the search runs over a few thousand buckets instead of a million pixels.
    private const int Bits = 5;
    private const int Step = 1 << (8 - Bits);

    // Blending and 8-bit rounding move the result by under half a level; the margin keeps measured contrast above target.
    private const double Margin = 0.08;

    private static readonly double[] LinearLut = BuildLut();

    /// <summary>Opacity (0-1) of <paramref name="scrim"/> needed over <paramref name="region"/> (output pixels).</summary>
    public static float RequiredAlpha(SKPixmap pixels, SKRectI region, SKColor scrim, IReadOnlyList<SKColor> texts, double target = ColorContrast.MinimumText)
    {
        if (pixels.ColorType is not (SKColorType.Rgba8888 or SKColorType.Bgra8888))
        {
            throw new ArgumentException($"Scrim sizing expects 8-bit RGBA or BGRA pixels, not {pixels.ColorType}.", nameof(pixels));
        }

        region.Intersect(SKRectI.Create(pixels.Width, pixels.Height));
        if (region.IsEmpty || texts.Count == 0)
        {
            return 0;
        }

        var buckets = Occupied(pixels, region);
        var alpha = 0.0;
        foreach (var text in texts)
        {
            alpha = Math.Max(alpha, AlphaFor(buckets, scrim, text, target + Margin));
        }

        return (float)alpha;
    }

    /// <summary>Contrast of two opaque colors.</summary>
    public static double Contrast(SKColor a, SKColor b) => ColorContrast.Ratio(Luminance(a), Luminance(b));

    public static double Luminance(SKColor c) => ColorContrast.Luminance(c.Red, c.Green, c.Blue);

    private static List<int> Occupied(SKPixmap pixels, SKRectI region)
    {
        var seen = new bool[1 << (3 * Bits)];
        var span = pixels.GetPixelSpan();
        var rowBytes = pixels.RowBytes;
        var (red, blue) = pixels.ColorType == SKColorType.Bgra8888 ? (2, 0) : (0, 2);
        for (var y = region.Top; y < region.Bottom; y++)
        {
            var row = span.Slice((y * rowBytes) + (region.Left * 4), region.Width * 4);
            for (var i = 0; i < row.Length; i += 4)
            {
                seen[((row[i + red] >> (8 - Bits)) << (2 * Bits)) | ((row[i + 1] >> (8 - Bits)) << Bits) | (row[i + blue] >> (8 - Bits))] = true;
            }
        }

        var occupied = new List<int>();
        for (var i = 0; i < seen.Length; i++)
        {
            if (seen[i])
            {
                occupied.Add(i);
            }
        }

        return occupied;
    }

    private static double AlphaFor(List<int> buckets, SKColor scrim, SKColor text, double target)
    {
        var textLuminance = Luminance(text);
        var scrimLuminance = Luminance(scrim);

        // Light text needs the backdrop dark enough, dark text needs it light enough; test each bucket's worst corner.
        var lightText = textLuminance >= scrimLuminance;
        var limit = lightText ? ((textLuminance + 0.05) / target) - 0.05 : (target * (textLuminance + 0.05)) - 0.05;
        var corner = lightText ? Step - 1 : 0;

        bool Passes(double a)
        {
            foreach (var bucket in buckets)
            {
                var r = ((bucket >> (2 * Bits)) * Step) + corner;
                var g = (((bucket >> Bits) & ((1 << Bits) - 1)) * Step) + corner;
                var b = ((bucket & ((1 << Bits) - 1)) * Step) + corner;
                var l = (0.2126 * Linear((a * scrim.Red) + ((1 - a) * r)))
                    + (0.7152 * Linear((a * scrim.Green) + ((1 - a) * g)))
                    + (0.0722 * Linear((a * scrim.Blue) + ((1 - a) * b)));
                if (lightText ? l > limit : l < limit)
                {
                    return false;
                }
            }

            return true;
        }

        if (Passes(0))
        {
            return 0;
        }

        // Contrast grows with opacity when the scrim itself passes; when it cannot pass, the full scrim is the best there is.
        if (!Passes(1))
        {
            return 1;
        }

        double lo = 0, hi = 1;
        for (var i = 0; i < 12; i++)
        {
            var mid = (lo + hi) / 2;
            if (Passes(mid))
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }

    /// <summary>Linear light of a fractional 8-bit level, rounded up to the next quarter level (conservative for light text).</summary>
    private static double Linear(double level) => LinearLut[Math.Clamp((int)Math.Ceiling(level * 4), 0, LinearLut.Length - 1)];

    private static double[] BuildLut()
    {
        var lut = new double[(255 * 4) + 1];
        for (var i = 0; i < lut.Length; i++)
        {
            var c = i / 4.0 / 255.0;
            lut[i] = c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return lut;
    }
}
