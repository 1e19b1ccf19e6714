using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TvNews.Core.Captions;
using TvNews.Core.Channels;
using TvNews.Core.Slides;

namespace TvNews.Rendering;

/// <summary>
/// What one story render needs. <paramref name="Plan"/> has absolute picture paths; <paramref name="MediaRoot"/> holds
/// the channel's branding files; <paramref name="OutputFolder"/> is a fresh folder for this render;
/// <paramref name="CacheRoot"/> is the story's slide cache, kept between renders. <paramref name="AudioPath"/> is the
/// narration (null: silence).
/// </summary>
public sealed record StoryRenderInput(
    SlidePlan Plan,
    ChannelManifest Manifest,
    string Language,
    string MediaRoot,
    string OutputFolder,
    string CacheRoot,
    string? AudioPath = null)
{
    /// <summary>The captions' cues; null means one cue per slide's on-screen text. A narrated story passes the spoken chunks.</summary>
    public IReadOnlyList<CaptionCue>? Cues { get; init; }

    /// <summary>The narration while it is still being mixed; awaited just before the encode. Wins over <see cref="AudioPath"/>.</summary>
    public Task<string?>? PendingAudio { get; init; }
}

/// <summary>Everything a render wrote, as paths relative to the output folder ('/' separators).</summary>
public sealed record StoryRenderOutput(
    EncodedStory Video,
    IReadOnlyList<string> Slides,
    IReadOnlyList<string> Slides720,
    IReadOnlyList<string> VerticalSlides,
    string? VerticalVideo,
    string Thumbnail,
    string CaptionsVtt,
    string CaptionsSrt,
    string CaptionsTtml,
    string TrickPlayHd,
    int SlidesDrawn,
    TimeSpan Elapsed)
{
    /// <summary>Seconds spent drawing and writing slides (with the JPEGs), before the encoder starts.</summary>
    public double SlideSeconds { get; init; }

    /// <summary>Seconds in the portrait encode.</summary>
    public double VerticalSeconds { get; init; }

    /// <summary>Wall seconds per step before the encode (theme, draw, jpeg, files), for logs and benchmarks.</summary>
    public IReadOnlyDictionary<string, double> Timings { get; init; } = new Dictionary<string, double>();
}

/// <summary>
/// Turns a slide plan into every output of a story: slides as JPEG (1080p, 720p, portrait), thumbnail, captions
/// (WebVTT, SRT, TTML), the BIF trick-play file, and the video (MP4 + HLS ladder, portrait MP4). Each slide's
/// pictures are kept in a cache entry named after everything that decides how the slide looks, so a re-render
/// after an edit draws and encodes only the slides that changed; the encoder keeps its encoded pictures there too.
/// </summary>
public sealed class StoryMediaBuilder(IStoryVideoEncoder encoder)
{
    public const int ThumbnailWidth = 1280;
    public const int ThumbnailHeight = 720;

    // Marks a complete cache entry; written last, so a crash mid-slide leaves an entry that is simply drawn again.
    private const string DoneMarker = "slide.done";

