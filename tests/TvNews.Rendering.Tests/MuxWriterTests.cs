using System.Globalization;
using System.Text.RegularExpressions;
using TvNews.Rendering.Video;
using TvNews.Testing;
using Xunit.Abstractions;

namespace TvNews.Rendering.Tests;

/// <summary>
/// The in-process MP4 and MPEG-TS writers, with sound: ffmpeg must decode everything they write, every stream,
/// without a complaint (<c>-v error</c> prints nothing), and the narration must stay where it was placed.
/// </summary>
public sealed class MuxWriterTests(EncodedStoryFixture fixture, ITestOutputHelper output) : IClassFixture<EncodedStoryFixture>
{
    [Fact]
    public async Task ANarratedStoryKeepsItsSoundInSyncInTheMp4AndEveryRendition()
    {
        // Like the narration mixer's output: AAC-LC 48 kHz stereo, faststart. One second of silence, then a tone.
        var folder = Folder("narrated");
        var narration = Path.Combine(folder, "narration.m4a");
        await FfmpegAsync("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1.5", "-af", "adelay=1000:all=1,apad=whole_dur=4",
            "-ac", "2", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", narration);
        var story = await EncodeAsync(folder, narration);

        var mp4 = Path.Combine(folder, story.VideoPath);
        Assert.Equal(string.Empty, await DecodeErrorsAsync(mp4));
        var streams = await ProbeAsync(mp4, "stream=codec_type,start_time,duration");
        output.WriteLine(streams);
        Assert.Contains("codec_type=audio|start_time=0.000000|duration=4.0", streams, StringComparison.Ordinal);
        Assert.Contains("codec_type=video|start_time=0.000000|duration=4.000000", streams, StringComparison.Ordinal);
        Assert.Equal(1.0, await ToneStartAsync(mp4, copyTimestamps: false), 2);

        foreach (var rung in new[] { "1080p", "720p", "360p" })
        {
            var playlist = Path.Combine(folder, "hls", $"{rung}.m3u8");
            Assert.Equal(string.Empty, await DecodeErrorsAsync(playlist));

            // In MPEG-TS the tone starts one second after the first video frame, which is at 1.4 s.
            Assert.Equal(1.4 + 1.0, await ToneStartAsync(playlist, copyTimestamps: true), 2);
        }

        // Each segment stands alone: a player may start at any of them.
        foreach (var segment in Directory.GetFiles(Path.Combine(folder, "hls"), "*.ts"))
        {
            Assert.Equal(string.Empty, await DecodeErrorsAsync(segment));
            Assert.Contains("codec_type=audio", await ProbeAsync(segment, "stream=codec_type"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ANarrationThatIsNotAacIsEncodedToAacOnce()
    {
        var folder = Folder("wav");
        var narration = Path.Combine(folder, "narration.wav");
        await FfmpegAsync("-f", "lavfi", "-i", "sine=frequency=300:sample_rate=22050:duration=4", "-ac", "1", narration);

        var story = await EncodeAsync(folder, narration);

        var mp4 = Path.Combine(folder, story.VideoPath);
        Assert.Equal(string.Empty, await DecodeErrorsAsync(mp4));
        Assert.Contains("codec_name=aac|sample_rate=48000|channels=2", await ProbeAsync(mp4, "stream=codec_name,sample_rate,channels"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheAacReaderFindsEveryFrameAndTheEncoderDelay(bool faststart)
    {
        var folder = Folder($"aac-{faststart}");
        var path = Path.Combine(folder, "a.m4a");
        await FfmpegAsync(["-f", "lavfi", "-i", "anoisesrc=d=3:r=48000", "-ac", "2", "-c:a", "aac", "-b:a", "128k", .. faststart ? new[] { "-movflags", "+faststart" } : [], path]);

        var track = AacTrack.TryRead(path);

        Assert.NotNull(track);
        Assert.True(track.IsLcStereo48k);
        Assert.Equal(1024, track.Priming);
        var packets = await ProbeAsync(path, "stream=nb_frames");
        Assert.Equal(int.Parse(Regex.Match(packets, @"nb_frames=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture), track.FrameCount);
        Assert.Equal(track.FrameCount, track.FramesFor(3));

        // The reader's frames are ffmpeg's packets: the first one's size matches what ffprobe reports.
        var first = await ProbeAsync(path, "packet=size", "-read_intervals", "%+#1");
        Assert.Contains($"size={track.FrameSize(0)}", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonoAudioAndFilesThatAreNoMp4AreNotTakenAsIs()
    {
        var folder = Folder("not-aac");
        var mono = Path.Combine(folder, "mono.m4a");
        await FfmpegAsync("-f", "lavfi", "-i", "sine=duration=1:sample_rate=44100", "-c:a", "aac", mono);
        var wav = Path.Combine(folder, "a.wav");
        await FfmpegAsync("-f", "lavfi", "-i", "sine=duration=1", wav);

        Assert.False(AacTrack.TryRead(mono)!.IsLcStereo48k);
        Assert.Null(AacTrack.TryRead(wav));
    }

    [Fact]
    public async Task TransportStreamPacketsAreWellFormedAcrossSegments()
    {
        var folder = Folder("packets");
        await EncodeAsync(folder, null, seconds: 7);

        var counters = new Dictionary<int, int>();
        var segments = Directory.GetFiles(Path.Combine(folder, "hls"), "720p_*.ts").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, segments.Count);
        foreach (var segment in segments)
        {
            var data = await File.ReadAllBytesAsync(segment);
            Assert.Equal(0, data.Length % 188);
            Assert.Equal(0, data[1] & 0x1f); // the PAT first
            Assert.Equal(0x1000, ((data[189] & 0x1f) << 8) | data[190]); // then the PMT
            var firstVideo = Enumerable.Range(0, data.Length / 188).Select(i => i * 188).First(o => (((data[o + 1] & 0x1f) << 8) | data[o + 2]) == 0x100);
            Assert.Equal(0x40, data[firstVideo + 1] & 0x40); // payload_unit_start
            Assert.Equal(0x50, data[firstVideo + 5] & 0x50); // random access + PCR
            for (var o = 0; o < data.Length; o += 188)
            {
                Assert.Equal(0x47, data[o]);
                var pid = ((data[o + 1] & 0x1f) << 8) | data[o + 2];
                var counter = data[o + 3] & 0x0f;
                if (counters.TryGetValue(pid, out var previous)) Assert.Equal((previous + 1) & 0x0f, counter);
                counters[pid] = counter;
            }
        }

        Assert.Equal([0, 0x100, 0x101, 0x1000], counters.Keys.Order());
    }

    [Fact]
    public void SectionsCarryTheMpeg2Crc()
    {
        // CRC-32/MPEG-2 check value.
        Assert.Equal(0x0376e6e7u, HlsWriter.Crc32("123456789"u8.ToArray()));
    }

    private string Folder(string name)
    {
        var path = Path.Combine(fixture.Folder, "mux", name);
        Directory.CreateDirectory(path);
        return path;
    }

    private async Task<EncodedStory> EncodeAsync(string folder, string? audio, double seconds = 2)
    {
        var slides = new[] { fixture.Frames[0], fixture.Frames[3] }
            .Select((bmp, i) => new VideoSlide(seconds, Path.Combine(folder, $"cache{i}"), new FileSlideSource(bmp))).ToList();
        using var encoder = new StoryVideoEncoder(Path.Combine(fixture.Folder, "encoder"));
        return await encoder.EncodeAsync(new EncodeRequest(slides, Path.Combine(fixture.Folder, "captions.vtt"), "en", folder, audio), CancellationToken.None);
    }

    /// <summary>When the 440 Hz tone begins, in the stream's own seconds, from ffmpeg's silencedetect.</summary>
    private static async Task<double> ToneStartAsync(string path, bool copyTimestamps)
    {
        var run = await Tool.RunAsync("ffmpeg", [.. copyTimestamps ? new[] { "-copyts" } : [], "-i", path, "-map", "0:a", "-af", "silencedetect=noise=-40dB:d=0.3", "-f", "null", "-"]);
        var match = Regex.Match(run.StandardError, @"silence_end: (-?[\d.]+)");
        Assert.True(match.Success, run.StandardError);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>ffmpeg's complaints while decoding every stream of the file; empty when it decodes cleanly.</summary>
    private static async Task<string> DecodeErrorsAsync(string path)
    {
        var run = await Tool.RunAsync("ffmpeg", "-v", "error", "-i", path, "-map", "0", "-f", "null", "-");
        return run.ExitCode == 0 ? run.StandardError.Trim() : $"exit {run.ExitCode}: {run.StandardError}";
    }

    private static async Task<string> ProbeAsync(string path, string entries, params string[] extra)
    {
        var run = await Tool.RunAsync("ffprobe", ["-v", "error", .. extra, "-show_entries", entries, "-of", "compact=p=0", path]);
        Assert.True(run.ExitCode == 0, run.StandardError);
        return run.Text;
    }

    private static async Task FfmpegAsync(params string[] arguments)
    {
        var run = await Tool.RunAsync("ffmpeg", ["-v", "error", "-y", .. arguments]);
        Assert.True(run.ExitCode == 0, run.StandardError);
    }
}
