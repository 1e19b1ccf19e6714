using System.Diagnostics;
using SkiaSharp;
using TvNews.Core.Slides;

namespace TvNews.Rendering.Tests;

/// <summary>
/// Renders four short slides (one with a Ken Burns move) and encodes them with the real ffmpeg, then encodes again
/// with one slide edited, reusing the first encode's slide caches; the encoder tests inspect both results.
/// The durations are chosen for the awkward cases: the moving slide crosses the 6 s segment boundary (frame 180), and
/// the last slide starts one frame before the 12 s boundary (frames 359 and 360 are both IDRs of the same still).
/// Missing ffmpeg/ffprobe is a failure with a clear message, never a skip.
/// </summary>
public sealed class EncodedStoryFixture : IAsyncLifetime
{
    public static readonly double[] Durations = [5, 3, 3.9666667, 2];

    /// <summary>Frames where an IDR must be: every slide start and every 180th frame, nothing else.</summary>
    public static readonly int[] KeyFrames = [0, 150, 180, 240, 359, 360];

    public const int TotalFrames = 419;

    public const string EditedQuote = "Nobody expected the line to open this early.";

    public string Folder { get; } = TestMedia.CreateTempFolder();

    public string OutputDirectory => Path.Combine(Folder, "out");

    public string EditedDirectory => Path.Combine(Folder, "edited");

    public EncodedStory Story { get; private set; } = null!;

    public EncodedStory Edited { get; private set; } = null!;

    /// <summary>The 1080p BMP of each slide as encoded first, and of the edited third slide.</summary>
    public IReadOnlyList<string> Frames { get; private set; } = [];

    public string EditedFrame { get; private set; } = null!;

    public TimeSpan EncodeTime { get; private set; }

    /// <summary>What the first encode reported as it went.</summary>
    public List<double> Progress { get; } = [];

    public TimeSpan EditedEncodeTime { get; private set; }

    public string VerticalMp4 => Path.Combine(Folder, "vertical.mp4");

    public async Task InitializeAsync()
    {
        foreach (var tool in new[] { "ffmpeg", "ffprobe" })
        {
            var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(dir => File.Exists(Path.Combine(dir, tool)));
            if (!found)
            {
                throw new InvalidOperationException(
                    $"{tool} is not on PATH. The rendering tests need the real ffmpeg/ffprobe: apt-get install -y ffmpeg");
            }
        }

        var photo = SampleDecks.Photo(Folder, "photo", new SKColor(0x30, 0x60, 0xA0), new SKColor(0x50, 0x40, 0x20));
        Slide[] slides =
        [
            new(SlideKind.Title, "City council approves new tram line", "Local", null, Durations[0]),
            new(SlideKind.Image, "Workers lay the first rails on Main Street", "Photo: City of Springfield", null, Durations[1]) { Image = photo },
            new(SlideKind.Quote, "This is the biggest investment in a generation.", null, "Mayor Anna Berg", Durations[2]),
            new(SlideKind.Outro, "TvNews Daily", "News that fits your screen", null, Durations[3]),
        ];

        var captions = Path.Combine(Folder, "captions.vtt");
        await File.WriteAllTextAsync(captions, """
            WEBVTT

            00:00:00.000 --> 00:00:05.000
            City council approves new tram line

            00:00:05.000 --> 00:00:08.000
            Workers lay the first rails on Main Street

            00:00:08.000 --> 00:00:11.967
            "This is the biggest investment in a generation." - Mayor Anna Berg

            00:00:11.967 --> 00:00:13.967
            TvNews Daily

            """);

        using var theme = TestMedia.LoadTheme();
        var renderer = new SlideRenderer(theme);
        var frames = new List<string>();
        var video = new List<VideoSlide>();
        for (var i = 0; i < slides.Length; i++)
        {
            frames.Add(WriteBmp(renderer, slides[i], i, slides.Length, $"slide{i}.bmp"));
            video.Add(new VideoSlide(Durations[i], Path.Combine(Folder, "cache", $"slide{i}"), new Source(renderer, slides[i], i, slides.Length, frames[^1])));
        }

        Frames = frames;
        using var encoder = new StoryVideoEncoder(Path.Combine(Folder, "encoder"));
        var watch = Stopwatch.StartNew();
        Story = await encoder.EncodeAsync(new EncodeRequest(video, captions, "en", OutputDirectory) { Progress = Progress.Add }, CancellationToken.None);
        EncodeTime = watch.Elapsed;

        // A producer rewrites the quote: only that slide gets a new cache folder.
        var edited = slides[2] with { Text = EditedQuote };
        EditedFrame = WriteBmp(renderer, edited, 2, slides.Length, "edited2.bmp");
        video[2] = new VideoSlide(Durations[2], Path.Combine(Folder, "cache", "slide2-edited"), new Source(renderer, edited, 2, slides.Length, EditedFrame));
        watch.Restart();
        Edited = await encoder.EncodeAsync(new EncodeRequest(video, captions, "en", EditedDirectory), CancellationToken.None);
        EditedEncodeTime = watch.Elapsed;

        var tall = new List<VideoSlide>();
        for (var i = 0; i < slides.Length; i++)
        {
            var bmp = WriteBmp(renderer, slides[i], i, slides.Length, $"tall{i}.bmp", SlideFrame.Vertical);
            tall.Add(new VideoSlide(Durations[i], Path.Combine(Folder, "cache", $"slide{i}"), new FileSlideSource(bmp)));
        }

        await encoder.EncodeVerticalAsync(tall, null, VerticalMp4, CancellationToken.None);
    }

    private string WriteBmp(SlideRenderer renderer, Slide slide, int index, int count, string name, SlideFrame? frame = null)
    {
        var path = Path.Combine(Folder, name);
        using var picture = renderer.RenderPicture(slide, index, count, frame);
        using var stream = File.Create(path);
        picture.WriteBmp(stream);
        return path;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The still comes from its BMP; the image slide moves.</summary>
    private sealed class Source(SlideRenderer renderer, Slide slide, int index, int count, string bmp) : ISlideSource
    {
        public bool HasMotion => slide.Kind == SlideKind.Image;

        public async Task WriteStillAsync(Stream output, CancellationToken ct)
        {
            await using var file = File.OpenRead(bmp);
            await file.CopyToAsync(output, ct);
        }

        public KenBurns CreateMotion() => renderer.RenderMotion(slide, index, count) ?? throw new InvalidOperationException("no photo");
    }
}
