using SkiaSharp;

namespace TvNews.Rendering;

/// <summary>
/// A slow Ken Burns move for an image slide: the photo layer zooms by <see cref="Zoom"/> over the slide while a
/// pivot drifts across it, and the overlay (lower third, caption, bug, ticker) is drawn unchanged on top, so text
/// never moves or shimmers. Scaling about a pivot inside the frame by a factor of at least 1 always keeps the frame
/// covered, so no edge of the photo ever shows. Owns its two images: dispose it.
/// </summary>
public sealed class KenBurns : IDisposable
{
    /// <summary>8 % over a slide: slow enough to read as a drift, not a zoom.</summary>
    public const float Zoom = 0.08f;

    private static readonly SKSamplingOptions Bilinear = new(SKFilterMode.Linear, SKMipmapMode.None);

    private readonly SKImage _photo;
    private readonly SKImage _overlay;
    private readonly SKColor _background;
    private readonly SlideFrame _frame;
    private readonly bool _zoomIn;

    internal KenBurns(SKImage photo, SKImage overlay, SKColor background, SlideFrame frame, bool zoomIn)
    {
        _photo = photo;
        _overlay = overlay;
        _background = background;
        _frame = frame;
        _zoomIn = zoomIn;
    }

    public int Width => _frame.Width;

    public int Height => _frame.Height;

    /// <summary>Draws frame <paramref name="index"/> of <paramref name="count"/> onto a canvas of the frame's pixel size.</summary>
    public void DrawFrame(SKCanvas canvas, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        var t = count <= 1 ? 0f : (float)index / (count - 1);
        var zoom = 1 + (Zoom * (_zoomIn ? t : 1 - t));
        var w = _frame.DesignWidth;
        var h = _frame.DesignHeight;

        // The pivot drifts from left of centre to right (or back when zooming out) at the photo's focus height.
        var pivot = new SKPoint(w * (_zoomIn ? 0.42f + (0.16f * t) : 0.58f - (0.16f * t)), h * 0.33f);
        canvas.Save();
        canvas.Clear(_background);
        canvas.Scale(_frame.Scale);
        canvas.Translate(pivot.X, pivot.Y);
        canvas.Scale(zoom);
        canvas.Translate(-pivot.X, -pivot.Y);
        Drawing.DrawCover(canvas, _photo, SKRect.Create(w, h), focusX: 0.5f, focusY: 0.33f);
        canvas.Restore();
        canvas.DrawImage(_overlay, 0, 0, Bilinear);
    }

    public void Dispose()
    {
        _photo.Dispose();
        _overlay.Dispose();
    }
}
