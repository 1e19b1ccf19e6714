using System.Net;
using System.Text.Json;
using TvNews.Api.Tests.Infrastructure;
using static TvNews.Api.Tests.Infrastructure.LifecycleApp;

namespace TvNews.Api.Tests;

/// <summary>Editing, scheduling, publishing and retracting stories through the API, with ETags, roles and history.</summary>
public sealed class StoryLifecycleTests : IAsyncLifetime
{
    private LifecycleApp _app = null!;

    public async Task InitializeAsync() => _app = await LifecycleApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> SendAsync(string key, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        using var response = await _app.Client(key).SendAsync(Request(method, url, body, ifMatch));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task TwoEditorsOnOneStoryOneGets412AndNothingIsLost()
    {
        var id = await _app.DraftAsync();
        var read = await _app.StoryAsync(id);
        var etag = read.GetProperty("etag").GetString()!;
        var paragraphs = read.GetProperty("article").GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()!).ToList();

        // Pat and Sam both read the story at the same ETag; Pat saves first.
        var pat = await SendAsync(ProducerKey, HttpMethod.Patch, $"/api/stories/{id}", new { headline = "Ferries sail again after three-day storm" }, etag);
        Assert.Equal(HttpStatusCode.OK, pat.Status);
        Assert.NotEqual(etag, pat.ETag);
        Assert.Equal(pat.ETag, pat.Body.GetProperty("etag").GetString());

        // Sam's write was based on what Pat replaced: refused whole, as a problem naming the current revision.
        var samParagraphs = paragraphs.Append("The port authority thanked passengers for their patience.").ToList();
        var sam = await SendAsync(SecondProducerKey, HttpMethod.Patch, $"/api/stories/{id}", new { paragraphs = samParagraphs, priority = 5 }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, sam.Status);
        Assert.Equal(412, sam.Body.GetProperty("status").GetInt32());
        Assert.Contains("changed since you read it", sam.Body.GetProperty("detail").GetString());
        Assert.Equal(pat.ETag, sam.ETag);

        var afterConflict = await _app.StoryAsync(id);
        Assert.Equal("Ferries sail again after three-day storm", afterConflict.GetProperty("article").GetProperty("headline").GetString());
        Assert.Equal(paragraphs.Count, afterConflict.GetProperty("article").GetProperty("paragraphs").GetArrayLength());
        Assert.Equal(0, afterConflict.GetProperty("schedule").GetProperty("priority").GetInt32());

        // Sam reads again and reapplies: both edits stand, each a new article version.
        var retry = await SendAsync(SecondProducerKey, HttpMethod.Patch, $"/api/stories/{id}", new { paragraphs = samParagraphs, priority = 5 }, pat.ETag);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        var final = await _app.StoryAsync(id);
        Assert.Equal("Ferries sail again after three-day storm", final.GetProperty("article").GetProperty("headline").GetString());
        Assert.Equal(samParagraphs, final.GetProperty("article").GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()!).ToList());
        Assert.Equal(5, final.GetProperty("schedule").GetProperty("priority").GetInt32());
        Assert.Equal(3, final.GetProperty("articleVersion").GetInt32());

        // The slide plan honours If-Match too.
        var staleSlides = await SendAsync(ProducerKey, HttpMethod.Put, $"/api/stories/{id}/slides",
            new { slides = new[] { new { kind = "Title", text = "FERRIES" } } }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleSlides.Status);
        var staleClear = await SendAsync(ProducerKey, HttpMethod.Delete, $"/api/stories/{id}/slides", ifMatch: etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleClear.Status);
        var slides = await SendAsync(ProducerKey, HttpMethod.Put, $"/api/stories/{id}/slides",
            new { slides = new[] { new { kind = "Title", text = "FERRIES" } } }, retry.ETag);
        Assert.Equal(HttpStatusCode.OK, slides.Status);

