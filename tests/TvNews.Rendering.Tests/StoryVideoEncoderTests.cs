using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FFMpegCore;
using SkiaSharp;
using TvNews.Core.Slides;
using TvNews.Testing;
using Xunit.Abstractions;

namespace TvNews.Rendering.Tests;

public sealed class StoryVideoEncoderTests(EncodedStoryFixture fixture, ITestOutputHelper output) : IClassFixture<EncodedStoryFixture>
{
    private static readonly double PlannedSeconds = EncodedStoryFixture.Durations.Sum();

    private string Mp4 => Path.Combine(fixture.OutputDirectory, fixture.Story.VideoPath);

    private string Hls => Path.Combine(fixture.OutputDirectory, "hls");

    [Fact]
    public async Task TheMp4IsH264HighAtLevel41AndAacStereoWithThePlannedDuration()
    {
        output.WriteLine($"encode {fixture.EncodeTime.TotalSeconds:0.00} s for {PlannedSeconds} s of video, {fixture.Story.PicturesEncoded} pictures encoded; "
            + $"after one edit {fixture.EditedEncodeTime.TotalSeconds:0.00} s, {fixture.Edited.PicturesEncoded} encoded, {fixture.Edited.PicturesReused} reused");
        var analysis = await FFProbe.AnalyseAsync(Mp4);

        var video = Assert.IsType<VideoStream>(analysis.PrimaryVideoStream);
        Assert.Equal("h264", video.CodecName);
        Assert.Equal("High", video.Profile);
        Assert.InRange(await LevelAsync(Mp4), 10, 41);
        Assert.Equal("yuv420p", video.PixelFormat);
        Assert.Equal(1920, video.Width);
        Assert.Equal(1080, video.Height);
        Assert.Equal(30, video.AverageFrameRate, 3);

        var audio = Assert.IsType<AudioStream>(analysis.PrimaryAudioStream);
        Assert.Equal("aac", audio.CodecName);
        Assert.Equal("LC", audio.Profile);
        Assert.Equal(2, audio.Channels);
        Assert.Equal(48000, audio.SampleRateHz);

        Assert.InRange(video.Duration.TotalSeconds, PlannedSeconds - 0.1, PlannedSeconds + 0.1);
        Assert.InRange(analysis.Duration.TotalSeconds, PlannedSeconds - 0.1, PlannedSeconds + 0.1);
        Assert.InRange(fixture.Story.DurationSeconds, PlannedSeconds - 0.1, PlannedSeconds + 0.1);
        Assert.Equal((1920, 1080), (fixture.Story.Width, fixture.Story.Height));
        Assert.InRange(fixture.Story.BitrateKbps, 20, 10_000);
    }