    // Any change to the drawing code is a new build of this assembly: its module id makes every old entry a miss.
    private static readonly string RendererBuild = typeof(SlideRenderer).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <param name="progress">Told the stage ("slides", "encoding", "done") and the fraction of the render done.</param>
    public async Task<StoryRenderOutput> BuildAsync(StoryRenderInput input, Action<string, double>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = Stopwatch.GetTimestamp();
        var plan = input.Plan;
        var folder = input.OutputFolder;
        var outputs = input.Manifest.Outputs;
        var vertical = outputs.Vertical;
        Directory.CreateDirectory(Path.Combine(folder, "slides", "720"));
        if (vertical) Directory.CreateDirectory(Path.Combine(folder, "vertical"));

        var slidePaths = new List<string>();
        var hdPaths = new List<string>();
        var verticalPaths = new List<string>();
        var trickPlayFrames = new List<byte[]>();
        var landscape = new List<VideoSlide>();
        var portrait = new List<VideoSlide>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pictures = new List<SlidePicture>();
        var drawn = 0;
        var timings = new Dictionary<string, double>();
        var step = Stopwatch.GetTimestamp();
        void Lap(string name)
        {
            var now = Stopwatch.GetTimestamp();
            timings[name] = timings.GetValueOrDefault(name) + Stopwatch.GetElapsedTime(step, now).TotalSeconds;
            step = now;
        }

        using var theme = SlideTheme.Load(input.Manifest.Branding, input.MediaRoot, input.Manifest.Name);
        Lap("theme");
        try
        {
            var renderer = new SlideRenderer(theme);
            var look = LookFingerprint(input.Manifest, input.MediaRoot);
            var count = plan.Slides.Count;
            for (var i = 0; i < count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var slide = plan.Slides[i];
                var motion = outputs.KenBurns && slide.Kind == SlideKind.Image && slide.Image is not null && File.Exists(slide.Image);
                var key = SlideKey(look, slide, i, count, motion);
                var cache = Path.Combine(input.CacheRoot, key);
                used.Add(key);

                ISlideSource still, tall;
                if (File.Exists(Path.Combine(cache, DoneMarker)))
                {
                    // Cached: drawn again only if the encoder's own pictures are missing (say, a Ken Burns slide that
                    // moved to another place in the 6 s segment grid).
                    still = new DrawOnDemand(renderer, slide, i, count, SlideFrame.Hd1080, motion);
                    tall = new DrawOnDemand(renderer, slide, i, count, SlideFrame.Vertical, motion: false);
                }
                else
                {
                    drawn++;
                    if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
                    Directory.CreateDirectory(cache);
                    Lap("files");
                    var picture = renderer.RenderPicture(slide, i, count);
                    pictures.Add(picture);
                    Lap("draw");
                    await File.WriteAllBytesAsync(Path.Combine(cache, "1080.jpg"), picture.EncodeJpeg(92), ct);
                    Lap("jpeg");
                    still = new DrawnSlide(picture, renderer, slide, i, count, motion);

                    // Drawn natively at 720p (crisp text) rather than scaled down, for HD devices and feeds.
                    await File.WriteAllBytesAsync(Path.Combine(cache, "720.jpg"), renderer.RenderJpeg(slide, i, count, SlideFrame.Hd720, 90), ct);
                    await File.WriteAllBytesAsync(Path.Combine(cache, "trickplay.jpg"),
                        renderer.RenderJpeg(slide, i, count, TrickPlay.HdWidth, TrickPlay.HdHeight, 80), ct);
                    Lap("small");
                    if (vertical)
                    {
                        var tallPicture = renderer.RenderPicture(slide, i, count, SlideFrame.Vertical);
                        pictures.Add(tallPicture);
                        await File.WriteAllBytesAsync(Path.Combine(cache, "vertical.jpg"), tallPicture.EncodeJpeg(92), ct);
                        tall = new DrawnSlide(tallPicture, renderer, slide, i, count, motion: false);
                    }
                    else
                    {
                        tall = new DrawOnDemand(renderer, slide, i, count, SlideFrame.Vertical, motion: false);
                    }

                    await File.WriteAllTextAsync(Path.Combine(cache, DoneMarker), key, ct);
                }

                if (vertical && !File.Exists(Path.Combine(cache, "vertical.jpg")))
                {
                    using var tallPicture = renderer.RenderPicture(slide, i, count, SlideFrame.Vertical);
                    await File.WriteAllBytesAsync(Path.Combine(cache, "vertical.jpg"), tallPicture.EncodeJpeg(92), ct);
                }

                await CopyAsync(Path.Combine(cache, "1080.jpg"), $"slides/{i + 1:00}.jpg", slidePaths);
                await CopyAsync(Path.Combine(cache, "720.jpg"), $"slides/720/{i + 1:00}.jpg", hdPaths);
                if (vertical) await CopyAsync(Path.Combine(cache, "vertical.jpg"), $"vertical/{i + 1:00}.jpg", verticalPaths);
                trickPlayFrames.Add(await File.ReadAllBytesAsync(Path.Combine(cache, "trickplay.jpg"), ct));
                landscape.Add(new VideoSlide(slide.DurationSeconds, cache, still));
                portrait.Add(new VideoSlide(slide.DurationSeconds, cache, tall));
                progress?.Invoke("slides", 0.5 * (i + 1) / count);
            }

            // The title slide at 720p; drawn every time (a few milliseconds) rather than cached.
            await File.WriteAllBytesAsync(Path.Combine(folder, "thumbnail.jpg"),
                renderer.RenderJpeg(plan.Slides[0], 0, plan.Slides.Count, ThumbnailWidth, ThumbnailHeight, 88), ct);
            var cues = input.Cues ?? CaptionWriter.SlideCues(plan);
            await File.WriteAllTextAsync(Path.Combine(folder, "captions.vtt"), CaptionWriter.WebVtt(cues), ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "captions.srt"), CaptionWriter.Srt(cues), ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "captions.ttml"), CaptionWriter.Ttml(cues, input.Language), ct);
            await File.WriteAllBytesAsync(Path.Combine(folder, "trickplay-hd.bif"), TrickPlay.Bif(plan, trickPlayFrames), ct);

            Lap("files");
            var slideSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            progress?.Invoke("encoding", 0.5);
            var audio = input.PendingAudio is { } pending ? await pending : input.AudioPath;
            var video = await encoder.EncodeAsync(
                new EncodeRequest(landscape, Path.Combine(folder, "captions.vtt"), input.Language, folder, audio)
                {
                    Progress = fraction => progress?.Invoke("encoding", 0.5 + (0.35 * fraction)),
                }, ct);
            var verticalStarted = Stopwatch.GetTimestamp();
            if (vertical)
            {
                progress?.Invoke("encoding", 0.85);
                await encoder.EncodeVerticalAsync(portrait, audio, Path.Combine(folder, "vertical.mp4"), ct);
            }

