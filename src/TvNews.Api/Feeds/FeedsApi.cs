using TvNews.Api.Channels;
using TvNews.Data.Feeds;

namespace TvNews.Api.Feeds;

public static class FeedsApi
{
    public static WebApplicationBuilder AddFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.SectionName)
            .Validate(o => o.ListenerPingInterval > TimeSpan.Zero && o.ListenerMaxRetry >= TimeSpan.FromSeconds(1),
                "Feeds:ListenerPingInterval must be positive and Feeds:ListenerMaxRetry at least a second")
            .ValidateOnStart();
        builder.Services.AddSingleton<FeedNotices>();
        builder.Services.AddSingleton<FeedCache>();
        builder.Services.AddSingleton<RetractedMedia>();
        if (builder.Configuration.ServesApi()) builder.Services.AddHostedService<FeedListener>();
        return builder;
    }

    /// <summary>Device feeds: anonymous, read-only, served from <see cref="FeedCache"/>.</summary>
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/channels/{channelId}/feeds").WithTags("Devices");
        foreach (var (name, contentType, _) in FeedCache.Builders)
            // Only the HttpContext is bound (no services, values or result wrapping): this is the request every device
            // repeats. As a Delegate rather than a RequestDelegate, so the API description still lists it.
            feeds.MapGet("/" + name, (Delegate)(Func<HttpContext, Task>)(http => ServeAsync(http, name)))
                .Produces(StatusCodes.Status200OK, contentType: contentType.Split(';')[0])
                .Produces(StatusCodes.Status304NotModified)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .WithName("Feed " + name)
                // Anonymous bytes from memory: run at routing, past authentication, antiforgery and the static-file
                // checks that every other request pays for. The result writes its own CORS and 404 problem.
                .ShortCircuit();
        return app;
    }

    private static Task ServeAsync(HttpContext http, string name)
    {
        var channelId = (string)http.Request.RouteValues["channelId"]!;
        var pending = http.RequestServices.GetRequiredService<FeedCache>().GetAsync(channelId, http.RequestAborted);
        return pending.IsCompletedSuccessfully ? Serve(http, pending.Result, name) : ServeLaterAsync(http, pending, name);
    }

    private static async Task ServeLaterAsync(HttpContext http, ValueTask<ChannelFeeds?> pending, string name) =>
        await Serve(http, await pending, name);

    private static Task Serve(HttpContext http, ChannelFeeds? feeds, string name) => feeds is null
        ? ChannelProblems.Unknown((string)http.Request.RouteValues["channelId"]!).ExecuteAsync(http)
        : new FeedHttpResult(feeds, feeds.Files[name]).ExecuteAsync(http);
}
