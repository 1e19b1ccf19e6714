namespace TvNews.Api.Channels;

public static class ChannelsApi
{
    public sealed record ChannelSummary(string Id, string Name, string Language, string TimeZone, string FeedUrl, string PackageUrl);

    public static IEndpointRouteBuilder MapChannels(this IEndpointRouteBuilder app)
    {
        app.MapGet("/channels", (ChannelCatalog catalog, Links links) => TypedResults.Ok(
                catalog.All.OrderBy(c => c.Manifest.Id, StringComparer.Ordinal).Select(c => new ChannelSummary(
                    c.Manifest.Id, c.Manifest.Name, c.Manifest.Language, c.Manifest.TimeZone,
                    links.RokuFeed(c.Manifest.Id), links.Package(c.Manifest.Id))).ToList()))
            .WithTags("Devices");
        return app;
    }
}
