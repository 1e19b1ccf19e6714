using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using TvNews.Core.Feeds;

namespace TvNews.Core.Tests.Feeds;

/// <summary>search.json against Roku's own Search feed 2.0 schema (copied as test data, see RokuSearchSchema/PROVENANCE.md).</summary>
public sealed partial class SearchFeedBuilderTests
{
    private static readonly string SchemaFolder = Path.Combine(RepoPaths.Root, "tests", "TvNews.Core.Tests", "Feeds", "RokuSearchSchema");
    private static readonly Uri PublicBase = new("https://tv.example.org/");
    private static readonly Uri MediaBase = new("https://tv.example.org/media/");
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static JsonObject SchemaNode() => JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFolder, "schema.json")))!.AsObject();

    private static JsonSchema BuildSchema(JsonObject node, string name) =>
        JsonSchema.Build(JsonSerializer.SerializeToElement(node), new BuildOptions { SchemaRegistry = new() }, new Uri($"https://tvnews.test/roku-search/{name}.json"));

    /// <summary>The schema as Roku publishes it.</summary>
    private static readonly JsonSchema Upstream = BuildSchema(SchemaNode(), "upstream");

    /// <summary>
    /// The schema with its known defect fixed: definitions.media.properties.videos.items points <c>quality</c> at
    /// video_type and <c>videoType</c> at video_quality_type (swapped; roku-specs.md 2.2). The fix lives here, in
    /// the test, so the checked-in file stays Roku's verbatim and our output is never bent to fit the typo.
    /// </summary>
    private static readonly JsonSchema Patched = BuildSchema(PatchVideoEnums(SchemaNode()), "patched");

    private static JsonObject PatchVideoEnums(JsonObject schema)
    {
        var video = schema["definitions"]!["media"]!["properties"]!["videos"]!["items"]!["properties"]!;
        Assert.Equal("#/definitions/video_type", (string?)video["quality"]!["$ref"]);
        Assert.Equal("#/definitions/video_quality_type", (string?)video["videoType"]!["$ref"]);
        video["quality"]!["$ref"] = "#/definitions/video_quality_type";
        video["videoType"]!["$ref"] = "#/definitions/video_type";
        return schema;
    }

    /// <summary>Why the feed fails, one line per failing keyword; empty when it is valid.</summary>
    private static IReadOnlyList<string> Errors(JsonSchema schema, JsonNode feed)
    {
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(feed), new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (results.IsValid) return [];
        var errors = new List<string>();
        Collect(results);
        return errors;

        // Only down failing branches, and not into an "if" (a false condition is no error) or the alternatives of a
        // oneOf/anyOf (one of them failing is how they work).
        void Collect(EvaluationResults node)
        {
            var before = errors.Count;
            foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
                errors.Add($"{node.InstanceLocation} ({node.EvaluationPath}) {keyword}: {message}");
            foreach (var child in node.Details ?? [])
                if (!child.IsValid && !Alternative().IsMatch(child.EvaluationPath.ToString())) Collect(child);
            // A failing "not" leaves no message of its own.
            if (errors.Count == before) errors.Add($"{node.InstanceLocation} ({node.EvaluationPath}) fails");
        }
    }

    private static void AssertValid(JsonSchema schema, JsonNode feed)
    {
        var errors = Errors(schema, feed);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static PublishedStory Story(string id, DateTimeOffset at, string title = "Ceasefire talks resume in Doha") => new()
    {
        Id = id,
        Title = title,
        Paragraphs = [new string('a', 150) + " " + new string('b', 150), "Second paragraph " + new string('c', 400)],
        Section = "World news & politics",
        Category = "Middle East",
        Language = "en",
        PublishedAt = at,
        DurationSeconds = 47.6,
        Media = new StoryMedia($"stories/{id}/r1/video.mp4", $"stories/{id}/r1/hls/master.m3u8", $"stories/{id}/r1/thumbnail.jpg",
            $"stories/{id}/r1/captions.srt", $"stories/{id}/r1/captions.vtt", 2100, 1080, []),
    };

    private static FeedInput Input(IReadOnlyList<PublishedStory> stories, string? firstStoryId = null, TvNews.Core.Channels.ChannelManifest? channel = null) =>
        new(channel ?? TestData.SampleChannel, stories, PublicBase, MediaBase, Now, 7, firstStoryId);

    private static JsonObject Build(FeedInput input) => JsonNode.Parse(SearchFeedBuilder.Serialize(SearchFeedBuilder.Build(input)))!.AsObject();

    private static JsonObject BuildOne(PublishedStory story) => Build(Input([story]));

    [Fact]
    public void TheFeedIsValidAgainstRokusSearchFeedSchema()
    {
        var stories = new[]
        {
            Story("0123456789abcdef0123456789abcdef", Now.AddHours(-1)) with { ExpireAt = Now.AddDays(2) },
            Story("b2", Now.AddHours(-2), title: string.Concat(Enumerable.Repeat("Very long headline \U0001F600 ", 20))),
            Story("b3", Now.AddHours(-3)) with { Language = "en-US", Paragraphs = [], Section = null, Category = null },
        };
        var feed = Build(Input(stories));

        AssertValid(Patched, feed);
        AssertValid(Upstream, feed);
    }

    [Theory]
    [InlineData("simple-feed-example.json")]
    [InlineData("advanced-feed-example.json")]
    public void RokusOwnExampleFeedsAreValidAgainstThePatchedSchema(string file)
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFolder, file)))!;
        AssertValid(Patched, example);
    }

    [Fact]
    public void ThePatchAcceptsCorrectVideoEnumsThatTheUpstreamSchemaRejects()
    {
        var feed = BuildOne(Story("m1", Now));
        var asset = feed["assets"]![0]!;
        // TRC-style content.media instead of playOptions (content is oneOf media / playOptions).
        asset["content"] = new JsonObject
        {
            ["media"] = new JsonObject { ["videos"] = new JsonArray(new JsonObject { ["url"] = "https://tv.example.org/v.m3u8", ["quality"] = "hd", ["videoType"] = "hls" }) },
        };

        AssertValid(Patched, feed);
        Assert.NotEmpty(Errors(Upstream, feed));
    }

    public static TheoryData<string, Action<JsonObject>> BrokenFeeds => new()
    {
        { "a 201-character title", f => f["assets"]![0]!["titles"]![0]!["value"] = new string('x', 201) },
        { "a 201-character short description", f => f["assets"]![0]!["shortDescriptions"]![0]!["value"] = new string('x', 201) },
        { "a 501-character long description", f => f["assets"]![0]!["longDescriptions"]![0]!["value"] = new string('x', 501) },
        { "an asset without titles", f => f["assets"]![0]!.AsObject().Remove("titles") },
        { "an asset without an id", f => f["assets"]![0]!.AsObject().Remove("id") },
        { "a feed without a version", f => f.Remove("version") },
        { "a play option without playId", f => f["assets"]![0]!["content"]!["playOptions"]![0]!.AsObject().Remove("playId") },
        { "a free play option with a price", f => f["assets"]![0]!["content"]!["playOptions"]![0]!["price"] = 1.99 },
        { "an unknown genre", f => f["assets"]![0]!["genres"]![0] = "breaking" },
        { "a relative image URL", f => f["assets"]![0]!["images"]![0]!["url"] = "/media/thumbnail.jpg" },
        { "a rating value its source does not know", f => f["assets"]![0]!["advisoryRatings"]![0]!["value"] = "UNRATED" },
    };

    [Theory]
    [MemberData(nameof(BrokenFeeds))]
    public void ABrokenFeedFailsValidation(string what, Action<JsonObject> breakIt)
    {
        var feed = BuildOne(Story("x1", Now));
        AssertValid(Patched, feed);
        breakIt(feed);
        Assert.True(Errors(Patched, feed).Count > 0, $"{what} passed validation");
    }

    [Fact]
    public void TheRootHasVersionOneTheChannelLanguageAndEveryRokuSearchCountry()
    {
        var feed = BuildOne(Story("r1", Now));
        Assert.Equal("1", (string?)feed["version"]);
        Assert.Equal("en", (string?)feed["defaultLanguage"]);
        // The schema's "items": [ ... ] is draft-07 tuple form and checks only the first country, so compare with its enum here.
        var known = SchemaNode()["definitions"]!["country_type"]!["enum"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal(known, SearchFeedBuilder.RokuSearchCountries);
        Assert.Equal(known, feed["defaultAvailabilityCountries"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public void AChannelMayNarrowTheCountriesAndItsLanguageIsLowercaseIso6391()
    {
        var channel = TestData.SampleChannel with
        {
            Language = "es-MX",
            Roku = TestData.SampleChannel.Roku with { SearchCountries = ["mx", "us"] },
        };
        var feed = Build(Input([Story("c1", Now)], channel: channel));
        Assert.Equal("es", (string?)feed["defaultLanguage"]);
        Assert.Equal(["mx", "us"], feed["defaultAvailabilityCountries"]!.AsArray().Select(c => (string)c!));
        AssertValid(Patched, feed);
    }

    [Fact]
    public void TheManifestReadsSearchCountriesAndRefusesOnesRokuSearchDoesNotServe()
    {
        var sample = File.ReadAllText(Path.Combine(RepoPaths.Root, "channel-manifests", "sample-news.json"));
        Assert.Empty(TestData.SampleChannel.Roku.SearchCountries);
        string WithCountries(string list) =>
            sample.Replace("\"splashColor\": \"#0B1F3A\"", $"\"splashColor\": \"#0B1F3A\", \"searchCountries\": [{list}]", StringComparison.Ordinal);

        var (manifest, _) = TvNews.Core.Channels.ChannelManifestReader.Read("sample-news.json", WithCountries("\"gb\", \"ie\""), _ => true, _ => true);
        Assert.Equal(["gb", "ie"], manifest!.Roku.SearchCountries);
        var (none, problems) = TvNews.Core.Channels.ChannelManifestReader.Read("sample-news.json", WithCountries("\"GB\", \"ir\""), _ => true, _ => true);
        Assert.Null(none);
        Assert.Contains(problems, p => p.Contains("roku.searchCountries: 'GB'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("roku.searchCountries: 'ir'", StringComparison.Ordinal));
    }

    [Fact]
    public void EachStoryIsAFreeShortFormAssetThatDeepLinksByTheStoryId()
    {
        const string id = "0123456789abcdef0123456789abcdef";
        var story = Story(id, new DateTimeOffset(2021, 5, 19, 22, 30, 0, TimeSpan.Zero));
        var asset = BuildOne(story)["assets"]![0]!;

        Assert.Equal(id, (string?)asset["id"]);
        Assert.Equal("shortForm", (string?)asset["type"]);
        Assert.Equal("Ceasefire talks resume in Doha", (string?)asset["titles"]![0]!["value"]);
        var shortDescription = (string)asset["shortDescriptions"]![0]!["value"]!;
        var longDescription = (string)asset["longDescriptions"]![0]!["value"]!;
        Assert.InRange(shortDescription.Length, 1, 200);
        Assert.InRange(longDescription.Length, 1, 500);
        Assert.NotEqual(shortDescription, longDescription);
        foreach (var list in new[] { "titles", "shortDescriptions", "longDescriptions", "images" })
            Assert.Equal(["en"], asset[list]![0]!["languages"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("2021-05-19", (string?)asset["releaseDate"]);
        Assert.Equal(["news"], asset["genres"]!.AsArray().Select(g => (string)g!));
        Assert.Equal(RokuFeedBuilder.Tags(story), asset["tags"]!.AsArray().Select(t => (string)t!));
        Assert.All(RokuFeedBuilder.Tags(story), t => Assert.InRange(t.Length, 1, 20));
        Assert.Equal("USA_PR", (string?)asset["advisoryRatings"]![0]!["source"]);
        Assert.Equal("NR", (string?)asset["advisoryRatings"]![0]!["value"]);
        Assert.Equal("main", (string?)asset["images"]![0]!["type"]);
        Assert.Equal($"https://tv.example.org/media/stories/{id}/r1/thumbnail.jpg", (string?)asset["images"]![0]!["url"]);
        Assert.Equal(48, (int)asset["durationInSeconds"]!);

        var play = Assert.Single(asset["content"]!["playOptions"]!.AsArray())!;
        Assert.Equal("free", (string?)play["license"]);
        Assert.Equal("fhd", (string?)play["quality"]);
        Assert.Equal(id, (string?)play["playId"]);
        Assert.Null(play["availabilityEndTime"]);
    }

    [Theory]
    [InlineData(2160, "uhd")]
    [InlineData(1080, "fhd")]
    [InlineData(720, "hd")]
    [InlineData(480, "sd")]
    public void QualityFollowsTheRenderHeight(int height, string quality) => Assert.Equal(quality, SearchFeedBuilder.Quality(height));

    [Fact]
    public void AnExpiringStoryIsAvailableUntilItsExpiryAndALongTitleIsCutTo200()
    {
        var story = Story("e1", Now, title: string.Concat(Enumerable.Repeat("headline ", 40))) with { ExpireAt = new DateTimeOffset(2026, 12, 5, 18, 0, 0, TimeSpan.FromHours(1)) };
        var asset = BuildOne(story)["assets"]![0]!;
        Assert.Equal("2026-12-05T17:00:00+00:00", (string?)asset["content"]!["playOptions"]![0]!["availabilityEndTime"]);
        Assert.InRange(((string)asset["titles"]![0]!["value"]!).Length, 1, 200);
    }

    [Fact]
    public void BreakingNewsComesFirstThenNewestAndTheStoriesAreThoseOfTheAppFeed()
    {
        var stories = Enumerable.Range(0, TestData.SampleChannel.Feed.MaxStories + 20).Select(i => Story($"s{i:000}", Now.AddMinutes(-i))).ToList();
        var feed = Build(Input(stories, firstStoryId: "s100"));
        var ids = feed["assets"]!.AsArray().Select(a => (string)a!["id"]!).ToList();
        Assert.Equal(["s100", "s000", "s001"], ids.Take(3));
        var appFeed = RokuFeedBuilder.Build(Input(stories, firstStoryId: "s100"));
        Assert.Equal(appFeed.ShortFormVideos.Select(v => v.Id), ids);
    }

    [System.Text.RegularExpressions.GeneratedRegex("/(if|oneOf/[0-9]+|anyOf/[0-9]+)$")]
    private static partial System.Text.RegularExpressions.Regex Alternative();
}
