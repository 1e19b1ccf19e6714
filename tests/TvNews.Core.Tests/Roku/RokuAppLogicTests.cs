using System.Text.Json;
using System.Text.Json.Nodes;

namespace TvNews.Core.Tests.Roku;

/// <summary>
/// The app's plain BrightScript functions (FeedParser, Changes, DeepLink, Bookmarks, Strings, Layout, ContentBuilder)
/// run in the brs interpreter through tools/roku/harness/app_harness.brs. The server's side of the same functions runs
/// against a live TvNews server in TvNews.Api.Tests' RokuAppLiveServerTests.
/// </summary>
public sealed class RokuAppLogicTests
{
    private static string Fixture => File.ReadAllText(RokuAppToolchainTests.FixtureFeed);

    private static string[] Run(object scenario, string? feed = null, string? registryFile = null, bool allowStderr = false) =>
        RokuToolchain.RunHarness(JsonSerializer.Serialize(scenario), feed, registryFile, allowStderr);

    private static string FeedWithout(string property, string? feed = null)
    {
        var json = JsonNode.Parse(feed ?? Fixture)!.AsObject();
        json.Remove(property);
        return json.ToJsonString();
    }

    // ---- Feed: rows, hero, live, captions, trick play ------------------------------------------------

    [Fact]
    public void TheLiveRowComesFirstAndOnlyWhenTheFeedHasLiveFeeds()
    {
        var withLive = RokuToolchain.RunFeedParserOnText(Fixture).Split('\n');
        Assert.Equal("LIVE|tvnews-test-live|TvNews Test Channel Live|https://cdn.example.org/channels/tvnews-test/live/index.m3u8|hls", withLive[2]);
        Assert.Equal("ROW|live||1", withLive.First(l => l.StartsWith("ROW|", StringComparison.Ordinal)));

        var withoutLive = RokuToolchain.RunFeedParserOnText(FeedWithout("liveFeeds")).Split('\n');
        Assert.DoesNotContain(withoutLive, l => l.StartsWith("LIVE|", StringComparison.Ordinal) || l.StartsWith("ROW|live", StringComparison.Ordinal));
        Assert.Equal("ROW|category|Top Stories|2", withoutLive.First(l => l.StartsWith("ROW|", StringComparison.Ordinal)));
    }

