using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using FFMpegCore;
using FFMpegCore.Pipes;
using SkiaSharp;
using TvNews.Rendering.Video;

namespace TvNews.Rendering;

/// <summary>
/// Turns slides into a Roku-ready H.264/AAC MP4 and an HLS VOD ladder (1080p, 720p, ≈400 kbps) with WebVTT subtitles,
/// without encoding a repeated frame. x264 encodes each distinct still once per rung as an IDR picture;
/// <see cref="SlideStreamWriter"/> fills the rest of the slide with generated all-skip P frames and repeats the IDR at
/// every 6 s segment start. Only Ken Burns slides are encoded frame by frame. Encoded pictures are cached in each
/// slide's <see cref="VideoSlide.CacheFolder"/>, so a re-render after editing one slide encodes that slide only.
/// <see cref="Mp4Writer"/> and <see cref="HlsWriter"/> then write the MP4 and the HLS renditions in process from those
/// access units and the AAC frames of the narration (or of a cached silent track).
/// </summary>
public sealed class StoryVideoEncoder : IStoryVideoEncoder, IDisposable
{
    public const int FramesPerSecond = 30;

    /// <summary>180 frames = 6 s: an IDR on every HLS segment boundary (Roku wants 4-6 s chunks starting with an IDR).</summary>
    public const int GopFrames = 180;

    public const int SegmentSeconds = 6;

    private const string AudioCodec = "mp4a.40.2";
    private const string VideoFile = "video.mp4";
    private const string HlsFolder = "hls";
    private const string MasterPlaylist = "master.m3u8";

    /// <summary>A cached silent track is cut to length with -c copy instead of encoding silence for every story.</summary>
    private const int SilenceChunkSeconds = 600;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly string _workRoot;
    private readonly bool _cabac;
    private readonly bool _inProcessStills;
    private string? _fingerprint;
    private SilentTrack? _silence; // read once per length; a reference, so concurrent renders see all or nothing
    private StillEncodeProcess? _spare;
    private volatile bool _disposed;

    public StoryVideoEncoder()
        : this(Path.Combine(Path.GetTempPath(), "tvnews-encoder"))
    {
    }

    /// <param name="workRoot">Where the shared silent audio track is kept.</param>
    /// <param name="cabac">CABAC pictures (default) or CAVLC only: see <see cref="VideoRung.EncoderArguments"/>.</param>
    /// <param name="inProcessStills">Encode stills with libx264 in this process when it loads (see
    /// <see cref="InProcessStills"/>); false, or no libx264 build 164, uses the ffmpeg still process.</param>
    public StoryVideoEncoder(string workRoot, bool cabac = true, bool inProcessStills = true)
    {
        _workRoot = workRoot;
        _cabac = cabac;
        _inProcessStills = inProcessStills && X264Library.IsAvailable;
    }

    /// <summary>True when stills are encoded in this process rather than by an ffmpeg process.</summary>
    public bool EncodesStillsInProcess => _inProcessStills;

