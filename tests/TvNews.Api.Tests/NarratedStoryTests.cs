using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Core.Narration;
using TvNews.Core.Slides;

namespace TvNews.Api.Tests;

/// <summary>The seed story on the sample channel, which narrates (outputs.narration in channel-manifests/sample-news.json).</summary>
[Collection(PublishedSeedCollection.Name)]
public sealed partial class NarratedStoryTests(PublishedSeed seed)
{
    [Fact]
    public async Task ANarratedStoryHasAnAudibleTrack()
    {
        var meanVolume = await MeanVolumeAsync(seed.MediaFile(seed.Story.Media!.Mp4));
        Assert.True(meanVolume > -50, $"mean volume {meanVolume} dB: the narration is missing");
        var folder = Path.GetDirectoryName(seed.MediaFile(seed.Story.Media.Mp4))!;
        Assert.True(File.Exists(Path.Combine(folder, "narration.m4a")));
    }

    [Fact]
    public async Task ItsCaptionsAreTheSpokenChunksInOrderWithinTheVideo()
    {
        var vtt = await File.ReadAllTextAsync(seed.MediaFile(seed.Story.Media!.CaptionsVtt));
        var cues = Cues(vtt);
        var plan = new SlidePlan(seed.Story.Slides.Select(s => new Slide(Enum.Parse<SlideKind>(s.Kind), s.Text, s.Label, s.Attribution, s.DurationSeconds)).ToList());
        var script = NarrationScript.Build(plan);

        Assert.Equal(script.Chunks, cues.Select(c => c.Text));
        Assert.Contains(cues, c => Regex.IsMatch(c.Text, @"^Sergey Lavrov said: "));
        Assert.Equal(NarrationTimeline.LeadInSeconds, cues[0].Start, 3);
        Assert.All(cues, c => Assert.True(c.Start < c.End && c.End <= seed.Story.DurationSeconds + 0.001, $"{c}"));
        Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start, $"{pair.First} then {pair.Second}"));
        Assert.All(cues, c => Assert.True(c.Text.Length <= NarrationScript.MaxChunkChars, c.Text));
    }

    [Fact]
    public async Task WithNarrationOffTheStoryIsSilentAndCaptionedPerSlide()
    {
        await using var app = await TvNewsApp.StartAsync(editManifest: json =>
            json.Replace("\"narration\": { \"enabled\": true", "\"narration\": { \"enabled\": false", StringComparison.Ordinal));
        var response = await app.PostTextAsync(TestArticles.Small, publish: true);
        response.EnsureSuccessStatusCode();
        var ingest = (await response.Content.ReadFromJsonAsync<IngestDto>())!;
        var story = await app.WaitForRenderAsync(ingest.StoryId, TimeSpan.FromMinutes(2));
        Assert.Equal("ready", story.RenderState);

        var mp4 = MediaFile(app, story.Media!.Mp4);
        Assert.True(await MeanVolumeAsync(mp4) < -80, "a silent channel's track must be silence");
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(mp4)!, "narration.m4a")));
        var cues = Cues(await File.ReadAllTextAsync(MediaFile(app, story.Media.CaptionsVtt)));
        Assert.Equal(story.Slides.Count, cues.Count);
        Assert.Equal(0, cues[0].Start);
        Assert.Equal(story.Slides.Sum(s => s.DurationSeconds), story.DurationSeconds, 3);
        Assert.Equal(story.DurationSeconds, cues[^1].End, 3);
    }

    private static string MediaFile(TvNewsApp app, string absoluteUrl) =>
        Path.Combine(app.MediaOutput, Uri.UnescapeDataString(new Uri(absoluteUrl).AbsolutePath)["/media/".Length..]);

    private sealed record Cue(double Start, double End, string Text);

    private static List<Cue> Cues(string vtt) => CueLine().Matches(vtt).Select(m => new Cue(Seconds(m.Groups[1].Value), Seconds(m.Groups[2].Value),
        m.Groups[3].Value.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal))).ToList();

    private static double Seconds(string time) => TimeSpan.ParseExact(time, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture).TotalSeconds;

    /// <summary>ffmpeg's volumedetect mean volume of the first audio stream, in dB (about -91 for digital silence).</summary>
    private static async Task<double> MeanVolumeAsync(string file)
    {
        var run = await TvNews.Testing.Tool.RunAsync("ffmpeg", "-hide_banner", "-nostats", "-nostdin", "-i", file, "-map", "0:a:0", "-af", "volumedetect", "-f", "null", "-");
        var text = run.StandardError;
        Assert.True(run.ExitCode == 0, text);
        var match = MeanVolume().Match(text);
        Assert.True(match.Success, text);
        return match.Groups[1].Value == "-inf" ? double.NegativeInfinity : double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\n(.+)\n")]
    private static partial Regex CueLine();

    [GeneratedRegex(@"mean_volume: (-?[\d.]+|-inf) dB")]
    private static partial Regex MeanVolume();
}
