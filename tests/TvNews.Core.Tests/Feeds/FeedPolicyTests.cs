using System.Text.Json;
using TvNews.Core.Channels;
using TvNews.Core.Feeds;
using TvNews.Core.Slides;

namespace TvNews.Core.Tests.Feeds;

/// <summary>The feed policy (FeedSelection, the Roku byte limit) and the Roku fields that come from it: playlists, ad breaks, validity.</summary>
public sealed class FeedPolicyTests
{
    private static readonly Uri Base = new("https://tv.example.org/");
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static PublishedStory Story(string id, int minute, string? category = "Russia", string? title = null) => new()
    {
        Id = id,
        Title = title ?? "Headline " + id,
        Paragraphs = ["Lead paragraph of " + id + " " + new string('a', 180), "Second paragraph " + new string('c', 400)],
        Section = "News",
        Category = category,
        Language = "en",
        PublishedAt = T0.AddMinutes(minute),
        DurationSeconds = 60,
        Media = new StoryMedia($"stories/{id}/r1/video.mp4", $"stories/{id}/r1/hls/master.m3u8", $"stories/{id}/r1/thumbnail.jpg",
            $"stories/{id}/r1/captions.srt", $"stories/{id}/r1/captions.vtt", 2100, 1080, [])
        {
            CaptionsTtmlPath = $"stories/{id}/r1/captions.ttml",
            TrickPlayHdPath = $"stories/{id}/r1/trickplay-hd.bif",
            SlideSeconds = [8, 12, 10, 10, 10, 10],
        },
    };

    private static ChannelManifest Channel(int maxStories = 200, int perCategory = 50, AdBreakSettings? ads = null) =>
        TestData.SampleChannel with { Feed = new FeedSettings { MaxStories = maxStories, PerCategory = perCategory, AdBreaks = ads } };

    private static FeedInput Input(ChannelManifest channel, IReadOnlyList<PublishedStory> stories, string? breaking = null, params string[] rundown) =>
        new(channel, stories, Base, new Uri(Base, "media/"), T0, 7, breaking) { RundownStoryIds = rundown };

    [Fact]
    public void AtMostMaxStoriesAreListedNewestFirst()
    {
        var stories = Enumerable.Range(0, 400).Select(i => Story($"s{i:000}", i)).ToList();
        var listed = Input(Channel(maxStories: 120, perCategory: 1000), stories).Listed;
        Assert.Equal(120, listed.Count);
        Assert.Equal("s399", listed[0].Id);
        Assert.Equal("s280", listed[^1].Id);
    }

    [Fact]
    public void ABusyRowCannotPushAnotherRowsStoriesOut()
    {
        // 300 new Russia stories, then 10 older Iran ones: Latest and Russia fill at 50, Middle East keeps all 10.
        var stories = Enumerable.Range(0, 300).Select(i => Story($"r{i:000}", 1000 + i))
            .Concat(Enumerable.Range(0, 10).Select(i => Story($"i{i:00}", i, category: "Iran"))).ToList();
        var listed = Input(Channel(perCategory: 50), stories).Listed;

        Assert.Equal(50, listed.Count(s => s.Id.StartsWith('r')));
        Assert.Equal("r299", listed[0].Id);
        Assert.Equal(10, listed.Count(s => s.Id.StartsWith('i')));
    }

    [Fact]
    public void BreakingNewsAndRundownStoriesAreListedWhateverTheirAgeAndFormThePlaylists()
    {
        var stories = Enumerable.Range(0, 100).Select(i => Story($"s{i:000}", i)).ToList();
        var input = Input(Channel(perCategory: 5), stories, breaking: "s001", "s003", "s099", "gone", "s002");

        Assert.Equal(["s001", "s099", "s098", "s097", "s096", "s003", "s002"], input.Listed.Select(s => s.Id));
        var feed = RokuFeedBuilder.Build(input);
        Assert.Equal("s001", feed.ShortFormVideos[0].Id);
        var rundown = Assert.Single(feed.Playlists, p => p.Name == FeedPlaylists.Rundown);
        Assert.Equal(["s003", "s099", "s002"], rundown.ItemIds); // "gone" is not published: not listed, so not in the playlist
        Assert.Equal(["s001"], Assert.Single(feed.Playlists, p => p.Name == FeedPlaylists.Breaking).ItemIds);

        var top = feed.Categories[0];
        Assert.Equal(("Top Stories", FeedPlaylists.Rundown, null, "manual"), (top.Name, top.PlaylistName, top.Query, top.Order));
        var json = JsonDocument.Parse(RokuFeedBuilder.Serialize(feed)).RootElement;
        Assert.False(json.GetProperty("categories")[0].TryGetProperty("query", out _));
        Assert.False(json.GetProperty("categories")[1].TryGetProperty("playlistName", out _));
    }

    [Fact]
    public void EmptyPlaylistsAreLeftOut()
    {
        var feed = RokuFeedBuilder.Build(Input(Channel(), [Story("a", 1)]));
        Assert.Empty(feed.Playlists);
    }

