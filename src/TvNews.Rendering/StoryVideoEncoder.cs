using System.Globalization;
using System.Text;
using FFMpegCore;
using FFMpegCore.Enums;

namespace TvNews.Rendering;

/// <summary>
/// Turns rendered slides into a Roku-ready H.264/AAC MP4 plus an HLS VOD rendition with WebVTT subtitles.
/// One x264 encode: the MP4 is remuxed (-c copy) into HLS, which takes ~0.1 s instead of a second encode.
/// </summary>
public sealed class StoryVideoEncoder : IStoryVideoEncoder
{
    public const int Width = 1920;
    public const int Height = 1080;
    public const int FramesPerSecond = 30;

    /// <summary>180 frames = 6 s: keyframes land on the HLS segment boundaries (Roku wants 4-6 s chunks starting with an IDR).</summary>
    public const int GopFrames = 180;

    public const int SegmentSeconds = 6;

    /// <summary>RFC 6381 codecs for H.264 High@4.1 (forced below) + AAC-LC.</summary>
    public const string Codecs = "avc1.640029,mp4a.40.2";

    private const string VideoFile = "video.mp4";
    private const string HlsFolder = "hls";
    private const string MediaPlaylist = "1080p.m3u8";
    private const string MasterPlaylist = "master.m3u8";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<EncodedStory> EncodeAsync(EncodeRequest request, CancellationToken ct)
    {
        Validate(request);
        var options = new FFOptions { BinaryFolder = FindBinaryFolder(Environment.GetEnvironmentVariable("PATH")) };

        var output = Path.GetFullPath(request.OutputDirectory);
        var hls = Path.Combine(output, HlsFolder);

        // A re-encode of a shorter story must not leave the old story's extra segments behind.
        if (Directory.Exists(hls))
        {
            Directory.Delete(hls, recursive: true);
        }

        Directory.CreateDirectory(hls);
        var work = Directory.CreateTempSubdirectory("tvnews-encode-");
        options.TemporaryFilesFolder = work.FullName;
        try
        {
            var total = request.SlideDurations.Sum();
            var mp4 = Path.Combine(output, VideoFile);
            var concat = Path.Combine(work.FullName, "slides.ffconcat");
            await File.WriteAllTextAsync(concat, ConcatList(request.SlideImagePaths, request.SlideDurations), ct);

            await EncodeMp4Async(concat, total, mp4, request.AudioPath, options, ct);
            await RemuxToHlsAsync(mp4, hls, options, ct);

            var language = request.Language.Trim();
            var firstPts = await FirstVideoPtsAsync(Path.Combine(hls, "1080p_000.ts"), options, ct);
            var analysis = await FFProbe.AnalyseAsync(mp4, ffOptions: options, cancellationToken: ct);
            var duration = analysis.Duration.TotalSeconds;
            await WriteSubtitlesAsync(request.CaptionsWebVttPath, language, hls, firstPts, duration, ct);
            await WriteMasterAsync(hls, language, ct);

            var video = analysis.PrimaryVideoStream
                ?? throw new FfmpegException("ffprobe found no video stream in the encoded MP4.", string.Empty);

            // Stream bitrates exclude MP4 box overhead; fall back to the file rate if ffprobe cannot tell.
            double bitrate = (video.BitRate ?? 0) + (analysis.PrimaryAudioStream?.BitRate ?? 0);
            if (bitrate <= 0)
            {
                bitrate = new FileInfo(mp4).Length * 8.0 / duration;
            }

            return new EncodedStory(
                VideoFile,
                $"{HlsFolder}/{MasterPlaylist}",
                duration,
                (int)Math.Round(bitrate / 1000.0),
                video.Width ?? Width,
                video.Height ?? Height);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The portrait deck as one MP4 for social video (1080x1920 fits H.264 level 4.1). No HLS and no caption track:
    /// social players burn nothing in and the slides already carry the words.
    /// </summary>
    public async Task EncodeVerticalAsync(IReadOnlyList<string> slides, IReadOnlyList<double> durations, string outputFile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(slides);
        ArgumentNullException.ThrowIfNull(durations);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFile);
        if (slides.Count == 0 || slides.Count != durations.Count)
        {
            throw new ArgumentException($"{slides.Count} slides but {durations.Count} durations.", nameof(durations));
        }

        var options = new FFOptions { BinaryFolder = FindBinaryFolder(Environment.GetEnvironmentVariable("PATH")) };
        var work = Directory.CreateTempSubdirectory("tvnews-vertical-");
        options.TemporaryFilesFolder = work.FullName;
        try
        {
            var concat = Path.Combine(work.FullName, "slides.ffconcat");
            await File.WriteAllTextAsync(concat, ConcatList(slides, durations), ct);
            await EncodeMp4Async(concat, durations.Sum(), Path.GetFullPath(outputFile), null, options, ct);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Validate(EncodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.SlideImagePaths.Count == 0)
        {
            throw new ArgumentException("At least one slide is required.", nameof(request));
        }

        if (request.SlideImagePaths.Count != request.SlideDurations.Count)
        {
            throw new ArgumentException(
                $"{request.SlideImagePaths.Count} slides but {request.SlideDurations.Count} durations.", nameof(request));
        }

        if (request.SlideDurations.Any(d => !(d > 0) || double.IsInfinity(d)))
        {
            throw new ArgumentException("Every slide duration must be a positive number of seconds.", nameof(request));
        }

        var inputs = request.SlideImagePaths.Append(request.CaptionsWebVttPath);
        if (request.AudioPath is not null) inputs = inputs.Append(request.AudioPath);
        foreach (var path in inputs)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Encode input not found: {path}", path);
            }
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(request.Language);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OutputDirectory);
    }

