using System.Runtime.CompilerServices;
using SkiaSharp;
using TvNews.Core.Channels;
using TvNews.Core.Slides;

[assembly: InternalsVisibleTo("TvNews.Rendering.Tests")]
[assembly: InternalsVisibleTo("TvNews.Benchmarks")]

namespace TvNews.Rendering;

/// <summary>
/// Draws a channel's slides in one design language: headline, captioned picture, key point, quote and outro, with the
/// channel bug, an optional ticker strip and a progress rule. Holds no state besides the theme; each render owns its
/// surface. Output is deterministic: same slide, index, count and frame give the same pixels and PNG bytes.
/// </summary>
public sealed class SlideRenderer
{
    // Text boxes sit a few units inside title safe so anti-aliased glyph edges and side bearings stay inside too.
    private const float Inset = 8;

    // The designed washes; the scrim only ever makes them stronger, when the picture behind the text demands it.
    private const float TextSlideWash = 0.90f;
    private const float LowerThirdWash = 0.92f;

    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    private readonly SlideTheme _theme;

    public SlideRenderer(SlideTheme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        _theme = theme;
    }

    /// <summary>Draws slide <paramref name="index"/> of <paramref name="count"/> and keeps it as pixels, for the encoder hand-off.</summary>
    public SlidePicture RenderPicture(Slide slide, int index, int count, SlideFrame? frame = null)
    {
        var texts = new List<DrawnText>();
        return new SlidePicture(RenderImage(slide, index, count, frame ?? SlideFrame.Hd1080, texts, drawGlyphs: true), texts);
    }

    /// <summary>Renders slide <paramref name="index"/> of <paramref name="count"/> to a PNG (zlib level 1).</summary>
    public RenderedSlide Render(Slide slide, int index, int count, SlideFrame? frame = null)
    {
        using var picture = RenderPicture(slide, index, count, frame);
        return new RenderedSlide(picture.EncodePng(), picture.Width, picture.Height, picture.Texts);
    }

    /// <summary>Renders a 16:9 JPEG of the given size (thumbnails), drawn at that size rather than scaled from 1080p.</summary>
    public byte[] RenderJpeg(Slide slide, int index, int count, int width, int height, int quality)
    {
        using var picture = RenderPicture(slide, index, count, SlideFrame.Landscape(width, height));
        return picture.EncodeJpeg(quality);
    }

