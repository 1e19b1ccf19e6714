using System.Net;
using System.Net.Http.Json;
using SkiaSharp;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>Every picture of an article, fetched from a real origin: stored when it is a picture big enough for TV, else no slide.</summary>
public sealed class ImageIngestTests : AppWithOrigin
{
    private static readonly string[] Body =
    [
        "The harbour switched on four new container cranes on Monday, doubling the number of ships it can unload in a day.",
        "The cranes arrived by sea from the builder's yard in March and took eleven weeks to assemble on the quay.",
        "Each crane can lift 65 tonnes and is driven from a control room rather than a cab high above the deck.",
        "Shipping lines had asked for more capacity after queues of up to nine vessels formed outside the harbour last winter.",
        "The old cranes will be taken down over the summer and their steel sold for recycling, the port authority said.",
        "A second phase of the project, adding two more berths, is due to start next year if funding is approved.",
    ];

    private static string Page() => $$"""
        <!doctype html><html lang="en"><head><title>New cranes double the harbour's capacity | Harbour Times</title>
        <meta property="og:image" content="/img/lead-cranes.jpg"><meta property="og:site_name" content="Harbour Times"></head>
        <body><header><a class="site-logo" href="/"><img src="/img/logo.png" alt="Harbour Times" width="180" height="40"></a></header>
        <article><h1>New cranes double the harbour's capacity</h1>
        <div class="byline"><img class="avatar" src="/img/ana-ruiz.jpg" width="48" height="48" alt="Ana Ruiz"> By Ana Ruiz</div>
        <figure><img src="/img/lead-cranes.jpg" alt=""><figcaption>The new cranes at dawn. <span class="credit">Photo: Ana Ruiz</span></figcaption></figure>
        <p>{{Body[0]}}</p>
        <p>{{Body[1]}}</p>
        <figure class="inline-image"><img src="/img/control-room.png" alt="" loading="lazy"><figcaption>Drivers in the new control room. <span class="credit">Photo: Port Authority</span></figcaption></figure>
        <p>{{Body[2]}}</p>
        <img src="/img/pixel.gif" width="1" height="1" alt="">
        <figure><img src="/img/quay-small.jpg" alt=""><figcaption>The quay from the harbour wall.</figcaption></figure>
        <p>{{Body[3]}}</p>
        <figure><img src="/img/not-a-picture.jpg" alt=""><figcaption>Ships waiting outside the harbour.</figcaption></figure>
        <figure><img src="/img/gone.jpg" alt=""><figcaption>The old cranes.</figcaption></figure>
        <p><img class="icon" src="/img/quote-mark.png" alt="">{{Body[4]}}</p>
        <p>{{Body[5]}}</p>
        </article><footer>© Harbour Times</footer></body></html>
        """;

    private void ServeSite()
    {
        Origin.Put("/img/lead-cranes.jpg", TestImages.Jpeg(1280, 720, SKColors.SteelBlue), "image/jpeg");
        Origin.Put("/img/control-room.png", TestImages.Png(800, 600, SKColors.DarkOliveGreen), "image/png");
        Origin.Put("/img/quay-small.jpg", TestImages.Jpeg(320, 200, SKColors.Tan), "image/jpeg"); // decodes, but under 480 px wide
        Origin.Put("/img/not-a-picture.jpg", "<html>moved</html>", "image/jpeg");
        foreach (var decoration in new[] { "/img/logo.png", "/img/ana-ruiz.jpg", "/img/pixel.gif", "/img/quote-mark.png" })
            Origin.Put(decoration, TestImages.Png(600, 600, SKColors.Black), "image/png"); // big enough: only the page says they are decoration
    }

