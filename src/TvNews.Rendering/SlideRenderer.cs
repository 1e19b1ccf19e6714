using System.Runtime.CompilerServices;
using SkiaSharp;
using TvNews.Core.Slides;

[assembly: InternalsVisibleTo("TvNews.Rendering.Tests")]

namespace TvNews.Rendering;

/// <summary>
/// Draws 1920x1080 slides for one channel theme. Holds no state besides the theme; each render owns its surface.
/// Output is deterministic: same slide, index and count give the same pixels and PNG bytes.
/// </summary>
public sealed class SlideRenderer
{
    private const int W = SafeArea.FrameWidth;
    private const int H = SafeArea.FrameHeight;

    // Text boxes sit a few pixels inside title safe so anti-aliased glyph edges and side bearings stay inside too.
    private const float Inset = 8;

    private static readonly SKRect Text = new(
        SafeArea.TitleSafe.Left + Inset,
        SafeArea.TitleSafe.Top + Inset,
        SafeArea.TitleSafe.Right - Inset,
        SafeArea.TitleSafe.Bottom - Inset);

    private readonly SlideTheme _theme;

    public SlideRenderer(SlideTheme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        _theme = theme;
    }

    /// <summary>Renders slide <paramref name="index"/> of <paramref name="count"/> to a PNG (zlib level 1: it only feeds ffmpeg).</summary>
    public RenderedSlide Render(Slide slide, int index, int count)
    {
        var bounds = new List<SKRect>();
        using var image = RenderImage(slide, index, count, bounds, drawGlyphs: true);
        using var pixmap = image.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 1))
            ?? throw new InvalidOperationException("PNG encoding failed.");
        return new RenderedSlide(data.ToArray(), W, H, bounds);
    }

    /// <summary>Renders at 1920x1080 and scales down (or up) to a JPEG thumbnail of the given size.</summary>
    public byte[] RenderJpeg(Slide slide, int index, int count, int width, int height, int quality)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);

        using var full = RenderImage(slide, index, count, [], drawGlyphs: true);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Could not create the thumbnail surface.");
        surface.Canvas.DrawImage(full, SKRect.Create(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var scaled = surface.Snapshot();
        using var data = scaled.Encode(SKEncodedImageFormat.Jpeg, quality)
            ?? throw new InvalidOperationException("JPEG encoding failed.");
        return data.ToArray();
    }

    /// <summary>
    /// The drawing itself. <paramref name="drawGlyphs"/> = false lays out and draws everything except glyphs,
    /// which lets tests diff a slide against its text-free twin to find every text pixel.
    /// </summary>
    internal SKImage RenderImage(Slide slide, int index, int count, List<SKRect> bounds, bool drawGlyphs)
    {
        ArgumentNullException.ThrowIfNull(slide);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);

        using var surface = SKSurface.Create(new SKImageInfo(W, H, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Could not create the slide surface.");
        var canvas = surface.Canvas;
        var ctx = new DrawContext(canvas, bounds, drawGlyphs);

        DrawBackground(canvas, slide);
        switch (slide.Kind)
        {
            case SlideKind.Title:
                DrawTitle(ctx, slide);
                break;
            case SlideKind.Image:
                DrawImage(ctx, slide);
                break;
            case SlideKind.KeyPoint:
                DrawKeyPoint(ctx, slide);
                break;
            case SlideKind.Quote:
                DrawQuote(ctx, slide);
                break;
            case SlideKind.Outro:
                DrawOutro(ctx, slide);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(slide), slide.Kind, "Unknown slide kind.");
        }

        if (slide.Kind != SlideKind.Outro)
        {
            DrawProgress(canvas, index, count);
        }

        canvas.Flush();
        return surface.Snapshot();
    }

    /// <summary>The story's own photo for an image slide (decoded once, eagerly); null when absent or unreadable.</summary>
    private static SKImage? LoadPhoto(string? path)
    {
        if (path is null || !File.Exists(path)) return null;
        using var bitmap = SKBitmap.Decode(path);
        return bitmap is null ? null : SKImage.FromBitmap(bitmap);
    }

    private void DrawBackground(SKCanvas canvas, Slide slide)
    {
        canvas.Clear(_theme.PrimaryColor);
        using var photo = slide.Kind == SlideKind.Image ? LoadPhoto(slide.Image) : null;
        Drawing.DrawCover(canvas, photo ?? _theme.Background, SKRect.Create(W, H));

        var primary = _theme.PrimaryColor;
        switch (slide.Kind)
        {
            case SlideKind.Image:
                // The photo is the content: only a light top-to-bottom shade so the lower third reads.
                Drawing.FillGradient(canvas, SKRect.Create(W, H), primary.WithAlpha(0x00), primary.WithAlpha(0x60));
                break;
            case SlideKind.Title:
                Drawing.FillGradient(canvas, SKRect.Create(W, H), primary.WithAlpha(0xA0), primary.WithAlpha(0xF0));
                break;
            default:
                // Text-only slides: the background stays a texture, the channel colour carries the slide.
                using (var paint = new SKPaint { Color = primary.WithAlpha(0xE6) })
                {
                    canvas.DrawRect(SKRect.Create(W, H), paint);
                }

                break;
        }
    }

    private void DrawTitle(DrawContext ctx, Slide slide)
    {
        var rtl = TextDirection.IsRtlParagraph(slide.Text);
        var top = Text.Top;
        if (!string.IsNullOrWhiteSpace(slide.Label))
        {
            var kicker = DrawPill(ctx, slide.Label.ToUpperInvariant(), Mirror(new SKRect(Text.Left + 20, Text.Top + 10, Text.MidX, Text.Top + 70), rtl));
            top = kicker.Bottom + 40;
        }

        DrawBug(ctx, rtl);
        // The air time (Attribution on a title slide) sits on its own line under the headline.
        var hasTime = !string.IsNullOrWhiteSpace(slide.Attribution);
        var headlineBox = Mirror(new SKRect(Text.Left + 40, top, Text.Right, hasTime ? Text.Bottom - 76 : Text.Bottom), rtl);
        using var headline = TextLayout.Fit(_theme, slide.Text, new TextStyle(true, 112, 36, _theme.TextColor, 5, VerticalAlign: VAlign.Center), headlineBox);
        Drawing.FillRect(ctx.Canvas, Mirror(new SKRect(Text.Left, headline.Top, Text.Left + 12, headline.Bottom), rtl), _theme.AccentColor);
        headline.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);
        if (hasTime)
        {
            var timeBox = Mirror(new SKRect(Text.Left + 40, Text.Bottom - 60, Text.Right, Text.Bottom), rtl);
            using var time = TextLayout.Fit(_theme, slide.Attribution!, new TextStyle(false, 40, 36, _theme.TextColor.WithAlpha(0xD9), 1, VerticalAlign: VAlign.Bottom), timeBox);
            time.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);
        }
    }

    private void DrawImage(DrawContext ctx, Slide slide)
    {
        DrawBug(ctx, TextDirection.IsRtlParagraph(slide.Text));

        // Lower third: a full-width band (it is not text, so it may run to the frame edges) with an accent rule.
        const float bandTop = 748;
        Drawing.FillRect(ctx.Canvas, new SKRect(0, bandTop, W, 1000), _theme.PrimaryColor.WithAlpha(0xEB));
        Drawing.FillRect(ctx.Canvas, new SKRect(0, bandTop, W, bandTop + 8), _theme.AccentColor);

        var hasCredit = !string.IsNullOrWhiteSpace(slide.Label);
        var captionBox = new SKRect(Text.Left, bandTop + 28, Text.Right, hasCredit ? Text.Bottom - 52 : Text.Bottom);
        using var caption = TextLayout.Fit(_theme, slide.Text, new TextStyle(false, 60, 36, _theme.TextColor, 2, VerticalAlign: VAlign.Center), captionBox);
        caption.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);

        if (hasCredit)
        {
            var creditBox = new SKRect(Text.Left, Text.Bottom - 48, Text.Right, Text.Bottom);
            using var credit = TextLayout.Fit(_theme, "Photo: " + slide.Label, new TextStyle(false, 36, 36, _theme.TextColor.WithAlpha(0xCC), 1, HAlign.End, VAlign.Bottom), creditBox);
            credit.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);
        }
    }

    private void DrawKeyPoint(DrawContext ctx, Slide slide)
    {
        var rtl = TextDirection.IsRtlParagraph(slide.Text);
        DrawBug(ctx, rtl);
        var box = Mirror(new SKRect(Text.Left + 48, Text.Top + 90, Text.Right, Text.Bottom - 40), rtl);
        using var point = TextLayout.Fit(_theme, slide.Text, new TextStyle(true, 92, 36, _theme.TextColor, 6, VerticalAlign: VAlign.Center), box);
        Drawing.FillRect(ctx.Canvas, Mirror(new SKRect(Text.Left, point.Top, Text.Left + 12, point.Bottom), rtl), _theme.AccentColor);
        point.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);
    }

    private void DrawQuote(DrawContext ctx, Slide slide)
    {
        var rtl = TextDirection.IsRtlParagraph(slide.Text);
        DrawBug(ctx, rtl);

        // The opening mark is display type: sized to its box like any other text so it stays in the safe area.
        var markBox = new SKRect(Text.Left, Text.Top, Text.Right, Text.Top + 270);
        using var mark = TextLayout.Fit(_theme, rtl ? "\u201D" : "\u201C", new TextStyle(true, 220, 120, _theme.AccentColor, 1), markBox);
        mark.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);

        var hasAttribution = !string.IsNullOrWhiteSpace(slide.Attribution);
        var quoteBox = new SKRect(Text.Left + 48, Text.Top + 200, Text.Right - 48, hasAttribution ? Text.Bottom - 90 : Text.Bottom);
        using var quote = TextLayout.Fit(_theme, slide.Text, new TextStyle(false, 72, 36, _theme.TextColor, 7, VerticalAlign: VAlign.Center), quoteBox);
        quote.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);

        if (hasAttribution)
        {
            var attributionBox = new SKRect(Text.Left + 48, Text.Bottom - 70, Text.Right - 48, Text.Bottom);
            using var attribution = TextLayout.Fit(_theme, "\u2014 " + slide.Attribution, new TextStyle(true, 44, 36, _theme.AccentColor, 1, VerticalAlign: VAlign.Bottom), attributionBox);
            attribution.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);
        }
    }

    private void DrawOutro(DrawContext ctx, Slide slide)
    {
        var name = string.IsNullOrWhiteSpace(slide.Text) ? _theme.ChannelName : slide.Text;
        var nameBottom = Text.Top + 500;
        if (_theme.Logo is { } logo)
        {
            Drawing.DrawContain(ctx.Canvas, logo, new SKRect(Text.MidX - 160, Text.Top + 40, Text.MidX + 160, Text.Top + 220));
        }

        var nameBox = new SKRect(Text.Left, Text.Top + 240, Text.Right, nameBottom);
        using var title = TextLayout.Fit(_theme, name, new TextStyle(true, 128, 36, _theme.TextColor, 2, HAlign.Center, VAlign.Bottom), nameBox);
        title.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);

        Drawing.FillRect(ctx.Canvas, new SKRect(Text.MidX - 120, nameBottom + 30, Text.MidX + 120, nameBottom + 42), _theme.AccentColor);

        var tagline = string.IsNullOrWhiteSpace(slide.Label) ? _theme.Tagline : slide.Label;
        if (!string.IsNullOrWhiteSpace(tagline))
        {
            var tagBox = new SKRect(Text.Left, nameBottom + 80, Text.Right, Text.Bottom - 60);
            using var tag = TextLayout.Fit(_theme, tagline, new TextStyle(false, 56, 36, _theme.TextColor.WithAlpha(0xDD), 2, HAlign.Center), tagBox);
            tag.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);
        }
    }

    /// <summary>Small channel name in the top-right corner of title safe, with an accent square.</summary>
    private void DrawBug(DrawContext ctx, bool rtl)
    {
        // Mirrored for right-to-left stories so it never sits where the kicker starts.
        var box = Mirror(new SKRect(Text.MidX + 200, Text.Top, Text.Right, Text.Top + 52), rtl);
        using var bug = TextLayout.Fit(_theme, _theme.ChannelName, new TextStyle(true, 36, 36, _theme.TextColor, 1, rtl ? HAlign.Start : HAlign.End), box);
        var line = bug.LineBounds() is [var first, ..] ? first : box;
        var square = rtl
            ? new SKRect(line.Right + 12, bug.Top + 10, line.Right + 32, bug.Top + 30)
            : new SKRect(line.Left - 32, bug.Top + 10, line.Left - 12, bug.Top + 30);
        Drawing.FillRect(ctx.Canvas, square, _theme.AccentColor);
        bug.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);
    }

    /// <summary>One line of bold text on an accent pill; returns the pill rectangle.</summary>
    private SKRect DrawPill(DrawContext ctx, string text, SKRect box)
    {
        using var label = TextLayout.Fit(_theme, text, new TextStyle(true, 40, 36, _theme.PrimaryColor, 1, VerticalAlign: VAlign.Center), box);
        var line = label.LineBounds() is [var first, ..] ? first : box;
        var pill = new SKRect(line.Left - 18, line.Top - 4, line.Right + 18, line.Bottom + 4);
        using (var paint = new SKPaint { Color = _theme.AccentColor, IsAntialias = true })
        {
            ctx.Canvas.DrawRoundRect(pill, 8, 8, paint);
        }

        label.Draw(ctx.Canvas, ctx.Bounds, ctx.DrawGlyphs);
        return pill;
    }

    /// <summary>Story progress as segments along the bottom of action safe (graphics only, no text).</summary>
    private void DrawProgress(SKCanvas canvas, int index, int count)
    {
        const float y = 990;
        const float gap = 8;
        var left = Text.Left;
        var segment = (Text.Width - (gap * (count - 1))) / count;
        for (var i = 0; i < count; i++)
        {
            var x = left + (i * (segment + gap));
            var color = i <= index ? _theme.AccentColor : _theme.TextColor.WithAlpha(0x50);
            Drawing.FillRect(canvas, new SKRect(x, y, x + segment, y + 6), color);
        }
    }

    /// <summary>Reflects a layout rectangle about the vertical centre line of the text area, for right-to-left slides.</summary>
    private static SKRect Mirror(SKRect rect, bool rtl) =>
        rtl ? new SKRect(Text.Left + Text.Right - rect.Right, rect.Top, Text.Left + Text.Right - rect.Left, rect.Bottom) : rect;

    private sealed record DrawContext(SKCanvas Canvas, List<SKRect> Bounds, bool DrawGlyphs);
}
