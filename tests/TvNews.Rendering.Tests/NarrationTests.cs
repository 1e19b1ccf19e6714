using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FFMpegCore;
using TvNews.Core.Channels;
using TvNews.Core.Narration;
using TvNews.Core.Slides;
using TvNews.Rendering.Narration;

namespace TvNews.Rendering.Tests;

/// <summary>A short narrated deck synthesised by the real espeak-ng and mixed at both loudness targets by the real ffmpeg, once.</summary>
public sealed class NarratedDeckFixture : IAsyncLifetime
{
    public static readonly SlidePlan Deck = new([
        new Slide(SlideKind.Title, "Talks resume in Geneva", "WORLD", "10:00", 0),
        new Slide(SlideKind.KeyPoint, "Both delegations arrived on Monday, and the first session lasted three hours.", null, null, 0),
        new Slide(SlideKind.Image, "", null, null, 0),
        new Slide(SlideKind.Quote, "The conversation was constructive.", null, "Sergey Lavrov, Foreign Minister", 0),
        new Slide(SlideKind.Outro, "Sample News 24", null, null, 0),
    ]);

    public string Folder { get; } = TestMedia.CreateTempFolder();
    public string Cache => Path.Combine(Folder, "cache");
    public EspeakNarrator Narrator { get; private set; } = null!;
    public NarrationScript Script { get; } = NarrationScript.Build(Deck);
    public IReadOnlyList<IReadOnlyList<SpokenClip>> Clips { get; private set; } = null!;
    public NarrationTimeline Timeline { get; private set; } = null!;
    public double SynthesisSeconds { get; private set; }
    public Dictionary<int, (string Path, NarrationLoudness Loudness)> Mixes { get; } = [];

