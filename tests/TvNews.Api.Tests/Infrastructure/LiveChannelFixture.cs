using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>
/// A live channel on a fake clock: three small stories (a few slides, no narration or motion) rendered for real and put
/// in the rundown, and the channel's ident rendered, all at <see cref="Start"/>. The log is advanced by the playlist
/// requests only (no live worker), so what plays depends on the instants a test asks at, never on the wall clock. A
/// loopback proxy in front of the test server is the public base, so ffmpeg can read the stream over a socket.
/// </summary>
public sealed class LiveChannelFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] Headlines = ["Ferry service resumes after storm", "Harbour bridge reopens to traffic", "Island school wins robotics prize"];

    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["LiveTv:Worker"] = "false",
        ["Breaking:Worker"] = "false",
        ["Sources:Worker"] = "false",
        ["Scheduler:PollInterval"] = "00:01:00",
    };

    public LoopbackProxy Proxy { get; private set; } = null!;
    public TvNewsApp App { get; private set; } = null!;
    public FakeTimeProvider Clock { get; private set; } = null!;

    /// <summary>The rundown's stories, in order.</summary>
    public IReadOnlyList<StoryDto> Stories { get; private set; } = [];

    public static string SmallChannel(string manifest) => manifest
        .Replace("\"outputs\": { \"vertical\": true, \"kenBurns\": true, \"narration\": { \"enabled\": true, \"loudnessLufs\": -16 } },",
            "\"outputs\": { \"vertical\": false, \"kenBurns\": false, \"narration\": { \"enabled\": false } },",
            StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        Proxy = await LoopbackProxy.StartAsync();
        Clock = new FakeTimeProvider(Start);
        var settings = new Dictionary<string, string>(Settings) { ["TvNews:PublicBaseUrl"] = Proxy.BaseUrl.AbsoluteUri };
        App = await TvNewsApp.StartAsync(SmallChannel, settings, s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        Proxy.Target = App.CreateClient;

        var ids = new List<Guid>();
        foreach (var headline in Headlines)
        {
            var response = await App.PostTextAsync(TestArticles.Small.Replace(Headlines[0], headline, StringComparison.Ordinal), publish: true);
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<IngestDto>())!.StoryId);
        }
        var stories = new List<StoryDto>();
        foreach (var id in ids)
        {
            var story = await App.WaitForRenderAsync(id, TimeSpan.FromMinutes(3));
            Assert.Equal("ready", story.RenderState);
            stories.Add((await App.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{id}"))!);
        }
        Stories = stories;

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/channels/{TvNewsApp.ChannelId}/rundown")
        {
            Content = JsonContent.Create(new { items = ids.Select(id => new { storyId = id.ToString("N") }) }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", "*");
        (await App.Producer().SendAsync(put)).EnsureSuccessStatusCode();

        // The first look at the channel has its ident rendered (the poster is its thumbnail: 503 until then). Nothing
        // asks for a media playlist before it is, so the log starts with the ident in the lineup.
        var noRedirect = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            using var poster = await noRedirect.GetAsync(LivePath("poster.jpg"));
            if (poster.StatusCode == HttpStatusCode.Redirect) break;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, poster.StatusCode);
            if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("The live channel's ident was not rendered within 2 minutes.");
            await Task.Delay(250);
        }
    }

    public static string LivePath(string file) => $"/channels/{TvNewsApp.ChannelId}/live/{file}";

    public async Task<string> GetTextAsync(string path, TvNewsApp? app = null)
    {
        using var response = await (app ?? App).CreateClient().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>The story (or "ident") whose render holds a segment URL.</summary>
    public string Owner(string segmentUrl)
    {
        foreach (var story in Stories)
        {
            var folder = story.Media!.Hls[..story.Media.Hls.LastIndexOf('/')];
            if (segmentUrl.StartsWith(folder + "/", StringComparison.Ordinal)) return story.Article.Headline;
        }
        return "other";
    }

    /// <summary>What video.js's m3u8-parser makes of each playlist (tools/hls), with its warnings.</summary>
    public static IReadOnlyList<JsonElement> ParseWithM3u8Parser(IReadOnlyList<string> playlists)
    {
        var tools = Path.Combine(RepoPaths.Root, "tools", "hls");
        if (!File.Exists(Path.Combine(tools, "node_modules", "m3u8-parser", "package.json")))
            throw new InvalidOperationException("m3u8-parser is not installed; run `npm ci --prefix tools/hls` (./tvnews test does).");
        var (exit, stdout, stderr) = TvNews.Testing.NodeProcess.Run(tools, ["parse-m3u8.mjs"], JsonSerializer.Serialize(playlists), TimeSpan.FromMinutes(1),
            "the live channel tests need Node 20+ and `npm ci --prefix tools/hls`");
        Assert.True(exit == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LiveChannelCollection : ICollectionFixture<LiveChannelFixture>
{
    public const string Name = "live channel";
}
