using System.Net;
using System.Net.Http.Json;
using System.Text;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>Ingest through the front door, without rendering (publish=false), against real PostgreSQL.</summary>
public sealed class IngestTests : IAsyncLifetime
{
    private TvNewsApp _app = null!;

    public async Task InitializeAsync() => _app = await TvNewsApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Seed => File.ReadAllText(RepoPaths.SeedArticle);

    [Fact]
    public async Task IngestingTheSeedAnswers201WithTheCleanedArticle()
    {
        var response = await _app.PostTextAsync(Seed, publish: false);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<IngestDto>())!;
        Assert.Equal($"/api/stories/{body.StoryId}", response.Headers.Location?.OriginalString);
        Assert.True(body.Created);
        Assert.Equal("draft", body.State);
        var a = body.Article;
        Assert.Equal("News", a.Section);
        Assert.Equal("Russia", a.Category);
        Assert.Equal("Russia ready to discuss issues with US based on honesty, mutual respect: Lavrov", a.Headline);
        Assert.Equal("AFP", a.LeadImage!.Credit);
        Assert.EndsWith("on May 19, 2021.", a.LeadImage!.Caption);
        Assert.Null(a.Dateline);
        Assert.Equal(14, a.Paragraphs.Count);
        Assert.DoesNotContain(a.Paragraphs, p => p.Contains("SHARE THIS ARTICLE", StringComparison.Ordinal) || p.Contains("presstv.co.uk", StringComparison.Ordinal));
        Assert.Contains(a.Quotes, q => q.Text.StartsWith("The conversation seemed to me constructive", StringComparison.Ordinal) && q.Speaker == "Sergey Lavrov");
        Assert.Contains(a.Quotes, q => q.Text.StartsWith("no secret that we have our differences", StringComparison.Ordinal) && q.Speaker == "Antony Blinken" && q.Partial);
        Assert.Contains(a.Quotes, q => q.Text.StartsWith("We will prepare proposals", StringComparison.Ordinal) && q.Speaker == "Sergey Lavrov");
        Assert.Contains(a.Quotes, q => q.Text.StartsWith("We think that", StringComparison.Ordinal) && q.Speaker == "Antony Blinken");
    }

    [Fact]
    public async Task TheStoryCarriesTheSlidePlan()
    {
        var created = (await (await _app.PostTextAsync(Seed, publish: false)).Content.ReadFromJsonAsync<IngestDto>())!;
        var story = (await _app.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{created.StoryId}"))!;
        Assert.Equal("Title", story.Slides[0].Kind);
        Assert.Equal("Outro", story.Slides[^1].Kind);
        Assert.Contains(story.Slides, s => s.Kind == "Image" && s.Label == "AFP");
        Assert.True(story.Slides.Count(s => s.Kind == "KeyPoint") >= 3);
        Assert.Contains(story.Slides, s => s.Kind == "Quote" && s.Attribution is not null);
        Assert.Equal(story.Slides.Sum(s => s.DurationSeconds), story.DurationSeconds, 3);
        Assert.Equal("none", story.RenderState);
        Assert.Null(story.Media);
    }

    [Fact]
    public async Task ReingestingTheSameArticleUpdatesInsteadOfDuplicating()
    {
        var first = (await (await _app.PostTextAsync(Seed, publish: false)).Content.ReadFromJsonAsync<IngestDto>())!;
        var again = await _app.PostTextAsync(Seed.Replace("on Wednesday", "on Wednesday evening", StringComparison.Ordinal), publish: false);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = (await again.Content.ReadFromJsonAsync<IngestDto>())!;
        Assert.Equal(first.StoryId, second.StoryId);
        Assert.False(second.Created);
        Assert.Contains(second.Article.Paragraphs, p => p.Contains("on Wednesday evening", StringComparison.Ordinal));
        Assert.Equal(1, await _app.Database.CountAsync("articles"));
        Assert.Equal(1, await _app.Database.CountAsync("stories"));
    }

    [Fact]
    public async Task JsonArticlesAreAcceptedAndQuotesFound()
    {
        var response = await _app.Producer().PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", new
        {
            headline = "Council approves new budget",
            category = "Politics",
            url = "https://example.org/news/1",
            paragraphs = new[]
            {
                "City Mayor Jane Roberts said the council approved the budget on Monday.",
                "\u201CThis budget puts our residents first,\u201D Roberts said.",
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<IngestDto>())!;
        Assert.Equal("Politics", body.Article.Category);
        var quote = Assert.Single(body.Article.Quotes);
        Assert.Equal("Jane Roberts", quote.Speaker);
    }

    public static TheoryData<string, string?, byte[], HttpStatusCode> BadBodies() => new()
    {
        { "empty body", "text/plain; charset=utf-8", [], HttpStatusCode.BadRequest },
        { "whitespace only", "text/plain", "  \n\n "u8.ToArray(), HttpStatusCode.BadRequest },
        { "5 MB body", "text/plain", Encoding.UTF8.GetBytes(new string('a', 5 * 1024 * 1024)), HttpStatusCode.RequestEntityTooLarge },
        { "declared UTF-8 but is not", "text/plain; charset=utf-8", [0x48, 0x65, 0xC3, 0x28, 0xFF, 0xFE, 0x0A], HttpStatusCode.BadRequest },
        { "unknown charset", "text/plain; charset=klingon-8", "Headline\n\nBody."u8.ToArray(), HttpStatusCode.UnsupportedMediaType },
        { "unsupported media type", "application/xml", "<a/>"u8.ToArray(), HttpStatusCode.UnsupportedMediaType },
        { "broken JSON", "application/json", "{\"headline\": "u8.ToArray(), HttpStatusCode.BadRequest },
        { "JSON without text", "application/json", "{\"headline\":\"Only a headline\"}"u8.ToArray(), HttpStatusCode.UnprocessableEntity },
        { "only boilerplate", "text/plain", "SHARE THIS ARTICLE\n\nwww.presstv.co.uk\n"u8.ToArray(), HttpStatusCode.UnprocessableEntity },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadInputGetsAProblemDetailsAndStoresNothing(string what, string? contentType, byte[] body, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(body);
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await _app.Producer().PostAsync($"/api/channels/{TvNewsApp.ChannelId}/articles?publish=true", content);
        await AssertProblem(response, expected, what);
    }

    [Fact]
    public async Task AnUnknownChannelIs404AndStoresNothing()
    {
        var response = await _app.PostTextAsync(Seed, publish: true, channelId: "no-such-channel");
        await AssertProblem(response, HttpStatusCode.NotFound, "unknown channel");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task AMissingOrWrongApiKeyIs401AndStoresNothing(string? key)
    {
        var client = _app.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var content = new StringContent(Seed, Encoding.UTF8, "text/plain");
        var response = await client.PostAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", content);
        await AssertProblem(response, HttpStatusCode.Unauthorized, key ?? "no key");
    }

    [Fact]
    public async Task StoriesAreNotReadableWithoutAKey()
    {
        var response = await _app.CreateClient().GetAsync($"/api/stories/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownStoryIs404ProblemDetails()
    {
        var response = await _app.Producer().GetAsync($"/api/stories/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task AssertProblem(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{what}: expected {expected}, got {response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ProblemDto>(text, JsonDefaults.Web)!;
        Assert.Equal((int)expected, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal); // no stack trace
        Assert.Equal(0, await _app.Database.CountAsync("articles"));
        Assert.Equal(0, await _app.Database.CountAsync("stories"));
        Assert.Equal(0, await _app.Database.CountAsync("render_jobs"));
    }
}
