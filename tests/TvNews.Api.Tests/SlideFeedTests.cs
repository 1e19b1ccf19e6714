using System.Net;
using System.Text.Json;
using Json.Schema;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>The native slide feed of the real seed render, checked against the schema the API itself serves.</summary>
[Collection(PublishedSeedCollection.Name)]
public sealed class SlideFeedTests(PublishedSeed seed)
{
    private static readonly string FeedUrl = $"/channels/{TvNewsApp.ChannelId}/feeds/slides.json";
    private static readonly string SchemaUrl = $"/channels/{TvNewsApp.ChannelId}/feeds/slides.schema.json";

    private async Task<JsonElement> GetJsonAsync(string url, string mediaType)
    {
        var response = await seed.App.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonElement> StoryAsync()
    {
        var feed = await GetJsonAsync(FeedUrl, "application/json");
        return feed.GetProperty("stories").EnumerateArray().Single(s => s.GetProperty("id").GetString() == seed.Story.Id.ToString("N"));
    }

    [Fact]
    public async Task TheServedFeedIsValidAgainstTheServedSchema()
    {
        var schemaJson = await GetJsonAsync(SchemaUrl, "application/schema+json");
        var feed = await GetJsonAsync(FeedUrl, "application/json");
        Assert.EndsWith(SchemaUrl, feed.GetProperty("$schema").GetString());
        var schema = JsonSchema.Build(schemaJson, new BuildOptions { SchemaRegistry = new() });
        var results = schema.Evaluate(feed, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))));
    }

    [Fact]
    public async Task EveryPlannedSlideIsThereWithItsTextAndTheVideosTiming()
    {
        var story = await StoryAsync();
        var slides = story.GetProperty("slides").EnumerateArray().ToList();
        Assert.Equal(seed.Story.Slides.Count, slides.Count);
        Assert.Equal(seed.Story.Slides.Select(s => s.Text), slides.Select(s => s.GetProperty("text").GetString()));
        Assert.Equal("title", slides[0].GetProperty("kind").GetString());
        Assert.Equal("outro", slides[^1].GetProperty("kind").GetString());
        // Slides follow each other and add up to the video's length, which roku.json states in whole seconds.
        var end = 0.0;
        foreach (var slide in slides)
        {
            Assert.Equal(end, slide.GetProperty("startSeconds").GetDouble(), 3);
            end += slide.GetProperty("durationSeconds").GetDouble();
        }
        Assert.Equal(story.GetProperty("durationSeconds").GetDouble(), end, 1);
        var roku = seed.Feed.GetProperty("shortFormVideos").EnumerateArray().Single(i => i.GetProperty("id").GetString() == seed.Story.Id.ToString("N"));
        Assert.Equal(roku.GetProperty("content").GetProperty("duration").GetInt32(), (int)Math.Round(end, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task EveryUrlInTheStoryIsServed()
    {
        var story = await StoryAsync();
        var urls = new List<string> { story.GetProperty("thumbnail").GetString()! };
        urls.AddRange(story.GetProperty("video").EnumerateObject().Select(p => p.Value.GetString()!));
        foreach (var slide in story.GetProperty("slides").EnumerateArray())
        {
            if (slide.TryGetProperty("photo", out var photo)) urls.Add(photo.GetString()!);
            foreach (var rendered in slide.GetProperty("rendered").EnumerateObject()) urls.Add(rendered.Value.GetString()!);
        }
        Assert.True(urls.Count > 5 + story.GetProperty("slides").GetArrayLength(), $"{urls.Count} URLs");
        foreach (var url in urls)
        {
            var response = await seed.App.GetAbsoluteAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode}");
        }
    }
}