    /// <summary>Renders any frame to a JPEG (the 720p deck, vertical previews).</summary>
    public byte[] RenderJpeg(Slide slide, int index, int count, SlideFrame frame, int quality)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var picture = RenderPicture(slide, index, count, frame);
        return picture.EncodeJpeg(quality);
    }

    /// <summary>
    /// The drawing itself. <paramref name="drawGlyphs"/> = false lays out and draws everything except glyphs,
    /// which lets tests diff a slide against its text-free twin to find every text pixel and its backdrop.
    /// </summary>
    internal SKImage RenderImage(Slide slide, int index, int count, SlideFrame frame, List<DrawnText> texts, bool drawGlyphs) =>
        RenderImage(slide, index, count, frame, texts, drawGlyphs, overlayPhoto: null);

    /// <summary>
    /// The layers of a moving image slide: the story photo, and everything drawn over it on a transparent overlay
    /// (scrims are sized from the photo at rest). Null for any other slide, or when the photo cannot be read.
    /// </summary>
    public KenBurns? RenderMotion(Slide slide, int index, int count, SlideFrame? frame = null, bool zoomIn = true)
    {
        ArgumentNullException.ThrowIfNull(slide);
        frame ??= SlideFrame.Hd1080;
        if (slide.Kind != SlideKind.Image) return null;
        var photo = LoadPhoto(slide.Image, frame);
        if (photo is null) return null;
        try
        {
            var overlay = RenderImage(slide, index, count, frame, [], drawGlyphs: true, overlayPhoto: photo);
            return new KenBurns(photo, overlay, _theme.PrimaryColor, frame, zoomIn);
        }
        catch
        {
            photo.Dispose();
            throw;
        }
    }

    /// <param name="overlayPhoto">When set: draw this photo on a separate surface that only scrims measure, and
    /// return everything else on a transparent background.</param>
    private SKImage RenderImage(Slide slide, int index, int count, SlideFrame frame, List<DrawnText> texts, bool drawGlyphs, SKImage? overlayPhoto)
    {
        ArgumentNullException.ThrowIfNull(slide);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);

        // The platform's native pixel order (BGRA on x64): Skia's fast 8-bit pipeline draws scaled pictures into it
        // about 5x faster than into RGBA, and BMP hands exactly these bytes to ffmpeg.
        var info = new SKImageInfo(frame.Width, frame.Height, SKImageInfo.PlatformColorType, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException("Could not create the slide surface.");
        var canvas = surface.Canvas;
        canvas.Scale(frame.Scale);
        var ticker = _theme.Ticker is not null && slide.Kind != SlideKind.Outro;
        using var backdrop = overlayPhoto is null ? null : SKSurface.Create(info)
            ?? throw new InvalidOperationException("Could not create the backdrop surface.");
        var ctx = new DrawContext(surface, frame, _theme, texts, drawGlyphs, ticker, measure: backdrop)
        {
            IsImageSlide = slide.Kind == SlideKind.Image,
        };

        if (backdrop is not null)
        {
            backdrop.Canvas.Scale(frame.Scale);
            DrawBackdrop(new DrawContext(backdrop, frame, _theme, [], drawGlyphs, ticker) { IsImageSlide = true }, overlayPhoto);
            canvas.Clear(SKColors.Transparent);
        }
        else
        {
            using var photo = slide.Kind == SlideKind.Image ? LoadPhoto(slide.Image, frame) : null;
            DrawBackdrop(ctx, photo);
        }
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

        if (ctx.Ticker)
        {
            DrawTicker(ctx, _theme.Ticker!);
        }

        if (slide.Kind != SlideKind.Outro)
        {
            DrawProgress(ctx, index, count);
        }

        canvas.Flush();
        return surface.Snapshot();
    }

    /// <summary>
    /// The story's own photo for an image slide; null when absent or unreadable. A photo much larger than the frame is
    /// decoded at a reduced scale (JPEG scales in the DCT for free), so drawing never shrinks it by more than half and
    /// plain bilinear sampling stays sharp without building mipmaps.
    /// </summary>
    private static SKImage? LoadPhoto(string? path, SlideFrame frame)
    {
        if (path is null || !File.Exists(path)) return null;
        using var codec = SKCodec.Create(path);
        if (codec is null) return null;
        var size = codec.Info.Size;
        var cover = Math.Max((float)frame.Width / size.Width, (float)frame.Height / size.Height);
        var scaled = cover < 1 ? codec.GetScaledDimensions(cover) : size;
        var info = new SKImageInfo(scaled.Width, scaled.Height, SKImageInfo.PlatformColorType, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) return null;

        // Immutable: the image shares the decoded pixels instead of copying 8 MB.
        bitmap.SetImmutable();
        return SKImage.FromBitmap(bitmap);
    }

    /// <summary>The picture (story photo or channel background) and, for text slides, the channel-colored wash over it.</summary>
    private void DrawBackdrop(DrawContext ctx, SKImage? photo)
    {
        var canvas = ctx.Canvas;
        var full = SKRect.Create(ctx.W, ctx.H);
        if (photo is not null)
        {
            canvas.Clear(_theme.PrimaryColor);
            // News photos put faces and action in the upper part of the frame: crop from below first.
            Drawing.DrawCover(canvas, photo, full, focusX: 0.5f, focusY: 0.33f);
            return;
        }

        var key = (ctx.Frame.Width, ctx.Frame.Height, Wash: !ctx.IsImageSlide);
        if (!_theme.Backdrops.TryGetValue(key, out var backdrop))
        {
            canvas.Clear(_theme.PrimaryColor);
            Drawing.DrawCover(canvas, _theme.Background, full);
            if (key.Wash)
            {
                // One uniform wash, strong enough for the text colors over the whole text area, so there is no visible edge.
                var alpha = Math.Max(TextSlideWash, ctx.ScrimAlpha(ctx.Safe, _theme.TextColor, _theme.AccentTextColor));
                Drawing.FillRect(canvas, full, _theme.PrimaryColor.WithAlpha(ToByte(alpha)));
            }

            canvas.Flush();
            backdrop = ctx.Snapshot();
            if (!_theme.Backdrops.TryAdd(key, backdrop))
            {
                backdrop.Dispose();
            }

            return;
        }

        // Drawn 1:1 in output pixels, so the cached backdrop gives exactly the pixels a fresh one would.
        canvas.Save();
        canvas.ResetMatrix();
        canvas.DrawImage(backdrop, 0, 0, SKSamplingOptions.Default);
        canvas.Restore();
    }

    private void DrawTitle(DrawContext ctx, Slide slide)
    {
        var rtl = TextDirection.IsRtlParagraph(slide.Text);
        var area = ctx.Content;
        var top = area.Top + (ctx.Frame.Portrait ? 90 : 0);
        if (!string.IsNullOrWhiteSpace(slide.Label))
        {
            var kicker = DrawPill(ctx, slide.Label.ToUpperInvariant(), ctx.Mirror(new SKRect(area.Left + 20, top + 10, area.MidX + (ctx.Frame.Portrait ? 200 : 0), top + 70), rtl));
            top = kicker.Bottom + 40;
        }

        DrawBug(ctx, rtl);
        // The air time (Attribution on a title slide) sits on its own line under the headline.
        var hasTime = !string.IsNullOrWhiteSpace(slide.Attribution);
        var headlineBox = ctx.Mirror(new SKRect(area.Left + 40, top, area.Right, hasTime ? area.Bottom - 76 : area.Bottom), rtl);
        using var headline = TextLayout.Fit(_theme, slide.Text, new TextStyle(true, 112, 36, _theme.TextColor, ctx.Frame.Portrait ? 8 : 5, VerticalAlign: VAlign.Center), headlineBox);
        Drawing.FillRect(ctx.Canvas, ctx.Mirror(new SKRect(area.Left, headline.Top, area.Left + 12, headline.Bottom), rtl), _theme.AccentColor);
        ctx.Draw(headline, _theme.TextColor);
        if (hasTime)
        {
            var timeBox = ctx.Mirror(new SKRect(area.Left + 40, area.Bottom - 60, area.Right, area.Bottom), rtl);
            using var time = TextLayout.Fit(_theme, slide.Attribution!, new TextStyle(false, 40, 36, _theme.TextColor, 1, VerticalAlign: VAlign.Bottom), timeBox);
            ctx.Draw(time, _theme.TextColor);
        }
    }

    private void DrawImage(DrawContext ctx, Slide slide)
    {
        var rtl = TextDirection.IsRtlParagraph(slide.Text);
        var area = ctx.Content;
        var portrait = ctx.Frame.Portrait;
        var panelTop = area.Bottom - (portrait ? 420 : 216);
        var panelBottom = ctx.Ticker ? ctx.TickerStrip.Top : area.Bottom + 36;
        var box = _theme.LowerThird == LowerThirdStyle.Box;

        // The panel: a full-width band, or a box from the text edge over most of the width; both inside action safe
        // where they leave the text area. The photo stays the content, so the rest of the frame is untouched.
        var panel = box
            ? ctx.Mirror(new SKRect(area.Left - 28, panelTop, area.Left + (area.Width * (portrait ? 1f : 0.8f)) + 28, panelBottom), rtl)
            : new SKRect(0, panelTop, ctx.W, panelBottom);
        var hasCredit = !string.IsNullOrWhiteSpace(slide.Label);
        var textArea = box ? new SKRect(panel.Left + 44, panelTop + 28, panel.Right - 44, area.Bottom) : new SKRect(area.Left, panelTop + 28, area.Right, area.Bottom);
        var alpha = Math.Max(LowerThirdWash, ctx.ScrimAlpha(textArea, _theme.TextColor));
        Drawing.FillRect(ctx.Canvas, panel, _theme.PrimaryColor.WithAlpha(ToByte(alpha)));
        if (box)
        {
            // The accent tab marks where reading starts: the left edge, or the right edge in right-to-left text.
            Drawing.FillRect(ctx.Canvas, rtl ? new SKRect(panel.Right - 12, panel.Top, panel.Right, panel.Bottom) : new SKRect(panel.Left, panel.Top, panel.Left + 12, panel.Bottom), _theme.AccentColor);
        }
        else
        {
            Drawing.FillRect(ctx.Canvas, new SKRect(0, panelTop, ctx.W, panelTop + 8), _theme.AccentColor);
        }

        // The bug sits over the picture: a top shade, only as dark as the picture under the bug needs.
        var bugBox = BugBox(ctx, rtl);
        var shade = ctx.ScrimAlpha(bugBox, _theme.TextColor);
        if (shade > 0)
        {
            var fadeEnd = Math.Min(bugBox.Bottom + 140, panelTop);
            using var shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(0, fadeEnd),
                [_theme.PrimaryColor.WithAlpha(ToByte(shade)), _theme.PrimaryColor.WithAlpha(ToByte(shade)), _theme.PrimaryColor.WithAlpha(0)],
                [0, (bugBox.Bottom + 8) / fadeEnd, 1],
                SKShaderTileMode.Clamp);
            using var paint = new SKPaint { Shader = shader };
            ctx.Canvas.DrawRect(new SKRect(0, 0, ctx.W, fadeEnd), paint);
        }

        DrawBug(ctx, rtl);

        var captionBox = new SKRect(textArea.Left, textArea.Top, textArea.Right, hasCredit ? textArea.Bottom - 52 : textArea.Bottom);
        using var caption = TextLayout.Fit(_theme, slide.Text, new TextStyle(false, 60, 36, _theme.TextColor, portrait ? 5 : 2, VerticalAlign: VAlign.Center), captionBox);
        ctx.Draw(caption, _theme.TextColor);

        if (hasCredit)
        {
            var creditBox = new SKRect(textArea.Left, textArea.Bottom - 48, textArea.Right, textArea.Bottom);
            using var credit = TextLayout.Fit(_theme, CreditPrefix(slide.Text) + slide.Label, new TextStyle(false, 36, 36, _theme.TextColor, 1, HAlign.End, VAlign.Bottom), creditBox);
            ctx.Draw(credit, _theme.TextColor);
        }
    }

    private void DrawKeyPoint(DrawContext ctx, Slide slide)
    {
        var rtl = TextDirection.IsRtlParagraph(slide.Text);
        DrawBug(ctx, rtl);
        var area = ctx.Content;
        var box = ctx.Mirror(new SKRect(area.Left + 48, area.Top + 90, area.Right, area.Bottom - 40), rtl);
        using var point = TextLayout.Fit(_theme, slide.Text, new TextStyle(true, 92, 36, _theme.TextColor, ctx.Frame.Portrait ? 10 : 6, VerticalAlign: VAlign.Center), box);
        Drawing.FillRect(ctx.Canvas, ctx.Mirror(new SKRect(area.Left, point.Top, area.Left + 12, point.Bottom), rtl), _theme.AccentColor);
        ctx.Draw(point, _theme.TextColor);
    }

    private void DrawQuote(DrawContext ctx, Slide slide)
    {
        var rtl = TextDirection.IsRtlParagraph(slide.Text);
        DrawBug(ctx, rtl);
        var area = ctx.Content;

        // The opening mark is display type: sized to its box like any other text so it stays in the safe area.
        var markBox = new SKRect(area.Left, area.Top, area.Right, area.Top + 270);
        using var mark = TextLayout.Fit(_theme, rtl ? "\u201D" : "\u201C", new TextStyle(true, 220, 120, _theme.AccentColor, 1, rtl ? HAlign.End : HAlign.Start), markBox);
        ctx.Draw(mark, _theme.AccentColor, decorative: true);

        var hasAttribution = !string.IsNullOrWhiteSpace(slide.Attribution);
        var quoteBox = new SKRect(area.Left + 48, area.Top + 200, area.Right - 48, hasAttribution ? area.Bottom - 90 : area.Bottom);
        using var quote = TextLayout.Fit(_theme, slide.Text, new TextStyle(false, ctx.Frame.Portrait ? 88 : 72, 36, _theme.TextColor, ctx.Frame.Portrait ? 12 : 7, VerticalAlign: VAlign.Center), quoteBox);
        ctx.Draw(quote, _theme.TextColor);

        if (hasAttribution)
        {
            var attributionBox = new SKRect(area.Left + 48, area.Bottom - 70, area.Right - 48, area.Bottom);
            var color = _theme.AccentTextColor;
            using var attribution = TextLayout.Fit(_theme, "\u2014 " + slide.Attribution, new TextStyle(true, 44, 36, color, 1, VerticalAlign: VAlign.Bottom), attributionBox);
            ctx.Draw(attribution, color);
        }
    }

    private void DrawOutro(DrawContext ctx, Slide slide)
    {
        var area = ctx.Content;
        var name = string.IsNullOrWhiteSpace(slide.Text) ? _theme.ChannelName : slide.Text;
        var nameBottom = area.Top + (area.Height * 0.58f);
        if (_theme.Logo is { } logo)
        {
            Drawing.DrawContain(ctx.Canvas, logo, new SKRect(area.MidX - 160, nameBottom - 460, area.MidX + 160, nameBottom - 280));
        }

        var nameBox = new SKRect(area.Left, nameBottom - 260, area.Right, nameBottom);
        using var title = TextLayout.Fit(_theme, name, new TextStyle(true, 128, 36, _theme.TextColor, 2, HAlign.Center, VAlign.Bottom), nameBox);
        ctx.Draw(title, _theme.TextColor);

        Drawing.FillRect(ctx.Canvas, new SKRect(area.MidX - 120, nameBottom + 30, area.MidX + 120, nameBottom + 42), _theme.AccentColor);

        var tagline = string.IsNullOrWhiteSpace(slide.Label) ? _theme.Tagline : slide.Label;
        if (!string.IsNullOrWhiteSpace(tagline))
        {
            var tagBox = new SKRect(area.Left, nameBottom + 80, area.Right, area.Bottom - 60);
            using var tag = TextLayout.Fit(_theme, tagline, new TextStyle(false, 56, 36, _theme.TextColor, 2, HAlign.Center), tagBox);
            ctx.Draw(tag, _theme.TextColor);
        }
    }

    /// <summary>"Photo:" in the caption's language, told by its script (slides carry no language of their own).</summary>
    private static string CreditPrefix(string caption)
    {
        if (caption.Any(c => c is >= '\u0400' and <= '\u04FF')) return "\u0424\u043E\u0442\u043E: ";
        if (caption.Any(c => c is >= '\u3040' and <= '\u30FF')) return "\u5199\u771F\uFF1A";
        if (caption.Any(c => c is >= '\uAC00' and <= '\uD7A3')) return "\uC0AC\uC9C4: ";
        if (caption.Any(c => c is >= '\u4E00' and <= '\u9FFF')) return "\u56FE\u7247\uFF1A";
        if (!TextDirection.ContainsRtl(caption)) return "Photo: ";

        // Letters Persian has and Arabic lacks: \u067E \u0686 \u0698 \u06AF \u06A9 \u06CC.
        return caption.Any(c => c is '\u067E' or '\u0686' or '\u0698' or '\u06AF' or '\u06A9' or '\u06CC')
            ? "\u0639\u06A9\u0633: "
            : "\u062A\u0635\u0648\u064A\u0631: ";
    }

    /// <summary>Where the channel bug goes: the top corner opposite the start of the text.</summary>
    private static SKRect BugBox(DrawContext ctx, bool rtl)
    {
        var width = Math.Min(560, ctx.Safe.Width * 0.45f);
        return ctx.Mirror(new SKRect(ctx.Safe.Right - width, ctx.Safe.Top, ctx.Safe.Right, ctx.Safe.Top + 52), rtl);
    }

    /// <summary>The channel bug: the logo when the channel has one, else its name beside an accent square.</summary>
    private void DrawBug(DrawContext ctx, bool rtl)
    {
        var box = BugBox(ctx, rtl);
        if (_theme.Logo is { } logo)
        {
            var scale = Math.Min(box.Height / logo.Height, box.Width / logo.Width);
            var w = logo.Width * scale;
            var left = rtl ? box.Left : box.Right - w;
            ctx.Canvas.DrawImage(logo, SKRect.Create(left, box.Top, w, logo.Height * scale), Sampling);
            return;
        }

        using var bug = TextLayout.Fit(_theme, _theme.ChannelName, new TextStyle(true, 36, 36, _theme.TextColor, 1, rtl ? HAlign.Start : HAlign.End), box);
        var line = bug.LineBounds() is [var first, ..] ? first : box;
        var square = rtl
            ? new SKRect(line.Right + 12, bug.Top + 10, line.Right + 32, bug.Top + 30)
            : new SKRect(line.Left - 32, bug.Top + 10, line.Left - 12, bug.Top + 30);
        Drawing.FillRect(ctx.Canvas, square, _theme.AccentColor);
        ctx.Draw(bug, _theme.TextColor);
    }

    /// <summary>One line of bold text on an accent pill; returns the pill rectangle.</summary>
    private SKRect DrawPill(DrawContext ctx, string text, SKRect box)
    {
        var color = _theme.OnAccentColor;
        using var label = TextLayout.Fit(_theme, text, new TextStyle(true, 40, 36, color, 1, VerticalAlign: VAlign.Center), box);
        var line = label.LineBounds() is [var first, ..] ? first : box;
        var pill = new SKRect(line.Left - 18, line.Top - 4, line.Right + 18, line.Bottom + 4);
        using (var paint = new SKPaint { Color = _theme.AccentColor, IsAntialias = true })
        {
            ctx.Canvas.DrawRoundRect(pill, 8, 8, paint);
        }

        ctx.Draw(label, color);
        return pill;
    }

    /// <summary>
    /// The ticker: a solid strip across the frame at the bottom of title safe, the label on an accent block at the
    /// text's starting edge and the channel's line beside it. Solid fills, so its contrast is the palette's.
    /// </summary>
    private void DrawTicker(DrawContext ctx, TickerStrip ticker)
    {
        var strip = ctx.TickerStrip;
        Drawing.FillRect(ctx.Canvas, new SKRect(0, strip.Top, ctx.W, strip.Bottom), _theme.PrimaryColor);
        Drawing.FillRect(ctx.Canvas, new SKRect(0, strip.Top, ctx.W, strip.Top + 4), _theme.AccentColor);
        var rtl = TextDirection.IsRtlParagraph(ticker.Text);
        var labelColor = _theme.OnAccentColor;
        var textBox = new SKRect(ctx.Safe.Left, strip.Top + 8, ctx.Safe.Right, strip.Bottom - 2);
        using var label = TextLayout.Fit(_theme, ticker.Label.ToUpperInvariant(), new TextStyle(true, 40, 36, labelColor, 1, VerticalAlign: VAlign.Center),
            ctx.Mirror(new SKRect(textBox.Left + 16, textBox.Top, textBox.Left + 360, textBox.Bottom), rtl));
        var labelLine = label.LineBounds() is [var first, ..] ? first : textBox;
        var block = new SKRect(labelLine.Left - 16, strip.Top + 4, labelLine.Right + 16, strip.Bottom);
        Drawing.FillRect(ctx.Canvas, block, _theme.AccentColor);
        ctx.Draw(label, labelColor);

        var lineBox = rtl
            ? new SKRect(textBox.Left, textBox.Top, block.Left - 24, textBox.Bottom)
            : new SKRect(block.Right + 24, textBox.Top, textBox.Right, textBox.Bottom);
        using var line = TextLayout.Fit(_theme, ticker.Text, new TextStyle(false, 40, 36, _theme.TextColor, 1, VerticalAlign: VAlign.Center), lineBox);
        ctx.Draw(line, _theme.TextColor);
    }

    /// <summary>Story progress as segments below title safe, inside action safe (graphics only, no text).</summary>
    private void DrawProgress(DrawContext ctx, int index, int count)
    {
        const float gap = 8;
        var y = ctx.Safe.Bottom + 18;
        var left = ctx.Safe.Left;
        var segment = (ctx.Safe.Width - (gap * (count - 1))) / count;
        for (var i = 0; i < count; i++)
        {
            var x = left + (i * (segment + gap));
            var color = i <= index ? _theme.AccentColor : _theme.TextColor.WithAlpha(0x50);
            Drawing.FillRect(ctx.Canvas, new SKRect(x, y, x + segment, y + 6), color);
        }
    }

    private static byte ToByte(float alpha) => (byte)Math.Clamp(MathF.Ceiling(alpha * 255), 0, 255);

    /// <summary>Everything one render needs: the surface, the frame's geometry in design units, and what was drawn.</summary>
    private sealed class DrawContext
    {
        private const float TickerHeight = 64;

        private readonly SKSurface _surface;

        // What scrims are measured against: the surface itself, or the photo alone when drawing a motion overlay.
        private readonly SKSurface _measure;
        private readonly SlideTheme _theme;
        private readonly List<DrawnText> _texts;
        private readonly bool _drawGlyphs;

        public DrawContext(SKSurface surface, SlideFrame frame, SlideTheme theme, List<DrawnText> texts, bool drawGlyphs, bool ticker, SKSurface? measure = null)
        {
            _surface = surface;
            _measure = measure ?? surface;
            _theme = theme;
            _texts = texts;
            _drawGlyphs = drawGlyphs;
            Frame = frame;
            Ticker = ticker;
            W = frame.DesignWidth;
            H = frame.DesignHeight;
            var safe = frame.TitleSafe;
            Safe = new SKRect(safe.Left + Inset, safe.Top + Inset, safe.Right - Inset, safe.Bottom - Inset);
            TickerStrip = new SKRect(0, Safe.Bottom - TickerHeight + 8, W, Safe.Bottom + 8);
            Content = ticker ? Safe with { Bottom = TickerStrip.Top - 20 } : Safe;
        }

        public SKCanvas Canvas => _surface.Canvas;

        public SKImage Snapshot() => _surface.Snapshot();

        public SlideFrame Frame { get; }

        public bool Ticker { get; }

        public float W { get; }

        public float H { get; }

        /// <summary>Title safe minus the inset: no glyph goes outside it.</summary>
        public SKRect Safe { get; }

        /// <summary>Where a slide's own text goes: the safe box above the ticker when there is one.</summary>
        public SKRect Content { get; }

        public SKRect TickerStrip { get; }

        public bool IsImageSlide { get; init; }

        public void Draw(TextBlock block, SKColor color, bool decorative = false)
        {
            var lines = new List<SKRect>();
            block.Draw(Canvas, lines, _drawGlyphs);
            var matrix = Canvas.TotalMatrix;
            foreach (var line in lines)
            {
                _texts.Add(new DrawnText(matrix.MapRect(line), color, block.Size * Frame.Scale, decorative));
            }
        }

        /// <summary>Scrim opacity the pixels drawn so far under <paramref name="area"/> need for these text colors.</summary>
        public float ScrimAlpha(SKRect area, params SKColor[] textColors)
        {
            _measure.Canvas.Flush();
            using var pixels = _measure.PeekPixels();
            var region = Canvas.TotalMatrix.MapRect(area);
            return Scrim.RequiredAlpha(pixels, SKRectI.Ceiling(region), _theme.PrimaryColor, textColors);
        }

        /// <summary>Reflects a layout rectangle about the vertical centre line of the text area, for right-to-left slides.</summary>
        public SKRect Mirror(SKRect rect, bool rtl) =>
            rtl ? new SKRect(Safe.Left + Safe.Right - rect.Right, rect.Top, Safe.Left + Safe.Right - rect.Left, rect.Bottom) : rect;
    }
}