    [Fact]
    public async Task EveryFrameIsThereAtAConstantThirtyFramesPerSecond()
    {
        var frames = await VideoPacketsAsync(Mp4);

        Assert.Equal(EncodedStoryFixture.TotalFrames, frames.Count);
        var times = frames.Select(f => f.Time).Order().ToList();
        Assert.Equal(0, times[0], 6);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(1.0 / 30, pair.Second - pair.First, 4));
    }

    [Fact]
    public void TheMoovAtomComesBeforeTheMediaData()
    {
        var boxes = TopLevelBoxes(Mp4);

        Assert.Contains("moov", boxes);
        Assert.Contains("mdat", boxes);
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"), $"box order: {string.Join(", ", boxes)}");
    }

    [Fact]
    public async Task KeyframesAreExactlyAtSlideStartsAndSegmentBoundaries()
    {
        var frames = await VideoPacketsAsync(Mp4);
        var keyFrames = frames.Where(f => f.Key).Select(f => (int)Math.Round(f.Time * 30)).Order().ToList();

        Assert.Equal(EncodedStoryFixture.KeyFrames, keyFrames);
    }

    [Fact]
    public async Task TheMp4AndEveryRenditionDecodeWithoutAnError()
    {
        Assert.Equal(string.Empty, await DecodeErrorsAsync(Mp4));
        foreach (var rung in new[] { "1080p", "720p", "360p" })
        {
            Assert.Equal(string.Empty, await DecodeErrorsAsync(Path.Combine(Hls, $"{rung}.m3u8")));
        }

        Assert.Equal(string.Empty, await DecodeErrorsAsync(fixture.VerticalMp4));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(149, 0)]
    [InlineData(240, 2)]
    [InlineData(241, 2)]
    [InlineData(300, 2)]
    [InlineData(358, 2)]
    [InlineData(359, 3)]
    [InlineData(360, 3)]
    [InlineData(361, 3)]
    [InlineData(418, 3)]
    public async Task EveryStillFrameShowsItsSlide(int frame, int slide)
    {
        var decoded = await DecodedFrameAsync(Mp4, frame);
        var distances = new List<double>();
        foreach (var bmp in fixture.Frames) distances.Add(MeanDifference(decoded, await ThumbnailAsync(bmp)));

        output.WriteLine($"frame {frame}: {string.Join(", ", distances.Select(d => d.ToString("0.00", CultureInfo.InvariantCulture)))}");
        Assert.Equal(slide, distances.IndexOf(distances.Min()));
        Assert.True(distances[slide] < 3, $"frame {frame} differs from slide {slide} by {distances[slide]:0.00}");
    }

    [Fact]
    public async Task TheKenBurnsSlideMovesThePhotoButNotTheText()
    {
        var first = await DecodedFrameAsync(Mp4, 150);
        var last = await DecodedFrameAsync(Mp4, 239);

        // 64x36 thumbnails: rows 6-18 are photo only; rows 27-31 are the lower third's caption band.
        var photo = MeanDifference(first, last, rows: (6, 18));
        var text = MeanDifference(first, last, rows: (27, 31));
        output.WriteLine($"photo rows changed by {photo:0.00}, caption rows by {text:0.00}");
        Assert.True(photo > 4, $"the photo barely moved ({photo:0.00})");
        Assert.True(text < 1.5, $"the caption moved or shimmered ({text:0.00})");

        // Its first frame matches the still slide as drawn, with the move starting from rest.
        var still = await ThumbnailAsync(fixture.Frames[1]);
        Assert.True(MeanDifference(first, still) < 3);
    }

    [Fact]
    public void TheMasterPlaylistOffersTheLadderWithSubtitles()
    {
        Assert.Equal("hls/master.m3u8", fixture.Story.MasterPlaylistPath);
        var lines = File.ReadAllLines(Path.Combine(fixture.OutputDirectory, fixture.Story.MasterPlaylistPath));

        Assert.Equal("#EXTM3U", lines[0]);
        var media = Assert.Single(lines, l => l.StartsWith("#EXT-X-MEDIA:", StringComparison.Ordinal));
        var mediaAttributes = Attributes(media);
        Assert.Equal("SUBTITLES", mediaAttributes["TYPE"]);
        Assert.Equal("subs", mediaAttributes["GROUP-ID"]);
        Assert.Equal("en", mediaAttributes["LANGUAGE"]);
        Assert.Equal("English", mediaAttributes["NAME"]);
        Assert.Equal("YES", mediaAttributes["DEFAULT"]);
        Assert.True(File.Exists(Path.Combine(Hls, mediaAttributes["URI"])));

        var variants = lines.Select((l, i) => (Line: l, Index: i)).Where(x => x.Line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            .Select(x => (Attributes: Attributes(x.Line), Uri: lines[x.Index + 1])).ToList();
        Assert.Equal(["1920x1080", "1280x720", "640x360"], variants.Select(v => v.Attributes["RESOLUTION"]));
        Assert.Equal(["avc1.640029,mp4a.40.2", "avc1.64001f,mp4a.40.2", "avc1.64001e,mp4a.40.2"], variants.Select(v => v.Attributes["CODECS"]));
        foreach (var (attributes, uri) in variants)
        {
            Assert.Equal("30.000", attributes["FRAME-RATE"]);
            Assert.Equal("subs", attributes["SUBTITLES"]);
            var peak = long.Parse(attributes["BANDWIDTH"], CultureInfo.InvariantCulture);
            var average = long.Parse(attributes["AVERAGE-BANDWIDTH"], CultureInfo.InvariantCulture);
            Assert.InRange(average, 50_000, peak);
            Assert.True(File.Exists(Path.Combine(Hls, uri)));
        }

        // The low rung is the ≈400 kbps one Roku asks for, even with the Ken Burns slide in the busiest segment.
        Assert.InRange(long.Parse(variants[2].Attributes["BANDWIDTH"], CultureInfo.InvariantCulture), 100_000, 450_000);
    }

    [Theory]
    [InlineData("1080p", 1920, 1080, 41)]
    [InlineData("720p", 1280, 720, 31)]
    [InlineData("360p", 640, 360, 30)]
    public async Task EverySegmentStartsWithAnIdrOnTheSameSixSecondGridInEveryRendition(string rung, int width, int height, int level)
    {
        var playlist = File.ReadAllLines(Path.Combine(Hls, $"{rung}.m3u8"));
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", playlist);
        Assert.Contains("#EXT-X-ENDLIST", playlist);

        var durations = playlist.Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
            .Select(l => double.Parse(l[8..].TrimEnd(','), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, durations.Count);
        Assert.Equal(6, durations[0], 3);
        Assert.Equal(6, durations[1], 3);
        Assert.Equal(PlannedSeconds, durations.Sum(), 1);

        foreach (var segment in playlist.Where(l => l.EndsWith(".ts", StringComparison.Ordinal)))
        {
            var path = Path.Combine(Hls, segment);
            var frames = await FFProbe.GetFramesAsync(path, customArguments: "-select_streams v:0 -read_intervals %+#1");
            var first = frames.Frames.First(f => f.MediaType == "video");
            Assert.True(first.KeyFrame == 1 && first.PictureType == "I", $"{segment} does not start with an IDR");
            var analysis = await FFProbe.AnalyseAsync(path);
            Assert.Equal((width, height), (analysis.PrimaryVideoStream!.Width, analysis.PrimaryVideoStream.Height));
            Assert.Equal("High", analysis.PrimaryVideoStream.Profile);
            Assert.NotNull(analysis.PrimaryAudioStream);
        }

        Assert.Equal(level, await LevelAsync(Path.Combine(Hls, $"{rung}_000.ts")));
    }

    [Fact]
    public async Task AnEditedSlideIsTheOnlyOneDrawnAndEncodedAgain()
    {
        // First encode: three stills and 90 Ken Burns frames, each at three rungs.
        Assert.Equal((3 * 3) + (90 * 3), fixture.Story.PicturesEncoded);
        Assert.Equal(0, fixture.Story.PicturesReused);

        Assert.Equal(3, fixture.Edited.PicturesEncoded);
        Assert.Equal((2 * 3) + (90 * 3), fixture.Edited.PicturesReused);
        var edited = Path.Combine(fixture.EditedDirectory, fixture.Edited.VideoPath);
        Assert.Equal(string.Empty, await DecodeErrorsAsync(edited));
        Assert.Equal(EncodedStoryFixture.TotalFrames, (await VideoPacketsAsync(edited)).Count);

        // Only the words changed, so the whole-frame difference is small: the edited slide must still be the nearer one.
        var quote = await DecodedFrameAsync(edited, 300);
        var toEdit = MeanDifference(quote, await ThumbnailAsync(fixture.EditedFrame));
        var toOriginal = MeanDifference(quote, await ThumbnailAsync(fixture.Frames[2]));
        output.WriteLine($"frame 300 differs from the edited slide by {toEdit:0.00}, from the original by {toOriginal:0.00}");
        Assert.True(toEdit < 1.5 && toOriginal > (2 * toEdit) + 0.3, $"the edit does not show ({toEdit:0.00} vs {toOriginal:0.00})");
        Assert.True(MeanDifference(await DecodedFrameAsync(edited, 100), await ThumbnailAsync(fixture.Frames[0])) < 3);
    }

    [Fact]
    public async Task TheDefaultStreamMixesCabacPicturesWithCavlcSkipFramesAndTheFallbackIsCavlcOnly()
    {
        var cached = Directory.GetFiles(Path.Combine(fixture.Folder, "cache", "slide0"), "still-1080p-*.h264").Single();
        Assert.True(Video.H264Clip.Parse(await File.ReadAllBytesAsync(cached)).Pps.Cabac);

        var folder = Path.Combine(fixture.Folder, "cavlc");
        var slides = fixture.Frames.Take(2).Select((bmp, i) => new VideoSlide(2, Path.Combine(folder, $"cache{i}"), new FileSlideSource(bmp))).ToList();
        using var encoder = new StoryVideoEncoder(Path.Combine(fixture.Folder, "encoder"), cabac: false);
        var story = await encoder.EncodeAsync(new EncodeRequest(slides, Path.Combine(fixture.Folder, "captions.vtt"), "en", folder), CancellationToken.None);

        var mp4 = Path.Combine(folder, story.VideoPath);
        var still = Directory.GetFiles(Path.Combine(folder, "cache0"), "still-1080p-*.h264").Single();
        Assert.False(Video.H264Clip.Parse(await File.ReadAllBytesAsync(still)).Pps.Cabac);
        Assert.Equal(string.Empty, await DecodeErrorsAsync(mp4));
        Assert.Equal(120, (await VideoPacketsAsync(mp4)).Count);
        Assert.Equal([0, 60], (await VideoPacketsAsync(mp4)).Where(f => f.Key).Select(f => (int)Math.Round(f.Time * 30)));
        Assert.True(MeanDifference(await DecodedFrameAsync(mp4, 90), await ThumbnailAsync(fixture.Frames[1])) < 3);
    }

    [Fact]
    public void ProgressRisesThroughTheStillsAndEveryKenBurnsFrame()
    {
        var progress = fixture.Progress;

        // One report after the stills, one per moving frame (90), never backwards, ending where the mux starts.
        Assert.Equal(1 + 90, progress.Count);
        Assert.All(progress.Zip(progress.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.InRange(progress[0], 0.01, 0.5);
        Assert.Equal(0.9, progress[^1], 6);
    }

    [Fact]
    public async Task TheVerticalVideoIsAPortraitH264WithTheSameLength()
    {
        var analysis = await FFProbe.AnalyseAsync(fixture.VerticalMp4);

        Assert.Equal((1080, 1920), (analysis.PrimaryVideoStream!.Width, analysis.PrimaryVideoStream.Height));
        Assert.Equal("High", analysis.PrimaryVideoStream.Profile);
        Assert.InRange(await LevelAsync(fixture.VerticalMp4), 10, 41);
        Assert.NotNull(analysis.PrimaryAudioStream);
        Assert.Equal(EncodedStoryFixture.TotalFrames, (await VideoPacketsAsync(fixture.VerticalMp4)).Count);
    }

    [Fact]
    public async Task SubtitlesAreOneVodSegmentMappedToTheFirstVideoTimestamp()
    {
        var playlist = File.ReadAllLines(Path.Combine(Hls, "subs_en.m3u8"));
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", playlist);
        Assert.Contains("#EXT-X-ENDLIST", playlist);
        var vtt = Assert.Single(playlist, l => l.EndsWith(".vtt", StringComparison.Ordinal));

        var captions = File.ReadAllLines(Path.Combine(Hls, vtt));
        Assert.Equal("WEBVTT", captions[0]);
        var map = Regex.Match(captions[1], @"^X-TIMESTAMP-MAP=MPEGTS:(\d+),LOCAL:00:00:00\.000$");
        Assert.True(map.Success, captions[1]);

        // start_pts in 90 kHz ticks (FFMpegCore's StartTime is rounded to the millisecond).
        var startPts = await RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=start_pts", "-of", "default=nw=1:nk=1",
            Path.Combine(Hls, "1080p_000.ts"));
        var expected = long.Parse(startPts.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim(), CultureInfo.InvariantCulture);
        Assert.Equal(expected, long.Parse(map.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Contains("City council approves new tram line", captions);
    }

    [Fact]
    public void ThumbnailsAreLargeSixteenByNineJpegs()
    {
        using var theme = TestMedia.LoadTheme();
        var jpeg = new SlideRenderer(theme).RenderJpeg(new Slide(SlideKind.Title, "Thumb", null, null, 3), 0, 1, 800, 450, 85);

        using var bitmap = SKBitmap.Decode(jpeg);
        Assert.True(bitmap.Width >= 800 && bitmap.Height >= 450);
        Assert.Equal(16.0 / 9, (double)bitmap.Width / bitmap.Height, 3);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.01)]
    [InlineData(double.PositiveInfinity)]
    public async Task ASlideWithoutAWholeFrameIsRejectedBeforeFfmpegRuns(double seconds)
    {
        var slide = new VideoSlide(seconds, Path.Combine(fixture.Folder, "never"), new FileSlideSource(fixture.Frames[0]));
        var request = new EncodeRequest([slide], Path.Combine(fixture.Folder, "captions.vtt"), "en", Path.Combine(fixture.Folder, "rejected"));

        await Assert.ThrowsAsync<ArgumentException>(() => new StoryVideoEncoder().EncodeAsync(request, CancellationToken.None));
        Assert.False(Directory.Exists(Path.Combine(fixture.Folder, "never")));
    }

    [Fact]
    public async Task NoSlidesIsRejected()
    {
        var request = new EncodeRequest([], Path.Combine(fixture.Folder, "captions.vtt"), "en", Path.Combine(fixture.Folder, "rejected"));

        await Assert.ThrowsAsync<ArgumentException>(() => new StoryVideoEncoder().EncodeAsync(request, CancellationToken.None));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ACorruptFrameFailsWithTheEncodersOwnReasonAndCachesNothing(bool inProcessStills)
    {
        var corrupt = Path.Combine(fixture.Folder, "corrupt.bmp");
        await File.WriteAllBytesAsync(corrupt, [.. "BM"u8, .. new byte[200]]);
        var cache = Path.Combine(fixture.Folder, "cache", $"corrupt-{inProcessStills}");
        var request = new EncodeRequest([new VideoSlide(1, cache, new FileSlideSource(corrupt))],
            Path.Combine(fixture.Folder, "captions.vtt"), "en", Path.Combine(fixture.Folder, $"corrupt-out-{inProcessStills}"));

        using var encoder = new StoryVideoEncoder(Path.Combine(fixture.Folder, "encoder"), inProcessStills: inProcessStills);
        var error = await Assert.ThrowsAsync<FfmpegException>(() => encoder.EncodeAsync(request, CancellationToken.None));

        output.WriteLine(error.Message + "\n" + error.StandardErrorTail);
        Assert.Contains(inProcessStills ? "The still encode failed on slide 1." : "ffmpeg still encode failed", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.StandardErrorTail));
        Assert.False(Directory.Exists(cache) && Directory.EnumerateFiles(cache).Any());
    }

    [Fact]
    public void SlidesStartOnTheFrameNearestTheirPlannedTimeWithoutDrift()
    {
        var (starts, counts) = StoryVideoEncoder.FrameRuns([5, 3, 3.9666667, 2]);

        Assert.Equal([0, 150, 240, 359], starts);
        Assert.Equal([150, 90, 119, 60], counts);

        // Thirty slides of 1.01 s: rounding per slide would drift by 0.3 s, rounding the running total does not.
        var (many, lengths) = StoryVideoEncoder.FrameRuns(Enumerable.Repeat(1.01, 30).ToList());
        Assert.Equal((int)Math.Round(30 * 1.01 * 30), many[^1] + lengths[^1]);
    }

    [Fact]
    public void AMissingFfmpegFailsWithInstructionsToInstallIt()
    {
        var empty = Path.Combine(fixture.Folder, "empty-bin");
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<FileNotFoundException>(() => StoryVideoEncoder.FindBinaryFolder(empty));

        Assert.Equal("ffmpeg not found on PATH; run ./tvnews run or apt-get install ffmpeg", error.Message);
    }

    [Fact]
    public void TheTimestampMapGoesRightAfterTheHeaderAndReplacesAnOldOne()
    {
        var result = StoryVideoEncoder.WithTimestampMap("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:1,LOCAL:00:00:00.000\n\n00:00.000 --> 00:01.000\nHi\n", 126000);

        Assert.StartsWith("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n\n00:00.000", result, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(result, "X-TIMESTAMP-MAP"));
    }

    private static async Task<int> LevelAsync(string path)
    {
        var text = await RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=level", "-of", "default=nw=1:nk=1", path);
        return int.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>ffmpeg's complaints while decoding every video stream of the file; empty when it decodes cleanly.</summary>
    private static async Task<string> DecodeErrorsAsync(string path)
    {
        var run = await Tool.RunAsync("ffmpeg", "-v", "error", "-i", path, "-map", "0:v", "-f", "null", "-");
        return run.ExitCode == 0 ? run.StandardError.Trim() : $"exit {run.ExitCode}: {run.StandardError}";
    }

    /// <summary>Frame <paramref name="index"/> of a video as a 64x36 luma thumbnail (limited range, as encoded).</summary>
    private static Task<byte[]> DecodedFrameAsync(string video, int index) =>
        RunBytesAsync("-v", "error", "-i", video, "-vf", $"select=eq(n\\,{index}),scale=64:36:flags=area,format=gray", "-frames:v", "1", "-f", "rawvideo", "-");

    /// <summary>A source slide through the encoder's colour conversion, as a 64x36 luma thumbnail.</summary>
    private static Task<byte[]> ThumbnailAsync(string bmp) =>
        RunBytesAsync("-v", "error", "-i", bmp, "-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,scale=64:36:flags=area,format=gray", "-frames:v", "1", "-f", "rawvideo", "-");

    private static double MeanDifference(byte[] a, byte[] b, (int From, int To)? rows = null)
    {
        Assert.Equal(64 * 36, a.Length);
        Assert.Equal(64 * 36, b.Length);
        var (from, to) = rows ?? (0, 35);
        double sum = 0;
        for (var i = from * 64; i < (to + 1) * 64; i++) sum += Math.Abs(a[i] - b[i]);
        return sum / ((to - from + 1) * 64);
    }

    private static async Task<byte[]> RunBytesAsync(params string[] args)
    {
        var run = await Tool.RunAsync("ffmpeg", args);
        Assert.True(run.ExitCode == 0, run.StandardError);
        return run.StandardOutput;
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var run = await Tool.RunAsync(tool, args);
        Assert.True(run.ExitCode == 0, run.StandardError);
        return run.Text;
    }

    private static async Task<List<(double Time, bool Key)>> VideoPacketsAsync(string path)
    {
        var packets = await FFProbe.GetPacketsAsync(path, customArguments: "-select_streams v:0");
        return packets.Packets
            .Where(p => p.CodecType == "video")
            .Select(p => (TimeSpan.Parse(p.PtsTime ?? "-", CultureInfo.InvariantCulture).TotalSeconds, p.Flags.Contains('K', StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>Reads the MP4's top-level box types in file order (size + fourcc headers, 64-bit sizes included).</summary>
    private static List<string> TopLevelBoxes(string path)
    {
        var boxes = new List<string>();
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[16];
        long offset = 0;
        while (offset + 8 <= file.Length)
        {
            file.Position = offset;
            file.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header.Slice(4, 4));
            if (size == 1)
            {
                file.ReadExactly(header.Slice(8, 8));
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.Slice(8, 8));
            }
            else if (size == 0)
            {
                size = file.Length - offset;
            }

            boxes.Add(type);
            if (size < 8)
            {
                break;
            }

            offset += size;
        }

        return boxes;
    }

    private static Dictionary<string, string> Attributes(string tagLine)
    {
        var list = tagLine[(tagLine.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return Regex.Matches(list, "([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'));
    }
}