    [Fact]
    public void TheSampleChannelAtItsLimitsStaysUnder500Kilobytes()
    {
        // Every story in two rows and long real-world-sized texts: the policy's own caps bound the size.
        var stories = Enumerable.Range(0, 1000)
            .Select(i => Story($"{i:x32}", i, category: (i % 3) switch { 0 => "Russia", 1 => "Iran", _ => "Middle East" }, title: "Headline " + new string('h', 110)))
            .ToList();
        var input = Input(TestData.SampleChannel, stories, breaking: stories[0].Id, stories.Take(30).Select(s => s.Id).ToArray());
        var feed = RokuFeedBuilder.Build(input);
        Assert.Equal(input.Listed.Count, feed.ShortFormVideos.Count); // the caps alone were enough: nothing was dropped for size
        Assert.InRange(input.Listed.Count, 120, 200);
        Assert.InRange(RokuFeedBuilder.Serialize(feed).Length, 100 * 1024, RokuFeedBuilder.MaxFeedBytes - 1);
    }

    [Fact]
    public void AFeedOverTheByteLimitDropsItsOldestUnpinnedStories()
    {
        // Titles have no limit in the Direct Publisher spec: 200 stories with 4,000-character titles are about 900 KB.
        var stories = Enumerable.Range(0, 200).Select(i => Story($"s{i:000}", i, title: new string('t', 4000))).ToList();
        var input = Input(Channel(perCategory: 1000), stories, breaking: "s000", "s001");
        var feed = RokuFeedBuilder.Build(input);

        Assert.InRange(RokuFeedBuilder.Serialize(feed).Length, RokuFeedBuilder.MaxFeedBytes - 10 * 1024, RokuFeedBuilder.MaxFeedBytes - 1);
        var ids = feed.ShortFormVideos.Select(v => v.Id).ToList();
        Assert.Equal(["s000", "s199", "s198"], ids.Take(3));
        Assert.Contains("s001", ids);
        Assert.InRange(ids.Count, 50, 199);
        // What is left is the newest: the unpinned stories kept are exactly the n newest.
        var unpinned = ids.Skip(1).Where(id => id != "s001").ToList();
        Assert.Equal(Enumerable.Range(200 - unpinned.Count, unpinned.Count).Reverse().Select(i => $"s{i:000}"), unpinned);
    }

    [Fact]
    public void ValidityEndsAtTheStorysExpiryAndIsLeftOutWithout()
    {
        var expiring = Story("e", 2) with { ExpireAt = new DateTimeOffset(2026, 12, 24, 18, 30, 0, TimeSpan.FromHours(2)) };
        var feed = JsonDocument.Parse(RokuFeedBuilder.Serialize(RokuFeedBuilder.Build(Input(Channel(), [expiring, Story("k", 1)])))).RootElement;
        var items = feed.GetProperty("shortFormVideos");
        Assert.Equal("2026-12-24T16:30:00+00:00", items[0].GetProperty("content").GetProperty("validityPeriodEnd").GetString());
        Assert.False(items[1].GetProperty("content").TryGetProperty("validityPeriodEnd", out _));
    }

    [Fact]
    public void AdBreaksAreWrittenOnlyWhenConfiguredAndMidRollsLandOnSlideBoundaries()
    {
        var story = Story("a", 1); // slides end at 8, 20, 30, 40, 50 and 60 s
        var none = RokuFeedBuilder.Build(Input(Channel(), [story]));
        Assert.Null(none.ShortFormVideos[0].Content.AdBreaks);

        Assert.Equal(["00:00:00"], RokuFeedBuilder.AdBreaks(story, new AdBreakSettings(PreRoll: true)));
        // Every 30 s: the boundary at 30; 60 is the end (and within the last 10 s), so only one mid-roll.
        Assert.Equal(["00:00:00", "00:00:30"], RokuFeedBuilder.AdBreaks(story, new AdBreakSettings(PreRoll: true, MidRollEverySeconds: 30)));
        // Every 45 s targets 45: the boundary at 50 is not before the last 10 s, so the nearest allowed one is 40.
        Assert.Equal(["00:00:40"], RokuFeedBuilder.AdBreaks(story, new AdBreakSettings(PreRoll: false, MidRollEverySeconds: 45)));

        var feed = RokuFeedBuilder.Build(Input(Channel(ads: new AdBreakSettings(true, 30)), [story]));
        Assert.Equal(["00:00:00", "00:00:30"], feed.ShortFormVideos[0].Content.AdBreaks);
    }

    [Fact]
    public void PlanDurationsPlaceMidRollsForRendersThatRecordedNoSlideTimes()
    {
        var story = Story("p", 1);
        story = story with
        {
            Media = story.Media with { SlideSeconds = [] },
            Slides = [new Slide(SlideKind.Title, "h", null, null, 25), new Slide(SlideKind.KeyPoint, "k", null, null, 25), new Slide(SlideKind.Outro, "o", null, null, 10)],
        };
        Assert.Equal(["00:00:25"], RokuFeedBuilder.AdBreaks(story, new AdBreakSettings(PreRoll: false, MidRollEverySeconds: 30)));
    }

    [Fact]
    public void ProducerTagsJoinTheFeedTagsSoCategoryQueriesMatchThem()
    {
        var story = Story("t", 1, category: null) with { Tags = ["Iran", "Elections 2026"] };
        Assert.Equal(["news", "iran", "elections 2026"], RokuFeedBuilder.Tags(story));
        Assert.True(CategoryQuery.Parse("middle east OR iran").Matches(RokuFeedBuilder.Tags(story)));
        Assert.False(CategoryQuery.Parse("news AND russia").Matches(RokuFeedBuilder.Tags(story)));
    }
}
