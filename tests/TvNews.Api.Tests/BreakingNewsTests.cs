using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Testing;

namespace TvNews.Api.Tests;

public sealed record BreakingStartedDto(string ChannelId, string Id, string Headline, string StoryId, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt);

public sealed record BreakingEndedDto(string ChannelId, string Id, string Headline);

public sealed record CardDto(string StoryId, string RenderState, string State, MediaDto? Media);

public sealed record BreakingDto(string Id, string ChannelId, string Headline, string? StoryId, string OnAirStoryId, DateTimeOffset StartedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt, string? EndReason, string StartedBy, CardDto? Card);

/// <summary>
/// Breaking news end to end, with one real card render: the start event, the card's video, the top of the feed and the
/// rundown, and the end after the (fake) clock passes the expiry.
/// </summary>
public sealed class BreakingNewsEndToEndTests : IAsyncLifetime
{
    private static readonly string Breaking = $"/api/channels/{TvNewsApp.ChannelId}/breaking";
    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());
    private TvNewsApp _app = null!;

    public async Task InitializeAsync() => _app = await TvNewsApp.StartAsync(
        settings: new Dictionary<string, string> { ["Breaking:PollInterval"] = "00:00:05" },
        services: s => s.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task BreakingNewsGoesOnTopWithARenderedCardAndEverythingReturnsToNormalAfterItExpires()
    {
        var (editor, _) = await _app.WithRoleAsync("editor");
        var draft = await _app.PostTextAsync(TestArticles.Small, publish: false);
        var storyId = (await draft.Content.ReadFromJsonAsync<IngestDto>())!.StoryId;
        var rundownPath = $"/api/channels/{TvNewsApp.ChannelId}/rundown";
        using (var put = new HttpRequestMessage(HttpMethod.Put, rundownPath) { Content = JsonContent.Create(new { items = new[] { new { storyId } } }) })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "*");
            Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(put)).StatusCode);
        }

        var events = Channel.CreateUnbounded<object>();
        await using var hub = _app.Hub();
        hub.On<BreakingStartedDto>("BreakingNewsStarted", e => events.Writer.TryWrite(e));
        hub.On<BreakingEndedDto>("BreakingNewsEnded", e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);

        var response = await editor.PostAsJsonAsync(Breaking, new { headline = "Strong earthquake hits the capital" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = (await response.Content.ReadFromJsonAsync<BreakingDto>())!;
        Assert.NotNull(started.Card);
        Assert.Equal(started.Card.StoryId, started.OnAirStoryId);

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            var pushed = Assert.IsType<BreakingStartedDto>(await events.Reader.ReadAsync(timeout.Token));
            Assert.Equal((TvNewsApp.ChannelId, started.Id, "Strong earthquake hits the capital", started.OnAirStoryId),
                (pushed.ChannelId, pushed.Id, pushed.Headline, pushed.StoryId));
            Assert.Equal(TimeSpan.FromMinutes(30), pushed.ExpiresAt - pushed.StartedAt);
        }

        // The card: a few seconds of H.264, published through the render queue.
        var card = await _app.WaitForRenderAsync(Guid.Parse(started.OnAirStoryId), TimeSpan.FromMinutes(4));
        Assert.Equal("ready", card.RenderState);
        Assert.Equal("published", card.State);
        Assert.Equal("BREAKING NEWS", Assert.Single(card.Slides).Label);
        var mp4 = Path.Combine(_app.MediaOutput, Uri.UnescapeDataString(new Uri(card.Media!.Mp4).AbsolutePath)["/media/".Length..]);
        var probe = await Tool.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name:format=duration",
            "-of", "json", mp4);
        Assert.Equal(0, probe.ExitCode);
        var probed = JsonDocument.Parse(probe.Text).RootElement;
        Assert.Equal("h264", probed.GetProperty("streams")[0].GetProperty("codec_name").GetString());
        Assert.InRange(double.Parse(probed.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture), 4.5, 6);
        Assert.Equal(HttpStatusCode.OK, (await _app.GetAbsoluteAsync(card.Media.Hls)).StatusCode);

        var feed = JsonDocument.Parse(await _app.FeedAsync()).RootElement;
        Assert.Equal(started.OnAirStoryId, feed.GetProperty("shortFormVideos")[0].GetProperty("id").GetString());
        var rundown = (await editor.GetFromJsonAsync<RundownDto>(rundownPath))!;
        Assert.Equal([(started.OnAirStoryId, true), (storyId.ToString("N"), false)], rundown.Items.Select(i => (i.StoryId, i.Breaking)));
        Assert.Equal(5, rundown.Items[0].PlannedSeconds, 1);
        var active = (await editor.GetFromJsonAsync<BreakingDto>(Breaking))!;
        Assert.Equal(started.Id, active.Id);
        Assert.Equal("ready", active.Card!.RenderState);

        // One at a time.
        Assert.Equal(HttpStatusCode.Conflict, (await editor.PostAsJsonAsync(Breaking, new { headline = "Another one" })).StatusCode);

        // Past the expiry the worker ends it: BreakingNewsEnded, and the feed and the rundown are as before.
        _clock.Advance(TimeSpan.FromMinutes(31));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            var ended = Assert.IsType<BreakingEndedDto>(await events.Reader.ReadAsync(timeout.Token));
            Assert.Equal((TvNewsApp.ChannelId, started.Id, "Strong earthquake hits the capital"), (ended.ChannelId, ended.Id, ended.Headline));
        }
        Assert.Equal(HttpStatusCode.NoContent, (await editor.GetAsync(Breaking)).StatusCode);
        feed = JsonDocument.Parse(await _app.FeedAsync()).RootElement;
        Assert.Equal(0, feed.GetProperty("shortFormVideos").GetArrayLength());
        rundown = (await editor.GetFromJsonAsync<RundownDto>(rundownPath))!;
        Assert.Equal([storyId.ToString("N")], rundown.Items.Select(i => i.StoryId));
        Assert.Equal("expired", (await _app.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{started.OnAirStoryId}"))!.State);

        var start = Assert.Single(await _app.AuditAsync("breaking.start"));
        Assert.Equal(("editor", "breaking", started.Id, TvNewsApp.ChannelId), (start.ActorRole, start.TargetType, start.TargetId, start.ChannelId));
        var end = Assert.Single(await _app.AuditAsync("breaking.end"));
        Assert.Equal(("system", started.Id), (end.ActorId, end.TargetId));
        Assert.Contains("expired", end.Details);
    }
}