    [Fact]
    public async Task EveryUsablePictureOfAPageIsStoredAndGetsACaptionedSlideBesideItsParagraph()
    {
        ServeSite();
        var url = Origin.Put("/news/cranes", Page(), "text/html; charset=utf-8");

        var response = await App.Producer().PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", new { url = url.AbsoluteUri });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var created = System.Text.Json.JsonSerializer.Deserialize<IngestDto>(text, JsonDefaults.Web)!;
        var a = created.Article;

        // In-body pictures in reading order, each placed before the paragraph that followed it; decoration is not among them.
        Assert.Equal(Body, a.Paragraphs);
        Assert.Equal(
            [("/img/control-room.png", "Drivers in the new control room.", "Port Authority", 2), ("/img/quay-small.jpg", "The quay from the harbour wall.", null, 3),
             ("/img/not-a-picture.jpg", "Ships waiting outside the harbour.", null, 4), ("/img/gone.jpg", "The old cranes.", null, 4)],
            a.Images!.Select(i => (new Uri(i.Url!).AbsolutePath, i.Caption, i.Credit, i.BeforeParagraph ?? -1)));
        foreach (var decoration in new[] { "/img/logo.png", "/img/ana-ruiz.jpg", "/img/pixel.gif", "/img/quote-mark.png" })
            Assert.Equal(0, Origin.Hits.GetValueOrDefault(decoration));

        // Only pictures that were fetched, decoded and big enough are stored.
        Assert.Matches("^images/[0-9a-f]{32}\\.jpg$", a.LeadImage!.StoredPath!);
        Assert.Matches("^images/[0-9a-f]{32}\\.png$", a.Images![0].StoredPath!);
        Assert.All(a.Images.Skip(1), i => Assert.Null(i.StoredPath));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(App.MediaOutput, "images")).Length);

        var story = (await App.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{created.StoryId}", JsonDefaults.Web))!;
        var images = story.Slides.Where(s => s.Kind == "Image").ToList();
        Assert.Equal(2, images.Count);
        Assert.Equal(("The new cranes at dawn.", "Ana Ruiz", a.LeadImage.StoredPath), (story.Slides[1].Text, story.Slides[1].Label, story.Slides[1].Image));
        var inBody = story.Slides.FindIndex(s => s.Kind == "Image" && s.Image == a.Images[0].StoredPath);
        Assert.True(inBody > 1, "the in-body picture has its own slide after the lead's");
        Assert.Equal("Port Authority", story.Slides[inBody].Label);
        // Key points from the paragraphs before the picture come before its slide, the others after.
        for (var i = 0; i < story.Slides.Count; i++)
        {
            if (story.Slides[i].Kind != "KeyPoint") continue;
            var paragraph = Array.FindIndex(Body, p => p.StartsWith(story.Slides[i].Text.TrimEnd('.', '\u2026'), StringComparison.Ordinal));
            Assert.True(paragraph >= 0, story.Slides[i].Text);
            Assert.Equal(paragraph < 2, i < inBody);
        }

        // The picture is served as stored, for a producer's screen.
        var picture = await App.GetAbsoluteAsync(story.Slides[inBody].PictureUrl!);
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("image/png", picture.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AJsonArticleMayCarryInBodyPictures()
    {
        var lead = Origin.Put("/img/json-lead.jpg", TestImages.Jpeg(1024, 576, SKColors.Navy), "image/jpeg");
        var inside = Origin.Put("/img/json-inside.jpg", TestImages.Jpeg(960, 540, SKColors.Maroon), "image/jpeg");
        var response = await App.Producer().PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", new
        {
            headline = "Harbour cranes double capacity",
            paragraphs = Body,
            imageUrl = lead.AbsoluteUri,
            caption = "The new cranes at dawn.",
            credit = "Ana Ruiz",
            images = new[] { new { url = inside.AbsoluteUri, caption = "Drivers in the new control room.", credit = "Port Authority", beforeParagraph = 2 } },
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var created = System.Text.Json.JsonSerializer.Deserialize<IngestDto>(text, JsonDefaults.Web)!;
        var image = Assert.Single(created.Article.Images!);
        Assert.Equal(2, image.BeforeParagraph);
        Assert.NotNull(image.StoredPath);

        var story = (await App.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{created.StoryId}", JsonDefaults.Web))!;
        Assert.Equal([created.Article.LeadImage!.StoredPath, image.StoredPath], story.Slides.Where(s => s.Kind == "Image").Select(s => s.Image));
    }

    [Theory]
    [InlineData("ftp://example.test/a.jpg", 0)]
    [InlineData("https://example.test/a.jpg", 9)]
    public async Task AJsonPictureWithABadUrlOrPlaceIsRefusedAndNothingIsStored(string url, int beforeParagraph)
    {
        var response = await App.Producer().PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", new
        {
            headline = "Harbour cranes double capacity",
            paragraphs = Body,
            images = new[] { new { url, caption = "A caption.", beforeParagraph } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("images[0]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await App.Database.CountAsync("articles"));
    }
}
