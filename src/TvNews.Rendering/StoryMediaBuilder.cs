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

    // The story's thumbnail, kept in the title slide's entry.
    private const string ThumbnailFile = "thumbnail.jpg";

    // Loaded themes, shared by every render in the process (a theme is read-only once loaded).
    private static readonly ThemeCache Themes = new();

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

        var look = LookFingerprint(input.Manifest, input.MediaRoot);
        var theme = Themes.Get(look + "|" + input.MediaRoot, input.Manifest, input.MediaRoot);
        Lap("theme");
        var renderer = new SlideRenderer(theme);

        // The renderer is not shared between threads: the encoder may draw a cached slide whose pictures it lacks
        // while this render draws the next one, so every drawing call holds this lock.
        var gate = new object();
        var count = plan.Slides.Count;

        // Which slides the cache has, before anything is drawn: the encoder starts at once and takes each new slide's
        // pixels the moment they are drawn, so its process start and x264 work overlap the drawing and the JPEGs.
        var entries = new List<Entry>(count);
        for (var i = 0; i < count; i++)
        {
            var slide = plan.Slides[i];
            var motion = outputs.KenBurns && slide.Kind == SlideKind.Image && slide.Image is not null && File.Exists(slide.Image);
            var key = SlideKey(look, slide, i, count, motion);
            var cache = Path.Combine(input.CacheRoot, key);
            used.Add(key);
            var cached = File.Exists(Path.Combine(cache, DoneMarker));
            if (!cached)
            {
                if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
                Directory.CreateDirectory(cache);
            }

            ISlideSource source = cached
                ? new DrawOnDemand(gate, renderer, slide, i, count, SlideFrame.Hd1080, motion)
                : new PendingSlide(gate, renderer, slide, i, count, motion);
            entries.Add(new Entry(slide, cache, motion, source));
        }

        var cues = input.Cues ?? CaptionWriter.SlideCues(plan);
        await File.WriteAllTextAsync(Path.Combine(folder, "captions.vtt"), CaptionWriter.WebVtt(cues), ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "captions.srt"), CaptionWriter.Srt(cues), ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "captions.ttml"), CaptionWriter.Ttml(cues, input.Language), ct);
        Lap("files");

        // The encoder's progress is held back until the slides are done, so the fraction only ever rises.
        var encodeProgress = new HeldProgress(fraction => progress?.Invoke("encoding", 0.5 + (0.35 * fraction)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var request = new EncodeRequest([.. entries.Select(e => new VideoSlide(e.Slide.DurationSeconds, e.Cache, e.Source))],
            Path.Combine(folder, "captions.vtt"), input.Language, folder, input.AudioPath)
        {
            Progress = encodeProgress.Report,
            PendingAudio = input.PendingAudio,
        };
        Task<EncodedStory> encode;
        try
        {
            encode = encoder.EncodeAsync(request, stop.Token);
        }
        catch (Exception e)
        {
            encode = Task.FromException<EncodedStory>(e);
        }

        try
        {
            double slideSeconds;
            try
            {
                for (var i = 0; i < count; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    var (slide, cache, motion, source) = entries[i];
                    ISlideSource tall;
                    if (source is PendingSlide pending)
                    {
                        drawn++;
                        SlidePicture picture;
                        lock (gate) picture = renderer.RenderPicture(slide, i, count);
                        pictures.Add(picture);
                        pending.Drawn(picture);

                        // Drawn natively at 720p (crisp text) rather than scaled down, for HD devices and feeds, and
                        // handed to the encoder's 720p rung (which halves it for 360p) before the JPEGs are written.
                        SlidePicture hdPicture;
                        lock (gate) hdPicture = renderer.RenderPicture(slide, i, count, SlideFrame.Hd720);
                        pictures.Add(hdPicture);
                        pending.DrawnHd(hdPicture);
                        Lap("draw");
                        await File.WriteAllBytesAsync(Path.Combine(cache, "1080.jpg"), picture.EncodeJpeg(92), ct);
                        Lap("jpeg");

                        // The trick-play frame is a 320x180 thumbnail: scaled from the 720p picture, not drawn again.
                        var hd = hdPicture.EncodeJpeg(90);
                        var trick = hdPicture.EncodeJpeg(TrickPlay.HdWidth, TrickPlay.HdHeight, 80);

                        await File.WriteAllBytesAsync(Path.Combine(cache, "720.jpg"), hd, ct);
                        await File.WriteAllBytesAsync(Path.Combine(cache, "trickplay.jpg"), trick, ct);
                        if (i == 0) await File.WriteAllBytesAsync(Path.Combine(cache, ThumbnailFile), Thumbnail(gate, renderer, slide, count), ct);
                        Lap("small");
                        if (vertical)
                        {
                            SlidePicture tallPicture;
                            lock (gate) tallPicture = renderer.RenderPicture(slide, i, count, SlideFrame.Vertical);
                            pictures.Add(tallPicture);
                            await File.WriteAllBytesAsync(Path.Combine(cache, "vertical.jpg"), tallPicture.EncodeJpeg(92), ct);
                            tall = new DrawnSlide(gate, tallPicture, renderer, slide, i, count, motion: false);
                        }
                        else
                        {
                            tall = new DrawOnDemand(gate, renderer, slide, i, count, SlideFrame.Vertical, motion: false);
                        }

                        await File.WriteAllTextAsync(Path.Combine(cache, DoneMarker), Path.GetFileName(cache), ct);
                    }
                    else
                    {
                        // Cached: drawn again only if the encoder's own pictures are missing (say, a Ken Burns slide that
                        // moved to another place in the 6 s segment grid).
                        tall = new DrawOnDemand(gate, renderer, slide, i, count, SlideFrame.Vertical, motion: false);
                    }

                    if (vertical && !File.Exists(Path.Combine(cache, "vertical.jpg")))
                    {
                        SlidePicture tallPicture;
                        lock (gate) tallPicture = renderer.RenderPicture(slide, i, count, SlideFrame.Vertical);
                        using (tallPicture) await File.WriteAllBytesAsync(Path.Combine(cache, "vertical.jpg"), tallPicture.EncodeJpeg(92), ct);
                    }

                    Copy(Path.Combine(cache, "1080.jpg"), $"slides/{i + 1:00}.jpg", slidePaths);
                    Copy(Path.Combine(cache, "720.jpg"), $"slides/720/{i + 1:00}.jpg", hdPaths);
                    if (vertical) Copy(Path.Combine(cache, "vertical.jpg"), $"vertical/{i + 1:00}.jpg", verticalPaths);
                    trickPlayFrames.Add(await File.ReadAllBytesAsync(Path.Combine(cache, "trickplay.jpg"), ct));
                    portrait.Add(new VideoSlide(slide.DurationSeconds, cache, tall));
                    progress?.Invoke("slides", 0.5 * (i + 1) / count);
                }

                // The title slide at 720p, kept in the title slide's cache entry (drawn with it, or now if an older
                // render left none).
                var thumbnail = Path.Combine(entries[0].Cache, ThumbnailFile);
                if (!File.Exists(thumbnail)) await File.WriteAllBytesAsync(thumbnail, Thumbnail(gate, renderer, plan.Slides[0], count), ct);
                Copy(thumbnail, "thumbnail.jpg", []);
                await File.WriteAllBytesAsync(Path.Combine(folder, "trickplay-hd.bif"), TrickPlay.Bif(plan, trickPlayFrames), ct);
                Lap("files");
                slideSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
            catch
            {
                // The encoder may be waiting for a slide that will never be drawn.
                foreach (var entry in entries) (entry.Source as PendingSlide)?.Abandon();
                await stop.CancelAsync();
                try
                {
                    await encode;
                }
                catch (Exception)
                {
                    // The render's own failure is the one to report.
                }

                throw;
            }

            progress?.Invoke("encoding", 0.5);
            encodeProgress.Release();
            var video = await encode;
            var verticalStarted = Stopwatch.GetTimestamp();
            if (vertical)
            {
                progress?.Invoke("encoding", 0.85);
                var audio = input.PendingAudio is { } mixing ? await mixing : input.AudioPath;
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

        void Copy(string from, string file, List<string> list)
        {
            File.Copy(from, Path.Combine(folder, file), overwrite: true);
            list.Add(file);
        }
    }

    private static byte[] Thumbnail(object gate, SlideRenderer renderer, Slide title, int count)
    {
        lock (gate) return renderer.RenderJpeg(title, 0, count, ThumbnailWidth, ThumbnailHeight, 88);
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
    private static KenBurns Motion(object gate, SlideRenderer renderer, Slide slide, int index, int count)
    {
        lock (gate)
        {
            return renderer.RenderMotion(slide, index, count, SlideFrame.Hd1080, zoomIn: index % 2 == 0)
                ?? throw new InvalidOperationException($"Slide {index + 1}'s picture could not be read for the Ken Burns move.");
        }
    }

    private sealed record Entry(Slide Slide, string Cache, bool Motion, ISlideSource Source);

    /// <summary>A slide drawn in this render: the encoder gets its pixels without drawing it again.</summary>
    private sealed class DrawnSlide(object gate, SlidePicture picture, SlideRenderer renderer, Slide slide, int index, int count, bool motion) : ISlideSource
    {
        public bool HasMotion => motion;

        public Task WriteStillAsync(Stream output, CancellationToken ct)
        {
            picture.WriteBmp(output);
            return Task.CompletedTask;
        }

        public KenBurns CreateMotion() => Motion(gate, renderer, slide, index, count);
    }

    /// <summary>A slide this render is about to draw: the encoder waits for its pixels.</summary>
    private sealed class PendingSlide(object gate, SlideRenderer renderer, Slide slide, int index, int count, bool motion) : ISlideSource
    {
        // Continuations run on the thread pool: the 8 MB pipe write must not hold up the drawing thread.
        private readonly TaskCompletionSource<SlidePicture> _picture = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<SlidePicture> _hd = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool HasMotion => motion;

        public void Drawn(SlidePicture picture) => _picture.TrySetResult(picture);

        public void DrawnHd(SlidePicture picture) => _hd.TrySetResult(picture);

        public void Abandon()
        {
            _picture.TrySetCanceled();
            _hd.TrySetCanceled();
        }

        public async Task WriteStillAsync(Stream output, CancellationToken ct)
        {
            var picture = await _picture.Task.WaitAsync(ct);
            picture.WriteBmp(output);
        }

        public async Task<bool> WriteStillAsync(Stream output, int width, int height, CancellationToken ct)
        {
            if (width != SlideFrame.Hd720.Width || height != SlideFrame.Hd720.Height) return false;
            var picture = await _hd.Task.WaitAsync(ct);
            picture.WriteBmp(output);
            return true;
        }

        public KenBurns CreateMotion() => Motion(gate, renderer, slide, index, count);
    }

    /// <summary>A cached slide: drawn only if the encoder finds its pictures missing.</summary>
    private sealed class DrawOnDemand(object gate, SlideRenderer renderer, Slide slide, int index, int count, SlideFrame frame, bool motion) : ISlideSource
    {
        public bool HasMotion => motion;

        public Task WriteStillAsync(Stream output, CancellationToken ct)
        {
            SlidePicture picture;
            lock (gate) picture = renderer.RenderPicture(slide, index, count, frame);
            using (picture) picture.WriteBmp(output);
            return Task.CompletedTask;
        }

        /// <summary>At 720p the landscape slide is drawn natively, as a freshly drawn slide is (<see cref="PendingSlide"/>).</summary>
        public Task<bool> WriteStillAsync(Stream output, int width, int height, CancellationToken ct)
        {
            if (frame.Portrait || width != SlideFrame.Hd720.Width || height != SlideFrame.Hd720.Height) return Task.FromResult(false);
            SlidePicture picture;
            lock (gate) picture = renderer.RenderPicture(slide, index, count, SlideFrame.Hd720);
            using (picture) picture.WriteBmp(output);
            return Task.FromResult(true);
        }

        public KenBurns CreateMotion() => Motion(gate, renderer, slide, index, count);
    }

    /// <summary>Reports the latest fraction only once released, then every one as it comes.</summary>
    private sealed class HeldProgress(Action<double> report)
    {
        private readonly Lock _lock = new();
        private bool _released;
        private double? _latest;

        public void Report(double fraction)
        {
            lock (_lock)
            {
                if (_released) report(fraction);
                else _latest = fraction;
            }
        }

        public void Release()
        {
            lock (_lock)
            {
                _released = true;
                if (_latest is { } fraction) report(fraction);
            }
        }
    }
}
