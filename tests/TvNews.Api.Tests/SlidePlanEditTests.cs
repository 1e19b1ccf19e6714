using System.Net;
using System.Net.Http.Json;
using SkiaSharp;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>Producers editing a story's slide plan (PUT/DELETE /api/stories/{id}/slides) against real PostgreSQL and a real origin.</summary>
public sealed class SlidePlanEditTests : AppWithOrigin
{
    private static string Page(string day, string insidePicture) => $$"""
        <!doctype html><html lang="en"><head><title>Tram line approved after long debate | Harbour Times</title>
        <meta property="og:image" content="/img/tram-lead.jpg"></head>
        <body><article><h1>Tram line approved after long debate</h1>
        <figure><img src="/img/tram-lead.jpg" alt=""><figcaption>A tram on the test track. <span class="credit">Photo: Ana Ruiz</span></figcaption></figure>
        <p>The city council approved a new tram line on {{day}} after a debate that lasted more than six hours.</p>
        <p>The line will run for 12 kilometres from the harbour to the university, with 18 stops along the way.</p>
        <figure><img src="{{insidePicture}}" alt=""><figcaption>The route runs along the harbour front. <span class="credit">Photo: City Council</span></figcaption></figure>
        <p>Construction starts next spring and the first trams should carry passengers by the end of 2028, the council said.</p>
        <p>“We listened to every objection and changed the route twice because of them,” said Transport Councillor Maria Lopez.</p>
        <p>Shop owners along the route have asked for compensation during the three years of building work.</p>
        </article></body></html>
        """;

    /// <summary>Serves the article page (and its pictures) and ingests it by URL: the same URL again is a new version when the page changed.</summary>
    private async Task<IngestDto> IngestAsync(string day, string insidePicture = "/img/tram-route.jpg")
    {
        Origin.Put("/img/tram-lead.jpg", TestImages.Jpeg(1280, 720, SKColors.SteelBlue), "image/jpeg");
        Origin.Put("/img/tram-route.jpg", TestImages.Jpeg(1024, 768, SKColors.ForestGreen), "image/jpeg");
        Origin.Put("/img/tram-route-new.jpg", TestImages.Jpeg(1024, 768, SKColors.Firebrick), "image/jpeg");
        var url = Origin.Put("/news/tram", Page(day, insidePicture), "text/html; charset=utf-8");
        var response = await App.Producer().PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", new { url = url.AbsoluteUri });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return System.Text.Json.JsonSerializer.Deserialize<IngestDto>(text, JsonDefaults.Web)!;
    }

