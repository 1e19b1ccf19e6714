using SkiaSharp;
using TvNews.Core.Channels;
using TvNews.Core.Slides;

namespace TvNews.Rendering.Tests;

/// <summary>
/// Programmatic checks of every slide kind, in English, Russian, Arabic, Persian, Chinese and Japanese, at 1080p, 720p and vertical:
/// title safe, minimum text size, and text contrast measured against the pixels actually behind each line.
/// The stress theme has a white background and a ticker; image slides get a busy photo or a white one.
/// </summary>
public sealed class SlideLookTests : IDisposable
{
    private static readonly string Pictures = TestMedia.CreateTempFolder();

    private readonly SlideTheme _plain = TestMedia.LoadTheme();
    private readonly SlideTheme _stress;

    public SlideLookTests()
    {
        var white = SampleDecks.WhitePhoto(Pictures);
        _stress = TestMedia.LoadTheme(TestMedia.Branding with
        {
            Background = white,
            Logo = "logos/sample-news.png",
            LowerThird = LowerThirdStyle.Box,
            Ticker = new TickerStrip("Live", "Watch the channel around the clock"),
        });
    }

    public static TheoryData<string, int, string, string> Cases()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var language in SampleDecks.Languages)
        {
            for (var kind = 0; kind < SampleDecks.ByLanguage[language].Length; kind++)
            {
                foreach (var frame in new[] { "1080p", "720p", "vertical" })
                {
                    foreach (var theme in new[] { "plain", "stress" })
                    {
                        data.Add(language, kind, frame, theme);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryLineIsInsideTitleSafeAtReadableSizeWithAtLeast4Point5ContrastAgainstItsBackdrop(string language, int kind, string frameName, string themeName)
    {
        var frame = Frame(frameName);
        var slide = Slide(language, kind, photo: themeName == "stress" ? SampleDecks.WhitePhoto(Pictures) : SampleDecks.Photo(Pictures, "busy", new SKColor(0x9E, 0xC9, 0xF0), new SKColor(0x5A, 0x4A, 0x30)));
        var renderer = new SlideRenderer(themeName == "stress" ? _stress : _plain);

        var texts = new List<DrawnText>();
        using var withText = renderer.RenderImage(slide, 1, 5, frame, texts, drawGlyphs: true);
        using var backdrop = renderer.RenderImage(slide, 1, 5, frame, [], drawGlyphs: false);
        using var glyphs = SKBitmap.FromImage(withText);
        using var behind = SKBitmap.FromImage(backdrop);

        Assert.NotEmpty(texts);
        var safe = PixelSafe(frame);
        foreach (var text in texts)
        {
            Assert.True(safe.Contains(text.Bounds), $"text box {text.Bounds} is outside title safe {safe}");
            // 36 px at 1080p: the same share of the screen at other sizes (24 px at 720p).
            Assert.True(text.PixelSize >= (36 * frame.Scale) - 0.01, $"text at {text.PixelSize} px is below the {36 * frame.Scale} px minimum");
            var (worst, at) = ContrastCheck.Worst(behind, text);
            var needed = text.Decorative ? 3.0 : ColorContrast.MinimumText;
            Assert.True(worst >= needed, $"{language} {slide.Kind} {frameName}/{themeName}: contrast {worst:0.00}:1 at {at} for {text.Color} (needs {needed}:1)");
        }

        var outside = ContrastCheck.TextPixelsOutside(glyphs, behind, safe, out var textPixels);
        Assert.True(textPixels > 500, "the glyph diff found no text at all, so it proves nothing");
        Assert.True(outside.Count == 0, $"text pixels outside title safe, e.g. {string.Join(", ", outside)}");
    }

    [Fact]
    public void TheContrastCheckCatchesWhiteTextOnAWhitePicture()
    {
        using var white = new SKBitmap(200, 100);
        white.Erase(SKColors.White);
        var (worst, _) = ContrastCheck.Worst(white, new DrawnText(new SKRect(10, 10, 100, 60), SKColors.White, 40));
        Assert.True(worst < 1.01);
    }

    [Fact]
    public void ScrimsOnlyDarkenAsMuchAsTheBackdropNeeds()
    {
        var navy = new SKColor(0x0B, 0x25, 0x45);
        using var bitmap = new SKBitmap(new SKImageInfo(100, 100, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(navy);
        using (var pixmap = bitmap.PeekPixels())
        {
            Assert.Equal(0, Scrim.RequiredAlpha(pixmap, SKRectI.Create(100, 100), navy, [SKColors.White]));
        }

        bitmap.Erase(SKColors.White);
        using var bright = bitmap.PeekPixels();
        var alpha = Scrim.RequiredAlpha(bright, SKRectI.Create(100, 100), navy, [SKColors.White]);
        Assert.InRange(alpha, 0.3f, 0.95f);

        SKColor Blend(float a) => new((byte)Math.Round((a * navy.Red) + ((1 - a) * 255)), (byte)Math.Round((a * navy.Green) + ((1 - a) * 255)), (byte)Math.Round((a * navy.Blue) + ((1 - a) * 255)));
        Assert.True(Scrim.Contrast(SKColors.White, Blend(alpha)) >= 4.5);
        Assert.True(Scrim.Contrast(SKColors.White, Blend(alpha - 0.1f)) < 4.5, "a lighter scrim would also pass, so the search is not minimal");
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fa")]
    public void ArabicAndPersianTextIsRightAligned(string language)
    {
        var texts = new List<DrawnText>();
        using var _ = new SlideRenderer(_plain).RenderImage(SampleDecks.ByLanguage[language][2], 0, 1, SlideFrame.Hd1080, texts, drawGlyphs: true);
        var body = texts.Where(t => t.PixelSize > 40).ToList();
        Assert.True(body.Count >= 2, "the key point should wrap to several lines");
        var right = body.Max(t => t.Bounds.Right);
        Assert.All(body, t => Assert.InRange(t.Bounds.Right, right - 1, right + 1));
        Assert.Contains(body, t => t.Bounds.Left > body.Min(b => b.Bounds.Left) + 20);
    }

    [Fact]
    public void TheTickerRunsAlongTheBottomOfStorySlidesButNotTheOutro()
    {
        var renderer = new SlideRenderer(_stress);
        var keyTexts = new List<DrawnText>();
        using (renderer.RenderImage(SampleDecks.ByLanguage["en"][2], 0, 2, SlideFrame.Hd1080, keyTexts, drawGlyphs: true))
        {
        }

        var outroTexts = new List<DrawnText>();
        using (renderer.RenderImage(SampleDecks.ByLanguage["en"][4], 1, 2, SlideFrame.Hd1080, outroTexts, drawGlyphs: true))
        {
        }

        static bool InTicker(DrawnText t) => t.Bounds.Top > SafeArea.TitleSafe.Bottom - 70;
        Assert.Equal(2, keyTexts.Count(InTicker));
        Assert.DoesNotContain(outroTexts, InTicker);
    }

    [Fact]
    public void ABandLowerThirdRunsToTheFrameEdgeAndABoxDoesNot()
    {
        var slide = SampleDecks.ByLanguage["en"][1] with { Image = SampleDecks.WhitePhoto(Pictures) };
        using var bandImage = new SlideRenderer(_plain).RenderImage(slide, 0, 1, SlideFrame.Hd1080, [], drawGlyphs: false);
        using var boxImage = new SlideRenderer(_stress).RenderImage(slide, 0, 1, SlideFrame.Hd1080, [], drawGlyphs: false);
        using var band = SKBitmap.FromImage(bandImage);
        using var box = SKBitmap.FromImage(boxImage);

        // Right edge of the frame, inside the lower third: covered by the band, bare white photo beside the box.
        Assert.True(band.GetPixel(1900, 820).Red < 0x40);
        Assert.Equal(SKColors.White, box.GetPixel(1900, 820));
    }

    [Fact]
    public void PhotosAreCroppedFromBelowSoTheUpperPartStaysInFrame()
    {
        // A tall picture with a red block in its upper quarter: a centred crop would cut it off entirely.
        var path = Path.Combine(Pictures, "tall.png");
        using (var bitmap = new SKBitmap(1000, 2000))
        {
            bitmap.Erase(SKColors.ForestGreen);
            using var canvas = new SKCanvas(bitmap);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(new SKRect(0, 500, 1000, 700), red);
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, data.ToArray());
        }

        var slide = new Slide(SlideKind.Image, "A caption", null, null, 4) { Image = path };
        using var drawn = new SlideRenderer(_plain).RenderImage(slide, 0, 1, SlideFrame.Hd1080, [], drawGlyphs: false);
        using var image = SKBitmap.FromImage(drawn);
        var pixel = image.GetPixel(700, 300);
        Assert.True(pixel.Red > pixel.Green + pixel.Blue, $"expected the red block at the top of the frame, found {pixel}");
    }

    [Theory]
    [InlineData("1080p", 1920, 1080)]
    [InlineData("720p", 1280, 720)]
    [InlineData("vertical", 1080, 1920)]
    public void EachFrameHasItsSizeAndTheSameInputGivesTheSameBytes(string frameName, int width, int height)
    {
        var renderer = new SlideRenderer(_stress);
        var slide = SampleDecks.ByLanguage["ar"][0];
        var first = renderer.Render(slide, 0, 3, Frame(frameName));
        var second = renderer.Render(slide, 0, 3, Frame(frameName));

        using var bitmap = SKBitmap.Decode(first.Png);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        Assert.Equal(first.Png, second.Png);
    }

    [Fact]
    public void TheThumbnailIsASixteenByNineJpegWithTheHeadlineOnIt()
    {
        var title = SampleDecks.ByLanguage["en"][0];
        var jpeg = new SlideRenderer(_plain).RenderJpeg(title, 0, 5, 800, 450, 85);
        using var bitmap = SKBitmap.Decode(jpeg);
        Assert.Equal((800, 450), (bitmap.Width, bitmap.Height));

        var texts = new List<DrawnText>();
        using (new SlideRenderer(_plain).RenderImage(title, 0, 5, SlideFrame.Landscape(800, 450), texts, drawGlyphs: true))
        {
        }

        // The headline is the big type: several lines over a good part of the frame.
        var headline = texts.Where(t => t.PixelSize >= 30).ToList();
        Assert.True(headline.Count >= 2, "the headline should be on the thumbnail");
        Assert.True(headline.Sum(t => t.Bounds.Width * t.Bounds.Height) > 800 * 450 * 0.15);
    }

    [Fact]
    public void TheContactSheetShowsEverySlideInAGrid()
    {
        var slides = SampleDecks.ByLanguage["en"];
        var png = ContactSheet.RenderPng(new SlideRenderer(_plain), _plain, "A story", slides);
        using var sheet = SKBitmap.Decode(png);

        Assert.Equal((4 * 480) + (5 * 24), sheet.Width);
        Assert.Equal(84 + (2 * (270 + 44 + 24)) + 24, sheet.Height);
        for (var i = 0; i < 8; i++)
        {
            var x = 24 + ((i % 4) * (480 + 24)) + 240;
            var y = 84 + ((i / 4) * (270 + 44 + 24)) + 135;
            var isTile = sheet.GetPixel(x, y) != new SKColor(0x16, 0x18, 0x1D);
            Assert.True(isTile == i < slides.Length, $"tile {i + 1}: expected {(i < slides.Length ? "a slide" : "empty paper")}");
        }
    }

    public void Dispose()
    {
        _plain.Dispose();
        _stress.Dispose();
    }

    internal static SlideFrame Frame(string name) => name switch
    {
        "1080p" => SlideFrame.Hd1080,
        "720p" => SlideFrame.Hd720,
        "vertical" => SlideFrame.Vertical,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static Slide Slide(string language, int kind, string photo)
    {
        var slide = SampleDecks.ByLanguage[language][kind];
        return slide.Kind == SlideKind.Image ? slide with { Image = photo } : slide;
    }

    private static SKRect PixelSafe(SlideFrame frame)
    {
        var safe = frame.TitleSafe;
        return new SKRect(safe.Left * frame.Scale, safe.Top * frame.Scale, safe.Right * frame.Scale, safe.Bottom * frame.Scale);
    }
}

internal static class ContrastCheck
{
    /// <summary>The lowest contrast between a line's color and any backdrop pixel inside its box.</summary>
    public static (double Ratio, SKPointI At) Worst(SKBitmap backdrop, DrawnText text)
    {
        var box = SKRectI.Round(text.Bounds);
        box.Intersect(SKRectI.Create(backdrop.Width, backdrop.Height));
        var textLuminance = Scrim.Luminance(text.Color);
        var worst = double.MaxValue;
        var at = default(SKPointI);
        for (var y = box.Top; y < box.Bottom; y++)
        {
            for (var x = box.Left; x < box.Right; x++)
            {
                var ratio = ColorContrast.Ratio(textLuminance, Scrim.Luminance(backdrop.GetPixel(x, y)));
                if (ratio < worst)
                {
                    worst = ratio;
                    at = new SKPointI(x, y);
                }
            }
        }

        return (worst, at);
    }

    /// <summary>Pixels where the slide differs from its glyph-free twin, outside <paramref name="safe"/>.</summary>
    public static List<SKPointI> TextPixelsOutside(SKBitmap withText, SKBitmap withoutText, SKRect safe, out int textPixels)
    {
        textPixels = 0;
        var outside = new List<SKPointI>();
        var a = withText.GetPixelSpan();
        var b = withoutText.GetPixelSpan();
        for (var y = 0; y < withText.Height; y++)
        {
            for (var x = 0; x < withText.Width; x++)
            {
                var i = ((y * withText.Width) + x) * 4;
                if (a.Slice(i, 4).SequenceEqual(b.Slice(i, 4))) continue;
                textPixels++;
                if (!safe.Contains(x, y) && outside.Count < 5) outside.Add(new SKPointI(x, y));
            }
        }

        return outside;
    }
}
