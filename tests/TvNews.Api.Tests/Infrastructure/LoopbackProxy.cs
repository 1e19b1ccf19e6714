using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>
/// A real HTTP listener on 127.0.0.1 in front of an in-memory test server, for tools that need a socket (ffmpeg reading
/// the live stream). It is started before the app so the app's public base URL can name it; <see cref="Target"/> is set
/// once the app is up. GET only, bodies streamed.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackProxy(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public Func<HttpClient>? Target { get; set; }

    public static async Task<LoopbackProxy> StartAsync()
    {
        LoopbackProxy? proxy = null;
        var (app, baseUrl) = await LoopbackHost.StartAsync(context => proxy!.ForwardAsync(context));
        proxy = new LoopbackProxy(app) { BaseUrl = baseUrl };
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        if (Target is null)
        {
            context.Response.StatusCode = 503;
            return;
        }
        using var client = Target();
        using var response = await client.GetAsync(context.Request.Path + context.Request.QueryString, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } type) context.Response.ContentType = type.ToString();
        if (response.Headers.Location is { } location) context.Response.Headers.Location = location.ToString();
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
