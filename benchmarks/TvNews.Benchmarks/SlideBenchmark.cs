using System.Diagnostics;
using SkiaSharp;
using TvNews.Core.Channels;
using TvNews.Core.Ingest;
using TvNews.Core.Slides;
using TvNews.Rendering;

namespace TvNews.Benchmarks;

/// <summary>
/// Issue 4: per-slide cost of drawing a 1080p slide and handing it to the encoder, over the seed story's real deck.
/// Hand-offs measured in the same run, each drawing the slide from scratch:
///   draw       the drawing alone, for reference;
///   bmp        what StoryRenderer does: draw, then write the BMP frame ffmpeg reads (to a temp file);
///   png-fast   draw plus PNG at zlib level 1 (the hand-off before issue 4);
///   baseline   the naive path: draw plus a default PNG encode (zlib level 6), as SKImage.Encode(Png) does.
/// </summary>
internal static class SlideBenchmark
{
    public static int Run(string root, int rounds)
    {
        var (manifest, slides) = LoadSeedDeck(root);

        using var theme = SlideTheme.Load(manifest.Branding, Path.Combine(root, "media"), manifest.Name);
        var renderer = new SlideRenderer(theme);
        Console.WriteLine($"seed deck: {slides.Count} slides ({string.Join(", ", slides.Select(s => s.Kind))}), {rounds} rounds, " +
            $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

        var modes = new (string Name, Func<Slide, int, int> Work)[]
        {
            ("draw", (s, i) => Draw(renderer, s, i, slides.Count)),
            ("bmp", (s, i) => Bmp(renderer, s, i, slides.Count)),
            ("png-fast", (s, i) => renderer.Render(s, i, slides.Count).Png.Length),
            ("baseline", (s, i) => Baseline(renderer, s, i, slides.Count)),
        };

        // Warm-up: JIT, font caches, the background decode.
        foreach (var (_, work) in modes)
        {
            for (var i = 0; i < slides.Count; i++) work(slides[i], i);
        }

        foreach (var (name, work) in modes)
        {
            var times = new List<double>();
            var byKind = new Dictionary<SlideKind, List<double>>();
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < slides.Count; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    work(slides[i], i);
                    var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    times.Add(ms);
                    (byKind.TryGetValue(slides[i].Kind, out var list) ? list : byKind[slides[i].Kind] = []).Add(ms);
                }
            }

            times.Sort();
            Console.WriteLine($"{name,-9} per slide: mean {times.Average():F1} ms, p50 {Percentile(times, 50):F1} ms, p95 {Percentile(times, 95):F1} ms, max {times[^1]:F1} ms; " +
                string.Join(", ", byKind.Select(k => $"{k.Key} {k.Value.Average():F1}")));
        }

        return 0;
    }

    /// <summary>The sample channel and the seed article's slide plan, its image slide given a real 1600x1067 JPEG.</summary>
    public static (ChannelManifest Manifest, List<Slide> Slides) LoadSeedDeck(string root)
    {
        var manifestPath = Path.Combine(root, "channel-manifests", "sample-news.json");
        var (manifest, problems) = ChannelManifestReader.Read(Path.GetFileName(manifestPath), File.ReadAllText(manifestPath),
            p => File.Exists(Path.Combine(root, "media", p)), _ => true);
        if (manifest is null) throw new InvalidOperationException(string.Join("; ", problems));
        var (rules, _) = SiteRulesReader.Read("presstv.json", File.ReadAllText(Path.Combine(root, "site-rules", "presstv.json")));
        var seed = Directory.GetFiles(Path.Combine(root, "media", "samples"), "*.txt").Order().First();
        var article = RawTextArticleParser.Parse(File.ReadAllText(seed), [rules!], manifest.Language).Article
            ?? throw new InvalidOperationException("the seed did not parse");
        var slides = SlidePlanner.Plan(article, manifest, "19 May 2021, 14:30").Slides.ToList();

        // The seed names a photo but links none; give its image slide a real 1600x1067 JPEG, as a web article would.
        var photo = Path.Combine(Path.GetTempPath(), "tvnews-bench-photo.jpg");
        WritePhoto(photo);
        var image = slides.FindIndex(s => s.Kind == SlideKind.Image);
        if (image >= 0) slides[image] = slides[image] with { Image = photo };

        return (manifest, slides);
    }

    private static int Draw(SlideRenderer renderer, Slide slide, int index, int count)
    {
        using var picture = renderer.RenderPicture(slide, index, count);
        return picture.Width;
    }

    private static void WritePhoto(string path)
    {
        using var surface = SKSurface.Create(new SKImageInfo(1600, 1067));
        var random = new Random(7);
        surface.Canvas.Clear(new SKColor(0x7A, 0x9C, 0xC0));
        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 400; i++)
        {
            paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            surface.Canvas.DrawCircle(random.Next(1600), random.Next(1067), random.Next(4, 90), paint);
        }

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 85);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static readonly string FramePath = Path.Combine(Path.GetTempPath(), "tvnews-bench-frame.bmp");

    private static int Bmp(SlideRenderer renderer, Slide slide, int index, int count)
    {
        using var picture = renderer.RenderPicture(slide, index, count);
        using var stream = new FileStream(FramePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        picture.WriteBmp(stream);
        return (int)stream.Length;
    }

    private static int Baseline(SlideRenderer renderer, Slide slide, int index, int count)
    {
        using var image = renderer.RenderImage(slide, index, count, SlideFrame.Hd1080, [], drawGlyphs: true);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return (int)data.Size;
    }

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
}
