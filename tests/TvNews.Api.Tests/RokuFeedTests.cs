using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>The Direct Publisher feed as a device receives it, after a real publish.</summary>
[Collection(PublishedSeedCollection.Name)]
public sealed partial class RokuFeedTests(PublishedSeed seed)
{
    private JsonElement Item => seed.Feed.GetProperty("shortFormVideos").EnumerateArray()
        .Single(i => i.GetProperty("id").GetString() == seed.Story.Id.ToString("N"));

    [Fact]
    public void TheRootNamesProviderUpdateTimeLanguageAndCategories()
    {
        var feed = seed.Feed;
        Assert.Equal("Sample News 24", feed.GetProperty("providerName").GetString());
        Assert.Matches(IsoDateTime(), feed.GetProperty("lastUpdated").GetString()!);
        Assert.Equal("en", feed.GetProperty("language").GetString());
        Assert.Equal(["Top Stories", "Latest", "Russia", "Middle East"], feed.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.True(Encoding.UTF8.GetByteCount(seed.FeedJson) < 500 * 1024);
    }

    /// <summary>
    /// What Roku's Direct Publisher-to-SDK template (rdp-to-scenegraph-channel-template, RootHandler.brs) does with a
    /// feed, per roku-specs.md section 8: refuses 500 * 1024 characters or more, sniffs XML, keeps the content keys, and
    /// reads these fields of every item without checking for them (a missing genres array is a runtime error).
    /// </summary>
    [Fact]
    public void TheFeedLoadsInRokusDirectPublisherToSdkTemplate()
    {
        Assert.True(seed.FeedJson.Length is > 0 and < 500 * 1024, $"{seed.FeedJson.Length} characters");
        Assert.False(seed.FeedJson.StartsWith("<?xml", StringComparison.Ordinal) || seed.FeedJson.StartsWith("<rss", StringComparison.Ordinal));
        string[] contentKeys = ["movies", "series", "shortFormVideos", "tvSpecials", "liveFeeds"];
        var rows = seed.Feed.EnumerateObject().Where(p => contentKeys.Contains(p.Name)).ToList();
        // One row per key, in key order: the live channel (issue 8), then the stories.
        Assert.Equal(["liveFeeds", "shortFormVideos"], rows.Select(r => r.Name));
        Assert.All(rows, row => Assert.NotEmpty(row.Value.EnumerateArray()));
        foreach (var item in rows.SelectMany(r => r.Value.EnumerateArray()))
        {
            foreach (var field in new[] { "thumbnail", "shortDescription", "id", "title" })
                Assert.False(string.IsNullOrEmpty(item.GetProperty(field).GetString()), field);
            Assert.Equal(JsonValueKind.String, item.GetProperty("genres")[0].ValueKind);
            Assert.StartsWith("http", item.GetProperty("content").GetProperty("videos")[0].GetProperty("url").GetString());
        }
    }

    [Fact]
    public void ThePublishedStoryIsAShortFormVideoWithEveryRequiredField()
    {
        var item = Item;
        Assert.True(item.GetProperty("id").GetString()!.Length <= 50);
        Assert.Equal(seed.Story.Article.Headline, item.GetProperty("title").GetString());
        var shortDescription = item.GetProperty("shortDescription").GetString()!;
        var longDescription = item.GetProperty("longDescription").GetString()!;
        Assert.InRange(shortDescription.Length, 1, 200);
        Assert.InRange(longDescription.Length, 1, 500);
        Assert.NotEqual(shortDescription, longDescription);
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", item.GetProperty("releaseDate").GetString()!);
        Assert.Equal(["news"], item.GetProperty("genres").EnumerateArray().Select(g => g.GetString()));
        Assert.All(item.GetProperty("tags").EnumerateArray(), t => Assert.InRange(t.GetString()!.Length, 1, 20));
        Assert.Contains("russia", item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(item.GetProperty("rating").TryGetProperty("rating", out _));
        Assert.StartsWith("http://tv.test/media/", item.GetProperty("thumbnail").GetString());
    }

    [Fact]
    public void ContentListsHlsThenMp4WithBitrateAndSideLoadedCaptions()
    {
        var content = Item.GetProperty("content");
        Assert.Matches(IsoDateTime(), content.GetProperty("dateAdded").GetString()!);
        Assert.Equal(JsonValueKind.Number, content.GetProperty("duration").ValueKind);
        Assert.Equal((int)Math.Round(seed.Story.DurationSeconds, MidpointRounding.AwayFromZero), content.GetProperty("duration").GetInt32());
        Assert.Equal("en", content.GetProperty("language").GetString());
        var videos = content.GetProperty("videos").EnumerateArray().ToList();
        Assert.Equal("HLS", videos[0].GetProperty("videoType").GetString());
        Assert.Equal(seed.Story.Media!.Hls, videos[0].GetProperty("url").GetString());
        Assert.Equal("MP4", videos[1].GetProperty("videoType").GetString());
        Assert.Equal(seed.Story.Media.Mp4, videos[1].GetProperty("url").GetString());
        Assert.InRange(videos[1].GetProperty("bitrate").GetInt32(), 50, 10_000);
        Assert.All(videos, v => Assert.Equal("FHD", v.GetProperty("quality").GetString()));
        var caption = content.GetProperty("captions")[0];
        Assert.Equal(seed.Story.Media.CaptionsSrt, caption.GetProperty("url").GetString());
        Assert.Equal("en", caption.GetProperty("language").GetString());
        Assert.Contains(caption.GetProperty("captionType").GetString(), new[] { "CLOSED_CAPTION", "SUBTITLE" });
    }

    [Fact]
    public void TheMp4SidecarsAndAnHdTrickPlayFileAreListed()
    {
        var content = Item.GetProperty("content");
        // roku-specs.md 5.2: SRT and TTML are side-loadable for MP4 and HLS; WebVTT lives in the HLS playlist.
        Assert.Equal([seed.Story.Media!.CaptionsSrt, seed.Story.Media.CaptionsTtml],
            content.GetProperty("captions").EnumerateArray().Select(c => c.GetProperty("url").GetString()));
        var trickPlay = Assert.Single(content.GetProperty("trickPlayFiles").EnumerateArray());
        Assert.Equal(seed.Story.Media.TrickPlayHd, trickPlay.GetProperty("url").GetString());
        Assert.Equal("HD", trickPlay.GetProperty("quality").GetString());
    }

    [Fact]
    public async Task EveryUrlInTheFeedIsServed()
    {
        var urls = new List<string> { Item.GetProperty("thumbnail").GetString()! };
        var content = Item.GetProperty("content");
        urls.AddRange(content.GetProperty("videos").EnumerateArray().Select(v => v.GetProperty("url").GetString()!));
        urls.AddRange(content.GetProperty("captions").EnumerateArray().Select(c => c.GetProperty("url").GetString()!));
        urls.AddRange(content.GetProperty("trickPlayFiles").EnumerateArray().Select(t => t.GetProperty("url").GetString()!));
        foreach (var url in urls)
        {
            var response = await seed.App.GetAbsoluteAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task DraftsAreNotInTheFeed()
    {
        var response = await seed.App.PostTextAsync("Unpublished draft headline\n\nA draft paragraph that must never reach devices.", publish: false);
        response.EnsureSuccessStatusCode();
        var feed = await seed.App.CreateClient().GetStringAsync($"/channels/{TvNewsApp.ChannelId}/feeds/roku.json");
        Assert.DoesNotContain("Unpublished draft headline", feed);
    }

    [Fact]
    public async Task AnUnknownChannelFeedIs404ProblemDetails()
    {
        var response = await seed.App.CreateClient().GetAsync("/channels/nope/feeds/roku.json");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheChannelListLinksFeedAndPackage()
    {
        using var doc = JsonDocument.Parse(await seed.App.CreateClient().GetStringAsync("/channels"));
        var channel = doc.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == TvNewsApp.ChannelId);
        Assert.Equal("Sample News 24", channel.GetProperty("name").GetString());
        Assert.Equal("en", channel.GetProperty("language").GetString());
        Assert.Equal("http://tv.test/channels/sample-news/feeds/roku.json", channel.GetProperty("feedUrl").GetString());
        Assert.Equal("http://tv.test/channels/sample-news/package.zip", channel.GetProperty("packageUrl").GetString());
    }

    [Fact]
    public void TheAppsFeedParserInTheBrsInterpreterYieldsThePublishedStoryAndItsVideo()
    {
        var output = TvNews.Core.Tests.Roku.RokuToolchain.RunFeedParserOnText(seed.FeedJson);
        Assert.Contains("RESULT|true|", output);
        var items = output.Split('\n').Where(l => l.StartsWith("ITEM|", StringComparison.Ordinal)).Select(l => l.Split('|')).ToList();
        // The live channel (issue 8) is the app's live row, first; then the one published story.
        var distinct = items.DistinctBy(i => i[1]).ToList();
        Assert.Equal(2, distinct.Count);
        var live = distinct[0];
        Assert.Equal("sample-news-live", live[1]);
        Assert.Equal("http://tv.test/channels/sample-news/live/index.m3u8", live[3]);
        Assert.Equal("hls", live[4]);
        var story = distinct[1];
        Assert.Equal(seed.Story.Id.ToString("N"), story[1]);
        Assert.Equal(seed.Story.Article.Headline, story[2]);
        Assert.Equal(seed.Story.Media!.Hls, story[3]);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    private static partial Regex IsoDateTime();
}