        // Who changed what: both people, by name, in order.
        var history = await SendAsync(ViewerKey, HttpMethod.Get, $"/api/stories/{id}/history");
        var entries = history.Body.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["article.ingest", "story.edit", "story.edit", "story.slides"], entries.Select(e => e.GetProperty("action").GetString()).ToList());
        Assert.Equal(["Pat Producer", "Pat Producer", "Sam Producer", "Pat Producer"], entries.Select(e => e.GetProperty("actor").GetProperty("name").GetString()).ToList());
        Assert.Equal("Ferries sail again after three-day storm", entries[1].GetProperty("details").GetProperty("headline").GetProperty("to").GetString());
        Assert.Equal(5, entries[2].GetProperty("details").GetProperty("priority").GetProperty("to").GetInt32());
    }

    [Fact]
    public async Task AStaleOrMalformedIfMatchWritesNothingAndAWildcardMatches()
    {
        var id = await _app.DraftAsync();
        var weak = await SendAsync(ProducerKey, HttpMethod.Patch, $"/api/stories/{id}", new { priority = 3 }, "W/\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, weak.Status);
        var garbage = await SendAsync(ProducerKey, HttpMethod.Patch, $"/api/stories/{id}", new { priority = 3 }, "not-an-etag");
        Assert.Equal(HttpStatusCode.PreconditionFailed, garbage.Status);
        Assert.Equal(0, (await _app.StoryAsync(id)).GetProperty("schedule").GetProperty("priority").GetInt32());
        Assert.Equal(0, await _app.ScalarAsync("select count(*) from audit_log where action <> 'article.ingest'"));
        var any = await SendAsync(ProducerKey, HttpMethod.Patch, $"/api/stories/{id}", new { priority = 3 }, "*");
        Assert.Equal(HttpStatusCode.OK, any.Status);
    }

    [Fact]
    public async Task ABadEditIsAValidationProblemNamingEachField()
    {
        var id = await _app.DraftAsync();
        var bad = await SendAsync(ProducerKey, HttpMethod.Patch, $"/api/stories/{id}",
            new { headline = "", paragraphs = Array.Empty<string>(), priority = "high", publishAt = "2026-12-24 18:00", state = "published" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var errors = bad.Body.GetProperty("errors");
        foreach (var field in new[] { "headline", "paragraphs", "priority", "publishAt", "state" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        var expiry = await SendAsync(ProducerKey, HttpMethod.Patch, $"/api/stories/{id}",
            new { publishAt = "2026-12-24T18:00:00Z", expireAt = "2026-12-24T17:00:00Z" });
        Assert.Equal(HttpStatusCode.Conflict, expiry.Status);
        Assert.Contains("must be after publishAt", expiry.Body.GetProperty("detail").GetString());
        Assert.Equal(0, await _app.ScalarAsync("select count(*) from audit_log where action <> 'article.ingest'"));
    }

    [Fact]
    public async Task RolesDecideWhoSchedulesPublishesRetractsAndEditsAStoryOnAir()
    {
        var id = await _app.DraftAsync();
        var url = $"/api/stories/{id}";

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ViewerKey, HttpMethod.Patch, url, new { priority = 1 })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ProducerKey, HttpMethod.Post, $"{url}/publish")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ProducerKey, HttpMethod.Post, $"{url}/retract", new { reason = "x" })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.App.CreateClient().GetAsync($"/api/stories?channelId={TvNewsApp.ChannelId}")).StatusCode);

        // A producer schedules; the render is queued at once so the story is ready by its time.
        var schedule = await SendAsync(ProducerKey, HttpMethod.Post, $"{url}/schedule", new { publishAt = "2026-12-02T18:30:00+03:30", expireAt = "2026-12-03T12:00:00Z" });
        Assert.Equal(HttpStatusCode.OK, schedule.Status);
        Assert.Equal("scheduled", State(schedule.Body));
        var times = schedule.Body.GetProperty("schedule");
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero), times.GetProperty("publishAt").GetDateTimeOffset());
        // Shown in the channel's zone (Asia/Tehran, +03:30).
        Assert.Equal("Asia/Tehran", times.GetProperty("timeZone").GetString());
        Assert.Equal("2026-12-02T18:30:00+03:30", times.GetProperty("publishAtLocal").GetString());
        Assert.Equal("queued", schedule.Body.GetProperty("renderState").GetString());
        Assert.Equal(1, await _app.ScalarAsync("select count(*) from render_jobs where story_id = @p and not publish_when_done", id));

        var listed = await SendAsync(ViewerKey, HttpMethod.Get, $"/api/stories?channelId={TvNewsApp.ChannelId}&state=scheduled");
        Assert.Equal(id, Assert.Single(listed.Body.GetProperty("stories").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(ViewerKey, HttpMethod.Get, "/api/stories?state=live")).Status);

        // An editor publishes now: not rendered yet, so 202, and it goes on air when the render completes.
        var publish = await SendAsync(EditorKey, HttpMethod.Post, $"{url}/publish");
        Assert.Equal(HttpStatusCode.Accepted, publish.Status);
        Assert.Equal("scheduled", State(publish.Body));
        _app.Clock.Advance(TimeSpan.FromSeconds(4));
        var completion = await _app.RenderAsync(id);
        Assert.True(completion.Published?.NewlyPublished);
        var onAir = await _app.StoryAsync(id);
        Assert.Equal("published", State(onAir));
        Assert.Equal(4000, onAir.GetProperty("schedule").GetProperty("publishLatenessMs").GetInt64());
        Assert.Contains(id.ToString("N"), (await _app.FeedAsync()).GetRawText());

        // On air, a producer may not change the text any more; an editor may.
        var etag = onAir.GetProperty("etag").GetString();
        var producerEdit = await SendAsync(ProducerKey, HttpMethod.Patch, url, new { headline = "Ferries back" }, etag);
        Assert.Equal(HttpStatusCode.Forbidden, producerEdit.Status);
        Assert.Contains("only an editor", producerEdit.Body.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(ProducerKey, HttpMethod.Put, $"{url}/slides",
            new { slides = new[] { new { kind = "Title", text = "FERRIES" } } })).Status);
        var editorEdit = await SendAsync(EditorKey, HttpMethod.Patch, url, new { headline = "Ferries back on all routes" }, etag);
        Assert.Equal(HttpStatusCode.OK, editorEdit.Status);
        Assert.Equal("queued", editorEdit.Body.GetProperty("renderState").GetString()); // re-rendered on air

        // Retracting needs a reason; then the story leaves the feed at once.
        var feedBefore = await _app.ScalarAsync("select feed_version from channels where id = @p", TvNewsApp.ChannelId);
        var noReason = await SendAsync(EditorKey, HttpMethod.Post, $"{url}/retract", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.True(noReason.Body.GetProperty("errors").TryGetProperty("reason", out _));
        var retract = await SendAsync(EditorKey, HttpMethod.Post, $"{url}/retract", new { reason = "The port authority corrected the figures." });
        Assert.Equal(HttpStatusCode.OK, retract.Status);
        Assert.Equal("retracted", State(retract.Body));
        Assert.Equal("The port authority corrected the figures.", retract.Body.GetProperty("schedule").GetProperty("retractReason").GetString());
        Assert.Equal(feedBefore + 1, await _app.ScalarAsync("select feed_version from channels where id = @p", TvNewsApp.ChannelId));
        Assert.DoesNotContain(id.ToString("N"), (await _app.FeedAsync()).GetRawText());

        // The re-render finishing later does not bring it back; nor can it be published or scheduled again.
        var late = await _app.RenderAsync(id);
        Assert.Null(late.Published);
        Assert.Equal("retracted", State(await _app.StoryAsync(id)));
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(EditorKey, HttpMethod.Post, $"{url}/publish")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(EditorKey, HttpMethod.Post, $"{url}/schedule", new { publishAt = "2026-12-03T12:00:00Z" })).Status);

        var history = (await SendAsync(ViewerKey, HttpMethod.Get, $"{url}/history")).Body.GetProperty("entries").EnumerateArray()
            .Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("actor").GetProperty("name").GetString()}").ToList();
        Assert.Equal(["article.ingest Pat Producer", "story.schedule Pat Producer", "story.publish Eve Editor", "story.publish system", "story.edit Eve Editor", "story.retract Eve Editor"], history);
        Assert.Equal("The port authority corrected the figures.", await ReasonAsync(id));
    }

    private async Task<string?> ReasonAsync(Guid id)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_app.App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select details->>'reason' from audit_log where action = 'story.retract' and target_type = 'story' and target_id = @id", connection);
        command.Parameters.AddWithValue("id", id.ToString());
        return (string?)await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task AnEditorPublishesARenderedDraftAtOnce()
    {
        var id = await _app.DraftAsync();
        // Scheduled for days ahead, the story is rendered now; that render does not put it on air early.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ProducerKey, HttpMethod.Post, $"/api/stories/{id}/schedule", new { publishAt = "2026-12-05T12:00:00Z" })).Status);
        var rendered = await _app.RenderAsync(id);
        Assert.Null(rendered.Published); // scheduled for later: the render does not put it on air
        Assert.Equal("scheduled", State(await _app.StoryAsync(id)));
        var publish = await SendAsync(EditorKey, HttpMethod.Post, $"/api/stories/{id}/publish");
        Assert.Equal(HttpStatusCode.OK, publish.Status);
        Assert.Equal("published", State(publish.Body));
        Assert.Contains(id.ToString("N"), (await _app.FeedAsync()).GetRawText());
    }
}
