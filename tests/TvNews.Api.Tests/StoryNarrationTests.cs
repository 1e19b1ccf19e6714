using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using TvNews.Api.Rendering;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Core.Channels;
using TvNews.Core.Slides;
using TvNews.Rendering.Narration;

namespace TvNews.Api.Tests;

/// <summary>The render's narration step on its own: real espeak-ng and ffmpeg, no database.</summary>
public sealed class StoryNarrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tvnews-narration-").FullName;

    private static ChannelManifest Channel(bool enabled)
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.Root, "channel-manifests", "sample-news.json"));
        var manifest = ChannelManifestReader.Read("sample-news.json", json, _ => true, _ => true).Manifest!;
        return manifest with { Outputs = manifest.Outputs with { Narration = manifest.Outputs.Narration with { Enabled = enabled } } };
    }

    private static readonly SlidePlan Plan = new([
        new Slide(SlideKind.Title, "Ferry service resumes after storm", "EUROPE", "10:00", 4.5),
        new Slide(SlideKind.Quote, "We expect full service by the weekend.", null, "Anna Berg, Port Director", 5),
        new Slide(SlideKind.Outro, "Sample News 24", null, null, 4),
    ]);

    [Fact]
    public async Task ARenderWithTheSameSpeechReusesTheMixedTrackAndRunsNoEspeak()
    {
        var narrator = new EspeakNarrator(Path.Combine(_folder, "cache"));
        var narration = new StoryNarration(narrator, NullLogger<StoryNarration>.Instance);
        var first = await narration.PrepareAsync(Plan, Channel(enabled: true), Directory.CreateDirectory(Path.Combine(_folder, "r1")).FullName, CancellationToken.None);
        Assert.Equal(3, narrator.Syntheses);
        Assert.Equal(["Ferry service resumes after storm", "Anna Berg said: We expect full service by the weekend.", "Sample News 24."], first.Cues.Select(c => c.Text));

        var firstTrack = (await first.Audio)!;
        var mix = Assert.Single(Directory.GetFiles(Path.Combine(_folder, "cache", "mixes")));
        var mixedAt = File.GetLastWriteTimeUtc(mix);

        // A new picture or a new look re-renders the story; the words and their timing are the same, so neither espeak
        // nor the mixer runs: the cached track is copied (the cache entry is not written again).
        var second = await narration.PrepareAsync(Plan, Channel(enabled: true), Directory.CreateDirectory(Path.Combine(_folder, "r2")).FullName, CancellationToken.None);
        var secondTrack = (await second.Audio)!;
        Assert.Equal(3, narrator.Syntheses);
        Assert.Equal(first.Plan.Slides, second.Plan.Slides);
        Assert.Equal(await File.ReadAllBytesAsync(firstTrack), await File.ReadAllBytesAsync(secondTrack));
        Assert.Equal(mix, Assert.Single(Directory.GetFiles(Path.Combine(_folder, "cache", "mixes"))));
        Assert.Equal(mixedAt, File.GetLastWriteTimeUtc(mix));
    }

    [Fact]
    public async Task WithNarrationOffThePlanIsUnchangedAndThereIsNoAudio()
    {
        var narration = new StoryNarration(new EspeakNarrator(Path.Combine(_folder, "cache-off")), NullLogger<StoryNarration>.Instance);
        var silent = await narration.PrepareAsync(Plan, Channel(enabled: false), _folder, CancellationToken.None);
        Assert.Same(Plan, silent.Plan);
        Assert.Null(await silent.Audio);
        Assert.Equal(TvNews.Core.Captions.CaptionWriter.SlideCues(Plan), silent.Cues);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