    [Fact]
    public void AFeedWithOnlyALiveStreamStillOpensTheHomeScreen()
    {
        var live = JsonNode.Parse(Fixture)!["liveFeeds"]!.ToJsonString();
        var lines = RokuToolchain.RunFeedParserOnText($$"""{"providerName": "x", "liveFeeds": {{live}}}""").Split('\n');

        Assert.Equal("RESULT|true||", lines[0]);
        Assert.Equal(["ROW|live||1"], lines.Where(l => l.StartsWith("ROW|", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith("HERO|", StringComparison.Ordinal));
    }

    [Fact]
    public void TheHeroIsTheBreakingStoryWhenThereIsOneElseTheTopStoryOfTheFirstRow()
    {
        Assert.Contains("HERO|story-0002|true", RokuToolchain.RunFeedParserOnText(Fixture).Split('\n'));

        // Without the breaking playlist: the first story of the first story row (Top Stories, the rundown).
        var json = JsonNode.Parse(Fixture)!.AsObject();
        json["playlists"] = JsonNode.Parse("""[{"name": "rundown", "itemIds": ["story-0003", "story-0001"]}]""");
        Assert.Contains("HERO|story-0003|false", RokuToolchain.RunFeedParserOnText(json.ToJsonString()).Split('\n'));
    }

    [Fact]
    public void AStoryInNoCategoryRowIsReachableThroughTheAllStoriesRow()
    {
        var json = JsonNode.Parse(Fixture)!.AsObject();
        json["categories"] = JsonNode.Parse("""[{"name": "Politics", "query": "politics", "order": "most_recent"}]""");
        var lines = RokuToolchain.RunFeedParserOnText(json.ToJsonString()).Split('\n');

        Assert.Equal(["ROW|live||1", "ROW|category|Politics|1", "ROW|all||3"], lines.Where(l => l.StartsWith("ROW|", StringComparison.Ordinal)));
    }

    [Fact]
    public void HlsGetsSideLoadedSrtAndMp4GetsTtmlOneTrackPerLanguageWithIso6392Codes()
    {
        var lines = RokuToolchain.RunFeedParserOnText(Fixture).Split('\n');
        string[] Subs(string id) => lines.Where(l => l.StartsWith($"SUB|{id}|", StringComparison.Ordinal)).ToArray();

        // story-0001 is HLS with VTT, TTML and SRT files: one English track, the SRT (the playlist carries its own WebVTT).
        Assert.Equal(["SUB|story-0001|eng|https://cdn.example.org/stories/story-0001/captions.en.srt|CC (en)"], Subs("story-0001"));
        Assert.Equal(
        [
            "SUB|story-0002|eng|https://cdn.example.org/stories/story-0002/captions.en.srt|CC (en)",
            "SUB|story-0002|fre|https://cdn.example.org/stories/story-0002/captions.fr.srt?v=2|Subtitles (fr)",
        ], Subs("story-0002"));
        // story-0003 is MP4 only: TTML, the external format Roku documents for MP4.
        Assert.Equal(["SUB|story-0003|eng|https://cdn.example.org/stories/story-0003/captions.en.ttml|CC (en)"], Subs("story-0003"));
        Assert.Contains("CAPTION|story-0001|https://cdn.example.org/stories/story-0001/captions.en.vtt|en|vtt", lines);
    }

    [Fact]
    public void TheContentNodesCarryStreamPosterLengthCaptionFlagAndEveryBifQuality()
    {
        var lines = Run(new { kind = "content", language = "en", rtl = false }, Fixture);

        Assert.Equal("CROW|Live TV|1", lines[0]);
        Assert.Equal("CITEM|0|tvnews-test-live|TvNews Test Channel Live|https://cdn.example.org/channels/tvnews-test/live/index.m3u8|hls|true|0|||||false|https://cdn.example.org/channels/tvnews-test/live/poster.jpg", lines[1]);
        var story1 = lines.First(l => l.StartsWith("CITEM|1|story-0001|", StringComparison.Ordinal)).Split('|');
        Assert.Equal(["https://cdn.example.org/stories/story-0001/master.m3u8", "hls", "false", "74"], story1[4..8]);
        // Only an HD BIF: it stands in for FHD and SD.
        var hdBif = "https://cdn.example.org/stories/story-0001/trickplay-hd.bif";
        Assert.Equal([hdBif, hdBif, hdBif], story1[8..11]);
        Assert.Equal("true", story1[12]);
        // SD and FHD BIFs and no HD: HD falls back to FHD, each quality keeps its own file.
        var story3 = lines.First(l => l.StartsWith("CITEM|1|story-0003|", StringComparison.Ordinal)).Split('|');
        Assert.Equal(["https://cdn.example.org/stories/story-0003/trickplay-fhd.bif", "https://cdn.example.org/stories/story-0003/trickplay-fhd.bif",
            "https://cdn.example.org/stories/story-0003/trickplay-sd.bif"], story3[8..11]);
        var story2 = lines.First(l => l.StartsWith("CITEM|3|story-0002|", StringComparison.Ordinal)).Split('|');
        Assert.Equal(["", "", ""], story2[8..11]);
    }

    [Fact]
    public void ARightToLeftChannelGetsItsRowTitlesInItsLanguageAndEachRowReversed()
    {
        var lines = Run(new { kind = "content", language = "fa", rtl = true }, Fixture);

        Assert.Equal("CROW|پخش زنده|1", lines[0]);
        var top = Array.IndexOf(lines, "CROW|Top Stories|2");
        Assert.True(top > 0, string.Join('\n', lines));
        Assert.StartsWith("CITEM|1|story-0001|", lines[top + 1], StringComparison.Ordinal);
        Assert.StartsWith("CITEM|1|story-0003|", lines[top + 2], StringComparison.Ordinal);
    }

    [Fact]
    public void AStoryPastItsValidityPeriodEndIsDroppedOnceTheClockPassesIt()
    {
        var json = JsonNode.Parse(Fixture)!.AsObject();
        json["shortFormVideos"]![0]!["content"]!["validityPeriodEnd"] = "2026-03-05T12:00:00+01:00";
        var ends = new DateTimeOffset(2026, 3, 5, 11, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var feed = json.ToJsonString();

        var before = Run(new { kind = "feedAt", now = ends - 1, isoTexts = new[] { "2026-03-05T12:00:00+01:00", "2026-03-05T11:00:00Z", "2026-03-05T06:00:00-05:00", "2026-03-05T11:00:00.250Z", "soon" } }, feed);
        Assert.Contains("STORY|story-0001", before);
        Assert.Equal([$"ISO|2026-03-05T12:00:00+01:00|{ends}", $"ISO|2026-03-05T11:00:00Z|{ends}", $"ISO|2026-03-05T06:00:00-05:00|{ends}",
            $"ISO|2026-03-05T11:00:00.250Z|{ends}", "ISO|soon|0"], before.Where(l => l.StartsWith("ISO|", StringComparison.Ordinal)));

        var after = Run(new { kind = "feedAt", now = ends, isoTexts = Array.Empty<string>() }, feed);
        Assert.Equal(["STORY|story-0002", "STORY|story-0003"], after.Where(l => l.StartsWith("STORY|", StringComparison.Ordinal)));
    }

    // ---- Live updates --------------------------------------------------------------------------------

    /// <summary>A long-poll answer in the server's exact shape (LongPollTests pins it).</summary>
    private static string Answer(long lastSeq, bool resync = false, params object[] events) =>
        JsonSerializer.Serialize(new { channelId = "sample-news", lastSeq, resyncRequired = resync, events }, JsonSerializerOptions.Web);

    private static object Event(long seq, string type, object data) => new { seq, type, at = "2026-03-02T08:30:00+00:00", data };

    [Fact]
    public void ChangeHandlingTurnsLongPollAnswersIntoBannerRemovalAndOneRefetchEach()
    {
        var steps = new object[]
        {
            new { code = 200, body = Answer(5) },
            new { code = 200, body = Answer(5) },
            new { code = 200, body = Answer(7, false, Event(6, "BreakingNewsStarted", new { channelId = "sample-news", id = "b1", headline = "Quake hits the coast", storyId = "s9", startedAt = "x", expiresAt = "y", seq = 6 }),
                Event(7, "FeedUpdated", new { channelId = "sample-news", feedVersion = 3, seq = 7 })) },
            new { code = 200, body = Answer(9, false, Event(6, "FeedUpdated", new { feedVersion = 3 }), Event(8, "StoryPublished", new { storyId = "s10", title = "t", feedVersion = 4 }),
                Event(9, "StoryUpdated", new { storyId = "s10", title = "t", feedVersion = 5 })) },
            new { code = 200, body = Answer(12, false, Event(11, "StoryRetracted", new { storyId = "s4", feedVersion = 6 }), Event(12, "BreakingNewsEnded", new { id = "b1", headline = "Quake hits the coast" })) },
            new { code = 200, body = Answer(13, false, Event(13, "StoryExpired", new { storyId = "s5", title = "t", feedVersion = 7 })) },
            new { code = 200, body = Answer(14, false, Event(14, "SomethingNew", new { })) },
            new { code = 503, body = "{\"title\": \"down\"}" },
            new { code = 200, body = "<html>proxy error</html>" },
            new { code = 200, body = Answer(40, true) },
            new { code = 200, body = Answer(43) },
        };
        var lines = Run(new { kind = "changes", steps }, allowStderr: true);

        Assert.Equal(
        [
            "STEP|0|true|5|", "ACTION|0|refetch|position",
            "STEP|1|true|5|",
            "STEP|2|true|7|b1", "ACTION|2|showBreaking|b1|Quake hits the coast|s9", "ACTION|2|refetch|events",
            "STEP|3|true|9|b1", "ACTION|3|refetch|events",
            "STEP|4|true|12|", "ACTION|4|removeStory|s4", "ACTION|4|hideBreaking|b1", "ACTION|4|refetch|gap",
            "STEP|5|true|13|", "ACTION|5|removeStory|s5", "ACTION|5|refetch|events",
            "STEP|6|true|14|",
            "STEP|7|false|14|",
            "STEP|8|false|14|",
            "STEP|9|true|40|", "ACTION|9|refetch|resync",
            "STEP|10|true|43|", "ACTION|10|refetch|gap",
        ], lines.Where(l => l.StartsWith("STEP|", StringComparison.Ordinal) || l.StartsWith("ACTION|", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheLongPollBacksOffFromTwoSecondsToAMinuteAndAsksFromTheLastSeq()
    {
        var lines = Run(new { kind = "changes", steps = Array.Empty<object>() });

        Assert.Equal(["BACKOFF|0|0", "BACKOFF|1|2000", "BACKOFF|2|4000", "BACKOFF|3|8000", "BACKOFF|5|32000", "BACKOFF|6|60000", "BACKOFF|10|60000"],
            lines.Where(l => l.StartsWith("BACKOFF|", StringComparison.Ordinal)));
        Assert.Equal(["URL|http://tv.test/channels/x/changes", "URL|http://tv.test/channels/x/changes?since=42&wait=25"],
            lines.Where(l => l.StartsWith("URL|", StringComparison.Ordinal)));
    }

    // ---- Deep links ----------------------------------------------------------------------------------

    [Fact]
    public void DeepLinksPlayAKnownStoryOrTheLiveStreamAndSendAnythingElseHome()
    {
        var cases = new object[]
        {
            new { contentId = "story-0002", mediaType = "shortFormVideo", source = "hs-search" },
            new Dictionary<string, string> { ["contentid"] = "STORY-0001", ["mediatype"] = "SHORTFORMVIDEO" },
            new { contentId = "tvnews-test-live", mediaType = "live" },
            new { contentId = "tvnews-test-live", mediaType = "shortFormVideo" },
            new { contentId = "story-0002", mediaType = "live" },
            new { contentId = "no-such-story", mediaType = "shortFormVideo" },
            new { contentId = "story-0002", mediaType = "series" },
            new { contentId = "story-0002" },
            new { mediaType = "shortFormVideo" },
            new { contentId = "story-0003", mediaType = "movie" },
            new { contentId = "  story-0003 ", mediaType = "episode" },
        };
        var lines = Run(new { kind = "deeplink", cases }, Fixture);

        Assert.Equal(
        [
            "ROUTE|0|play|story-0002|", "ROUTE|1|play|story-0001|", "ROUTE|2|live|tvnews-test-live|",
            "ROUTE|3|home||unknownId", "ROUTE|4|home||unknownId", "ROUTE|5|home||unknownId", "ROUTE|6|home||mediaType",
            "ROUTE|7|home||mediaType", "ROUTE|8|home||none", "ROUTE|9|play|story-0003|", "ROUTE|10|play|story-0003|",
        ], lines.Where(l => l.StartsWith("ROUTE|", StringComparison.Ordinal)));
    }

    [Fact]
    public void ADeepLinkBeforeAnyFeedOrIntoAFeedWithoutLiveOpensHome()
    {
        var cases = new object[] { new { contentId = "story-0002", mediaType = "shortFormVideo" } };
        Assert.Contains("ROUTE|0|home||noFeed", Run(new { kind = "deeplink", cases, noFeed = true }, Fixture));

        var live = new object[] { new { contentId = "tvnews-test-live", mediaType = "live" } };
        Assert.Contains("ROUTE|0|home||unknownId", Run(new { kind = "deeplink", cases = live }, FeedWithout("liveFeeds")));
    }

    // ---- Bookmarks -----------------------------------------------------------------------------------

    [Fact]
    public void BookmarksResumeMidStoryForgetTheStartAndTheEndAndExpireAfterNinetyDays()
    {
        const int day = 24 * 3600;
        var ops = new object[]
        {
            new { op = "read", id = "a", now = 1000 },
            new { op = "write", id = "a", position = 45, duration = 300, now = 1000 },
            new { op = "read", id = "a", now = 1000 + (30 * day) },
            new { op = "read", id = "a", now = 1000 + (91 * day) },
            new { op = "write", id = "a", position = 5, duration = 300, now = 2000 },
            new { op = "has", id = "a" },
            new { op = "write", id = "b", position = 280, duration = 300, now = 2000 },
            new { op = "write", id = "b", position = 291, duration = 300, now = 2000 },
            new { op = "has", id = "b" },
            new { op = "write", id = "long", position = 3300, duration = 3600, now = 2000 },
            new { op = "write", id = "long", position = 3450, duration = 3600, now = 2000 },
            new { op = "raw", id = "c", value = "not|a|bookmark" },
            new { op = "read", id = "c", now = 2000 },
            new { op = "write", id = "d", position = 60, duration = 0, now = 2000 },
            new { op = "has", id = "c" },
            new { op = "read", id = "d", now = 2000 },
        };
        var lines = Run(new { kind = "bookmarks", ops }, registryFile: Path.Combine(Path.GetTempPath(), $"tvnews-registry-{Guid.NewGuid():N}.json"));

        Assert.Equal(
        [
            "BOOKMARK|0|read|0", "BOOKMARK|1|write|true", "BOOKMARK|2|read|45", "BOOKMARK|3|read|0",
            "BOOKMARK|4|write|false", "BOOKMARK|5|has|false",
            "BOOKMARK|6|write|true", "BOOKMARK|7|write|false", "BOOKMARK|8|has|false",
            "BOOKMARK|9|write|true", "BOOKMARK|10|write|false",
            "BOOKMARK|11|raw|ok", "BOOKMARK|12|read|0", "BOOKMARK|13|write|true", "BOOKMARK|14|has|false", "BOOKMARK|15|read|60",
        ], lines.Where(l => l.StartsWith("BOOKMARK|", StringComparison.Ordinal)));
    }

    [Fact]
    public void BookmarksSurviveARestartAndTheRegistryKeepsAtMostAHundred()
    {
        var registry = Path.Combine(Path.GetTempPath(), $"tvnews-registry-{Guid.NewGuid():N}.json");
        try
        {
            var writes = Enumerable.Range(0, 105).Select(i => (object)new { op = "write", id = $"story-{i:D3}", position = 30 + i, duration = 600, now = 10_000 + i }).ToList();
            writes.Add(new { op = "count" });
            var first = Run(new { kind = "bookmarks", ops = writes }, registryFile: registry);
            Assert.Equal("BOOKMARK|105|count|100", first.Single(l => l.Contains("|count|", StringComparison.Ordinal)));

            // A second run (the app started again) reads what the first flushed; the five oldest were dropped.
            var reads = new object[]
            {
                new { op = "read", id = "story-000", now = 20_000 },
                new { op = "read", id = "story-004", now = 20_000 },
                new { op = "read", id = "story-005", now = 20_000 },
                new { op = "read", id = "story-104", now = 20_000 },
            };
            Assert.Equal(["BOOKMARK|0|read|0", "BOOKMARK|1|read|0", "BOOKMARK|2|read|35", "BOOKMARK|3|read|134"],
                Run(new { kind = "bookmarks", ops = reads }, registryFile: registry).Where(l => l.StartsWith("BOOKMARK|", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(registry);
        }
    }

    // ---- Strings -------------------------------------------------------------------------------------

    [Fact]
    public void EveryStringTableHasEveryKeyAndTheChannelManifestsLanguagesAllHaveOne()
    {
        var lines = Run(new { kind = "strings", languages = new[] { "de", "fa-IR" } });
        var tables = lines.Where(l => l.StartsWith("TABLE|", StringComparison.Ordinal)).Select(l => l.Split('|')).ToList();
        var languages = tables.Select(t => t[1]).ToList();
        Assert.Equal(["en", "ar", "fa", "es", "fr", "de", "fa-IR"], languages);
        // An unknown language falls back to English; a tag to its language.
        Assert.Equal(["de", "en", "ltr"], tables.Single(t => t[1] == "de")[1..]);
        Assert.Equal(["fa-IR", "fa", "rtl"], tables.Single(t => t[1] == "fa-IR")[1..]);
        Assert.Equal("rtl", tables.Single(t => t[1] == "ar")[3]);

        var strings = lines.Where(l => l.StartsWith("STRINGS|", StringComparison.Ordinal)).Select(l => l.Split('|')).ToList();
        var englishKeys = strings.Where(s => s[1] == "en").Select(s => s[2]).ToList();
        Assert.True(englishKeys.Count >= 20, string.Join(',', englishKeys));
        foreach (var language in new[] { "ar", "fa", "es", "fr" })
        {
            var table = strings.Where(s => s[1] == language).ToDictionary(s => s[2], s => s[3..]);
            Assert.Equal(englishKeys, table.Keys);
            Assert.All(table, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value[0]), $"{language}.{kv.Key} is empty"));
            var english = strings.Where(s => s[1] == "en").ToDictionary(s => s[2], s => s[3..]);
            // Translated, not copied: every sentence differs from English; placeholders survive translation.
            foreach (var key in new[] { "loading", "errorUnreachable", "errorEmpty", "retry", "play", "resume", "allStories", "unavailable" })
                Assert.NotEqual(english[key][0], table[key][0]);
            Assert.Contains("{time}", table["resume"][0], StringComparison.Ordinal);
            Assert.Equal("12", table["months"][0]);
        }
        Assert.Equal(["12", "يناير", "ديسمبر"], strings.Single(s => s[1] == "ar" && s[2] == "months")[3..]);

        // Every channel in channel-manifests/ speaks a language with its own table.
        foreach (var file in Directory.GetFiles(Path.Combine(RokuToolchain.RepoRoot, "channel-manifests"), "*.json"))
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var language = manifest.RootElement.GetProperty("language").GetString()!;
            Assert.Equal(language, tables.Single(t => t[1] == language)[2]);
        }
    }

    [Fact]
    public void DatesDurationsAndMessagesAreWrittenTheChannelLanguagesWay()
    {
        var lines = Run(new { kind = "strings", languages = Array.Empty<string>() });

        Assert.Contains("DATE|en|March 1, 2026|December 31, 2026|", lines);
        Assert.Contains("DATE|ar|1 مارس 2026|31 ديسمبر 2026|", lines);
        Assert.Contains("DATE|fa|1 مارس 2026|31 دسامبر 2026|", lines);
        Assert.Contains("DATE|es|1 de marzo de 2026|31 de diciembre de 2026|", lines);
        Assert.Contains("DATE|fr|1 mars 2026|31 décembre 2026|", lines);
        Assert.Contains("META|en|March 1, 2026 · 1:14|", lines);
        Assert.Equal(["DURATION|0|", "DURATION|5|0:05", "DURATION|74|1:14", "DURATION|600|10:00", "DURATION|3599|59:59", "DURATION|3723|1:02:03"],
            lines.Where(l => l.StartsWith("DURATION|", StringComparison.Ordinal)));
        Assert.Contains("ERRORMSG|fa|tooLarge|فهرست خبرها برای بارگذاری بیش از حد بزرگ است.", lines);
        Assert.Contains("ERRORMSG|en|timeout|We can't reach the news service right now.", lines);
        Assert.Contains("ERRORMSG|en|noStories|There are no stories yet. Please check back soon.", lines);
        Assert.Equal(["ISO|en|eng", "ISO|en-US|eng", "ISO|ar|ara", "ISO|fa|per", "ISO|fa-IR|per", "ISO|fr|fre", "ISO|he|heb", "ISO|ur|urd"],
            lines.Where(l => l.StartsWith("ISO|", StringComparison.Ordinal)));
        Assert.Equal(["COLOR|#0B1F3A|0x0B1F3AFF", "COLOR|#d62828|0xD62828FF", "COLOR|red|fallback", "COLOR|#12345|fallback", "COLOR|#GGGGGG|fallback"],
            lines.Where(l => l.StartsWith("COLOR|", StringComparison.Ordinal)));
    }

    [Fact]
    public void TheAppAndTheSlidesAgreeOnWhichLanguagesAreRightToLeft()
    {
        var lines = Run(new { kind = "strings", languages = new[] { "he", "ur", "ru", "zh", "tr" } });
        foreach (var table in lines.Where(l => l.StartsWith("TABLE|", StringComparison.Ordinal)).Select(l => l.Split('|')))
            Assert.Equal(TvNews.Core.Articles.TextDirection.For(table[1].Split('-')[0]), table[3]);
    }

    // ---- Layout --------------------------------------------------------------------------------------

    private sealed record Box(int X, int Y, int W, int H)
    {
        public bool Inside(Box outer) => X >= outer.X && Y >= outer.Y && X + W <= outer.X + outer.W && Y + H <= outer.Y + outer.H;
    }

    private static Dictionary<(int Width, string Dir), Dictionary<string, Box>> Layouts()
    {
        var lines = Run(new { kind = "layout", sizes = new[] { new[] { 1920, 1080 }, new[] { 1280, 720 } } });
        return lines.Where(l => l.StartsWith("BOX|", StringComparison.Ordinal)).Select(l => l.Split('|'))
            .GroupBy(p => (int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), p[2]))
            .ToDictionary(g => g.Key, g => g.ToDictionary(p => p[3], p => new Box(Int(p[4]), Int(p[5]), Int(p[6]), Int(p[7]))));

        static int Int(string s) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly string[] TextBoxes =
    [
        "channelname", "herotitle", "herometa", "herodescription", "herobadge", "rows", "detailstitle", "detailsmeta",
        "detailsdescription", "detailsbuttons", "detailsposter", "message", "retry", "logo", "heroposter",
    ];

    [Fact]
    public void EveryTextBoxSitsInsideTitleSafeAtFhdAndHdInBothDirections()
    {
        var layouts = Layouts();
        var safe = new Dictionary<int, Box> { [1920] = new(192, 106, 1534, 866), [1280] = new(128, 70, 1022, 578) };
        var action = new Dictionary<int, Box> { [1920] = new(96, 53, 1726, 970), [1280] = new(64, 35, 1150, 646) };
        Assert.Equal(4, layouts.Count);
        foreach (var ((width, dir), boxes) in layouts)
        {
            Assert.Equal(safe[width], boxes["safe"]);
            foreach (var name in TextBoxes.Where(boxes.ContainsKey))
                Assert.True(boxes[name].Inside(safe[width]), $"{width} {dir} {name} {boxes[name]} is outside title safe {safe[width]}");
            foreach (var name in new[] { "banner", "bannerlabel", "bannertext", "herofocus" })
                Assert.True(boxes[name].Inside(action[width]), $"{width} {dir} {name} {boxes[name]} is outside action safe");
        }
    }

    [Fact]
    public void HdIsFhdScaledByTwoThirdsInWholePixelsAndRightToLeftMirrorsEveryBox()
    {
        var layouts = Layouts();
        foreach (var dir in new[] { "ltr", "rtl" })
        {
            foreach (var (name, fhd) in layouts[(1920, dir)])
            {
                var hd = layouts[(1280, dir)][name];
                if (name == "safe") continue; // Roku's own numbers
                Assert.True(fhd.X % 3 == 0 && fhd.Y % 3 == 0 && fhd.W % 3 == 0 && fhd.H % 3 == 0, $"{name} {fhd} is not on the 3-pixel grid");
                Assert.Equal(new Box(fhd.X * 2 / 3, fhd.Y * 2 / 3, fhd.W * 2 / 3, fhd.H * 2 / 3), hd);
            }
        }
        var ltr = layouts[(1920, "ltr")];
        var rtl = layouts[(1920, "rtl")];
        Assert.Equal(ltr["heroposter"] with { X = 1920 - ltr["heroposter"].X - ltr["heroposter"].W }, rtl["heroposter"]);
        Assert.Equal(ltr["herotitle"] with { X = 1920 - ltr["herotitle"].X - ltr["herotitle"].W }, rtl["herotitle"]);
        Assert.True(rtl["heroposter"].X > rtl["herotitle"].X, "right to left, the hero's picture is on the right of its text");
        Assert.Equal(ltr["rows"], rtl["rows"]);
    }

    // ---- Focus after a refresh -----------------------------------------------------------------------

    [Fact]
    public void ARefreshKeepsFocusOnTheSameStoryWhereverItMoved()
    {
        var before = new[] { new[] { "live:", "L" }, new[] { "category:Top", "a", "b", "c" }, new[] { "category:Sport", "d", "e" } };
        var cases = new object[]
        {
            new { old = before, focused = new[] { 1, 2 }, @new = new[] { new[] { "live:", "L" }, new[] { "category:Top", "n", "a", "b", "c" }, new[] { "category:Sport", "d", "e" } } },
            new { old = before, focused = new[] { 2, 1 }, @new = new[] { new[] { "category:Top", "a" }, new[] { "category:Sport", "e" } } },
            new { old = before, focused = new[] { 1, 1 }, @new = new[] { new[] { "category:Top", "c" }, new[] { "all:", "x", "b" } } },
            new { old = before, focused = new[] { 2, 1 }, @new = new[] { new[] { "category:Top", "a", "b" } } },
            new { old = before, focused = new[] { 1, 2 }, @new = Array.Empty<string[]>() },
        };
        Assert.Equal(["FOCUS|0|1|3", "FOCUS|1|1|0", "FOCUS|2|1|1", "FOCUS|3|0|1", "FOCUS|4|0|0"],
            Run(new { kind = "focus", cases }).Where(l => l.StartsWith("FOCUS|", StringComparison.Ordinal)));
    }
}
