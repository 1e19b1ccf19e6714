using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>
/// The real app as its own process (<see cref="ChildServer"/>) on a fixed loopback port, with its own database and
/// media folder, and PublicBaseUrl on that port, so every URL it hands out (media, feeds, the package manifest's
/// endpoints) works for a browser or the brs interpreter.
/// </summary>
public sealed class ServedApp : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly string _media;
    private readonly ChildServer _child;

    private ServedApp(TestDatabase database, string media, ChildServer child, string baseUrl)
    {
        _database = database;
        _media = media;
        _child = child;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The last lines the server wrote, for failure messages.</summary>
    public string Output => _child.Output;

    /// <param name="settings">More configuration keys (<c>Render:ProgressInterval</c>) on top of the fast render poll.</param>
    public static async Task<ServedApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync();
        var media = Directory.CreateTempSubdirectory("tvnews-media-").FullName;
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var all = new Dictionary<string, string>
        {
            ["TvNews:PublicBaseUrl"] = baseUrl + "/",
            ["Render:PollInterval"] = "00:00:00.200",
            ["Narration:CacheFolder"] = Path.Combine(media, ".narration-cache"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        var child = ChildServer.Start(database.ConnectionString, media, all, baseUrl);
        var server = new ServedApp(database, media, child, baseUrl);
        try
        {
            await server.WaitUntilUpAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client with the admin key.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", TvNewsApp.ApiKey);
        return client;
    }

    private async Task WaitUntilUpAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_child.HasExited, $"the server exited during start:\n{_child.Output}");
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"the server did not answer /health within 60 s:\n{_child.Output}");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _child.DisposeAsync();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_media, recursive: true);
        }
        catch (IOException)
        {
            // a file still open by a finishing render; the temp folder is cleaned by the OS
        }
    }
}
