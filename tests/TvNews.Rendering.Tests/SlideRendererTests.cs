using SkiaSharp;
using TvNews.Core.Slides;

namespace TvNews.Rendering.Tests;

public sealed class SlideRendererTests : IDisposable
{
    private const string LongHeadline =
        "Parliament passes sweeping infrastructure bill after marathon overnight session as opposition leaders " +
        "warn the costs will fall on rural communities, regional airports, commuter rail lines, river ports and " +
        "the hospitals that depend on them for supplies, staff and patients during the long winter months ahead " +
        "while economists disagree sharply about the long-term effects on inflation, wages and public debt levels";

    private const string LongQuote =
        "We did not come here to argue about commas in a press release; we came here because families in every " +
        "district asked us to fix the roads, the bridges and the trains they use every single day, and they expect " +
        "us to stay in this building until the job is done, however long it takes and whatever it costs us politically " +
        "in the next election, because that is what public service means when it is taken seriously by everyone";

    private readonly SlideTheme _theme = TestMedia.LoadTheme();
    private readonly SlideRenderer _renderer;

    public SlideRendererTests() => _renderer = new SlideRenderer(_theme);

    public static TheoryData<Slide> AllKinds() =>
    [
        new Slide(SlideKind.Title, "City council approves new tram line", "Local", null, 4),
        new Slide(SlideKind.Title, LongHeadline, "World", "19 May 2021, 14:30", 4),
        new Slide(SlideKind.Image, "Crowds gather at the harbour for the opening ceremony", "Jane Doe / Reuters", null, 4),
        new Slide(SlideKind.KeyPoint, "The line will carry 40,000 passengers a day by 2028.", null, null, 4),
        new Slide(SlideKind.Quote, "This is the biggest investment in a generation.", null, "Mayor Anna Berg", 4),
        new Slide(SlideKind.Outro, "TvNews Daily", "News that fits your screen", null, 4),
        new Slide(SlideKind.Title, LongHeadline, "Politics and a rather long category label that keeps going", null, 4),
        new Slide(SlideKind.Quote, LongQuote, null, "A very long attribution line naming the speaker, their party, their district and their role", 4),
        new Slide(SlideKind.KeyPoint, LongQuote, null, null, 4),
        new Slide(SlideKind.Image, LongQuote, "A photographer with a long agency name", null, 4),
        new Slide(SlideKind.Outro, LongHeadline, LongQuote, null, 4),
        new Slide(SlideKind.Title, "مجلس المدينة يوافق على خط ترام جديد في عام 2028", "محلي", null, 4),
    ];

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void EverySlideIsFullHdWithAllTextInsideTitleSafe(Slide slide)
    {
        var rendered = _renderer.Render(slide, 1, 3);

        Assert.Equal(1920, rendered.Width);
        Assert.Equal(1080, rendered.Height);
        using var bitmap = SKBitmap.Decode(rendered.Png);
        Assert.Equal(1920, bitmap.Width);
        Assert.Equal(1080, bitmap.Height);

        Assert.NotEmpty(rendered.TextBounds);
        SKRect safe = SafeArea.TitleSafe;
        Assert.All(rendered.TextBounds, r => Assert.True(safe.Contains(r), $"text box {r} is outside title safe {safe}"));
    }

    [Fact]
    public void LongTextIsWrappedAndShrunkButNeverBelowThirtySixPixels()
    {
        var rendered = _renderer.Render(new Slide(SlideKind.Title, LongHeadline, "Politics", null, 4), 0, 1);

        // Headline lines are the ones below the kicker and bug; every line box at >= 36 px is at least ~45 px tall.
        var lines = rendered.TextBounds.Where(r => r.Top > 250).ToList();
        Assert.True(lines.Count >= 3, $"expected a wrapped headline, got {lines.Count} lines");
        Assert.All(lines, r => Assert.True(r.Height >= 36, $"line box {r} is smaller than 36 px"));
    }