    public async Task<EncodedStory> EncodeAsync(EncodeRequest request, CancellationToken ct)
    {
        Validate(request);
        var options = Options();
        var output = Path.GetFullPath(request.OutputDirectory);
        var hls = Path.Combine(output, HlsFolder);

        // A re-encode of a shorter story must not leave the old story's extra segments behind.
        if (Directory.Exists(hls)) Directory.Delete(hls, recursive: true);
        Directory.CreateDirectory(hls);
        var work = Directory.CreateTempSubdirectory("tvnews-encode-");
        options.TemporaryFilesFolder = work.FullName;
        try
        {
            var (starts, counts) = FrameRuns(request.Slides.Select(s => s.Seconds).ToList());
            var totalFrames = starts[^1] + counts[^1];
            var seconds = (double)totalFrames / FramesPerSecond;
            var ladder = VideoRung.Ladder;
            var clock = Stopwatch.StartNew();
            var steps = new Dictionary<string, double>();
            var (tracks, encoded, reused, stillSeconds, motionSeconds) = await WriteStreamsAsync(request.Slides, starts, counts, ladder, work.FullName, options, request.Progress, steps, ct);
            var streamSeconds = clock.Elapsed.TotalSeconds - stillSeconds - motionSeconds;
            clock.Restart();
            var audioPath = request.PendingAudio is { } pending ? await pending.WaitAsync(ct) : request.AudioPath;
            if (audioPath is not null && !File.Exists(audioPath)) throw new FileNotFoundException($"Encode input not found: {audioPath}", audioPath);
            var audio = await AudioAsync(audioPath, seconds, work.FullName, options, ct);
            var audioSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();

            // The MP4 and the three renditions are independent files over the same access units.
            var mp4 = Path.Combine(output, VideoFile);
            Parallel.Invoke(
                new ParallelOptions { CancellationToken = ct },
                [() => Mp4Writer.Write(mp4, tracks[0], audio), .. tracks.Select((t, r) => (Action)(() => HlsWriter.Write(hls, ladder[r].Name, t, audio, GopFrames)))]);
            var muxSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();

            var language = request.Language.Trim();
            await WriteSubtitlesAsync(request.CaptionsWebVttPath, language, hls, HlsWriter.FirstVideoPts, seconds, ct);
            await WriteMasterAsync(hls, language, ladder, ct);
            var playlistSeconds = clock.Elapsed.TotalSeconds;
            KeepSpare(options);

            // Length and size are known: every frame was written here. The tests check them with ffprobe.
            var bitrate = new FileInfo(mp4).Length * 8.0 / seconds;
            return new EncodedStory(VideoFile, $"{HlsFolder}/{MasterPlaylist}", seconds, (int)Math.Round(bitrate / 1000.0),
                ladder[0].Width, ladder[0].Height)
            {
                PicturesEncoded = encoded,
                PicturesReused = reused,
                Timings = new Dictionary<string, double>
                {
                    ["stills"] = stillSeconds,
                    ["stills.fed"] = steps.GetValueOrDefault("fed"),
                    ["stills.ffmpeg"] = steps.GetValueOrDefault("ffmpeg"),
                    ["stills.cached"] = steps.GetValueOrDefault("cached"),
                    ["stills.warm"] = steps.GetValueOrDefault("warm"),
                    ["stills.open"] = steps.GetValueOrDefault("open"),
                    ["stills.convert"] = steps.GetValueOrDefault("convert"),
                    ["stills.x264"] = steps.GetValueOrDefault("x264"),
                    ["kenBurns"] = motionSeconds,
                    ["streams"] = streamSeconds,
                    ["audio"] = audioSeconds,
                    ["mux"] = muxSeconds,
                    ["playlists"] = playlistSeconds,
                },
            };
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The portrait deck as one MP4 for social video, with the same audio. No HLS and no caption track: social players
    /// burn nothing in and the slides already carry the words. Motion is left out: the portrait crop of a landscape
    /// photo is already tight.
    /// </summary>
    public async Task EncodeVerticalAsync(IReadOnlyList<VideoSlide> slides, string? audioPath, string outputFile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(slides);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFile);
        ValidateSlides(slides);
        var options = Options();
        var work = Directory.CreateTempSubdirectory("tvnews-vertical-");
        options.TemporaryFilesFolder = work.FullName;
        try
        {
            var (starts, counts) = FrameRuns(slides.Select(s => s.Seconds).ToList());
            var seconds = (double)(starts[^1] + counts[^1]) / FramesPerSecond;
            var still = slides.Select(s => s with { Source = new StillOnly(s.Source) }).ToList();
            var (tracks, _, _, _, _) = await WriteStreamsAsync(still, starts, counts, [VideoRung.Vertical], work.FullName, options, null, [], ct);
            var audio = await AudioAsync(audioPath, seconds, work.FullName, options, ct);
            Mp4Writer.Write(Path.GetFullPath(outputFile), tracks[0], audio);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Frame spans per slide at 30 fps: slide i starts at round(30 × the seconds before it), so rounding never
    /// accumulates and the total matches the planned length to the frame.
    /// </summary>
    internal static (int[] Starts, int[] Counts) FrameRuns(IReadOnlyList<double> seconds)
    {
        var starts = new int[seconds.Count];
        var counts = new int[seconds.Count];
        double elapsed = 0;
        for (var i = 0; i < seconds.Count; i++)
        {
            starts[i] = (int)Math.Round(elapsed * FramesPerSecond, MidpointRounding.AwayFromZero);
            elapsed += seconds[i];
            counts[i] = (int)Math.Round(elapsed * FramesPerSecond, MidpointRounding.AwayFromZero) - starts[i];
            if (counts[i] < 1) throw new ArgumentException($"Slide {i + 1} lasts {seconds[i]} s, less than one frame.", nameof(seconds));
        }

        return (starts, counts);
    }

    private static FFOptions Options() => new() { BinaryFolder = FindBinaryFolder(Environment.GetEnvironmentVariable("PATH")) };

    private static void Validate(EncodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateSlides(request.Slides);
        if (!File.Exists(request.CaptionsWebVttPath)) throw new FileNotFoundException($"Encode input not found: {request.CaptionsWebVttPath}", request.CaptionsWebVttPath);
        if (request.AudioPath is not null && !File.Exists(request.AudioPath)) throw new FileNotFoundException($"Encode input not found: {request.AudioPath}", request.AudioPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Language);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OutputDirectory);
    }

    private static void ValidateSlides(IReadOnlyList<VideoSlide> slides)
    {
        ArgumentNullException.ThrowIfNull(slides);
        if (slides.Count == 0) throw new ArgumentException("At least one slide is required.", nameof(slides));
        if (slides.Any(s => !(s.Seconds > 0) || double.IsInfinity(s.Seconds)))
        {
            throw new ArgumentException("Every slide duration must be a positive number of seconds.", nameof(slides));
        }

        foreach (var path in slides.Select(s => s.CacheFolder).Where(p => p.Contains('"', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"A cache folder path cannot contain a double quote: {path}", nameof(slides));
        }
    }

    /// <summary>FFMpegCore would find ffmpeg itself, but only fails at the first run with a vague error; check up front.</summary>
    internal static string FindBinaryFolder(string? pathVariable)
    {
        foreach (var dir in (pathVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "ffmpeg")) && File.Exists(Path.Combine(dir, "ffprobe"))) return dir;
        }

        throw new FileNotFoundException("ffmpeg not found on PATH; run ./tvnews run or apt-get install ffmpeg", "ffmpeg");
    }

    /// <summary>
    /// Brings every slide's pictures into the cache (encoding what is missing) and joins them into one video track per rung.
    /// </summary>
    private async Task<(List<VideoTrack> Tracks, int Encoded, int Reused, double StillSeconds, double MotionSeconds)> WriteStreamsAsync(IReadOnlyList<VideoSlide> slides, int[] starts,
        int[] counts, IReadOnlyList<VideoRung> rungs, string work, FFOptions options, Action<double>? progress, Dictionary<string, double> steps, CancellationToken ct)
    {
        var fingerprint = await FingerprintAsync(ct);
        string CachePath(int slide, VideoRung rung)
        {
            var name = slides[slide].Source.HasMotion
                ? $"kb-{starts[slide] % GopFrames}-{counts[slide]}-{rung.Name}-{fingerprint}.h264"
                : $"still-{rung.Name}-{fingerprint}.h264";
            return Path.Combine(slides[slide].CacheFolder, name);
        }

        var missing = Enumerable.Range(0, slides.Count).Where(i => rungs.Any(r => !File.Exists(CachePath(i, r)))).ToList();
        var stills = missing.Where(i => !slides[i].Source.HasMotion).ToList();
        var encoded = 0;
        var reused = 0;
        // Progress: a still costs about as much as ten Ken Burns frames; the mux is the last tenth.
        var moving = missing.Where(i => slides[i].Source.HasMotion).ToList();
        var units = (10.0 * stills.Count) + moving.Sum(i => counts[i]);
        var done = 0.0;
        void Advance(double work)
        {
            done += work;
            if (units > 0) progress?.Invoke(0.9 * Math.Min(1, done / units));
        }

        var clock = Stopwatch.StartNew();
        if (stills.Count > 0) encoded += await EncodeStillsAsync(slides, stills, rungs, CachePath, options, steps, ct);
        Advance(10.0 * stills.Count);
        var stillSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        foreach (var i in moving)
        {
            encoded += await EncodeMotionAsync(slides[i], starts[i], counts[i], rungs, r => CachePath(i, r), work, _cabac, options, () => Advance(1), ct);
        }

        var motionSeconds = clock.Elapsed.TotalSeconds;

        var tracks = new List<VideoTrack>();
        foreach (var rung in rungs)
        {
            var runs = new List<StreamRun>();
            for (var i = 0; i < slides.Count; i++)
            {
                var clip = H264Clip.Parse(await File.ReadAllBytesAsync(CachePath(i, rung), ct));
                if ((clip.Sps.WidthMbs * 16) - rung.Width is < 0 or >= 16) throw new InvalidDataException($"Cached picture {CachePath(i, rung)} has the wrong size.");
                runs.Add(new StreamRun(clip, counts[i]));
                if (!missing.Contains(i)) reused += clip.Pictures.Count;
            }

            var writer = new SlideStreamWriter(runs[0].Clip);
            tracks.Add(new VideoTrack(writer.Write(runs, GopFrames), writer.SpsNal, writer.PpsNals, rung.Width, rung.Height, FramesPerSecond));
        }

        return (tracks, encoded, reused, stillSeconds, motionSeconds);
    }

    /// <summary>
    /// One ffmpeg process encodes every missing still once per rung, forced IDR on each frame. The BMPs go through its
    /// standard input as each slide's source has them, so the process starts while the slides are still being drawn
    /// and x264 encodes each one while the next is drawn (single-threaded: the drawing has the other core). The process
    /// kept ready since the last render is taken when there is one.
    /// </summary>
    private async Task<int> EncodeStillsAsync(IReadOnlyList<VideoSlide> slides, List<int> stills, IReadOnlyList<VideoRung> rungs,
        Func<int, VideoRung, string> cachePath, FFOptions options, Dictionary<string, double> steps, CancellationToken ct)
    {
        if (_inProcessStills)
        {
            var units = await InProcessStills.EncodeAsync([.. stills.Select(i => (i, slides[i].Source))], rungs, _cabac, steps, ct);
            for (var r = 0; r < rungs.Count; r++)
            {
                for (var k = 0; k < stills.Count; k++)
                {
                    var clip = H264Clip.Parse(units[r][k]);
                    if (clip.Pictures is not [{ Idr: true }]) throw new FfmpegException($"x264 returned {clip.Pictures.Count} pictures for one still at {rungs[r].Name}.", string.Empty);
                    await WriteCacheAsync(cachePath(stills[k], rungs[r]), clip, 0, 1, ct);
                }
            }

            return stills.Count * rungs.Count;
        }

        var clock = Stopwatch.StartNew();
        var spare = ReferenceEquals(rungs, VideoRung.Ladder) ? TakeSpare() : null;
        steps["warm"] = spare is null ? 0 : 1;
        var process = spare ?? StartStills(options, rungs);
        using (process)
        {
            try
            {
                foreach (var i in stills) await slides[i].Source.WriteStillAsync(process.Input, ct);
                await process.Input.FlushAsync(ct);
            }
            catch (IOException)
            {
                // ffmpeg stopped reading; FinishAsync reports why.
            }

            steps["fed"] = clock.Elapsed.TotalSeconds;
            clock.Restart();
            await process.FinishAsync(ct);
            steps["ffmpeg"] = clock.Elapsed.TotalSeconds;
            clock.Restart();
            for (var r = 0; r < rungs.Count; r++)
            {
                var clip = H264Clip.Parse(await File.ReadAllBytesAsync(process.Outputs[r], ct));
                if (clip.Pictures.Count != stills.Count || clip.Pictures.Any(p => !p.Idr))
                {
                    throw new FfmpegException($"x264 returned {clip.Pictures.Count} pictures for {stills.Count} stills at {rungs[r].Name}.", string.Empty);
                }

                for (var k = 0; k < stills.Count; k++)
                {
                    await WriteCacheAsync(cachePath(stills[k], rungs[r]), clip, k, 1, ct);
                }
            }

            steps["cached"] = clock.Elapsed.TotalSeconds;
        }

        return stills.Count * rungs.Count;
    }

    private StillEncodeProcess StartStills(FFOptions options, IReadOnlyList<VideoRung> rungs) =>
        StillEncodeProcess.Start(Path.Combine(options.BinaryFolder, "ffmpeg"), rungs, FramesPerSecond,
            outputs => RungOutputs(rungs, outputs, _cabac, "-force_key_frames expr:1 -forced-idr 1 -threads 1"));

    private StillEncodeProcess? TakeSpare()
    {
        var spare = Interlocked.Exchange(ref _spare, null);
        if (spare is { Ready: true }) return spare;
        spare?.Dispose();
        return null;
    }

    /// <summary>After a render: a started still process for the next one, unless one is waiting already.</summary>
    private void KeepSpare(FFOptions options)
    {
        if (_inProcessStills || _disposed || Volatile.Read(ref _spare) is not null) return;
        var spare = StartStills(options, VideoRung.Ladder);
        if (Interlocked.CompareExchange(ref _spare, spare, null) is not null || _disposed)
        {
            spare.Dispose();
            if (_disposed) Interlocked.Exchange(ref _spare, null)?.Dispose();
        }
    }

    /// <summary>Ends the ffmpeg process kept for the next edit.</summary>
    public void Dispose()
    {
        _disposed = true;
        Interlocked.Exchange(ref _spare, null)?.Dispose();
    }

    /// <summary>
    /// A Ken Burns slide: Skia draws each frame and pipes raw BGRA to one ffmpeg process that encodes every rung, with
    /// IDRs forced where the story's segment boundaries fall inside the slide.
    /// </summary>
    private static async Task<int> EncodeMotionAsync(VideoSlide slide, int start, int frames, IReadOnlyList<VideoRung> rungs,
        Func<VideoRung, string> cachePath, string work, bool cabac, FFOptions options, Action frameDrawn, CancellationToken ct)
    {
        using var motion = slide.Source.CreateMotion();
        var outputs = rungs.Select(r => Path.Combine(work, $"motion-{r.Name}.h264")).ToList();
        var offset = start % GopFrames;
        var source = new RawVideoPipeSource(MotionFrames(motion, frames, frameDrawn, ct)) { FrameRate = FramesPerSecond };
        var arguments = FFMpegArguments
            .FromPipeInput(source)
            .OutputToFile(outputs[^1], true, o => o.WithCustomArgument(
                RungOutputs(rungs, outputs, cabac, $"-force_key_frames expr:eq(n,0)+eq(mod(n+{offset},{GopFrames}),0) -forced-idr 1", motion: true)));
        await RunAsync(arguments, "Ken Burns encode", options, ct);

        for (var r = 0; r < rungs.Count; r++)
        {
            var clip = H264Clip.Parse(await File.ReadAllBytesAsync(outputs[r], ct));
            if (clip.Pictures.Count != frames) throw new FfmpegException($"x264 returned {clip.Pictures.Count} of {frames} Ken Burns frames.", string.Empty);
            await WriteCacheAsync(cachePath(rungs[r]), clip, 0, frames, ct);
        }

        return frames * rungs.Count;
    }

    private static IEnumerable<IVideoFrame> MotionFrames(KenBurns motion, int frames, Action frameDrawn, CancellationToken ct)
    {
        // Skia draws straight into a pinned managed buffer, so each frame goes to the pipe without a copy.
        var info = new SKImageInfo(motion.Width, motion.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        var pixels = GC.AllocateArray<byte>(info.BytesSize, pinned: true);
        using var bitmap = new SKBitmap();
        if (!bitmap.InstallPixels(info, Marshal.UnsafeAddrOfPinnedArrayElement(pixels, 0), info.RowBytes))
        {
            throw new InvalidOperationException("Could not attach the frame buffer.");
        }

        using var canvas = new SKCanvas(bitmap);
        var frame = new BgraFrame(info.Width, info.Height, pixels);
        for (var k = 0; k < frames; k++)
        {
            ct.ThrowIfCancellationRequested();
            motion.DrawFrame(canvas, k, frames);
            canvas.Flush();
            yield return frame;
            frameDrawn();
        }
    }

    /// <summary>The filter graph and one x264 output per rung (the last output's path is added by FFMpegCore).</summary>
    private static string RungOutputs(IReadOnlyList<VideoRung> rungs, IReadOnlyList<string> outputs, bool cabac, string keyframes, bool motion = false)
    {
        // Convert to BT.709 limited-range 4:2:0 once at full size, then scale down for the smaller rungs.
        var graph = new StringBuilder("[0:v]scale=out_color_matrix=bt709:out_range=tv,format=yuv420p");
        graph.Append(Inv, $",split={rungs.Count}");
        for (var r = 0; r < rungs.Count; r++) graph.Append(Inv, $"[s{r}]");
        for (var r = 0; r < rungs.Count; r++)
        {
            // Lanczos keeps small text crisp on a still; for moving frames plain bicubic is indistinguishable and cheaper.
            graph.Append(Inv, $";[s{r}]scale={rungs[r].Width}:{rungs[r].Height}:flags={(motion ? "bicubic" : "lanczos")}[v{r}]");
        }

        var args = new StringBuilder($"-filter_complex \"{graph}\"");
        for (var r = 0; r < rungs.Count; r++)
        {
            args.Append(Inv, $" -map [v{r}] {rungs[r].EncoderArguments(motion, cabac)} {keyframes} -f h264");
            if (r < rungs.Count - 1) args.Append(' ').Append(Quote(outputs[r]));
        }

        return args.ToString();
    }

    /// <summary>Writes pictures to the cache through a temporary file, so a crash never leaves half a cache entry.</summary>
    internal static async Task WriteCacheAsync(string path, H264Clip clip, int from, int count, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            using var buffer = new MemoryStream();
            clip.Write(buffer, from, count);
            await file.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Names cache entries after the encoder settings and the ffmpeg build, so an upgrade never joins pictures whose
    /// parameter sets differ.
    /// </summary>
    private async Task<string> FingerprintAsync(CancellationToken ct)
    {
        if (_fingerprint is not null) return _fingerprint;
        var start = new ProcessStartInfo(Path.Combine(FindBinaryFolder(Environment.GetEnvironmentVariable("PATH")), "ffmpeg"))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-version");
        using var process = Process.Start(start) ?? throw new FfmpegException("ffmpeg -version could not start.", string.Empty);
        var version = (await process.StandardOutput.ReadLineAsync(ct)) ?? string.Empty;
        await process.WaitForExitAsync(ct);
        var settings = version + "|" + string.Join("|", VideoRung.Ladder.Append(VideoRung.Vertical).SelectMany(r => new[] { r.EncoderArguments(false, _cabac), r.EncoderArguments(true, _cabac) }));
        _fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)))[..12];
        return _fingerprint;
    }

