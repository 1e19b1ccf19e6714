using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 playing a news site: it serves pages, feeds and images, honours conditional GET
/// and counts requests, so fetching, polling and SSRF rules are tested over real sockets.
/// </summary>
public sealed class OriginServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Body, string ContentType, string ETag)> _files = new();

    public ConcurrentDictionary<string, int> Hits { get; } = new();
    public ConcurrentDictionary<string, int> NotModified { get; } = new();
    public Uri BaseUrl { get; private set; } = null!;

    private OriginServer(WebApplication app) => _app = app;

    public static async Task<OriginServer> StartAsync()
    {
        OriginServer? server = null;
        var (app, baseUrl) = await LoopbackHost.StartAsync(context => server!.Serve(context));
        server = new OriginServer(app) { BaseUrl = baseUrl };
        return server;
    }

    public Uri Put(string path, byte[] body, string contentType)
    {
        _files[path] = (body, contentType, $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body))[..16]}\"");
        return new Uri(BaseUrl, path.TrimStart('/'));
    }

    public Uri Put(string path, string body, string contentType) => Put(path, System.Text.Encoding.UTF8.GetBytes(body), contentType);

    private async Task Serve(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (!_files.TryGetValue(path, out var file))
        {
            context.Response.StatusCode = 404;
            return;
        }
        context.Response.Headers.ETag = file.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString() == file.ETag)
        {
            NotModified.AddOrUpdate(path, 1, (_, n) => n + 1);
            context.Response.StatusCode = 304;
            return;
        }
        context.Response.ContentType = file.ContentType;
        await context.Response.Body.WriteAsync(file.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