/// <summary>Breaking news without rendering (no render worker): validation, roles, ending early, render priority, exactly-once ends.</summary>
public sealed class BreakingNewsTests : IAsyncLifetime
{
    private static readonly string Breaking = $"/api/channels/{TvNewsApp.ChannelId}/breaking";
    private TvNewsApp _app = null!;

    public async Task InitializeAsync() => _app = await TvNewsApp.StartAsync(settings: new Dictionary<string, string> { ["Render:Worker"] = "false" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ProblemsNameTheFieldAndNothingStarts()
    {
        var (editor, _) = await _app.WithRoleAsync("editor");
        var response = await editor.PostAsJsonAsync(Breaking, new { headline = "  ", storyId = "nope", durationMinutes = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<ValidationProblemDto>())!.Errors;
        Assert.Equal(["durationMinutes", "headline", "storyId"], errors.Keys.Order());

        var unknown = await editor.PostAsJsonAsync(Breaking, new { headline = "Fire at the port", storyId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("storyId", (await unknown.Content.ReadFromJsonAsync<ValidationProblemDto>())!.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.PostAsJsonAsync("/api/channels/nowhere/breaking", new { headline = "x" })).StatusCode);

        Assert.Equal(0, await _app.Database.CountAsync("breaking_news"));
        Assert.Equal(0, await _app.Database.CountAsync("stories"));
        Assert.Empty(await _app.AuditAsync("breaking.start"));
    }

    [Fact]
    public async Task ViewersReadBreakingNewsAndOnlyEditorsBreakOrEndIt()
    {
        var (viewer, _) = await _app.WithRoleAsync("viewer");
        var (producer, _) = await _app.WithRoleAsync("producer");
        var (editor, _) = await _app.WithRoleAsync("editor");
        var body = new { headline = "Storm makes landfall" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().PostAsJsonAsync(Breaking, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(Breaking, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await producer.PostAsJsonAsync(Breaking, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await viewer.GetAsync(Breaking)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync(Breaking, body)).StatusCode);
        Assert.Equal("Storm makes landfall", (await viewer.GetFromJsonAsync<BreakingDto>(Breaking))!.Headline);
        Assert.Equal(HttpStatusCode.Forbidden, (await producer.DeleteAsync(Breaking)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.DeleteAsync(Breaking)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.DeleteAsync(Breaking)).StatusCode);
    }

    [Fact]
    public async Task TheCardJumpsTheRenderQueueAndEndingEarlyKeepsItOffAirEvenIfItsRenderFinishesLater()
    {
        // A story queued first, at normal priority.
        var queued = await _app.PostTextAsync(TestArticles.Small, publish: true);
        var storyId = (await queued.Content.ReadFromJsonAsync<IngestDto>())!.StoryId;
        var (editor, _) = await _app.WithRoleAsync("editor");

        var events = Channel.CreateUnbounded<BreakingEndedDto>();
        await using var hub = _app.Hub();
        hub.On<BreakingEndedDto>("BreakingNewsEnded", e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);

        var started = (await (await editor.PostAsJsonAsync(Breaking, new { headline = "Minister resigns", durationMinutes = 10 }))
            .Content.ReadFromJsonAsync<BreakingDto>())!;
        Assert.Equal(TimeSpan.FromMinutes(10), started.ExpiresAt - started.StartedAt);
        Assert.Equal("queued", started.Card!.RenderState);

        var queue = _app.Services.GetRequiredService<TvNews.Data.Rendering.RenderQueue>();
        var job = await queue.ClaimAsync(TimeSpan.FromMinutes(5), TimeProvider.System.GetUtcNow(), CancellationToken.None, "test");
        Assert.Equal(started.OnAirStoryId, job!.StoryId.ToString("N"));

        var ended = await editor.DeleteAsync(Breaking);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("ended", (await ended.Content.ReadFromJsonAsync<BreakingDto>())!.EndReason);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            Assert.Equal(started.Id, (await events.Reader.ReadAsync(timeout.Token)).Id);

        // The card's render completes after the end: its media is kept, but it does not go on air.
        var media = new TvNews.Core.Feeds.StoryMedia("a/video.mp4", "a/hls/master.m3u8", "a/thumbnail.jpg", "a/captions.srt", "a/captions.vtt", 1000, 1080, []);
        var completion = await queue.CompleteAsync(job, media, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        Assert.True(completion.Held);
        Assert.Null(completion.Published);
        Assert.Equal("draft", (await _app.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{started.OnAirStoryId}"))!.State);
        // The story queued before it is next.
        Assert.Equal(storyId, (await queue.ClaimAsync(TimeSpan.FromMinutes(5), TimeProvider.System.GetUtcNow(), CancellationToken.None, "test"))!.StoryId);

        var end = Assert.Single(await _app.AuditAsync("breaking.end"));
        Assert.Equal("editor", end.ActorRole);
    }

    [Fact]
    public async Task ConcurrentEndsEndAnItemExactlyOnce()
    {
        var (editor, _) = await _app.WithRoleAsync("editor");
        var started = (await (await editor.PostAsJsonAsync(Breaking, new { headline = "Dam breach feared" })).Content.ReadFromJsonAsync<BreakingDto>())!;
        var store = _app.Services.GetRequiredService<TvNews.Data.Breaking.BreakingNewsStore>();
        var id = Guid.Parse(started.Id);
        var ends = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            store.EndAsync(id, "expired", TvNews.Data.Audit.AuditActor.System, TimeProvider.System.GetUtcNow(), CancellationToken.None)));
        Assert.Single(ends, e => e is not null);
        Assert.Single(await _app.AuditAsync("breaking.end"));
    }
}