    /// <summary>
    /// The story's sound as AAC frames: the narration as given when it is already AAC-LC 48 kHz stereo in an MP4 (what
    /// the narration mixer writes), else encoded to that once by ffmpeg; or a cached silent track, cut to length.
    /// </summary>
    private async Task<AudioFrames> AudioAsync(string? audioPath, double seconds, string work, FFOptions options, CancellationToken ct)
    {
        AacTrack track;
        if (audioPath is not null)
        {
            var given = AacTrack.TryRead(audioPath);
            if (given is not { IsLcStereo48k: true })
            {
                var converted = Path.Combine(work, "audio.m4a");
                var arguments = FFMpegArguments
                    .FromFileInput(Path.GetFullPath(audioPath), false, i => i.WithCustomArgument($"-t {(seconds + 1).ToString("0.######", Inv)}"))
                    .OutputToFile(converted, true, o => o.WithCustomArgument("-vn -c:a aac -b:a 128k -ac 2 -ar 48000"));
                await RunAsync(arguments, "audio encode", options, ct);
                given = AacTrack.TryRead(converted);
            }

            track = given ?? throw new FfmpegException($"The narration {audioPath} has no AAC audio track after conversion.", string.Empty);
        }
        else
        {
            track = await SilenceAsync(seconds, options, ct);
        }

        var frames = track.FramesFor(seconds);
        var heard = Math.Min(seconds, ((frames * (double)AacTrack.SamplesPerFrame) - track.Priming) / track.SampleRate);
        return new AudioFrames(track, frames, heard);
    }

    private async Task<AacTrack> SilenceAsync(double seconds, FFOptions options, CancellationToken ct)
    {
        var length = SilenceChunkSeconds * (int)Math.Ceiling((seconds + 1) / SilenceChunkSeconds);
        if (_silence is { } known && known.Seconds == length) return known.Track;
        var silence = Path.Combine(_workRoot, $"silence-48k-stereo-{length}s.m4a");
        if (!File.Exists(silence))
        {
            // Two workers may both create it; each writes its own file and the rename is atomic, so either copy wins.
            Directory.CreateDirectory(_workRoot);
            var temporary = Path.Combine(_workRoot, $"silence-{Environment.ProcessId}-{Guid.NewGuid():N}.m4a");
            var arguments = FFMpegArguments
                .FromFileInput("anullsrc=channel_layout=stereo:sample_rate=48000", false, i => i.WithCustomArgument($"-f lavfi -t {length}"))
                .OutputToFile(temporary, true, o => o.WithCustomArgument("-c:a aac -b:a 128k -ac 2 -ar 48000"));
            await RunAsync(arguments, "silent audio", options, ct);
            File.Move(temporary, silence, overwrite: true);
        }

        var track = AacTrack.TryRead(silence) ?? throw new FfmpegException($"The silent track {silence} could not be read.", string.Empty);
        _silence = new SilentTrack(length, track);
        return track;
    }

    private static string Quote(string path) =>
        path.Contains('"', StringComparison.Ordinal) ? throw new ArgumentException($"Path cannot contain a double quote: {path}", nameof(path)) : $"\"{path}\"";

    private static async Task RunAsync(FFMpegArgumentProcessor arguments, string step, FFOptions options, CancellationToken ct)
    {
        FFMpegResult result;
        try
        {
            result = await arguments.ProcessAsynchronously(throwOnError: false, ffOptions: options, cancellationToken: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not FfmpegException)
        {
            throw new FfmpegException($"ffmpeg {step} could not run: {ex.Message}", string.Empty);
        }

        ct.ThrowIfCancellationRequested();
        if (!result.Success)
        {
            throw new FfmpegException($"ffmpeg {step} failed with exit code {result.ExitCode} ({arguments.Arguments}).", Tail(result.StandardError));
        }
    }

    private static string Tail(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines.TakeLast(25));

    private static async Task WriteSubtitlesAsync(string captions, string language, string hls, long firstPts, double duration, CancellationToken ct)
    {
        var vttName = $"subs_{language}.vtt";
        var source = await File.ReadAllTextAsync(captions, ct);
        await File.WriteAllTextAsync(Path.Combine(hls, vttName), WithTimestampMap(source, firstPts), new UTF8Encoding(false), ct);

        var playlist = new StringBuilder()
            .Append("#EXTM3U\n")
            .Append("#EXT-X-VERSION:3\n")
            .Append("#EXT-X-TARGETDURATION:").Append(Math.Ceiling(duration).ToString(Inv)).Append('\n')
            .Append("#EXT-X-MEDIA-SEQUENCE:0\n")
            .Append("#EXT-X-PLAYLIST-TYPE:VOD\n")
            .Append("#EXTINF:").Append(duration.ToString("0.000000", Inv)).Append(",\n")
            .Append(vttName).Append('\n')
            .Append("#EXT-X-ENDLIST\n");
        await File.WriteAllTextAsync(Path.Combine(hls, $"subs_{language}.m3u8"), playlist.ToString(), ct);
    }

    /// <summary>Inserts (or replaces) the X-TIMESTAMP-MAP header line right after the WEBVTT line.</summary>
    internal static string WithTimestampMap(string webVtt, long firstPts)
    {
        var lines = webVtt.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count == 0 || !lines[0].StartsWith("WEBVTT", StringComparison.Ordinal))
        {
            throw new InvalidDataException("Captions file does not start with WEBVTT.");
        }

        lines.RemoveAll(l => l.StartsWith("X-TIMESTAMP-MAP=", StringComparison.Ordinal));
        lines.Insert(1, $"X-TIMESTAMP-MAP=MPEGTS:{firstPts.ToString(Inv)},LOCAL:00:00:00.000");
        return string.Join('\n', lines);
    }

    /// <summary>The master playlist: every rung with its measured peak and average bandwidth, highest first.</summary>
    private static async Task WriteMasterAsync(string hls, string language, IReadOnlyList<VideoRung> rungs, CancellationToken ct)
    {
        var master = new StringBuilder()
            .Append("#EXTM3U\n")
            .Append("#EXT-X-VERSION:3\n")
            .Append("#EXT-X-INDEPENDENT-SEGMENTS\n")
            .Append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"").Append(LanguageName(language))
            .Append("\",LANGUAGE=\"").Append(language).Append("\",DEFAULT=YES,AUTOSELECT=YES,URI=\"subs_").Append(language).Append(".m3u8\"\n");
        foreach (var rung in rungs)
        {
            var playlist = $"{rung.Name}.m3u8";
            var (peak, average) = MeasureBandwidth(hls, await File.ReadAllLinesAsync(Path.Combine(hls, playlist), ct));
            master.Append("#EXT-X-STREAM-INF:BANDWIDTH=").Append(peak.ToString(Inv))
                .Append(",AVERAGE-BANDWIDTH=").Append(average.ToString(Inv))
                .Append(",RESOLUTION=").Append(rung.Width.ToString(Inv)).Append('x').Append(rung.Height.ToString(Inv))
                .Append(",FRAME-RATE=").Append(FramesPerSecond.ToString("0.000", Inv))
                .Append(",CODECS=\"").Append(rung.Codec).Append(',').Append(AudioCodec).Append("\",SUBTITLES=\"subs\"\n")
                .Append(playlist).Append('\n');
        }

        await File.WriteAllTextAsync(Path.Combine(hls, MasterPlaylist), master.ToString(), ct);
    }

    /// <summary>Peak and average bits per second over the media playlist's segments (HLS BANDWIDTH is the peak segment rate).</summary>
    internal static (long Peak, long Average) MeasureBandwidth(string folder, IReadOnlyList<string> playlist)
    {
        double peak = 0, totalBits = 0, totalSeconds = 0;
        double? pending = null;
        foreach (var line in playlist)
        {
            if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                pending = double.Parse(line["#EXTINF:".Length..].TrimEnd(',').Split(',')[0], Inv);
            }
            else if (pending is { } seconds && line.Length > 0 && !line.StartsWith('#'))
            {
                var bits = new FileInfo(Path.Combine(folder, line)).Length * 8.0;
                peak = Math.Max(peak, bits / seconds);
                totalBits += bits;
                totalSeconds += seconds;
                pending = null;
            }
        }

        if (totalSeconds <= 0) throw new InvalidDataException("The HLS media playlist lists no segments.");
        return ((long)Math.Ceiling(peak), (long)Math.Ceiling(totalBits / totalSeconds));
    }

