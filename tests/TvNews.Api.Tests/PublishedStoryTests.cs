using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FFMpegCore;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>The seed article all the way to air: story, media, feed. One real render shared by these tests.</summary>
[Collection(PublishedSeedCollection.Name)]
public sealed class PublishedStoryTests(PublishedSeed seed)
{
    [Fact]
    public void TheSeedIsRenderedAndPublished()
    {
        Assert.Equal("ready", seed.Story.RenderState);
        Assert.Equal("published", seed.Story.State);
        Assert.NotNull(seed.Story.PublishedAt);
        Assert.NotNull(seed.Story.Media);
        Assert.All(seed.Story.Slides, s => Assert.NotNull(s.ImageUrl));
    }

    [Fact]
    public async Task TheMp4MatchesRokusRulesAndThePlan()
    {
        var file = seed.MediaFile(seed.Story.Media!.Mp4);
        var info = await FFProbe.AnalyseAsync(file);
        var video = info.PrimaryVideoStream!;
        Assert.Equal("h264", video.CodecName);
        Assert.Contains(video.Profile, new[] { "Main", "High" });
        Assert.Equal((1920, 1080), (video.Width, video.Height));
        Assert.Equal("yuv420p", video.PixelFormat);
        Assert.Equal(30, video.AverageFrameRate, 2);
        var audio = info.PrimaryAudioStream!;
        Assert.Equal("aac", audio.CodecName);
        Assert.Equal(2, audio.Channels);
        Assert.Equal(48000, audio.SampleRateHz);
        Assert.InRange(video.Duration.TotalSeconds, PlannedSeconds - 0.1, PlannedSeconds + 0.1);
        Assert.InRange(info.Duration.TotalSeconds, PlannedSeconds - 0.1, PlannedSeconds + 0.1);
        Assert.True(MoovBeforeMdat(file), "moov atom must come before mdat (faststart)");

        // An IDR at every slide start and every 6 s, nowhere else.
        var keyframes = (await KeyframeTimes(file)).Select(t => (int)Math.Round(t * 30)).ToList();
        var starts = SlideStartFrames();
        var expected = starts.Concat(Enumerable.Range(0, (starts[^1] / 180) + 2).Select(k => k * 180))
            .Where(f => f < (int)Math.Round(PlannedSeconds * 30)).Distinct().Order().ToList();
        Assert.Equal(expected, keyframes);
    }

    /// <summary>The video's length: each slide's seconds on screen (narration sets them from the speech).</summary>
    private double PlannedSeconds => seed.Story.Slides.Sum(s => s.OnScreenSeconds ?? s.DurationSeconds);

    /// <summary>Slide i starts at round(30 × the seconds before it), as the encoder places it.</summary>
    private List<int> SlideStartFrames()
    {
        var starts = new List<int>();
        double elapsed = 0;
        foreach (var slide in seed.Story.Slides)
        {
            starts.Add((int)Math.Round(elapsed * 30, MidpointRounding.AwayFromZero));
            elapsed += slide.OnScreenSeconds ?? slide.DurationSeconds;
        }

        return starts;
    }

    [Fact]
    public async Task TheHlsMasterOffersThreeRenditionsOnOneSixSecondGridWithSubtitles()
    {
        var master = await File.ReadAllTextAsync(seed.MediaFile(seed.Story.Media!.Hls));
        Assert.StartsWith("#EXTM3U", master);
        Assert.Matches("#EXT-X-MEDIA:TYPE=SUBTITLES,.*LANGUAGE=\"en\"", master);
        foreach (var resolution in new[] { "1920x1080", "1280x720", "640x360" })
        {
            Assert.Matches($"#EXT-X-STREAM-INF:.*RESOLUTION={resolution}.*SUBTITLES=\"subs\"", master);
        }

        var folder = Path.GetDirectoryName(seed.MediaFile(seed.Story.Media.Hls))!;
        var variants = master.Split('\n').Where(l => l.EndsWith(".m3u8", StringComparison.Ordinal) && !l.StartsWith('#')).ToList();
        Assert.Equal(3, variants.Count);
        List<double>? first = null;
        foreach (var variant in variants)
        {
            var playlist = await File.ReadAllLinesAsync(Path.Combine(folder, variant.Trim()));
            var durations = playlist.Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
                .Select(l => double.Parse(l["#EXTINF:".Length..].TrimEnd(','), CultureInfo.InvariantCulture)).ToList();
            Assert.True(durations.Count >= 2);
            Assert.All(durations.SkipLast(1), d => Assert.Equal(6, d, 3));
            Assert.InRange(durations.Sum(), PlannedSeconds - 0.1, PlannedSeconds + 0.1);
            Assert.Contains("#EXT-X-ENDLIST", playlist);
            Assert.Equal(first ?? durations, durations);
            first = durations;
            foreach (var segment in playlist.Where(l => l.EndsWith(".ts", StringComparison.Ordinal)))
            {
                Assert.Equal(0, (await KeyframeTimes(Path.Combine(folder, segment), relative: true))[0], 3);
            }
        }
    }

