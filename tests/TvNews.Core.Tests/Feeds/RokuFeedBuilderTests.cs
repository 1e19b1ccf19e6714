using System.Text.Json;
using TvNews.Core.Feeds;

namespace TvNews.Core.Tests.Feeds;

public sealed class RokuFeedBuilderTests
{
    private static readonly Uri MediaBase = new("https://tv.example.org/media/");

    private static PublishedStory Story(string id, DateTimeOffset at, string? category = "Russia") => new()
    {
        Id = id,
        Title = "Headline " + id,
        Paragraphs = [new string('a', 150) + " " + new string('b', 150), "Second paragraph " + new string('c', 400)],
        Section = "News",
        Category = category,
        Language = "en",
        PublishedAt = at,
        DurationSeconds = 47.6,
        Media = new StoryMedia($"stories/{id}/r1/video.mp4", $"stories/{id}/r1/hls/master.m3u8", $"stories/{id}/r1/thumbnail.jpg",
            $"stories/{id}/r1/captions.srt", $"stories/{id}/r1/captions.vtt", 2100, 1080, [$"stories/{id}/r1/slides/01.png"]),
    };

    private static JsonElement Build(params PublishedStory[] stories)
    {
        var feed = RokuFeedBuilder.Build(TestData.SampleChannel, stories, MediaBase, new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        return JsonDocument.Parse(RokuFeedBuilder.Serialize(feed)).RootElement;
    }

    [Fact]
    public void TheBreakingNewsStoryIsListedFirstAndTheRestNewestFirst()
    {
        var t = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        var stories = new[] { Story("old", t), Story("breaking", t.AddMinutes(1)), Story("newest", t.AddMinutes(2)) };

        var pinned = RokuFeedBuilder.Build(TestData.SampleChannel, stories, MediaBase, t, firstStoryId: "breaking");
        Assert.Equal(["breaking", "newest", "old"], pinned.ShortFormVideos.Select(v => v.Id));
        var normal = RokuFeedBuilder.Build(TestData.SampleChannel, stories, MediaBase, t);
        Assert.Equal(["newest", "breaking", "old"], normal.ShortFormVideos.Select(v => v.Id));
    }

    [Fact]
    public void TheRootHasProviderLastUpdatedLanguageAndCategories()
    {
        var root = Build(Story("a1", DateTimeOffset.UnixEpoch));
        Assert.Equal("Sample News 24", root.GetProperty("providerName").GetString());
        Assert.Equal("2026-11-28T10:00:00+00:00", root.GetProperty("lastUpdated").GetString());
        Assert.Equal("en", root.GetProperty("language").GetString());
        var category = root.GetProperty("categories")[2];
        Assert.Equal("Russia", category.GetProperty("name").GetString());
        Assert.Equal("russia", category.GetProperty("query").GetString());
        Assert.Equal("most_recent", category.GetProperty("order").GetString());
    }

    [Fact]
    public void EachStoryFollowsTheDirectPublisherRules()
    {
        var item = Build(Story("0123456789abcdef0123456789abcdef", new DateTimeOffset(2021, 5, 19, 22, 30, 0, TimeSpan.Zero)))
            .GetProperty("shortFormVideos")[0];
        Assert.True(item.GetProperty("id").GetString()!.Length <= 50);
        var shortDescription = item.GetProperty("shortDescription").GetString()!;
        var longDescription = item.GetProperty("longDescription").GetString()!;
        Assert.InRange(shortDescription.Length, 1, 200);
        Assert.InRange(longDescription.Length, 1, 500);
        Assert.NotEqual(shortDescription, longDescription);
        Assert.Equal("2021-05-19", item.GetProperty("releaseDate").GetString());
        Assert.Equal(["news"], item.GetProperty("genres").EnumerateArray().Select(g => g.GetString()));
        Assert.All(item.GetProperty("tags").EnumerateArray(), t => Assert.InRange(t.GetString()!.Length, 1, 20));
        Assert.Contains("russia", item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("UNRATED", item.GetProperty("rating").GetProperty("rating").GetString());
        Assert.Equal("https://tv.example.org/media/stories/0123456789abcdef0123456789abcdef/r1/thumbnail.jpg", item.GetProperty("thumbnail").GetString());

        var content = item.GetProperty("content");
        Assert.Equal("2021-05-19T22:30:00+00:00", content.GetProperty("dateAdded").GetString());
        Assert.Equal(48, content.GetProperty("duration").GetInt32());
        Assert.Equal("en", content.GetProperty("language").GetString());
        var videos = content.GetProperty("videos");
        Assert.Equal("HLS", videos[0].GetProperty("videoType").GetString());
        Assert.EndsWith("/hls/master.m3u8", videos[0].GetProperty("url").GetString());
        Assert.Equal("MP4", videos[1].GetProperty("videoType").GetString());
        Assert.Equal(2100, videos[1].GetProperty("bitrate").GetInt32());
        Assert.Equal("FHD", videos[1].GetProperty("quality").GetString());
        var caption = content.GetProperty("captions")[0];
        Assert.EndsWith("captions.srt", caption.GetProperty("url").GetString());
        Assert.Equal("CLOSED_CAPTION", caption.GetProperty("captionType").GetString());
        Assert.Equal("en", caption.GetProperty("language").GetString());
    }

    [Fact]
    public void ARenderWithTtmlAndBifListsSrtThenTtmlAndAnHdTrickPlayFile()
    {
        var story = Story("t1", DateTimeOffset.UnixEpoch);
        story = story with { Media = story.Media with { CaptionsTtmlPath = "stories/t1/r1/captions.ttml", TrickPlayHdPath = "stories/t1/r1/trickplay-hd.bif" } };
        var content = Build(story).GetProperty("shortFormVideos")[0].GetProperty("content");

        var captions = content.GetProperty("captions").EnumerateArray().ToList();
        Assert.Equal(["https://tv.example.org/media/stories/t1/r1/captions.srt", "https://tv.example.org/media/stories/t1/r1/captions.ttml"],
            captions.Select(c => c.GetProperty("url").GetString()));
        Assert.All(captions, c => Assert.Equal("en", c.GetProperty("language").GetString()));
        Assert.DoesNotContain(captions, c => c.GetProperty("url").GetString()!.EndsWith(".vtt", StringComparison.Ordinal));
        var trickPlay = Assert.Single(content.GetProperty("trickPlayFiles").EnumerateArray());
        Assert.Equal("https://tv.example.org/media/stories/t1/r1/trickplay-hd.bif", trickPlay.GetProperty("url").GetString());
        Assert.Equal("HD", trickPlay.GetProperty("quality").GetString());
    }

    [Fact]
    public void MediaStoredBeforeSidecarsExistedStillReadsAndOmitsThem()
    {
        // A jsonb row written by an older render: no TTML, no BIF.
        const string old = """
            {"mp4Path":"s/r1/video.mp4","hlsMasterPath":"s/r1/hls/master.m3u8","thumbnailPath":"s/r1/thumbnail.jpg",
             "captionsSrtPath":"s/r1/captions.srt","captionsVttPath":"s/r1/captions.vtt","mp4BitrateKbps":2100,"height":1080,"slideImagePaths":[]}
            """;
        var media = JsonSerializer.Deserialize<StoryMedia>(old, JsonSerializerOptions.Web)!;
        Assert.Null(media.CaptionsTtmlPath);
        Assert.Null(media.TrickPlayHdPath);

        var content = Build(Story("o1", DateTimeOffset.UnixEpoch) with { Media = media }).GetProperty("shortFormVideos")[0].GetProperty("content");
        Assert.Single(content.GetProperty("captions").EnumerateArray());
        Assert.False(content.TryGetProperty("trickPlayFiles", out _));
    }

    [Fact]
    public void TruncationNeverSplitsAWordOrASurrogatePair()
    {
        var text = string.Concat(Enumerable.Repeat("word\U0001F600 ", 100));
        var cut = RokuFeedBuilder.Truncate(text, 200, ellipsis: true);
        Assert.True(cut.Length <= 200);
        Assert.EndsWith("\U0001F600\u2026", cut);
    }
}
