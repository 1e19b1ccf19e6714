using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TvNews.Core.Feeds;
using TvNews.Data.Auth;
using TvNews.Data.Rendering;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>
/// An app on a fake clock with no render worker, for lifecycle and scheduler tests: a test "renders" a story by
/// claiming and completing its real render job with stand-in media (the same RenderQueue path the worker takes), so
/// the schedule is tested without minutes of ffmpeg. Keys of each role are stored, named after a person.
/// </summary>
public sealed class LifecycleApp : IAsyncDisposable
{
    public const string ProducerKey = "test-producer-pat-0123456789";
    public const string SecondProducerKey = "test-producer-sam-0123456789";
    public const string EditorKey = "test-editor-eve-0123456789";
    public const string ViewerKey = "test-viewer-vic-0123456789";

    public static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private LifecycleApp(TvNewsApp app, FakeTimeProvider clock)
    {
        App = app;
        Clock = clock;
    }

    public TvNewsApp App { get; }
    public FakeTimeProvider Clock { get; }

    /// <param name="sharedWith">A second instance of one deployment: same database, its own clock set to the same time.</param>
    /// <param name="settings">Configuration on top of these defaults (for example <c>Redis:ConnectionString</c>).</param>
    public static async Task<LifecycleApp> StartAsync(LifecycleApp? sharedWith = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = new FakeTimeProvider(sharedWith?.Clock.GetUtcNow() ?? Start);
        var all = new Dictionary<string, string> { ["Render:Worker"] = "false", ["Scheduler:PollInterval"] = "00:01:00" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        var app = await TvNewsApp.StartAsync(
            settings: all,
            services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            sharedWith: sharedWith?.App);
        if (sharedWith is null)
        {
            var keys = app.Services.GetRequiredService<ApiKeyStore>();
            await keys.AddAsync(ProducerKey, "producer", "Pat Producer", Start, CancellationToken.None);
            await keys.AddAsync(SecondProducerKey, "producer", "Sam Producer", Start, CancellationToken.None);
            await keys.AddAsync(EditorKey, "editor", "Eve Editor", Start, CancellationToken.None);
            await keys.AddAsync(ViewerKey, "viewer", "Vic Viewer", Start, CancellationToken.None);
        }
        return new LifecycleApp(app, clock);
    }

    public HttpClient Client(string key)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>Ingests a draft (no render) and returns its story id.</summary>
    public async Task<Guid> DraftAsync(string headline = "Ferry service resumes after storm")
    {
        var text = TestArticles.Small.Replace("Ferry service resumes after storm", headline, StringComparison.Ordinal);
        using var content = new StringContent(text, System.Text.Encoding.UTF8, "text/plain");
        var response = await Client(ProducerKey).PostAsync($"/api/channels/{TvNewsApp.ChannelId}/articles", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("storyId").GetGuid();
    }

    /// <summary>Completes the story's queued render job now (on the fake clock) with stand-in media.</summary>
    public async Task<RenderQueue.Completion> RenderAsync(Guid storyId)
    {
        var queue = App.Services.GetRequiredService<RenderQueue>();
        var now = Clock.GetUtcNow();
        var job = await queue.ClaimAsync(TimeSpan.FromMinutes(5), now, CancellationToken.None, "test");
        Assert.NotNull(job);
        Assert.Equal(storyId, job.StoryId);
        var media = new StoryMedia("stories/x/story.mp4", "stories/x/hls/master.m3u8", "stories/x/thumb.jpg", "stories/x/captions.srt",
            "stories/x/captions.vtt", 3000, 1080, ["stories/x/slide-0.jpg"]);
        var completion = await queue.CompleteAsync(job, media, now, CancellationToken.None);
        Assert.True(completion.Held);
        return completion;
    }

    public async Task<JsonElement> StoryAsync(Guid storyId, string key = ViewerKey)
    {
        var response = await Client(key).GetAsync($"/api/stories/{storyId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var story = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(response.Headers.ETag?.Tag, story.GetProperty("etag").GetString());
        return story;
    }

    public static string State(JsonElement story) => story.GetProperty("state").GetString()!;

    /// <summary>Polls (a few real seconds at most) until the story reaches the state: the worker runs on its own thread.</summary>
    public async Task<JsonElement> WaitForStateAsync(Guid storyId, string state, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var story = await StoryAsync(storyId);
            if (State(story) == state) return story;
            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(5)))
                throw new TimeoutException($"Story {storyId} still {State(story)}, not {state}, after {waited.Elapsed}.");
            await Task.Delay(50);
        }
    }

    public async Task<long> ScalarAsync(string sql, object? parameter = null)
    {
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null) command.Parameters.AddWithValue("p", parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<JsonElement> FeedAsync() =>
        JsonDocument.Parse(await App.FeedAsync()).RootElement.Clone();

    public static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