    [Fact]
    public async Task CaptionsFollowTheNarrationInsideEachSlide()
    {
        // The sample channel narrates: cues are the spoken chunks, the first after the 0.3 s lead-in (slide timing for
        // silent channels is covered in NarratedStoryTests and CaptionWriterTests).
        var vtt = await (await seed.App.GetAbsoluteAsync(seed.Story.Media!.CaptionsVtt)).Content.ReadAsStringAsync();
        Assert.StartsWith("WEBVTT", vtt);
        Assert.Contains(seed.Story.Slides[0].Text.Split(' ')[0], vtt);

        // Every cue lies inside one slide's time on screen, in order, and the slides' boundaries are where the video
        // changes slides (to the frame).
        var cues = System.Text.RegularExpressions.Regex.Matches(vtt, @"(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)")
            .Select(m => (Start: TimeSpan.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture).TotalSeconds,
                End: TimeSpan.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture).TotalSeconds)).ToList();
        Assert.NotEmpty(cues);
        var bounds = SlideStartFrames().Select(f => f / 30.0).Append(PlannedSeconds).ToList();
        Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start + 0.001, "cues overlap"));
        Assert.All(cues, cue =>
        {
            var slide = bounds.FindLastIndex(b => b <= cue.Start + 0.02);
            Assert.InRange(slide, 0, bounds.Count - 2);
            Assert.True(cue.End <= bounds[slide + 1] + 0.02, $"cue {cue.Start:0.000}-{cue.End:0.000} runs past its slide's end {bounds[slide + 1]:0.000}");
        });
        Assert.InRange(cues[^1].End, PlannedSeconds - 10, PlannedSeconds + 0.001);

        var srt = await (await seed.App.GetAbsoluteAsync(seed.Story.Media.CaptionsSrt)).Content.ReadAsStringAsync();
        Assert.StartsWith("1\n00:00:00,300 --> ", srt);
    }

    [Fact]
    public async Task TheTtmlSidecarCarriesTheSameCuesAsTheSrt()
    {
        var ttml = await (await seed.App.GetAbsoluteAsync(seed.Story.Media!.CaptionsTtml!)).Content.ReadAsStringAsync();
        var doc = System.Xml.Linq.XDocument.Parse(ttml);
        System.Xml.Linq.XNamespace tt = "http://www.w3.org/ns/ttml";
        Assert.Equal("en", doc.Root!.Attribute(System.Xml.Linq.XNamespace.Xml + "lang")?.Value);
        var paragraphs = doc.Descendants(tt + "p").ToList();
        Assert.Equal(seed.Story.Slides[0].Text, paragraphs[0].Value);
        var srt = await File.ReadAllTextAsync(seed.MediaFile(seed.Story.Media.CaptionsSrt));
        var srtTimes = System.Text.RegularExpressions.Regex.Matches(srt, @"(\S+) --> (\S+)")
            .Select(m => (m.Groups[1].Value.Replace(',', '.'), m.Groups[2].Value.Replace(',', '.'))).ToList();
        Assert.Equal(srtTimes, paragraphs.Select(p => (p.Attribute("begin")!.Value, p.Attribute("end")!.Value)));
    }

    [Fact]
    public async Task TheTrickPlayFileHasAnHdFrameEveryFiveSecondsOfTheVideo()
    {
        var bif = await (await seed.App.GetAbsoluteAsync(seed.Story.Media!.TrickPlayHd!)).Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x42, 0x49, 0x46, 0x0d, 0x0a, 0x1a, 0x0a }, bif[..8]);
        var count = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bif.AsSpan(12));
        var intervalMs = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bif.AsSpan(16));
        Assert.Equal(5000, intervalMs);
        Assert.Equal((int)Math.Ceiling(seed.Story.DurationSeconds * 1000 / intervalMs), count);
        int Offset(int entry) => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bif.AsSpan(64 + (entry * 8) + 4));
        Assert.Equal(bif.Length, Offset(count));
        for (var i = 0; i < count; i++)
        {
            // Index entry i: the frame's time in units of the interval, then its offset.
            Assert.Equal(i, System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bif.AsSpan(64 + (i * 8))));
            using var frame = SkiaSharp.SKBitmap.Decode(bif[Offset(i)..Offset(i + 1)]);
            Assert.NotNull(frame);
            Assert.Equal((320, 180), (frame.Width, frame.Height));
        }
    }

    [Fact]
    public async Task TheThumbnailIsA16By9JpegOfAtLeast800By450()
    {
        var response = await seed.App.GetAbsoluteAsync(seed.Story.Media!.Thumbnail);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var info = await FFProbe.AnalyseAsync(seed.MediaFile(seed.Story.Media.Thumbnail));
        var stream = info.PrimaryVideoStream!;
        int w = stream.Width ?? 0, h = stream.Height ?? 0;
        Assert.True(w >= 800 && h >= 450, $"{w}x{h}");
        Assert.Equal(16.0 / 9, (double)w / h, precision: 2);
    }

    [Theory]
    [InlineData("Mp4", "video/mp4")]
    [InlineData("Hls", "application/vnd.apple.mpegurl")]
    [InlineData("CaptionsVtt", "text/vtt")]
    [InlineData("CaptionsSrt", "application/x-subrip")]
    [InlineData("CaptionsTtml", "application/ttml+xml")]
    [InlineData("TrickPlayHd", "application/octet-stream")]
    public async Task MediaIsServedWithItsContentType(string which, string contentType)
    {
        var media = seed.Story.Media!;
        var url = which switch
        {
            "Mp4" => media.Mp4, "Hls" => media.Hls, "CaptionsVtt" => media.CaptionsVtt, "CaptionsTtml" => media.CaptionsTtml!,
            "TrickPlayHd" => media.TrickPlayHd!, _ => media.CaptionsSrt,
        };
        var response = await seed.App.GetAbsoluteAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task VideoSupportsRangeRequests()
    {
        var client = seed.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(seed.Story.Media!.Mp4).PathAndQuery);
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(100, (await response.Content.ReadAsByteArrayAsync()).Length);
        var whole = await File.ReadAllBytesAsync(seed.MediaFile(seed.Story.Media.Mp4));
        Assert.Equal(whole[100..200], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SlideImagesAre1920By1080Jpegs()
    {
        var response = await seed.App.GetAbsoluteAsync(seed.Story.Slides[0].ImageUrl!);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        using var bitmap = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((1920, 1080), (bitmap.Width, bitmap.Height));

        // The raw frames handed to ffmpeg are working files, gone once the video exists.
        var folder = Path.GetDirectoryName(Path.GetDirectoryName(seed.MediaFile(seed.Story.Slides[0].ImageUrl!)))!;
        Assert.False(Directory.Exists(Path.Combine(folder, "frames")));
    }

    [Fact]
    public async Task EverySlideAlsoComesAt720pAndInTheVerticalDeck()
    {
        // The sample channel turns the vertical deck on in its manifest.
        Assert.All(seed.Story.Slides, s => Assert.NotNull(s.Image720Url));
        Assert.All(seed.Story.Slides, s => Assert.NotNull(s.VerticalImageUrl));
        var hd = await seed.App.GetAbsoluteAsync(seed.Story.Slides[^1].Image720Url!);
        Assert.Equal("image/jpeg", hd.Content.Headers.ContentType?.MediaType);
        using (var bitmap = SkiaSharp.SKBitmap.Decode(await hd.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((1280, 720), (bitmap.Width, bitmap.Height));
        }

        using (var bitmap = SkiaSharp.SKBitmap.Decode(await (await seed.App.GetAbsoluteAsync(seed.Story.Slides[0].VerticalImageUrl!)).Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal((1080, 1920), (bitmap.Width, bitmap.Height));
        }

        var vertical = await FFProbe.AnalyseAsync(seed.MediaFile(seed.Story.Media!.VerticalMp4!));
        Assert.Equal((1080, 1920), (vertical.PrimaryVideoStream!.Width, vertical.PrimaryVideoStream.Height));
        Assert.InRange(vertical.Duration.TotalSeconds, seed.Story.DurationSeconds - 0.5, seed.Story.DurationSeconds + 0.5);
    }

    [Fact]
    public async Task TheContactSheetShowsTheWholeDeckToProducersOnly()
    {
        var url = $"/api/stories/{seed.Story.Id}/contact-sheet.png";
        var anonymous = await seed.App.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var client = seed.App.Producer();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using (var sheet = SkiaSharp.SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync()))
        {
            // Four tiles of 480x270 per row, with 24 px gutters; one row per four slides under an 84 px header.
            var rows = (seed.Story.Slides.Count + 3) / 4;
            Assert.Equal((2040, 84 + (rows * 338) + 24), (sheet.Width, sheet.Height));
        }

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        var unknown = await client.GetAsync($"/api/stories/{Guid.NewGuid()}/contact-sheet.png");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    private static bool MoovBeforeMdat(string file)
    {
        using var stream = File.OpenRead(file);
        var header = new byte[8];
        while (stream.Read(header) == 8)
        {
            var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            if (type == "moov") return true;
            if (type == "mdat") return false;
            long skip = size;
            if (size == 1)
            {
                var large = new byte[8];
                stream.ReadExactly(large);
                skip = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(large) - 8;
            }
            stream.Seek(skip - 8, SeekOrigin.Current);
        }
        return false;
    }

    /// <summary>Presentation times of key frames, read with ffprobe (relative to the first frame when asked).</summary>
    internal static async Task<List<double>> KeyframeTimes(string file, bool relative = false)
    {
        var run = await TvNews.Testing.Tool.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts_time,key_frame", "-of", "json", file);
        Assert.True(run.ExitCode == 0, run.StandardError);
        var json = run.Text;
        using var doc = JsonDocument.Parse(json);
        var frames = doc.RootElement.GetProperty("frames").EnumerateArray()
            .Select(f => (Key: f.GetProperty("key_frame").GetInt32() == 1, T: double.Parse(f.GetProperty("pts_time").GetString()!, CultureInfo.InvariantCulture)))
            .ToList();
        var origin = relative ? frames[0].T : 0;
        return frames.Where(f => f.Key).Select(f => f.T - origin).ToList();
    }
}