    [Fact]
    public void WrappingNeverSplitsWordsThatFit()
    {
        var words = LongHeadline.Split(' ');
        using var face = _theme.Bold.CreateFont(60);
        var lines = TextLayout.Wrap(_theme.Bold, face, LongHeadline, 1200, out var brokeWord);
        Assert.False(brokeWord);

        Assert.True(lines.Count > 1);
        Assert.Equal(words, lines.SelectMany(l => l.Text.Split(' ')));
        Assert.All(lines, l => Assert.True(l.Width <= 1200));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void NoTextPixelEverLandsOutsideTitleSafe(Slide slide)
    {
        // Diff the slide against its glyph-free twin: every differing pixel is a text pixel.
        using var glyphs = _renderer.RenderImage(slide, 0, 2, SlideFrame.Hd1080, [], drawGlyphs: true);
        using var noGlyphs = _renderer.RenderImage(slide, 0, 2, SlideFrame.Hd1080, [], drawGlyphs: false);
        using var withText = SKBitmap.FromImage(glyphs);
        using var withoutText = SKBitmap.FromImage(noGlyphs);
        var outside = ContrastCheck.TextPixelsOutside(withText, withoutText, SafeArea.TitleSafe, out var textPixels);

        Assert.True(textPixels > 1000, "the diff found no text at all, so it proves nothing");
        Assert.True(outside.Count == 0, $"text pixels outside title safe, e.g. {string.Join(", ", outside)}");
    }

    [Fact]
    public void TheSafeAreaPixelCheckWouldCatchTextAtTheFrameEdge()
    {
        // Guard for the test above: a glyph drawn at x=0 differs from the background outside title safe.
        var slide = new Slide(SlideKind.KeyPoint, "Edge", null, null, 4);
        using var clean = _renderer.RenderImage(slide, 0, 1, SlideFrame.Hd1080, [], drawGlyphs: false);
        using var surface = SKSurface.Create(new SKImageInfo(1920, 1080, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.DrawImage(clean, 0, 0, SKSamplingOptions.Default);
        using var font = _theme.Bold.CreateFont(48);
        using var paint = new SKPaint { Color = _theme.TextColor, IsAntialias = true };
        surface.Canvas.DrawText("Edge", 0, 60, SKTextAlign.Left, font, paint);
        using var dirty = surface.Snapshot();
        using var a = SKBitmap.FromImage(dirty);
        using var b = SKBitmap.FromImage(clean);

        var differs = false;
        for (var y = 0; y < 106 && !differs; y++)
        {
            for (var x = 0; x < 192 && !differs; x++)
            {
                differs = a.GetPixel(x, y) != b.GetPixel(x, y);
            }
        }

        Assert.True(differs);
    }

    [Fact]
    public void RenderingTheSameSlideTwiceGivesTheSameBytes()
    {
        var slide = new Slide(SlideKind.Quote, "Same input, same pixels.", null, "A careful engineer", 3);

        var first = _renderer.Render(slide, 0, 2);
        var second = _renderer.Render(slide, 0, 2);

        Assert.Equal(first.Png, second.Png);
        Assert.Equal(first.TextBounds, second.TextBounds);
    }

    [Fact]
    public void ThumbnailIsASixteenByNineJpegOfTheRequestedSize()
    {
        var jpeg = _renderer.RenderJpeg(new Slide(SlideKind.Title, "Thumbnail", "Test", null, 3), 0, 1, 960, 540, 85);

        using var codec = SKCodec.Create(new SKMemoryStream(jpeg));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        Assert.Equal(960, codec.Info.Width);
        Assert.Equal(540, codec.Info.Height);
    }

    [Fact]
    public void AMissingFontFailsWithTheFileName()
    {
        var branding = TestMedia.Branding with { BoldFont = "fonts/DoesNotExist-Bold.ttf" };

        var error = Assert.Throws<FileNotFoundException>(() => TestMedia.LoadTheme(branding));

        Assert.Contains("DoesNotExist-Bold.ttf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingBackgroundFailsWithTheFileName()
    {
        var branding = TestMedia.Branding with { Background = "backgrounds/nope.jpg" };

        var error = Assert.Throws<FileNotFoundException>(() => TestMedia.LoadTheme(branding));

        Assert.Contains("nope.jpg", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _theme.Dispose();
}
