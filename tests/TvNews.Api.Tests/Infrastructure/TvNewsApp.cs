using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR.Client;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>The real app (real PostgreSQL, real ffmpeg) on a fresh database and a temporary media folder.</summary>
public sealed class TvNewsApp : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-producer-key-0123456789";
    public const string ChannelId = "sample-news";

    private readonly string? _manifests;
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDatabase;
    private readonly bool _ownsMedia;

    private TvNewsApp(TestDatabase database, string mediaOutput, string? manifests, IReadOnlyDictionary<string, string>? settings,
        Action<IServiceCollection>? services, bool ownsDatabase, bool ownsMedia)
    {
        Database = database;
        MediaOutput = mediaOutput;
        _manifests = manifests;
        _settings = settings;
        _services = services;
        _ownsDatabase = ownsDatabase;
        _ownsMedia = ownsMedia;
    }

    public TestDatabase Database { get; }
    public string MediaOutput { get; }

    /// <param name="editManifest">Changes the sample channel's manifest JSON (for example to add feed sources).</param>
    /// <param name="settings">Configuration on top of the test defaults (for example <c>TvNews:Role</c>).</param>
    /// <param name="services">Replaces services at a real seam (for example the ffmpeg encoder).</param>
    /// <param name="sharedWith">Another instance whose database and media folder this one uses, as a second process of one
    /// deployment would (for example a worker beside an API); they stay the other instance's to clean up.</param>
    public static async Task<TvNewsApp> StartAsync(Func<string, string>? editManifest = null, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null, TvNewsApp? sharedWith = null)
    {
        var database = sharedWith?.Database ?? await TestDatabase.CreateAsync();
        var media = sharedWith?.MediaOutput ?? Directory.CreateTempSubdirectory("tvnews-media-").FullName;
        string? manifests = null;
        if (editManifest is not null)
        {
            manifests = Directory.CreateTempSubdirectory("tvnews-manifests-").FullName;
            var sample = File.ReadAllText(Path.Combine(RepoPaths.Root, "channel-manifests", "sample-news.json"));
            File.WriteAllText(Path.Combine(manifests, "sample-news.json"), editManifest(sample));
        }
        var app = new TvNewsApp(database, media, manifests, settings, services, ownsDatabase: sharedWith is null, ownsMedia: sharedWith is null);
        _ = app.Server; // boot now: migrations and channel loading run here, not in the first test
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:TvNews", Database.ConnectionString);
        builder.UseSetting("TvNews:ApiKey", ApiKey);
        builder.UseSetting("TvNews:MediaOutput", MediaOutput);
        // Each app synthesises its narration afresh (the cache would otherwise outlive the test run in .data/).
        builder.UseSetting("Narration:CacheFolder", Path.Combine(MediaOutput, ".narration-cache"));
        builder.UseSetting("TvNews:PublicBaseUrl", "http://tv.test/");
        builder.UseSetting("TvNews:IngestSamplesOnStart", "false");
        builder.UseSetting("Render:PollInterval", "00:00:00.200");
        // The origin server in these tests listens on 127.0.0.1; "localhost" stays refused, to test the guard.
        builder.UseSetting("Outbound:AllowedHosts:0", "127.0.0.1");
        builder.UseSetting("Sources:PollInterval", "00:00:00.200");
        // The live channel's worker queues each channel's ident render at start; tests of the live channel turn it on
        // (or advance the log through its playlists), the rest should not find an extra render job.
        builder.UseSetting("LiveTv:Worker", "false");
        if (_manifests is not null) builder.UseSetting("TvNews:ManifestsPath", _manifests);
        foreach (var (key, value) in _settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    public HttpClient Producer()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>
    /// A feed as devices get it once this instance has heard the database's current feed version: feeds are cached
    /// per version and a NOTIFY (not the write's HTTP response) invalidates them, so a read right after a write may
    /// briefly see the previous version. Bounded: fails after 5 s.
    /// </summary>
    public async Task<string> FeedAsync(string file = "roku.json", string channelId = ChannelId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select feed_version from channels where id = $1", connection) { Parameters = { new() { Value = channelId } } };
        var version = (long)(await command.ExecuteScalarAsync())!;
        var client = CreateClient();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync($"/channels/{channelId}/feeds/{file}");
            response.EnsureSuccessStatusCode();
            if (response.Headers.ETag?.Tag.StartsWith($"\"v{version}-", StringComparison.Ordinal) == true) return await response.Content.ReadAsStringAsync();
            if (waited.Elapsed > TimeSpan.FromSeconds(5)) throw new TimeoutException($"{file} still at {response.Headers.ETag}, not version {version}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Downloads an absolute media URL (built from the public base) through the test server.</summary>
    public Task<HttpResponseMessage> GetAbsoluteAsync(string absoluteUrl) =>
        CreateClient().GetAsync(new Uri(absoluteUrl).PathAndQuery);

    public async Task<HttpResponseMessage> PostTextAsync(string text, bool publish, string channelId = ChannelId)
    {
        using var content = new StringContent(text, Encoding.UTF8, "text/plain");
        return await Producer().PostAsync($"/api/channels/{channelId}/articles?publish={(publish ? "true" : "false")}", content);
    }

    /// <summary>Polls the story until the render finished (published or failed), bounded.</summary>
    public async Task<StoryDto> WaitForRenderAsync(Guid storyId, TimeSpan timeout)
    {
        var client = Producer();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var story = (await client.GetFromJsonAsync<StoryDto>($"/api/stories/{storyId}"))!;
            if (story.RenderState is "ready" or "failed") return story;
            if (waited.Elapsed > timeout) throw new TimeoutException($"Story {storyId} still {story.RenderState} after {timeout}.");
            await Task.Delay(250);
        }
    }

    /// <param name="apiKey">Sent as X-Api-Key on the connection, as a producer tool would.</param>
    public HubConnection Hub(HttpTransportType transport = HttpTransportType.WebSockets, string? apiKey = null)
    {
        var server = Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/newsroom"), o =>
            {
                o.Transports = transport;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (apiKey is not null) o.Headers["X-Api-Key"] = apiKey;
                if (transport == HttpTransportType.WebSockets)
                {
                    o.SkipNegotiation = true;
                    o.WebSocketFactory = async (ctx, ct) =>
                    {
                        var client = server.CreateWebSocketClient();
                        if (apiKey is not null) client.ConfigureRequest = r => r.Headers["X-Api-Key"] = apiKey;
                        return await client.ConnectAsync(ctx.Uri, ct);
                    };
                }
            })
            .Build();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase) await Database.DisposeAsync();
        if (!_ownsMedia) return;
        try
        {
            Directory.Delete(MediaOutput, recursive: true);
        }
        catch (IOException)
        {
            // a file still open by a finishing render; the temp folder is cleaned by the OS
        }
    }
}
