using SkiaSharp;

namespace TvNews.Rendering;

/// <summary>
/// An encoded slide. <see cref="Texts"/> lists every text line drawn (box in output pixels, color, pixel size), so
/// callers and tests can check title safe, minimum size and contrast without re-running layout.
/// </summary>
public sealed record RenderedSlide(byte[] Png, int Width, int Height, IReadOnlyList<DrawnText> Texts)
{
    public IReadOnlyList<SKRect> TextBounds => Texts.Select(t => t.Bounds).ToList();
}

/// <summary>
/// One line of text as drawn. <see cref="Decorative"/> marks display glyphs that carry no words (the big quote mark),
/// held to the 3:1 non-text contrast of WCAG 1.4.11 rather than 4.5:1.
/// </summary>
public sealed record DrawnText(SKRect Bounds, SKColor Color, float PixelSize, bool Decorative = false);
