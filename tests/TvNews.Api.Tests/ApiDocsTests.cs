using System.Net;
using System.Text.Json;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>The OpenAPI document and the reference page, as a client developer would use them.</summary>
public sealed class ApiDocsTests : IAsyncLifetime
{
    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];
    private TvNewsApp _app = null!;
    private JsonDocument _document = null!;

    public async Task InitializeAsync()
    {
        _app = await TvNewsApp.StartAsync();
        var response = await _app.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        _document.Dispose();
        await _app.DisposeAsync();
    }

    private IEnumerable<(string Path, string Method, JsonElement Operation)> Operations() =>
        _document.RootElement.GetProperty("paths").EnumerateObject().SelectMany(path =>
            path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)).Select(m => (path.Name, m.Name, m.Value)));

    private static IReadOnlyList<string> Statuses(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();

    [Fact]
    public void TheDocumentDescribesTheProducerAndDeviceEndpoints()
    {
        var paths = Operations().Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToList();
        Assert.Contains("POST /api/channels/{channelId}/articles", paths);
        Assert.Contains("GET /api/stories/{storyId}", paths);
        Assert.Contains("PUT /api/stories/{storyId}/slides", paths);
        Assert.Contains("GET /api/jobs/{jobId}", paths);
        Assert.Contains("GET /channels/{channelId}/feeds/roku.json", paths);
        var scheme = _document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
    }

    [Fact]
    public void EveryEndpointListsItsErrors()
    {
        var missing = new List<string>();
        foreach (var (path, method, operation) in Operations())
        {
            var statuses = Statuses(operation);
            if (!statuses.Any(s => s.StartsWith('4') || s.StartsWith('5'))) missing.Add($"{method} {path}: no error response");
            if (path.Contains('{') && !statuses.Contains("404")) missing.Add($"{method} {path}: no 404");
            // Only the sign-in endpoints are open; every other producer endpoint needs a role and says so.
            var secured = operation.TryGetProperty("security", out _);
            if (path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/api/auth/", StringComparison.Ordinal)
                && !(secured && statuses.Contains("401") && statuses.Contains("403")))
                missing.Add($"{method} {path}: no role, or no 401/403");
            foreach (var status in statuses.Where(s => s.StartsWith('4')))
            {
                var content = operation.GetProperty("responses").GetProperty(status);
                if (!content.TryGetProperty("content", out var media) || !media.EnumerateObject().Any(m => m.Name.Contains("json")))
                    missing.Add($"{method} {path}: {status} has no problem body");
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void ProducerEndpointsNameTheRoleTheyNeed()
    {
        var ingest = Operations().Single(o => o.Method == "post" && o.Path == "/api/channels/{channelId}/articles").Operation;
        Assert.Contains("Requires the **producer** role", ingest.GetProperty("description").GetString());
        Assert.Equal("ApiKey", ingest.GetProperty("security")[0].EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task TheReferencePageIsServedWithItsScriptFromTheApp()
    {
        var client = _app.CreateClient();
        var page = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(html.Contains("openapi", StringComparison.Ordinal), html);
        // The page's script comes from the app itself (devices and producers may have no internet route to a CDN).
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(script.StartsWith("http", StringComparison.Ordinal), script);
        var js = await client.GetAsync(new Uri(new Uri("http://localhost/docs/"), script).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }
}
