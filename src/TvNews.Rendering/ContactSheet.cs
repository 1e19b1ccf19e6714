using System.Globalization;
using SkiaSharp;
using TvNews.Core.Slides;

namespace TvNews.Rendering;

/// <summary>
/// The whole deck on one picture for producers: every slide as drawn, numbered, with its kind and time on air, so a
/// plan can be checked at a glance before it goes out. Tiles are drawn at tile size, not scaled down from 1080p.
/// </summary>
public static class ContactSheet
{
    public const int Columns = 4;
    public const int TileWidth = 480;
    public const int TileHeight = 270;
    private const int Gap = 24;
    private const int LabelHeight = 44;
    private const int HeaderHeight = 84;

    private static readonly SKColor Paper = new(0x16, 0x18, 0x1D);
    private static readonly SKColor Ink = new(0xF2, 0xF2, 0xF2);

    /// <summary>Renders the sheet as PNG. Slide images must already be absolute paths.</summary>
    public static byte[] RenderPng(SlideRenderer renderer, SlideTheme theme, string title, IReadOnlyList<Slide> slides)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(theme);
        ArgumentNullException.ThrowIfNull(slides);
        if (slides.Count == 0)
        {
            throw new ArgumentException("A contact sheet needs at least one slide.", nameof(slides));
        }

        var rows = (slides.Count + Columns - 1) / Columns;
        var width = (Columns * TileWidth) + ((Columns + 1) * Gap);
        var height = HeaderHeight + (rows * (TileHeight + LabelHeight + Gap)) + Gap;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKImageInfo.PlatformColorType, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Could not create the contact sheet surface.");
        var canvas = surface.Canvas;
        canvas.Clear(Paper);

        var total = slides.Sum(s => s.DurationSeconds);
        var header = $"{title} \u2014 {slides.Count} slides, {Seconds(total)}";
        using (var block = TextLayout.Fit(theme, header, new TextStyle(true, 36, 20, Ink, 1, VerticalAlign: VAlign.Center), new SKRect(Gap, 12, width - Gap, HeaderHeight - 12)))
        {
            block.Draw(canvas, [], drawGlyphs: true);
        }

        var frame = SlideFrame.Landscape(TileWidth, TileHeight);
        for (var i = 0; i < slides.Count; i++)
        {
            var x = Gap + ((i % Columns) * (TileWidth + Gap));
            var y = HeaderHeight + ((i / Columns) * (TileHeight + LabelHeight + Gap));
            using (var tile = renderer.RenderImage(slides[i], i, slides.Count, frame, [], drawGlyphs: true))
            {
                canvas.DrawImage(tile, x, y, SKSamplingOptions.Default);
            }

            var label = $"{i + 1}  \u00B7  {KindName(slides[i].Kind)}  \u00B7  {Seconds(slides[i].DurationSeconds)}";
            using var text = TextLayout.Fit(theme, label, new TextStyle(false, 24, 16, Ink, 1, VerticalAlign: VAlign.Center), new SKRect(x, y + TileHeight + 4, x + TileWidth, y + TileHeight + LabelHeight));
            text.Draw(canvas, [], drawGlyphs: true);
        }

        canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("PNG encoding failed.");
        return data.ToArray();
    }

    private static string Seconds(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    private static string KindName(SlideKind kind) => kind switch
    {
        SlideKind.KeyPoint => "Key point",
        _ => kind.ToString(),
    };
}
