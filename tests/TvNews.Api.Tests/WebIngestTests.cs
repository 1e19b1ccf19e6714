using System.Net;
using System.Net.Http.Json;
using System.Text;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>HTML bodies, pages fetched by URL, lead images, the SSRF guard and article versions, over real sockets.</summary>
public sealed class WebIngestTests : AppWithOrigin
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "corpus", name, "source.html"));

    private static string Page(string imagePath) => $$"""
        <!doctype html><html lang="en"><head><title>Bridge reopens after repairs | Harbour Times</title>
        <meta property="og:image" content="{{imagePath}}"><meta property="og:site_name" content="Harbour Times"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Bridge reopens after repairs</h1>
        <figure><img src="{{imagePath}}"><figcaption>The bridge at dawn. <span class="credit">Photo: Ana Ruiz</span></figcaption></figure>
        <p>The old harbour bridge reopened to traffic on Monday after eight months of repairs to its steel deck and cables.</p>
        <p>“We fixed every bolt we could reach and replaced the ones we could not,” said City Engineer Paula Grant.</p>
        <p>Buses return to the route from next week, the transport office said, and cyclists get a separate lane.</p></article>
        <div class="share">Share on Facebook</div><footer>© Harbour Times</footer></body></html>
        """;

    [Fact]
    public async Task AnHtmlPageBodyIsExtracted()
    {
        using var content = new ByteArrayContent(Fixture("01-en-html-article-jsonld-ap-dateline"));
        content.Headers.TryAddWithoutValidation("Content-Type", "text/html; charset=utf-8");
        var response = await App.Producer().PostAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var a = (await response.Content.ReadFromJsonAsync<IngestDto>())!.Article;
        Assert.Equal("Russia and Norway resume Barents Sea fishing talks after two-year pause", a.Headline);
        Assert.Equal("MOSCOW (AP)", a.Dateline);
        Assert.Equal("Jane Doe", a.Byline);
        Assert.Equal("Ivan Petrenko/AP", a.LeadImage!.Credit);
        Assert.Equal("ltr", a.Direction);
    }

    [Fact]
    public async Task AWindows1256PageDecodesByItsDeclaredCharset()
    {
        using var content = new ByteArrayContent(Fixture("20-ar-html-rtl-article-reuters-dateline-windows-1256"));
        content.Headers.TryAddWithoutValidation("Content-Type", "text/html");
        var response = await App.Producer().PostAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var a = (await response.Content.ReadFromJsonAsync<IngestDto>())!.Article;
        Assert.Equal("ar", a.Language);
        Assert.Equal("rtl", a.Direction);
        Assert.Equal(
            System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "corpus", "20-ar-html-rtl-article-reuters-dateline-windows-1256", "expected.json")))
                .RootElement.GetProperty("headline").GetString(), a.Headline);
    }

    [Fact]
    public async Task AUrlIsFetchedExtractedAndItsLeadImageStoredVerified()
    {
        Origin.Put("/img/bridge.jpg", File.ReadAllBytes(Path.Combine(RepoPaths.Root, "media", "backgrounds", "sample-news.jpg")), "image/jpeg");
        var url = Origin.Put("/news/bridge", Page("/img/bridge.jpg"), "text/html; charset=utf-8");

        var response = await App.Producer().PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", new { url = url.AbsoluteUri });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var a = System.Text.Json.JsonSerializer.Deserialize<IngestDto>(text, JsonDefaults.Web)!.Article;
        Assert.Equal("Bridge reopens after repairs", a.Headline);
        Assert.Equal(new Uri(url, "/img/bridge.jpg").AbsoluteUri, a.LeadImage!.Url);
        Assert.Equal("Ana Ruiz", a.LeadImage.Credit);
        Assert.Equal("Paula Grant", Assert.Single(a.Quotes).Speaker);
        Assert.DoesNotContain(a.Paragraphs, p => p.Contains("Share on Facebook", StringComparison.Ordinal));

        using var doc = System.Text.Json.JsonDocument.Parse(text);
        var stored = doc.RootElement.GetProperty("article").GetProperty("leadImage").GetProperty("storedPath").GetString()!;
        Assert.Matches("^images/[0-9a-f]{32}\\.jpg$", stored);
        Assert.True(File.Exists(Path.Combine(App.MediaOutput, stored)));
    }

    [Fact]
    public async Task AnImageThatIsNotAPictureIsNotStoredButTheArticleIs()
    {
        Origin.Put("/img/fake.jpg", "<html>not a picture</html>", "image/jpeg");
        var url = Origin.Put("/news/fake-image", Page("/img/fake.jpg"), "text/html");
        var response = await App.Producer().PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", new { url = url.AbsoluteUri });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(doc.RootElement.GetProperty("article").GetProperty("leadImage").TryGetProperty("storedPath", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.False(Directory.Exists(Path.Combine(App.MediaOutput, "images")) && Directory.GetFiles(Path.Combine(App.MediaOutput, "images")).Length > 0);
    }

    [Theory]
    [InlineData("http://localhost:{port}/news/bridge")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://[::1]:{port}/news/bridge")]
    public async Task FetchesToLoopbackPrivateAndMetadataAddressesAreRefused(string target)
    {
        Origin.Put("/news/bridge", Page("/img/none.jpg"), "text/html");
        var url = target.Replace("{port}", Origin.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var response = await App.Producer().PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", new { url });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains("Refused", text, StringComparison.Ordinal);
        Assert.Equal(0, Origin.Hits.GetValueOrDefault("/news/bridge"));
        Assert.Equal(0, await App.Database.CountAsync("articles"));
    }

    [Fact]
    public async Task AMissingPageIsABadGatewayProblemAndStoresNothing()
    {
        var response = await App.Producer().PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", new { url = new Uri(Origin.BaseUrl, "nope").AbsoluteUri });
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await App.Database.CountAsync("articles"));
    }

    [Fact]
    public async Task AChangedArticleBecomesANewVersionAndTheHistoryIsKept()
    {
        const string v1 = "World / Europe\n\nFerry service resumes after storm\n\nFerries resumed on Tuesday after three days of storms.";
        var first = (await (await App.PostTextAsync(v1, publish: false)).Content.ReadFromJsonAsync<IngestDto>())!;
        var second = (await (await App.PostTextAsync(v1 + "\n\nMore than 4,000 passengers had been stranded.", publish: false)).Content.ReadFromJsonAsync<IngestDto>())!;
        var again = (await (await App.PostTextAsync(v1 + "\n\nMore than 4,000 passengers had been stranded.", publish: false)).Content.ReadFromJsonAsync<IngestDto>())!;
        Assert.Equal(first.StoryId, second.StoryId);
        Assert.Equal(1, first.ArticleVersion);
        Assert.Equal(2, second.ArticleVersion);
        Assert.Equal(2, again.ArticleVersion);
        var versions = await App.Producer().GetFromJsonAsync<List<VersionDto>>($"/api/stories/{first.StoryId}/versions");
        Assert.NotNull(versions);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Single(versions[0].Article.Paragraphs);
        Assert.Equal(2, versions[1].Article.Paragraphs.Count);
    }

    [Fact]
    public async Task ALockedStoryKeepsItsPlanWhenTheSourceChanges()
    {
        const string v1 = "World / Europe\n\nHarbour festival opens\n\nThe harbour festival opened on Friday with 40 boats on the water.";
        var first = (await (await App.PostTextAsync(v1, publish: false)).Content.ReadFromJsonAsync<IngestDto>())!;
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await App.Producer().PutAsync($"/api/stories/{first.StoryId}/lock", null)).StatusCode);
        var changed = (await (await App.PostTextAsync(v1.Replace("40 boats", "55 boats", StringComparison.Ordinal), publish: false)).Content.ReadFromJsonAsync<IngestDto>())!;
        Assert.Equal(2, changed.ArticleVersion); // the new version is kept in the history…
        var story = (await App.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{first.StoryId}"))!;
        Assert.Contains(story.Slides, s => s.Text.Contains("40 boats", StringComparison.Ordinal)); // …but the locked plan is not replaced
        Assert.DoesNotContain(story.Slides, s => s.Text.Contains("55 boats", StringComparison.Ordinal));

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await App.Producer().DeleteAsync($"/api/stories/{first.StoryId}/lock")).StatusCode);
        await App.PostTextAsync(v1.Replace("40 boats", "55 boats", StringComparison.Ordinal) + "\n\nThe festival runs until Sunday.", publish: false);
        story = (await App.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{first.StoryId}"))!;
        Assert.Contains(story.Slides, s => s.Text.Contains("55 boats", StringComparison.Ordinal));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await App.Producer().PutAsync($"/api/stories/{Guid.NewGuid()}/lock", null)).StatusCode);
    }

    public sealed record VersionDto(int Version, DateTimeOffset CreatedAt, ArticleDto Article);
}
