using Microsoft.AspNetCore.Http.HttpResults;
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
            feeds.MapGet("/" + name, (string channelId, FeedCache cache, CancellationToken ct) => ServeAsync(channelId, name, cache, ct))
                .Produces(StatusCodes.Status200OK, contentType: contentType.Split(';')[0])
                .Produces(StatusCodes.Status304NotModified)
                .WithName("Feed " + name)
                // Anonymous bytes from memory: run at routing, past authentication, antiforgery and the static-file
                // checks that every other request pays for. The result writes its own CORS and 404 problem.
                .ShortCircuit();
        return app;
    }

    private static async Task<Results<FeedHttpResult, ProblemHttpResult>> ServeAsync(string channelId, string name, FeedCache cache, CancellationToken ct)
    {
        var feeds = await cache.GetAsync(channelId, ct);
        if (feeds is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown channel", detail: $"There is no channel '{channelId}'.");
        return new FeedHttpResult(feeds, feeds.Files[name]);
    }
}
