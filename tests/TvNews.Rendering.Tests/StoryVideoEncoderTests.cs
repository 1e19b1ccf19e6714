using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FFMpegCore;
using SkiaSharp;
using TvNews.Core.Slides;
using Xunit.Abstractions;

namespace TvNews.Rendering.Tests;

public sealed class StoryVideoEncoderTests(EncodedStoryFixture fixture, ITestOutputHelper output) : IClassFixture<EncodedStoryFixture>
{
    private static readonly double PlannedSeconds = EncodedStoryFixture.Durations.Sum();

    private string Mp4 => Path.Combine(fixture.OutputDirectory, fixture.Story.VideoPath);

    private string Hls => Path.Combine(fixture.OutputDirectory, "hls");

    [Fact]
    public async Task TheMp4IsH264HighAndAacStereoAt1080p30WithThePlannedDuration()
    {
        output.WriteLine($"render {fixture.RenderTime.TotalMilliseconds:0} ms for 3 slides, encode {fixture.EncodeTime.TotalSeconds:0.00} s for {PlannedSeconds} s of video");
        var analysis = await FFProbe.AnalyseAsync(Mp4);

        var video = Assert.IsType<VideoStream>(analysis.PrimaryVideoStream);
        Assert.Equal("h264", video.CodecName);
        Assert.Contains(video.Profile, new[] { "Main", "High" });
        Assert.Equal("yuv420p", video.PixelFormat);
        Assert.Equal(1920, video.Width);
        Assert.Equal(1080, video.Height);
        Assert.Equal(30, video.AverageFrameRate, 2);

        var audio = Assert.IsType<AudioStream>(analysis.PrimaryAudioStream);
        Assert.Equal("aac", audio.CodecName);
        Assert.Equal("LC", audio.Profile);
        Assert.Equal(2, audio.Channels);
        Assert.Equal(48000, audio.SampleRateHz);

        Assert.InRange(analysis.Duration.TotalSeconds, PlannedSeconds - 0.5, PlannedSeconds + 0.5);
        Assert.InRange(fixture.Story.DurationSeconds, PlannedSeconds - 0.5, PlannedSeconds + 0.5);
        Assert.Equal((1920, 1080), (fixture.Story.Width, fixture.Story.Height));
        // Static slides at CRF 23 are cheap (~100 kb/s); the ceiling is Roku's AVC limit.
        Assert.InRange(fixture.Story.BitrateKbps, 20, 10_000);
    }

    [Fact]
    public async Task EveryFrameIsThereAtAConstantThirtyFramesPerSecond()
    {
        var frames = await VideoPacketsAsync(Mp4);

        Assert.Equal((int)Math.Round(PlannedSeconds * 30), frames.Count);
        var times = frames.Select(f => f.Time).Order().ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(1.0 / 30, pair.Second - pair.First, 3));
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
    public async Task KeyframesAreAtMostSixSecondsApart()
    {
        var frames = await VideoPacketsAsync(Mp4);
        var keyTimes = frames.Where(f => f.Key).Select(f => f.Time).Order().ToList();

        Assert.Equal(0, keyTimes[0], 3);
        var gaps = keyTimes.Zip(keyTimes.Skip(1), (a, b) => b - a).Append(PlannedSeconds - keyTimes[^1]);
        Assert.All(gaps, gap => Assert.True(gap <= 6.0 + 1e-6, $"keyframe gap {gap:0.000} s"));
    }

    [Fact]
    public void TheMasterPlaylistDeclaresTheSubtitlesAndTheVariant()
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

        var streamIndex = Array.FindIndex(lines, l => l.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal));
        Assert.True(streamIndex >= 0);
        var stream = Attributes(lines[streamIndex]);
        Assert.Equal("1920x1080", stream["RESOLUTION"]);
        Assert.Equal("30.000", stream["FRAME-RATE"]);
        Assert.Equal("avc1.640029,mp4a.40.2", stream["CODECS"]);
        Assert.Equal("subs", stream["SUBTITLES"]);
        var peak = long.Parse(stream["BANDWIDTH"], CultureInfo.InvariantCulture);
        var average = long.Parse(stream["AVERAGE-BANDWIDTH"], CultureInfo.InvariantCulture);
        Assert.InRange(average, 50_000, peak);
        Assert.True(File.Exists(Path.Combine(Hls, lines[streamIndex + 1])));
    }

    [Fact]
    public async Task EveryHlsSegmentStartsWithAKeyframeAndLastsAtMostSixSeconds()
    {
        var playlist = File.ReadAllLines(Path.Combine(Hls, "1080p.m3u8"));
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", playlist);
        Assert.Contains("#EXT-X-ENDLIST", playlist);

        var durations = playlist.Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
            .Select(l => double.Parse(l[8..].TrimEnd(','), CultureInfo.InvariantCulture)).ToList();
        var segments = playlist.Where(l => l.EndsWith(".ts", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, segments.Count);
        Assert.All(durations, d => Assert.InRange(d, 0.1, 6.1));
        Assert.Equal(PlannedSeconds, durations.Sum(), 1);

        foreach (var segment in segments)
        {
            var frames = await FFProbe.GetFramesAsync(Path.Combine(Hls, segment), customArguments: "-select_streams v:0 -read_intervals %+#1");
            var first = frames.Frames.First(f => f.MediaType == "video");
            Assert.True(first.KeyFrame == 1, $"{segment} does not start with a keyframe");
        }
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

        var firstSegment = await FFProbe.AnalyseAsync(Path.Combine(Hls, "1080p_000.ts"));
        var expected = (long)Math.Round(firstSegment.PrimaryVideoStream!.StartTime.TotalSeconds * 90_000);
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

    [Fact]
    public async Task AMismatchBetweenSlidesAndDurationsIsRejectedBeforeFfmpegRuns()
    {
        var request = new EncodeRequest(["a.png"], [1, 2], "c.vtt", "en", fixture.Folder);

        await Assert.ThrowsAsync<ArgumentException>(() => new StoryVideoEncoder().EncodeAsync(request, CancellationToken.None));
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
