using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using TvNews.Core.Feeds;
using TvNews.Core.Slides;

namespace TvNews.Core.Tests.Feeds;

/// <summary>slides.json against the schema it publishes (slides.schema.json), and what an app drawing slides needs from it.</summary>
public sealed class SlideFeedBuilderTests
{
    private static readonly Uri Base = new("https://tv.example.org/");
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static readonly JsonSchema Schema = JsonSchema.Build(JsonDocument.Parse(SlideFeedBuilder.Schema).RootElement,
        new BuildOptions { SchemaRegistry = new() });

    private static PublishedStory Story(string id, int minute, string title = "Talks resume in Geneva") => new()
    {
        Id = id,
        Title = title,
        Paragraphs = ["Lead paragraph.", "Second paragraph."],
        Section = "News",
        Category = "Russia",
        Language = "en",
        PublishedAt = T0.AddMinutes(minute),
        DurationSeconds = 21.5,
        ExpireAt = T0.AddDays(1),
        Slides =
        [
            new Slide(SlideKind.Title, title, "Russia", null, 5),
            new Slide(SlideKind.Image, "Delegates arrive", "Photo: Reuters", null, 6) { Image = "images/ab/photo.jpg" },
            new Slide(SlideKind.Quote, "We will talk as long as it takes.", null, "Foreign minister", 6),
            new Slide(SlideKind.Outro, "Sample News 24", "World news, around the clock", null, 4),
        ],
        Media = new StoryMedia($"stories/{id}/r1/video.mp4", $"stories/{id}/r1/hls/master.m3u8", $"stories/{id}/r1/thumbnail.jpg",
            $"stories/{id}/r1/captions.srt", $"stories/{id}/r1/captions.vtt", 2100, 1080,
            Enumerable.Range(1, 4).Select(i => $"stories/{id}/r1/slides/{i:00}.png").ToList())
        {
            Slide720Paths = Enumerable.Range(1, 4).Select(i => $"stories/{id}/r1/slides-720/{i:00}.jpg").ToList(),
            SlideSeconds = [5.5, 6, 6, 4],
        },
    };

    private static FeedInput Input(IReadOnlyList<PublishedStory> stories, BreakingTicker? breaking = null) =>
        new(TestData.SampleChannel, stories, Base, new Uri(Base, "media/"), T0, 42, breaking?.StoryId, breaking);

    private static JsonNode Feed(FeedInput input) => JsonNode.Parse(SlideFeedBuilder.Serialize(SlideFeedBuilder.Build(input)))!;

    private static IReadOnlyList<string> Errors(JsonNode feed)
    {
        var results = Schema.Evaluate(JsonSerializer.SerializeToElement(feed), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid ? [] : (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).ToList();
    }

    [Fact]
    public void TheFeedIsValidAgainstItsPublishedSchemaWithAndWithoutBreakingNews()
    {
        var stories = new[] { Story("a1", 1), Story("b2", 2) };
        foreach (var input in new[] { Input(stories), Input(stories, new BreakingTicker("Quake hits the coast", "a1", T0, T0.AddHours(2))) })
        {
            var errors = Errors(Feed(input));
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    [Fact]
    public void TheSchemaRefusesWhatAnAppCouldNotDraw()
    {
        var feed = Feed(Input([Story("a1", 1)]));
        var noText = feed.DeepClone();
        noText["stories"]![0]!["slides"]![1]!.AsObject().Remove("text");
        Assert.NotEmpty(Errors(noText));
        var badKind = feed.DeepClone();
        badKind["stories"]![0]!["slides"]![0]!["kind"] = "ticker";
        Assert.NotEmpty(Errors(badKind));
        var relative = feed.DeepClone();
        relative["stories"]![0]!["thumbnail"] = "stories/a1/r1/thumbnail.jpg";
        Assert.NotEmpty(Errors(relative));
    }

    [Fact]
    public void EverySlideHasItsTextPicturesAndTheVideosTimes()
    {
        var feed = Feed(Input([Story("a1", 1)]));
        Assert.Equal("https://tv.example.org/channels/sample-news/feeds/slides.schema.json", (string?)feed["$schema"]);
        Assert.Equal(42, (long)feed["channel"]!["feedVersion"]!);
        var slides = feed["stories"]![0]!["slides"]!.AsArray();
        Assert.Equal(["title", "image", "quote", "outro"], slides.Select(s => (string?)s!["kind"]));
        // The render's times (narration stretched the title to 5.5 s) win over the plan's, and starts add up.
        Assert.Equal([0, 5.5, 11.5, 17.5], slides.Select(s => (double)s!["startSeconds"]!));
        Assert.Equal([5.5, 6, 6, 4], slides.Select(s => (double)s!["durationSeconds"]!));
        var image = slides[1]!;
        Assert.Equal("Delegates arrive", (string?)image["text"]);
        Assert.Equal("Photo: Reuters", (string?)image["label"]);
        Assert.Equal("https://tv.example.org/media/images/ab/photo.jpg", (string?)image["photo"]);
        Assert.Equal("https://tv.example.org/media/stories/a1/r1/slides/02.png", (string?)image["rendered"]!["fhd"]);
        Assert.Equal("https://tv.example.org/media/stories/a1/r1/slides-720/02.jpg", (string?)image["rendered"]!["hd"]);
        Assert.Equal("Foreign minister", (string?)slides[2]!["attribution"]);
        Assert.Equal("\u201CWe will talk as long as it takes.\u201D \u2014 Foreign minister", (string?)slides[2]!["screenText"]);
        Assert.Null(slides[0]!["photo"]);
    }

    [Fact]
    public void BreakingNewsIsTheTickerAndItsStoryComesFirst()
    {
        var feed = Feed(Input([Story("old", 1), Story("new", 2)], new BreakingTicker("Quake hits the coast", "old", T0, T0.AddHours(2))));
        Assert.Equal("Quake hits the coast", (string?)feed["breaking"]!["headline"]);
        Assert.Equal("2026-12-03T11:00:00+00:00", (string?)feed["breaking"]!["expiresAt"]);
        Assert.Equal(["old", "new"], feed["stories"]!.AsArray().Select(s => (string?)s!["id"]));
        Assert.Null(Feed(Input([Story("x", 1)]))["breaking"]);
    }

    [Fact]
    public void ArticleTextIsEscapedForJson()
    {
        var text = "He said \"no\" </script><b>&amp;\u2028";
        var bytes = SlideFeedBuilder.Serialize(SlideFeedBuilder.Build(Input([Story("a1", 1, title: text)])));
        var raw = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("</script>", raw);
        Assert.DoesNotContain("\u2028", raw);
        Assert.Equal(text, (string?)JsonNode.Parse(bytes)!["stories"]![0]!["title"]);
    }
}
