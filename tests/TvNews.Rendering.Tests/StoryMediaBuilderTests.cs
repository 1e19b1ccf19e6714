using TvNews.Core.Channels;
using TvNews.Core.Slides;

namespace TvNews.Rendering.Tests;

/// <summary>The slide cache across renders of one story: what an edit costs, and what it must not reuse.</summary>
public sealed class StoryMediaBuilderTests : IDisposable
{
    private readonly string _folder = TestMedia.CreateTempFolder();

    private static readonly ChannelManifest Manifest = new()
    {
        Id = "cache-test",
        Name = "TvNews Daily",
        ShortName = "TVN",
        Language = "en",
        TimeZone = "UTC",
        Description = "Cache test channel",
        Branding = TestMedia.Branding,
        Categories = [new ChannelCategory("Latest", "news")],
        Roku = new RokuPackageSettings { Title = "TvNews Daily", SplashColor = "#0B2545" },
    };

    private static readonly Slide[] Deck =
    [
        new(SlideKind.Title, "City council approves new tram line", "Local", null, 2),
        new(SlideKind.KeyPoint, "The line opens in 2027 with twelve stops.", null, null, 2),
        new(SlideKind.Outro, "TvNews Daily", "News that fits your screen", null, 2),
    ];

    [Fact]
    public async Task AnEditedStoryDrawsAndEncodesOnlyTheChangedSlideAndDropsTheOldEntry()
    {
        var builder = new StoryMediaBuilder(new StoryVideoEncoder(Path.Combine(_folder, "encoder")));
        var cache = Path.Combine(_folder, "cache");

        var first = await builder.BuildAsync(Input(new SlidePlan(Deck), "r1", cache), null, CancellationToken.None);
        var edited = Deck.ToArray();
        edited[1] = edited[1] with { Text = "The line opens in 2026 with fourteen stops." };
        var second = await builder.BuildAsync(Input(new SlidePlan(edited), "r2", cache), null, CancellationToken.None);
        var again = await builder.BuildAsync(Input(new SlidePlan(edited), "r3", cache), null, CancellationToken.None);

        Assert.Equal(3, first.SlidesDrawn);
        Assert.Equal(9, first.Video.PicturesEncoded);
        Assert.Equal(1, second.SlidesDrawn);
        Assert.Equal(3, second.Video.PicturesEncoded);
        Assert.Equal(0, again.SlidesDrawn);
        Assert.Equal(0, again.Video.PicturesEncoded);
        Assert.Equal(3, Directory.GetDirectories(cache).Length);

        // The re-render is complete on its own: every output is in its own folder.
        foreach (var file in new[] { second.Video.VideoPath, second.Video.MasterPlaylistPath, second.CaptionsVtt, second.TrickPlayHd, second.Thumbnail }
            .Concat(second.Slides).Concat(second.Slides720))
        {
            Assert.True(File.Exists(Path.Combine(_folder, "r2", file)), file);
        }
    }

    [Fact]
    public async Task ADurationChangeReusesTheSlideButABrandingChangeRedrawsEverySlide()
    {
        var builder = new StoryMediaBuilder(new StoryVideoEncoder(Path.Combine(_folder, "encoder")));
        var cache = Path.Combine(_folder, "cache");
        await builder.BuildAsync(Input(new SlidePlan(Deck), "r1", cache), null, CancellationToken.None);

        var longer = Deck.Select(s => s with { DurationSeconds = 3 }).ToList();
        var retimed = await builder.BuildAsync(Input(new SlidePlan(longer), "r2", cache), null, CancellationToken.None);
        Assert.Equal(0, retimed.SlidesDrawn);
        Assert.Equal(9, retimed.Video.DurationSeconds, 2);

        var rebranded = Manifest with { Branding = Manifest.Branding with { AccentColor = "#2E86AB" } };
        var recolored = await builder.BuildAsync(Input(new SlidePlan(longer), "r3", cache, rebranded), null, CancellationToken.None);
        Assert.Equal(3, recolored.SlidesDrawn);
    }

    private StoryRenderInput Input(SlidePlan plan, string output, string cache, ChannelManifest? manifest = null) =>
        new(plan, manifest ?? Manifest, "en", TestMedia.MediaRoot, Path.Combine(_folder, output), cache);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
