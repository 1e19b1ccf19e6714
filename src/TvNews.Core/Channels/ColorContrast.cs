using System.Globalization;

namespace TvNews.Core.Channels;

/// <summary>WCAG 2.x relative luminance and contrast ratio, used to validate palettes and size scrims.</summary>
public static class ColorContrast
{
    /// <summary>WCAG AA for body text; the slides hold every text to it, large or not.</summary>
    public const double MinimumText = 4.5;

    /// <summary>Relative luminance of an sRGB color given as 0-255 channels.</summary>
    public static double Luminance(byte r, byte g, byte b) =>
        (0.2126 * Linear(r)) + (0.7152 * Linear(g)) + (0.0722 * Linear(b));

    public static double Ratio(double luminanceA, double luminanceB)
    {
        var (hi, lo) = luminanceA >= luminanceB ? (luminanceA, luminanceB) : (luminanceB, luminanceA);
        return (hi + 0.05) / (lo + 0.05);
    }

    /// <summary>Contrast of two #RRGGBB colors.</summary>
    public static double Ratio(string hexA, string hexB) => Ratio(Luminance(hexA), Luminance(hexB));

    public static double Luminance(string hex)
    {
        var rgb = uint.Parse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return Luminance((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }

    /// <summary>sRGB channel (0-255) to linear light.</summary>
    public static double Linear(byte channel)
    {
        var c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
    }
}