    public async Task InitializeAsync()
    {
        Narrator = new EspeakNarrator(Cache);
        var started = Stopwatch.GetTimestamp();
        Clips = await Narrator.SynthesizeAsync(Script.Slides, "en", 165, CancellationToken.None);
        SynthesisSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Timeline = NarrationTimeline.Build(Deck, Script, Clips.Select(s => (IReadOnlyList<double>)s.Select(c => c.Seconds).ToList()).ToList(), new SlidePacing());
        var placements = Timeline.Chunks.Select(c => new ClipPlacement(Clips[c.Slide].First(x => x.Text == c.Text).WavPath, c.Start, c.HeardSeconds)).ToList();
        foreach (var target in new[] { -16, -23 })
        {
            var path = Path.Combine(Folder, $"narration{target}.m4a");
            Mixes[target] = (path, await NarrationMixer.MixAsync(placements, Timeline.Plan.TotalSeconds, target, path, CancellationToken.None));
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed partial class NarrationTests(NarratedDeckFixture fixture) : IClassFixture<NarratedDeckFixture>
{
    [Fact]
    public void EverySpokenChunkWasSynthesisedOnce()
    {
        Assert.Equal(fixture.Script.Chunks.Distinct().Count(), fixture.Narrator.Syntheses);
        Assert.All(fixture.Clips.SelectMany(c => c), clip => Assert.InRange(clip.Seconds, 0.5, 8));
        Assert.Empty(fixture.Clips[2]);
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(-23)]
    public async Task TheTrackIsAacLcAt48kHzStereoAsLongAsTheStory(int target)
    {
        var info = await FFProbe.AnalyseAsync(fixture.Mixes[target].Path);
        var audio = Assert.Single(info.AudioStreams);
        Assert.Equal("aac", audio.CodecName);
        Assert.Equal("LC", audio.Profile);
        Assert.Equal(48000, audio.SampleRateHz);
        Assert.Equal(2, audio.Channels);
        Assert.InRange(info.Duration.TotalSeconds, fixture.Timeline.Plan.TotalSeconds - 0.1, fixture.Timeline.Plan.TotalSeconds + 0.1);
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(-23)]
    public async Task ItsIntegratedLoudnessMeasuredWithEbur128IsWithinOneLuOfTheTarget(int target)
    {
        var measured = await IntegratedLoudnessAsync(fixture.Mixes[target].Path);
        Assert.InRange(measured, target - 0.5, target + 0.5);
        Assert.Equal("gain+limiter", fixture.Mixes[target].Loudness.Normalization);
    }

    [Fact]
    public void SlidesLastAsLongAsTheirNarrationAndCuesLieInsideThemInOrder()
    {
        var plan = fixture.Timeline.Plan;
        var starts = plan.StartTimes();
        for (var i = 0; i < plan.Slides.Count; i++)
        {
            var clips = fixture.Clips[i].Select(c => c.Seconds).ToList();
            var expected = clips.Count == 0
                ? SlideDurations.ReadingSeconds(NarratedDeckFixture.Deck.Slides[i], new SlidePacing())
                : SlideDurations.WholeFrames(Math.Max(NarrationTimeline.NarrationSeconds(clips), new SlidePacing().MinSlideSeconds));
            Assert.Equal(expected, plan.Slides[i].DurationSeconds, 9);
        }
        Assert.Equal(fixture.Script.Chunks, fixture.Timeline.Cues.Select(c => c.Text));
        foreach (var chunk in fixture.Timeline.Chunks)
        {
            var end = starts[chunk.Slide] + plan.Slides[chunk.Slide].DurationSeconds;
            Assert.InRange(chunk.Start, starts[chunk.Slide], end);
            Assert.InRange(chunk.Start + chunk.HeardSeconds, chunk.Start, end);
        }
        var cues = fixture.Timeline.Cues;
        Assert.All(cues.Zip(cues.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start, $"{pair.First} overlaps {pair.Second}"));
    }

    [Fact]
    public async Task ASecondSynthesisOfTheSameScriptRunsNoEspeakProcess()
    {
        var again = new EspeakNarrator(fixture.Cache);
        var started = Stopwatch.GetTimestamp();
        var clips = await again.SynthesizeAsync(fixture.Script.Slides, "en", 165, CancellationToken.None);
        Assert.Equal(0, again.Syntheses);
        Assert.Equal(fixture.Clips.SelectMany(c => c).Select(c => (c.WavPath, c.Seconds)), clips.SelectMany(c => c).Select(c => (c.WavPath, c.Seconds)));
        Assert.True(Stopwatch.GetElapsedTime(started).TotalSeconds < fixture.SynthesisSeconds, "a cached synthesis must be faster than the first");

        // One edited chunk costs one synthesis; the speed is part of the key.
        var edited = fixture.Script.Slides.Select((s, i) => i == 1 ? (IReadOnlyList<string>)["Both delegations arrived on Tuesday."] : s).ToList();
        await again.SynthesizeAsync(edited, "en", 165, CancellationToken.None);
        Assert.Equal(1, again.Syntheses);
    }

    [Fact]
    public async Task AnUnknownVoiceIsAClearError()
    {
        var narrator = new EspeakNarrator(Path.Combine(fixture.Folder, "cache-bad-voice"));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => narrator.SynthesizeAsync([["Hello."]], "xx-nowhere", 165, CancellationToken.None));
        Assert.Contains("no voice 'xx-nowhere'", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => narrator.SynthesizeAsync([["Hello."]], "--help", 165, CancellationToken.None));
    }

    [Fact]
    public async Task TextThatLooksLikeAnOptionIsSpokenNotParsed()
    {
        var narrator = new EspeakNarrator(Path.Combine(fixture.Folder, "cache-options"));
        var clips = await narrator.SynthesizeAsync([["-w /tmp/evil.wav --voices; rm -rf / \"$(id)\""]], "en", 165, CancellationToken.None);
        Assert.InRange(clips[0][0].Seconds, 1, 20);
    }

    [Fact]
    public void AWavHeaderIsWalkedChunkByChunk()
    {
        // fmt, then a LIST chunk of odd length (padded), then data: the samples start at byte 58, not 44.
        var samples = new short[] { 1, -2, 300, -400 };
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            w.Write("RIFF"u8); w.Write(0); w.Write("WAVE"u8);
            w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(22050); w.Write(44100); w.Write((short)2); w.Write((short)16);
            w.Write("LIST"u8); w.Write(5); w.Write("INFOx"u8); w.Write((byte)0);
            w.Write("data"u8); w.Write(-1); // a streamed file: the size was never filled in
            foreach (var s in samples) w.Write(s);
        }
        var wav = WavFile.Parse(buffer.ToArray(), "test.wav");
        Assert.Equal((22050, 1), (wav.SampleRate, wav.Channels));
        Assert.Equal(samples, wav.Samples);
    }

    /// <summary>Integrated loudness from ffmpeg's ebur128 filter: an independent measurement, not the mixer's own.</summary>
    private static async Task<double> IntegratedLoudnessAsync(string file)
    {
        var run = await TvNews.Testing.Tool.RunAsync("ffmpeg", "-hide_banner", "-nostats", "-nostdin", "-i", file, "-af", "ebur128", "-f", "null", "-");
        var text = run.StandardError;
        Assert.True(run.ExitCode == 0, text);
        var summary = text[text.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        return double.Parse(IntegratedLine().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"I:\s+(-?[\d.]+) LUFS")]
    private static partial Regex IntegratedLine();
}
