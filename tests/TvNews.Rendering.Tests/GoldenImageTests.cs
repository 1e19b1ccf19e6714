using SkiaSharp;
using TvNews.Core.Channels;
using TvNews.Core.Slides;

namespace TvNews.Rendering.Tests;

/// <summary>
/// Reviewed pictures of the slides, committed under Goldens/. A render is compared with its golden at quarter size
/// (box-filtered, so anti-aliasing noise between CPUs averages out) with a small tolerance. A missing or different golden
/// fails; the test writes what it drew to bin/.../golden-actual/ and never touches Goldens/ itself. To accept a
/// deliberate change, review those files and run scripts/accept-goldens.sh.
/// </summary>
public sealed class GoldenImageTests : IDisposable
{
    private const int Reduction = 4;

    // Per channel, on 0-255: most pixels must match almost exactly, a handful may differ by a little more.
    private const int PixelTolerance = 12;
    private const double MaxDifferentShare = 0.002;
    // A uniform shift of a level or two (another CPU's rounding in a wash) is invisible and must not fail.
    private const double MaxMeanDifference = 2.0;

    private static readonly string Pictures = TestMedia.CreateTempFolder();

    private readonly SlideTheme _sample;
    private readonly SlideTheme _boxed;

    // Each run starts with an empty golden-actual folder, so accept-goldens.sh only ever sees this run's pictures.
    static GoldenImageTests()
    {
        if (Directory.Exists(ActualFolder)) Directory.Delete(ActualFolder, recursive: true);
    }

    public GoldenImageTests()
    {
        _sample = TestMedia.LoadTheme(TestMedia.Branding with
        {
            Logo = "logos/sample-news.png",
            Ticker = new TickerStrip("Live", "Watch the channel around the clock"),
        });
        _boxed = TestMedia.LoadTheme(TestMedia.Branding with { LowerThird = LowerThirdStyle.Box });
    }

    public static string GoldenFolder => Path.Combine(TestMedia.RepoRoot, "tests", "TvNews.Rendering.Tests", "Goldens");

    public static string ActualFolder => Path.Combine(AppContext.BaseDirectory, "golden-actual");

    public static TheoryData<string> Names() =>
    [
        "en-title-1080p", "en-image-1080p", "en-keypoint-1080p", "en-quote-1080p", "en-outro-1080p",
        "ru-title-1080p", "ru-quote-1080p", "ar-title-1080p", "ar-keypoint-1080p", "fa-image-1080p", "fa-quote-1080p",
        "en-quote-720p", "en-title-vertical", "en-image-vertical", "ar-quote-vertical", "en-image-box-1080p",
        "zh-title-1080p", "zh-keypoint-1080p", "ja-quote-1080p", "ja-image-vertical",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void TheSlideMatchesItsReviewedGolden(string name)
    {
        var parts = name.Split('-');
        var kind = Enum.Parse<SlideKind>(parts[1], ignoreCase: true);
        var slide = SampleDecks.ByLanguage[parts[0]].Single(s => s.Kind == kind);
        if (kind == SlideKind.Image)
        {
            slide = slide with { Image = SampleDecks.Photo(Pictures, "golden", new SKColor(0x9E, 0xC9, 0xF0), new SKColor(0x5A, 0x4A, 0x30)) };
        }

        var theme = parts.Contains("box") ? _boxed : _sample;
        using var image = new SlideRenderer(theme).RenderImage(slide, 1, 5, SlideLookTests.Frame(parts[^1]), [], drawGlyphs: true);
        using var actual = Reduce(image);

        var golden = Path.Combine(GoldenFolder, name + ".png");
        if (!File.Exists(golden))
        {
            Assert.Fail($"No golden for {name}. Review {Save(actual, name)} and run scripts/accept-goldens.sh to commit it.");
        }

        using var expected = SKBitmap.Decode(golden);
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var (share, mean, worst) = Compare(expected, actual);
        if (share > MaxDifferentShare || mean > MaxMeanDifference)
        {
            Assert.Fail($"{name} differs from its golden: {share:P2} of pixels off by more than {PixelTolerance} (max {worst}), mean {mean:0.00}. " +
                $"Review {Save(actual, name)}; if the change is intended, run scripts/accept-goldens.sh.");
        }
    }

    [Fact]
    public void TheComparisonNoticesASmallChangeOfLayout()
    {
        // Guard: moving the headline by a few pixels must exceed the tolerance, or the goldens prove nothing.
        var slide = SampleDecks.ByLanguage["en"][0];
        using var a = Reduce(new SlideRenderer(_sample).RenderImage(slide, 1, 5, SlideFrame.Hd1080, [], drawGlyphs: true));
        using var b = Reduce(new SlideRenderer(_sample).RenderImage(slide with { Text = slide.Text + " now" }, 1, 5, SlideFrame.Hd1080, [], drawGlyphs: true));
        var (share, mean, _) = Compare(a, b);
        Assert.True(share > MaxDifferentShare || mean > MaxMeanDifference, $"a changed headline passed the tolerance ({share:P2}, {mean:0.00})");
    }

    public void Dispose()
    {
        _sample.Dispose();
        _boxed.Dispose();
    }

    /// <summary>Quarter size by averaging each 4x4 block: deterministic, and forgiving of sub-pixel anti-aliasing.</summary>
    private static SKBitmap Reduce(SKImage image)
    {
        // Raster images come back in the platform's native order (BGRA on x64); read them as RGBA explicitly.
        using var native = SKBitmap.FromImage(image);
        using var source = native.Copy(SKColorType.Rgba8888);
        image.Dispose();
        var w = source.Width / Reduction;
        var h = source.Height / Reduction;
        var result = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        var src = source.GetPixelSpan();
        var dst = new byte[w * h * 4];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var c = 0; c < 4; c++)
                {
                    var sum = 0;
                    for (var dy = 0; dy < Reduction; dy++)
                    {
                        for (var dx = 0; dx < Reduction; dx++)
                        {
                            sum += src[((((y * Reduction) + dy) * source.Width) + (x * Reduction) + dx) * 4 + c];
                        }
                    }

                    dst[(((y * w) + x) * 4) + c] = (byte)((sum + (Reduction * Reduction / 2)) / (Reduction * Reduction));
                }
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(dst, 0, result.GetPixels(), dst.Length);
        return result;
    }

    private static (double Share, double Mean, int Worst) Compare(SKBitmap expected, SKBitmap actual)
    {
        var a = expected.Copy(SKColorType.Rgba8888);
        using var _ = a;
        var pa = a.GetPixelSpan();
        var pb = actual.GetPixelSpan();
        long total = 0;
        var different = 0;
        var worst = 0;
        for (var i = 0; i < pa.Length; i += 4)
        {
            var max = 0;
            for (var c = 0; c < 3; c++)
            {
                var d = Math.Abs(pa[i + c] - pb[i + c]);
                total += d;
                max = Math.Max(max, d);
            }

            worst = Math.Max(worst, max);
            if (max > PixelTolerance) different++;
        }

        var pixels = pa.Length / 4;
        return ((double)different / pixels, (double)total / (pixels * 3), worst);
    }

    private static string Save(SKBitmap bitmap, string name)
    {
        Directory.CreateDirectory(ActualFolder);
        var path = Path.Combine(ActualFolder, name + ".png");
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
