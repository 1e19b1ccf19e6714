using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>
/// The role matrix of issue 6, read from the app's own endpoint table: a new /api endpoint without a role policy fails
/// here, and every endpoint answers 401 without credentials and 403 to the role just below the one it needs.
/// </summary>
public sealed partial class RoleMatrixTests(RoleKeysFixture fixture) : IClassFixture<RoleKeysFixture>
{
    private static readonly string[] Ladder = ["viewer", "producer", "editor", "admin"];

    /// <summary>
    /// The least role each endpoint needs. Endpoints missing here still have to carry a role policy and pass the HTTP
    /// checks; rows for endpoints that no longer exist fail, so the table stays true.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["POST /api/channels/{channelId}/articles"] = "producer",
        ["GET /api/stories/{storyId:guid}"] = "viewer",
        ["GET /api/stories/{storyId:guid}/versions"] = "viewer",
        ["GET /api/stories/{storyId:guid}/contact-sheet.png"] = "viewer",
        ["PUT /api/stories/{storyId:guid}/slides"] = "producer",
        ["DELETE /api/stories/{storyId:guid}/slides"] = "producer",
        ["PUT /api/stories/{storyId:guid}/lock"] = "editor",
        ["DELETE /api/stories/{storyId:guid}/lock"] = "editor",
        ["GET /api/jobs"] = "viewer",
        ["GET /api/channels/{channelId}/live/as-run"] = "viewer",
        ["GET /api/jobs/{jobId:long}"] = "viewer",
        ["POST /api/keys"] = "admin",
        ["GET /api/keys"] = "admin",
        ["DELETE /api/keys/{id:long}"] = "admin",
        ["POST /api/users"] = "admin",
        ["GET /api/users"] = "admin",
        ["PUT /api/users/{id:long}"] = "admin",
        ["GET /api/audit"] = "admin",
        ["POST /api/stories/{storyId:guid}/render"] = "producer",
    };

    /// <summary>The sign-in endpoints themselves: open to anyone (login checks its anti-forgery token; me needs any sign-in).</summary>
    private static readonly HashSet<string> Open = new(StringComparer.Ordinal)
    {
        "GET /api/auth/antiforgery", "POST /api/auth/login", "POST /api/auth/logout", "GET /api/auth/me",
    };

    private sealed record ApiEndpoint(string Method, string Pattern, string? LeastRole, bool Anonymous)
    {
        public string Key => $"{Method} {Pattern}";

        public bool Writes => Method is not ("GET" or "HEAD");
    }

    private List<ApiEndpoint> ApiEndpoints()
    {
        var endpoints = new List<ApiEndpoint>();
        foreach (var endpoint in fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal)) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            Assert.True(methods is { Count: > 0 }, $"{pattern} answers every HTTP method; map it with MapGet/MapPost/….");
            // All authorize data must pass, so the strictest named role policy is the one that counts.
            var roles = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => Array.IndexOf(Ladder, a.Policy)).Where(i => i >= 0).ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in methods!)
                endpoints.Add(new ApiEndpoint(method, pattern, roles.Count == 0 ? null : Ladder[roles.Max()], anonymous));
        }
        return endpoints;
    }

    [Fact]
    public void EveryApiEndpointNamesTheLeastRoleItNeeds()
    {
        var endpoints = ApiEndpoints();
        Assert.True(endpoints.Count >= Expected.Count, $"Only {endpoints.Count} /api endpoints found.");
        var problems = new List<string>();
        foreach (var e in endpoints)
        {
            if (Open.Contains(e.Key)) continue;
            if (e.Anonymous) problems.Add($"{e.Key} allows anonymous callers.");
            if (e.LeastRole is null)
                problems.Add($"{e.Key} has no role policy: add .RequireAuthorization(Policies.Viewer|Producer|Editor|Admin).");
            else if (Expected.TryGetValue(e.Key, out var expected) && expected != e.LeastRole)
                problems.Add($"{e.Key} needs {e.LeastRole}; the role matrix says {expected}.");
        }
        var keys = endpoints.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(Expected.Keys.Concat(Open).Where(k => !keys.Contains(k)).Select(k => $"{k} is in the matrix but not in the app."));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task EveryRoleEndpointIs401WithoutCredentialsAnd403ForTheRoleBelowAndOpenToItsRole()
    {
        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var e in ApiEndpoints().Where(e => e.LeastRole is not null && !Open.Contains(e.Key)))
        {
            var url = Fill(e.Pattern);
            var anonymous = await SendAsync(fixture.App.CreateClient(), e.Method, url);
            if (anonymous != HttpStatusCode.Unauthorized) problems.Add($"{e.Key} without credentials: {anonymous}, expected 401.");
            var index = Array.IndexOf(Ladder, e.LeastRole);
            if (index > 0)
            {
                var below = await SendAsync(fixture.As(Ladder[index - 1]), e.Method, url);
                if (below != HttpStatusCode.Forbidden) problems.Add($"{e.Key} as {Ladder[index - 1]}: {below}, expected 403.");
            }
            // Its own role gets past authorization (to a 404 or validation problem for the made-up ids and empty body).
            var own = await SendAsync(fixture.As(e.LeastRole!), e.Method, url);
            if (own is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) problems.Add($"{e.Key} as {e.LeastRole}: {own}.");
            checkedCount++;
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(checkedCount >= Expected.Count, $"Only {checkedCount} endpoints checked.");
    }

    [Fact]
    public async Task APublishingIngestNeedsAnEditorWhileADraftNeedsAProducer()
    {
        var url = $"/api/channels/{TvNewsApp.ChannelId}/articles?publish=true";
        var before = await fixture.App.Database.CountAsync("articles");
        using (var content = new StringContent(TestArticles.Small, Encoding.UTF8, "text/plain"))
        {
            var response = await fixture.As("producer").PostAsync(url, content);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("editor", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await fixture.App.Database.CountAsync("articles"));

        using (var content = new StringContent(TestArticles.Small, Encoding.UTF8, "text/plain"))
            Assert.Equal(HttpStatusCode.Created, (await fixture.As("producer").PostAsync(url.Replace("true", "false", StringComparison.Ordinal), content)).StatusCode);
        // The editor's publish of the same article passes authorization (200: it exists now; rendering is not awaited here).
        using (var content = new StringContent(TestArticles.Small, Encoding.UTF8, "text/plain"))
            Assert.Equal(HttpStatusCode.OK, (await fixture.As("editor").PostAsync(url, content)).StatusCode);
    }

    [Fact]
    public async Task DeviceEndpointsStayAnonymousAndReadOnly()
    {
        var client = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/channels")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/channels/{TvNewsApp.ChannelId}/feeds/roku.json")).StatusCode);
        var writes = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == false &&
                        e.RoutePattern.RawText?.TrimStart('/').StartsWith("hubs/", StringComparison.Ordinal) == false)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => m is not ("GET" or "HEAD")) ?? false)
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.Empty(writes);
    }

    private static string Fill(string pattern) => Parameter().Replace(pattern, m => m.Groups["constraint"].Value switch
    {
        ":guid" => Guid.NewGuid().ToString(),
        ":long" or ":int" => "987654321",
        _ => m.Groups["name"].Value == "channelId" ? TvNewsApp.ChannelId : "no-such-thing",
    });

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is not ("GET" or "HEAD" or "DELETE")) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex(@"\{(?<name>\w+)(?<constraint>:[^}]*)?\}")]
    private static partial Regex Parameter();
}
