using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Rendering;

namespace TvNews.Api.Tests;

public sealed record RenderProgressDto(long JobId, string StoryId, string ChannelId, string Stage, double Progress);

/// <summary>GET /api/jobs and the producers' RenderProgress events, over HTTP and a real SignalR client.</summary>
public sealed class RenderJobsTests
{
    private const string OtherArticle = """
        Business

        Harbour cranes replaced after twenty years

        The port installed four electric cranes on Monday, replacing diesel machines bought in 2006, officials said.

        "They are quieter and faster," crane operator Lise Dahl said.
        """;

    // Published: a draft is not rendered until someone asks to publish it.
    private static async Task<Guid> IngestAsync(TvNewsApp app, string text)
    {
        var response = await app.PostTextAsync(text, publish: true);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IngestDto>())!.StoryId;
    }

    private static async Task<JobDto> OnlyJobAsync(TvNewsApp app, Guid storyId) =>
        Assert.Single((await app.Producer().GetFromJsonAsync<JobListDto>($"/api/jobs?storyId={storyId}"))!.Jobs);

    [Fact]
    public async Task ReRendersKeepTheFolderOnAirAndTheNewOneAndRemoveOlderOnes()
    {
        await using var app = await TvNewsApp.StartAsync();
        var storyId = await IngestAsync(app, TestArticles.Small);
        await WaitForJobsAsync(app, storyId, 1);
        var storyFolder = Path.Combine(app.MediaOutput, "stories", storyId.ToString("N"));
        var first = Assert.Single(Directory.GetDirectories(storyFolder, "r*"));

        for (var edit = 2; edit <= 3; edit++)
        {
            var story = (await app.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{storyId}"))!;
            var slides = story.Slides.Select((s, i) => new { kind = s.Kind, text = i == 0 ? $"{s.Text} (edit {edit})" : s.Text, label = s.Label, attribution = s.Attribution });
            (await app.Producer().PutAsJsonAsync($"/api/stories/{storyId}/slides", new { slides })).EnsureSuccessStatusCode();
            await WaitForJobsAsync(app, storyId, edit);
        }

        // The third render is on air, the second may still be playing on a device; the first is gone.
        var onAir = (await app.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{storyId}"))!;
        var folders = Directory.GetDirectories(storyFolder, "r*").Select(Path.GetFileName).ToList();
        Assert.Equal(2, folders.Count);
        Assert.DoesNotContain(Path.GetFileName(first), folders);
        Assert.Contains(new Uri(onAir.Media!.Mp4).AbsolutePath.Split('/')[^2], folders);
        Assert.True(Directory.Exists(Path.Combine(storyFolder, "cache")), "the slide cache survives");
    }

    private static async Task WaitForJobsAsync(TvNewsApp app, Guid storyId, int count)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var jobs = (await app.Producer().GetFromJsonAsync<JobListDto>($"/api/jobs?storyId={storyId}"))!.Jobs;
            if (jobs.Count == count && jobs.All(j => j.State == "done")) return;
            Assert.DoesNotContain(jobs, j => j.State == "failed");
            if (waited.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"{jobs.Count} jobs, states {string.Join(",", jobs.Select(j => j.State))}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ARenderPushesProgressToProducersAndTheJobsApiShowsItDoneWithTimings()
    {
        await using var app = await TvNewsApp.StartAsync(settings: new Dictionary<string, string> { ["Render:ProgressInterval"] = "00:00:00.050" });
        var events = Channel.CreateUnbounded<RenderProgressDto>();
        await using var hub = app.Hub(apiKey: TvNewsApp.ApiKey);
        hub.On<RenderProgressDto>("RenderProgress", e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeProducer", TvNewsApp.ChannelId);

        var storyId = await IngestAsync(app, TestArticles.Small);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var received = new List<RenderProgressDto>();
        while (received.Count == 0 || received[^1].Progress < 1)
            received.Add(await events.Reader.ReadAsync(timeout.Token));
        var last = received[^1];
        Assert.Equal("done", last.Stage);
        Assert.Equal(1.0, last.Progress, 3);
        Assert.All(received, e => Assert.Equal(storyId.ToString("N"), e.StoryId));
        Assert.All(received, e => Assert.Equal(TvNewsApp.ChannelId, e.ChannelId));
        Assert.Single(received.Select(e => e.JobId).Distinct());
        Assert.Equal(received.Select(e => e.Progress).Order(), received.Select(e => e.Progress));
        // One process that both renders and serves the hub pushes each step once (it relays only what NOTIFY brings).
        Assert.Equal(received.Count, received.Distinct().Count());
        Assert.All(received, e => Assert.Contains(e.Stage, new[] { "slides", "encoding", "done" }));

        await app.WaitForRenderAsync(storyId, TimeSpan.FromMinutes(1));
        var job = await OnlyJobAsync(app, storyId);
        Assert.Equal(last.JobId, job.Id);
        Assert.Equal("done", job.State);
        Assert.Equal(1, job.Attempts);
        Assert.Equal(5, job.MaxAttempts);
        Assert.Null(job.LastError);
        Assert.Equal(1.0, job.Progress, 3);
        Assert.Equal("done", job.Stage);
        Assert.False(string.IsNullOrEmpty(job.WorkerId));
        Assert.NotNull(job.StartedAt);
        Assert.NotNull(job.FinishedAt);
        Assert.True(job.StartedAt >= job.CreatedAt && job.FinishedAt >= job.StartedAt);
        Assert.Equal((job.FinishedAt!.Value - job.StartedAt!.Value).TotalSeconds, job.DurationSeconds!.Value, 3);
        Assert.Null(job.NextAttemptAt);
        Assert.Null(job.LeaseUntil);

        var one = (await app.Producer().GetFromJsonAsync<JobDto>($"/api/jobs/{job.Id}"))!;
        Assert.Equal(job, one);
    }

    [Fact]
    public async Task ProducersOnAnApiInstanceGetRenderProgressFromAWorkerInstance()
    {
        await using var api = await TvNewsApp.StartAsync(settings: new Dictionary<string, string> { ["TvNews:Role"] = "Api" });
        await using var worker = await TvNewsApp.StartAsync(sharedWith: api,
            settings: new Dictionary<string, string> { ["TvNews:Role"] = "Worker", ["Render:ProgressInterval"] = "00:00:00.050" });
        var events = Channel.CreateUnbounded<RenderProgressDto>();
        await using var hub = api.Hub(apiKey: TvNewsApp.ApiKey);
        hub.On<RenderProgressDto>("RenderProgress", e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeProducer", TvNewsApp.ChannelId);

        var storyId = await IngestAsync(api, TestArticles.Small);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var received = new List<RenderProgressDto>();
        while (received.Count == 0 || received[^1].Progress < 1)
            received.Add(await events.Reader.ReadAsync(timeout.Token));
        Assert.Equal(("done", 1.0), (received[^1].Stage, received[^1].Progress));
        Assert.Contains(received, e => e.Stage == "slides");
        Assert.All(received, e => Assert.Equal((storyId.ToString("N"), TvNewsApp.ChannelId), (e.StoryId, e.ChannelId)));
        Assert.Equal(received.Count, received.Distinct().Count());
        var story = await api.WaitForRenderAsync(storyId, TimeSpan.FromMinutes(2));
        Assert.Equal("ready", story.RenderState);
        Assert.Equal(received[^1].JobId, (await OnlyJobAsync(api, storyId)).Id);
    }

    [Fact]
    public async Task OnlyAProducerKeyMayJoinTheProducerGroup()
    {
        await using var app = await TvNewsApp.StartAsync(settings: new Dictionary<string, string> { ["TvNews:Role"] = "Api" });
        await using var anonymous = app.Hub();
        await anonymous.StartAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync("SubscribeProducer", TvNewsApp.ChannelId));
        Assert.Contains("API key", error.Message);

        await using var wrongKey = app.Hub(apiKey: "not-a-key");
        await wrongKey.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => wrongKey.InvokeAsync("SubscribeProducer", TvNewsApp.ChannelId));

        // Public subscriptions stay anonymous.
        await anonymous.InvokeAsync("Subscribe", TvNewsApp.ChannelId);
        await using var producer = app.Hub(apiKey: TvNewsApp.ApiKey);
        await producer.StartAsync();
        await producer.InvokeAsync("SubscribeProducer", TvNewsApp.ChannelId);
        await Assert.ThrowsAsync<HubException>(() => producer.InvokeAsync("SubscribeProducer", "no-such-channel"));
    }

    private sealed class ExplodingEncoder : IStoryVideoEncoder
    {
        public Task<EncodedStory> EncodeAsync(EncodeRequest request, CancellationToken ct) => throw new InvalidOperationException("encoder exploded");

        public Task EncodeVerticalAsync(IReadOnlyList<VideoSlide> slides, string? audioPath, string outputFile, CancellationToken ct) =>
            throw new InvalidOperationException("encoder exploded");
    }

    [Fact]
    public async Task AFailedAttemptShowsItsErrorAttemptsAndWhenItIsRetried()
    {
        await using var app = await TvNewsApp.StartAsync(services: s => s.Replace(ServiceDescriptor.Singleton<IStoryVideoEncoder, ExplodingEncoder>()));
        var storyId = await IngestAsync(app, TestArticles.Small);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        JobDto job;
        while ((job = await OnlyJobAsync(app, storyId)).LastError is null)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"no failure recorded; job is {job.State}");
            await Task.Delay(100);
        }
        Assert.Contains("encoder exploded", job.LastError);
        Assert.True(job.Attempts >= 1);
        Assert.Equal(5, job.MaxAttempts);
        Assert.NotEqual("done", job.State);
        // The slides were drawn before the encoder failed; a retry waits out its backoff.
        Assert.True(job.Progress >= 0.5, $"progress {job.Progress}");
        if (job is { State: "queued", Attempts: 1 })
        {
            Assert.NotNull(job.NextAttemptAt);
            Assert.True(job.NextAttemptAt > job.StartedAt);
            Assert.Null(job.FinishedAt);
        }
    }

    [Fact]
    public async Task TheListIsNewestFirstAndFiltersByStateStoryAndLimit()
    {
        // API only: nothing renders, so the jobs stay queued and the filters are deterministic.
        await using var app = await TvNewsApp.StartAsync(settings: new Dictionary<string, string> { ["TvNews:Role"] = "Api" });
        var first = await IngestAsync(app, TestArticles.Small);
        var second = await IngestAsync(app, OtherArticle);
        var client = app.Producer();

        var all = (await client.GetFromJsonAsync<JobListDto>("/api/jobs"))!.Jobs;
        Assert.Equal([second, first], all.Select(j => j.StoryId));
        Assert.All(all, j => Assert.Equal("queued", j.State));
        Assert.All(all, j => Assert.Equal(0, j.Attempts));
        Assert.All(all, j => Assert.NotNull(j.NextAttemptAt));
        Assert.Equal(2, (await client.GetFromJsonAsync<JobListDto>("/api/jobs?state=queued"))!.Jobs.Count);
        Assert.Empty((await client.GetFromJsonAsync<JobListDto>("/api/jobs?state=done"))!.Jobs);
        Assert.Equal([first], (await client.GetFromJsonAsync<JobListDto>($"/api/jobs?storyId={first}"))!.Jobs.Select(j => j.StoryId));
        Assert.Equal([second], (await client.GetFromJsonAsync<JobListDto>("/api/jobs?limit=1"))!.Jobs.Select(j => j.StoryId));

        var bad = await client.GetAsync("/api/jobs?state=exploded&storyId=nope&limit=5000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = (await bad.Content.ReadFromJsonAsync<ValidationProblemDto>())!;
        Assert.Equal(["limit", "state", "storyId"], problem.Errors.Keys.Order());
    }

    [Fact]
    public async Task AnUnknownJobIsANotFoundProblemAndJobsNeedAKey()
    {
        await using var app = await TvNewsApp.StartAsync(settings: new Dictionary<string, string> { ["TvNews:Role"] = "Api" });
        var missing = await app.Producer().GetAsync("/api/jobs/987654");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var problem = (await missing.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal(404, problem.Status);
        Assert.Contains("987654", problem.Detail);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/jobs/1")).StatusCode);
    }

    [Fact]
    public async Task AWorkerOnlyInstanceAnswersHealthAndNothingElse()
    {
        await using var app = await TvNewsApp.StartAsync(settings: new Dictionary<string, string> { ["TvNews:Role"] = "Worker" });
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Producer().GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/channels/{TvNewsApp.ChannelId}/feeds/roku.json")).StatusCode);
    }
}
