using SkiaSharp;

namespace TvNews.Rendering;

/// <summary>
/// Channel artwork for the Roku package (icons 540x405 / 290x218, splash 1920x1080 / 1280x720 / 720x480):
/// branded background, optional logo and the channel wordmark, drawn at exactly the requested size.
/// </summary>
public sealed class ArtworkRenderer
{
    public byte[] RenderPng(SlideTheme theme, string title, int width, int height) =>
        Render(theme, title, width, height).Png;

    /// <summary>Like <see cref="RenderPng"/> but also returns the measured text boxes, for safe-area checks.</summary>
    internal static (byte[] Png, IReadOnlyList<SKRect> TextBounds) Render(SlideTheme theme, string title, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(theme);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKImageInfo.PlatformColorType, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Could not create a {width}x{height} surface.");
        var canvas = surface.Canvas;
        var frame = SKRect.Create(width, height);
        canvas.Clear(theme.PrimaryColor);
        Drawing.DrawCover(canvas, theme.Background, frame);
        Drawing.FillGradient(canvas, frame, theme.PrimaryColor.WithAlpha(0xB0), theme.PrimaryColor.WithAlpha(0xF0));
        Drawing.FillRect(canvas, new SKRect(0, height - Math.Max(4, height * 0.04f), width, height), theme.AccentColor);

        // Text stays inside the artwork's own 80% rectangle, like title safe on a 1080p frame.
        var safe = SafeArea.TitleSafeFor(width, height);
        var inset = Math.Max(2, height * 0.01f);
        safe.Inflate(-inset, -inset);
        var textBox = safe;
        if (theme.Logo is { } logo)
        {
            var logoBox = new SKRect(safe.Left, safe.Top, safe.Right, safe.Top + (safe.Height * 0.45f));
            Drawing.DrawContain(canvas, logo, logoBox);
            textBox = new SKRect(safe.Left, logoBox.Bottom + (safe.Height * 0.05f), safe.Right, safe.Bottom);
        }

        // Small icons cannot hold 36 px text; scale the limits with the canvas instead.
        var maxSize = Math.Max(12, textBox.Height * 0.45f);
        var minSize = Math.Max(10, height * 0.035f);
        var bounds = new List<SKRect>();
        using (var wordmark = TextLayout.Fit(theme, title, new TextStyle(true, maxSize, Math.Min(minSize, maxSize), theme.TextColor, 2, HAlign.Center, VAlign.Center, 1.1f), textBox))
        {
            wordmark.Draw(canvas, bounds, drawGlyphs: true);
            var rule = Math.Max(2, height * 0.01f);
            var ruleTop = Math.Min(wordmark.Bottom + rule, safe.Bottom - rule);
            Drawing.FillRect(canvas, new SKRect(safe.MidX - (safe.Width * 0.1f), ruleTop, safe.MidX + (safe.Width * 0.1f), ruleTop + rule), theme.AccentColor);
        }

        canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("PNG encoding failed.");
        return (data.ToArray(), bounds);
    }
}
