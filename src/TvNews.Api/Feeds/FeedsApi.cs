using Microsoft.AspNetCore.Http.HttpResults;
using TvNews.Api.Channels;
using TvNews.Core.Feeds;
using TvNews.Data.Channels;
using TvNews.Data.Stories;

namespace TvNews.Api.Feeds;

public static class FeedsApi
{
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/channels/{channelId}/feeds/roku.json", RokuAsync).WithTags("Devices");
        return app;
    }

    /// <summary>The Direct Publisher feed. Built per request for now; issue 7 caches it per feed version.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RokuAsync(
        string channelId, ChannelCatalog catalog, ChannelStore channels, StoryStore stories, TvNews.Data.Breaking.BreakingNewsStore breaking, Links links, HttpContext http, CancellationToken ct)
    {
        var channel = catalog.Find(channelId);
        var row = channel is null ? null : await channels.GetAsync(channelId, ct);
        if (channel is null || row is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown channel", detail: $"There is no channel '{channelId}'.");

        var published = await stories.ListPublishedAsync(channelId, ct);
        // Active breaking news goes first (its card, or the story it is about).
        var onTop = await breaking.GetActiveAsync(channelId, ct) is { } active ? active.OnAirStoryId.ToString("N") : null;
        var feed = RokuFeedBuilder.Build(channel.Manifest, published, links.MediaBase, row.FeedUpdatedAt, onTop);
        http.Response.Headers.CacheControl = "public, max-age=30";
        http.Response.Headers.ETag = $"\"{channelId}-{row.FeedVersion}\"";
        return TypedResults.File(RokuFeedBuilder.Serialize(feed), "application/json; charset=utf-8");
    }
}
