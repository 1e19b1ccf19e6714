using SkiaSharp;

namespace TvNews.Rendering;

/// <summary>
/// An encoded slide. <see cref="TextBounds"/> is the measured box of every text line drawn, in frame pixels,
/// so callers and tests can check the title safe area without re-running layout.
/// </summary>
public sealed record RenderedSlide(byte[] Png, int Width, int Height, IReadOnlyList<SKRect> TextBounds);