    private static string LanguageName(string language)
    {
        try
        {
            // Unknown tags come back as custom cultures whose name is just the tag; that is still a usable label.
            var name = CultureInfo.GetCultureInfo(language).NativeName;
            return string.IsNullOrWhiteSpace(name) ? language : name.Replace("\"", string.Empty, StringComparison.Ordinal);
        }
        catch (CultureNotFoundException)
        {
            return language;
        }
    }

    private sealed record SilentTrack(int Seconds, AacTrack Track);

    /// <summary>The portrait video stays still even when the landscape slide moves.</summary>
    private sealed class StillOnly(ISlideSource inner) : ISlideSource
    {
        public bool HasMotion => false;

        public Task WriteStillAsync(Stream output, CancellationToken ct) => inner.WriteStillAsync(output, ct);

        public Task<bool> WriteStillAsync(Stream output, int width, int height, CancellationToken ct) => inner.WriteStillAsync(output, width, height, ct);

        public KenBurns CreateMotion() => throw new InvalidOperationException("The portrait video has no motion.");
    }

    /// <summary>A frame for ffmpeg's raw BGRA input: the bitmap's bytes as drawn (opaque, so premultiplied is plain).</summary>
    private sealed class BgraFrame(int width, int height, byte[] pixels) : IVideoFrame
    {
        public int Width => width;

        public int Height => height;

        public string PixelFormat => "bgra";

        public void Serialize(Stream pipe) => pipe.Write(pixels);

        public Task SerializeAsync(Stream pipe, CancellationToken token) => pipe.WriteAsync(pixels, token).AsTask();
    }
}