    private async Task<StoryDto> StoryAsync(Guid id) => (await App.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{id}", JsonDefaults.Web))!;

    private Task<HttpResponseMessage> PutAsync(Guid id, object slides) => App.Producer().PutAsJsonAsync($"/api/stories/{id}/slides", new { slides });

    /// <summary>What a producer sees of a slide; equal lists mean the same plan on screen.</summary>
    private static List<string> Shape(StoryDto story) =>
        story.Slides.Select(s => $"{s.Kind}|{s.Text}|{s.Label}|{s.Attribution}|{s.DurationSeconds}|{s.DurationFixed}|{s.Image}").ToList();

    [Fact]
    public async Task EveryKindOfProducerEditSurvivesANewVersionAndDeletingThemPlansTheNewVersion()
    {
        var first = await IngestAsync("Monday");
        var planned = await StoryAsync(first.StoryId);
        var lead = planned.Slides.Single(s => s.Kind == "Image" && s.Image == first.Article.LeadImage!.StoredPath);
        var route = first.Article.Images!.Single().StoredPath!;
        var points = planned.Slides.Where(s => s.Kind == "KeyPoint").ToList();
        var quote = planned.Slides.Single(s => s.Kind == "Quote");
        Assert.True(points.Count >= 3);
        Assert.Contains(planned.Slides, s => s.Image == route);

        object[] edit =
        [
            new { kind = "Title", text = "TRAM LINE GETS THE GREEN LIGHT", label = "CITY", attribution = planned.Slides[0].Attribution },  // Title edited
            new { kind = "KeyPoint", text = points[^1].Text },                                                         // moved to the front
            new { kind = "Image", text = lead.Text, label = lead.Label },                                             // reordered, keeps its picture
            new { kind = "KeyPoint", text = "Trams run by the end of 2028.", durationSeconds = 7.5 },                  // text edited, duration set
            // points[1] and the route picture's own slide are dropped
            new { kind = "Image", text = "Where the line will run.", label = "City Council", image = route },          // added, naming its picture
            new { kind = "Quote", text = quote.Text, attribution = "Maria Lopez, transport councillor" },             // attribution edited
            new { kind = "Quote", text = "Every stop will have step-free access.", attribution = "Maria Lopez" },     // added
            new { kind = "KeyPoint", text = "Shops along the route want compensation for three years of works." },   // added
            new { kind = "Outro", text = "Harbour Times TV", label = "Back at six", durationSeconds = 3 },             // Outro edited
        ];
        var put = await PutAsync(first.StoryId, edit);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var edited = (await put.Content.ReadFromJsonAsync<StoryDto>(JsonDefaults.Web))!;
        Assert.True(edited.PlanEdited);
        Assert.Equal(["Title", "KeyPoint", "Image", "KeyPoint", "Image", "Quote", "Quote", "KeyPoint", "Outro"], edited.Slides.Select(s => s.Kind));
        Assert.Equal(lead.Image, edited.Slides[2].Image);
        Assert.Equal(route, edited.Slides[4].Image);
        Assert.Equal((7.5, true), (edited.Slides[3].DurationSeconds, edited.Slides[3].DurationFixed));
        Assert.Equal((3, true), (edited.Slides[8].DurationSeconds, edited.Slides[8].DurationFixed));
        Assert.False(edited.Slides[0].DurationFixed);
        Assert.Equal("Harbour Times TV", edited.Slides[^1].Text);

        // A new version of the article (new text, a new in-body picture) keeps the producer's plan exactly.
        var second = await IngestAsync("Tuesday", "/img/tram-route-new.jpg");
        Assert.Equal(2, second.ArticleVersion);
        var afterReingest = await StoryAsync(first.StoryId);
        Assert.Equal(Shape(edited), Shape(afterReingest));
        Assert.True(afterReingest.PlanEdited);
        Assert.Contains("Tuesday", afterReingest.Article.Paragraphs[0], StringComparison.Ordinal);

        // DELETE puts the planner's plan for the current (second) version in its place, at once.
        Assert.Equal(HttpStatusCode.NoContent, (await App.Producer().DeleteAsync($"/api/stories/{first.StoryId}/slides")).StatusCode);
        var replanned = await StoryAsync(first.StoryId);
        Assert.False(replanned.PlanEdited);
        Assert.Equal("Tram line approved after long debate", replanned.Slides[0].Text);
        Assert.Contains(replanned.Slides, s => s.Kind == "KeyPoint" && s.Text.Contains("Tuesday", StringComparison.Ordinal));
        Assert.Equal([second.Article.LeadImage!.StoredPath, second.Article.Images!.Single().StoredPath], replanned.Slides.Where(s => s.Kind == "Image").Select(s => s.Image));
        Assert.NotEqual(route, second.Article.Images!.Single().StoredPath);
        // …which is exactly what ingesting that version plans.
        await IngestAsync("Tuesday", "/img/tram-route-new.jpg");
        Assert.Equal(Shape(replanned), Shape(await StoryAsync(first.StoryId)));
    }

    [Theory]
    [InlineData("Title")]
    [InlineData("Image")]
    [InlineData("KeyPoint")]
    [InlineData("Quote")]
    [InlineData("Outro")]
    public async Task ANewSlideOfAnyKindCanBeAdded(string kind)
    {
        var created = await IngestAsync("Monday");
        var story = await StoryAsync(created.StoryId);
        var slides = story.Slides.Select(s => (object)new { kind = s.Kind, text = s.Text, label = s.Label, attribution = s.Attribution, durationSeconds = s.DurationSeconds }).ToList();
        slides.Insert(slides.Count - 1, new { kind, text = "Council meets again on Friday to set the timetable.", label = "NEW", attribution = "Maria Lopez" });

        var put = await PutAsync(created.StoryId, slides);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var added = (await StoryAsync(created.StoryId)).Slides[^2];
        Assert.Equal((kind, "Council meets again on Friday to set the timetable.", "NEW", "Maria Lopez"), (added.Kind, added.Text, added.Label, added.Attribution));
        Assert.False(added.DurationFixed);
        Assert.InRange(added.DurationSeconds, 4, 10);
    }

    [Fact]
    public async Task AnOmittedDurationIsReadingTimeAtTheChannelsPaceAndAGivenOneIsFixed()
    {
        var created = await IngestAsync("Monday");
        const string twentyWords = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty";
        var put = await PutAsync(created.StoryId, new object[]
        {
            new { kind = "KeyPoint", text = twentyWords },
            new { kind = "KeyPoint", text = "Short.", durationSeconds = 12.5 },
            new { kind = "KeyPoint", text = "Short." },
            new { kind = "Outro", text = "Sample News 24" },
        });
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var slides = (await StoryAsync(created.StoryId)).Slides;
        // Sample News 24 reads at 160 words a minute, 4-10 s a slide: 20 words are 7.5 s, plus a 1.5 s beat.
        Assert.Equal((9, false), (slides[0].DurationSeconds, slides[0].DurationFixed));
        Assert.Equal((12.5, true), (slides[1].DurationSeconds, slides[1].DurationFixed));
        Assert.Equal((4, false), (slides[2].DurationSeconds, slides[2].DurationFixed));
        Assert.Equal(4, slides[3].DurationSeconds);
    }

    [Theory]
    [InlineData("../../../etc/passwd")]
    [InlineData("/etc/hostname")]
    [InlineData("images/00000000000000000000000000000000.jpg")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task AnImageSlideMayOnlyShowOneOfTheStorysOwnPictures(string image)
    {
        var created = await IngestAsync("Monday");
        var before = await App.Producer().GetStringAsync($"/api/stories/{created.StoryId}");
        var response = await PutAsync(created.StoryId, new object[]
        {
            new { kind = "Title", text = "Tram line approved" },
            new { kind = "Image", text = "A tram.", image },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("slides[1].image", problem, StringComparison.Ordinal);
        Assert.Contains(created.Article.LeadImage!.StoredPath!, problem, StringComparison.Ordinal); // names the pictures it may show
        Assert.Equal(before, await App.Producer().GetStringAsync($"/api/stories/{created.StoryId}"));
    }

    [Fact]
    public async Task AnInvalidSlidePlanIsAValidationProblemNamingEachFieldAndChangesNothing()
    {
        var created = await IngestAsync("Monday");
        var before = await App.Producer().GetStringAsync($"/api/stories/{created.StoryId}");
        var response = await PutAsync(created.StoryId, new object[]
        {
            new { kind = "Title", text = "", durationSeconds = 500 },
            new { kind = "KeyPoint", text = "A point.", durationSeconds = 0.5, image = created.Article.LeadImage!.StoredPath },
            new { kind = "Quote", text = "Said.", attribution = new string('x', 201) },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "slides[0].text", "slides[0].durationSeconds", "slides[1].durationSeconds", "slides[1].image", "slides[2].attribution" })
            Assert.Contains(field, problem, StringComparison.Ordinal);
        Assert.Equal(before, await App.Producer().GetStringAsync($"/api/stories/{created.StoryId}"));

        var unknownKind = await PutAsync(created.StoryId, new object[] { new { kind = "Banner", text = "T" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Equal("application/problem+json", unknownKind.Content.Headers.ContentType?.MediaType);
        Assert.Contains("slides[0].kind", await unknownKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var empty = await PutAsync(created.StoryId, Array.Empty<object>());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("\"slides\"", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(Guid.NewGuid(), new object[] { new { kind = "Title", text = "T" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Producer().DeleteAsync($"/api/stories/{Guid.NewGuid()}/slides")).StatusCode);
    }
}