    /// <summary>FFMpegCore would find ffmpeg itself, but only fails at the first run with a vague error; check up front.</summary>
    internal static string FindBinaryFolder(string? pathVariable)
    {
        foreach (var dir in (pathVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "ffmpeg")) && File.Exists(Path.Combine(dir, "ffprobe")))
            {
                return dir;
            }
        }

        throw new FileNotFoundException("ffmpeg not found on PATH; run ./tvnews run or apt-get install ffmpeg", "ffmpeg");
    }

    /// <summary>
    /// ffconcat with a duration per image. The last file is listed twice: without it ffmpeg 5.1 ignores the last
    /// duration and the final slide collapses to one frame.
    /// </summary>
    private static string ConcatList(IReadOnlyList<string> slides, IReadOnlyList<double> durations)
    {
        var sb = new StringBuilder("ffconcat version 1.0\n");
        for (var i = 0; i < slides.Count; i++)
        {
            sb.Append("file ").Append(Quote(Path.GetFullPath(slides[i]))).Append('\n');
            sb.Append("duration ").Append(durations[i].ToString("0.######", Inv)).Append('\n');
        }

        sb.Append("file ").Append(Quote(Path.GetFullPath(slides[^1]))).Append('\n');
        return sb.ToString();

        // ffconcat quoting: inside single quotes, a quote is written as '\''.
        static string Quote(string path) => "'" + path.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
    }

    private static async Task EncodeMp4Async(string concat, double total, string mp4, string? audio, FFOptions options, CancellationToken ct)
    {
        var seconds = total.ToString("0.######", Inv);

        // format before fps: convert each slide once, then duplicate frames (2.3x faster than fps,format).
        // The scale step converts RGB with the BT.709 matrix that Roku expects for HD, and the tags say so.
        var arguments = FFMpegArguments
            .FromFileInput(concat, false, i => i.WithCustomArgument("-f concat -safe 0"))
            .AddFileInput(audio ?? "anullsrc=channel_layout=stereo:sample_rate=48000", false,
                i => i.WithCustomArgument(audio is null ? $"-f lavfi -t {seconds}" : string.Empty))
            .OutputToFile(mp4, true, o => o
                .WithVideoCodec(VideoCodec.LibX264)
                .WithSpeedPreset(EncoderPreset.VeryFast)
                .WithConstantRateFactor(23)
                .WithCustomArgument("-map 0:v:0 -map 1:a:0")
                .WithCustomArgument($"-vf scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,fps={FramesPerSecond}")
                .WithCustomArgument("-pix_fmt yuv420p -profile:v high -level:v 4.1")
                .WithCustomArgument("-colorspace bt709 -color_primaries bt709 -color_trc bt709")
                .WithCustomArgument($"-g {GopFrames} -keyint_min {GopFrames} -sc_threshold 0")
                .WithAudioCodec(AudioCodec.Aac)
                .WithAudioBitrate(128)
                .WithCustomArgument("-ac 2 -ar 48000 -af apad")
                .WithFastStart()
                .WithCustomArgument($"-t {seconds}"));
        await RunAsync(arguments, "MP4 encode", options, ct);
    }

    private static async Task RemuxToHlsAsync(string mp4, string hls, FFOptions options, CancellationToken ct)
    {
        var segments = Path.Combine(hls, "1080p_%03d.ts");
        var arguments = FFMpegArguments
            .FromFileInput(mp4)
            .OutputToFile(Path.Combine(hls, MediaPlaylist), true, o => o
                .CopyStreams()
                .WithCustomArgument($"-f hls -hls_time {SegmentSeconds} -hls_playlist_type vod -hls_segment_filename \"{segments}\""));
        await RunAsync(arguments, "HLS remux", options, ct);
    }

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
            throw new FfmpegException(
                $"ffmpeg {step} failed with exit code {result.ExitCode} ({arguments.Arguments}).", Tail(result.StandardError));
        }
    }

    private static string Tail(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines.TakeLast(25));

    /// <summary>
    /// The PTS (90 kHz) of the first video frame in the first HLS segment. The mpegts muxer shifts timestamps
    /// (1.4 s = 126000 by default, plus the B-frame delay), so we read the real value with ffprobe instead of
    /// assuming it; WebVTT cue time 0 must map to exactly this PTS.
    /// </summary>
    private static async Task<long> FirstVideoPtsAsync(string firstSegment, FFOptions options, CancellationToken ct)
    {
        var analysis = await FFProbe.AnalyseAsync(firstSegment, ffOptions: options, cancellationToken: ct);
        var video = analysis.PrimaryVideoStream
            ?? throw new FfmpegException($"ffprobe found no video stream in {firstSegment}.", string.Empty);
        return (long)Math.Round(video.StartTime.TotalSeconds * 90_000);
    }

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

    private static async Task WriteMasterAsync(string hls, string language, CancellationToken ct)
    {
        var (peak, average) = MeasureBandwidth(hls, await File.ReadAllLinesAsync(Path.Combine(hls, MediaPlaylist), ct));
        var master = new StringBuilder()
            .Append("#EXTM3U\n")
            .Append("#EXT-X-VERSION:3\n")
            .Append("#EXT-X-INDEPENDENT-SEGMENTS\n")
            .Append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"").Append(LanguageName(language))
            .Append("\",LANGUAGE=\"").Append(language).Append("\",DEFAULT=YES,AUTOSELECT=YES,URI=\"subs_").Append(language).Append(".m3u8\"\n")
            .Append("#EXT-X-STREAM-INF:BANDWIDTH=").Append(peak.ToString(Inv))
            .Append(",AVERAGE-BANDWIDTH=").Append(average.ToString(Inv))
            .Append(",RESOLUTION=").Append(Width.ToString(Inv)).Append('x').Append(Height.ToString(Inv))
            .Append(",FRAME-RATE=").Append(FramesPerSecond.ToString("0.000", Inv))
            .Append(",CODECS=\"").Append(Codecs).Append("\",SUBTITLES=\"subs\"\n")
            .Append(MediaPlaylist).Append('\n');
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

        if (totalSeconds <= 0)
        {
            throw new InvalidDataException("The HLS media playlist lists no segments.");
        }

        return ((long)Math.Ceiling(peak), (long)Math.Ceiling(totalBits / totalSeconds));
    }

    private static string LanguageName(string language)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(language);

            // Unknown tags come back as custom cultures whose name is just the tag; that is still a usable label.
            var name = culture.NativeName;
            return string.IsNullOrWhiteSpace(name) ? language : name.Replace("\"", string.Empty, StringComparison.Ordinal);
        }
        catch (CultureNotFoundException)
        {
            return language;
        }
    }
}