            var verticalSeconds = Stopwatch.GetElapsedTime(verticalStarted).TotalSeconds;

            Prune(input.CacheRoot, used);
            progress?.Invoke("done", 1);
            return new StoryRenderOutput(video, slidePaths, hdPaths, verticalPaths, vertical ? "vertical.mp4" : null, "thumbnail.jpg",
                "captions.vtt", "captions.srt", "captions.ttml", "trickplay-hd.bif", drawn, Stopwatch.GetElapsedTime(started))
            {
                SlideSeconds = slideSeconds,
                VerticalSeconds = verticalSeconds,
                Timings = timings,
            };
        }
        finally
        {
            foreach (var picture in pictures) picture.Dispose();
        }

        async Task CopyAsync(string from, string file, List<string> list)
        {
            await using (var source = File.OpenRead(from))
            await using (var target = File.Create(Path.Combine(folder, file)))
            {
                await source.CopyToAsync(target, ct);
            }

            list.Add(file);
        }
    }

    /// <summary>
    /// Everything about the channel that changes how any slide looks: the branding, the channel name (on the outro),
    /// motion, the branding files' sizes and times, and the renderer build.
    /// </summary>
    private static string LookFingerprint(ChannelManifest manifest, string mediaRoot)
    {
        var text = new StringBuilder(RendererBuild)
            .Append('|').Append(JsonSerializer.Serialize(manifest.Branding))
            .Append('|').Append(manifest.Name)
            .Append('|').Append(manifest.Outputs.KenBurns);
        var b = manifest.Branding;
        foreach (var asset in new[] { b.Background, b.Font, b.BoldFont, b.Logo }.OfType<string>())
        {
            var file = new FileInfo(Path.Combine(mediaRoot, asset));
            text.Append('|').Append(asset).Append(':').Append(file.Exists ? $"{file.Length}:{file.LastWriteTimeUtc.Ticks}" : "missing");
        }

        return text.ToString();
    }

    /// <summary>The slide as drawn: its content (with the picture file's identity), its place in the deck and its motion.</summary>
    private static string SlideKey(string look, Slide slide, int index, int count, bool motion)
    {
        var picture = slide.Image is { } image && File.Exists(image) ? $"{new FileInfo(image).Length}:{File.GetLastWriteTimeUtc(image).Ticks}" : "-";

        // The duration does not change the look; the encoder names motion clips after their frame span itself.
        var content = JsonSerializer.Serialize(slide with { DurationSeconds = 0, DurationFixed = false });
        var text = $"{look}|{content}|{picture}|{index}/{count}|{motion}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
    }

    /// <summary>
    /// Drops cache entries this render did not use: slides of earlier versions of the story. A render of an older
    /// plan running at the same moment would lose its entries and draw them again on its retry; nothing breaks.
    /// </summary>
    private static void Prune(string cacheRoot, HashSet<string> used)
    {
        foreach (var entry in Directory.EnumerateDirectories(cacheRoot))
        {
            if (used.Contains(Path.GetFileName(entry))) continue;
            try
            {
                Directory.Delete(entry, recursive: true);
            }
            catch (IOException)
            {
                // Someone is still reading it; the next render prunes it.
            }
        }
    }

    // Alternate zooming in and out so consecutive pictures do not all push the same way.
    private static KenBurns Motion(SlideRenderer renderer, Slide slide, int index, int count) =>
        renderer.RenderMotion(slide, index, count, SlideFrame.Hd1080, zoomIn: index % 2 == 0)
        ?? throw new InvalidOperationException($"Slide {index + 1}'s picture could not be read for the Ken Burns move.");

    /// <summary>A slide drawn in this render: the encoder gets its pixels without drawing it again.</summary>
    private sealed class DrawnSlide(SlidePicture picture, SlideRenderer renderer, Slide slide, int index, int count, bool motion) : ISlideSource
    {
        public bool HasMotion => motion;

        public void WriteStill(string path)
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            picture.WriteBmp(stream);
        }

        public KenBurns CreateMotion() => Motion(renderer, slide, index, count);
    }

    /// <summary>A cached slide: drawn only if the encoder finds its pictures missing.</summary>
    private sealed class DrawOnDemand(SlideRenderer renderer, Slide slide, int index, int count, SlideFrame frame, bool motion) : ISlideSource
    {
        public bool HasMotion => motion;

        public void WriteStill(string path)
        {
            using var picture = renderer.RenderPicture(slide, index, count, frame);
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            picture.WriteBmp(stream);
        }

        public KenBurns CreateMotion() => Motion(renderer, slide, index, count);
    }
}
