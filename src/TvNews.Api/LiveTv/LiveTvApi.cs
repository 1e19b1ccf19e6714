using Microsoft.AspNetCore.Http.HttpResults;
using TvNews.Api.Channels;

namespace TvNews.Api.LiveTv;

/// <summary>
/// The live channel for devices: the HLS master and media playlists, the poster and the XMLTV guide. Anonymous,
/// read-only, CORS open, short-circuited at routing like the feeds. Segment URIs are the stories' own /media files.
/// </summary>
public static class LiveTvApi
{
    public const string PlaylistType = "application/vnd.apple.mpegurl";
    public const string GuideType = "application/xml; charset=utf-8";

    /// <summary>Media playlists change every segment (6 s): a CDN may hold one for a second or two, no longer.</summary>
    public const string MediaCacheControl = "public, max-age=1";

    public const string MasterCacheControl = "public, max-age=60";
    public const string GuideCacheControl = "public, max-age=300";

    public static WebApplicationBuilder AddLiveTv(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveTvOptions>().BindConfiguration(LiveTvOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.PollInterval <= TimeSpan.FromSeconds(6), "LiveTv:PollInterval must be positive and at most a segment (6 s)")
            .Validate(o => o.WindowSeconds is >= 60 and <= 3600, "LiveTv:WindowSeconds must be 60-3600 (a live playlist lists at least a minute)")
            .Validate(o => o.MaxGap >= TimeSpan.FromMinutes(1) && o.MaxGap <= TimeSpan.FromHours(6), "LiveTv:MaxGap must be 1 minute to 6 hours")
            .ValidateOnStart();
        builder.Services.AddSingleton<TvNews.Data.Live.LiveStore>();
        builder.Services.AddSingleton<LiveClips>();
        builder.Services.AddSingleton<LiveChannel>();
        if (builder.Configuration.RunsWorkers() && builder.Configuration.GetValue("LiveTv:Worker", true))
            builder.Services.AddHostedService<LiveTvWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLiveTv(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/channels/{channelId}").WithTags("Devices");
        live.MapGet("/live/index.m3u8", MasterAsync).Produces(StatusCodes.Status200OK, contentType: PlaylistType).WithName("Live master playlist").ShortCircuit();
        live.MapGet("/live/{rung}.m3u8", MediaAsync).Produces(StatusCodes.Status200OK, contentType: PlaylistType).WithName("Live media playlist").ShortCircuit();
        live.MapGet("/live/poster.jpg", PosterAsync).WithName("Live poster").ShortCircuit();
        live.MapGet("/epg.xml", GuideAsync).Produces(StatusCodes.Status200OK, contentType: "application/xml").WithName("Live programme guide").ShortCircuit();
        app.MapGroup("/api/channels/{channelId}/live").WithTags("Producers")
            .MapGet("/as-run", AsRunAsync).RequireAuthorization(Auth.Policies.Viewer);
        return app;
    }

    public sealed record AsRunList(string ChannelId, IReadOnlyList<TvNews.Data.Live.LiveStore.AsRunEntry> Programmes);

    /// <summary>What the live channel played (and plays now), newest first; the next page starts before the last <c>startsAt</c>.</summary>
    private static async Task<Results<Ok<AsRunList>, ProblemHttpResult>> AsRunAsync(string channelId, DateTimeOffset? before, int? limit,
        ChannelCatalog catalog, TvNews.Data.Live.LiveStore store, CancellationToken ct)
    {
        if (catalog.Find(channelId) is null)
            return ChannelProblems.Unknown(channelId);
        if (limit is < 1 or > 1000)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad limit", detail: "limit is 1-1000 (default 100).");
        return TypedResults.Ok(new AsRunList(channelId, await store.HistoryAsync(channelId, before?.ToUniversalTime(), limit ?? 100, ct)));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> MasterAsync(string channelId, HttpContext http, ChannelCatalog catalog,
        LiveChannel live, CancellationToken ct)
    {
        if (Find(catalog, channelId) is not { } channel) return Unknown(http, channelId);
        var master = await live.MasterPlaylistAsync(channel, ct);
        if (master is null) return NotReady(http, channelId);
        return Text(http, master, PlaylistType, MasterCacheControl);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> MediaAsync(string channelId, string rung, HttpContext http,
        ChannelCatalog catalog, LiveChannel live, Links links, CancellationToken ct)
    {
        if (Find(catalog, channelId) is not { } channel) return Unknown(http, channelId);
        if (LiveClips.Rungs.All(r => r.Name != rung))
            return Problem(http, StatusCodes.Status404NotFound, "Unknown rendition",
                $"The live channel has the renditions {string.Join(", ", LiveClips.Rungs.Select(r => r.Name + ".m3u8"))}, not '{rung}.m3u8'.");
        var playlist = await live.MediaPlaylistAsync(channel, rung, links.Media, ct);
        if (playlist is null) return NotReady(http, channelId);
        return Text(http, playlist, PlaylistType, MediaCacheControl);
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> PosterAsync(string channelId, HttpContext http, ChannelCatalog catalog,
        LiveChannel live, Links links, CancellationToken ct)
    {
        if (Find(catalog, channelId) is not { } channel) return Unknown(http, channelId);
        if (await live.PosterAsync(channel, ct) is not { } poster) return NotReady(http, channelId);
        http.Response.Headers.AccessControlAllowOrigin = "*";
        http.Response.Headers.CacheControl = MasterCacheControl;
        return TypedResults.Redirect(links.Media(poster));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GuideAsync(string channelId, HttpContext http, ChannelCatalog catalog,
        LiveChannel live, Links links, CancellationToken ct)
    {
        if (Find(catalog, channelId) is not { } channel) return Unknown(http, channelId);
        var guide = await live.GuideAsync(channel, LiveUrl(links, channelId, "index.m3u8"), ct);
        http.Response.Headers.AccessControlAllowOrigin = "*";
        http.Response.Headers.CacheControl = GuideCacheControl;
        return TypedResults.File(guide, GuideType);
    }

    public static string LiveUrl(Links links, string channelId, string file) =>
        new Uri(links.Base, $"channels/{Uri.EscapeDataString(channelId)}/live/{file}").AbsoluteUri;

    private static Channel? Find(ChannelCatalog catalog, string channelId) =>
        catalog.Find(channelId) is { Manifest.Live.Enabled: true } channel ? channel : null;

    private static ContentHttpResult Text(HttpContext http, string text, string contentType, string cacheControl)
    {
        http.Response.Headers.AccessControlAllowOrigin = "*";
        http.Response.Headers.CacheControl = cacheControl;
        return TypedResults.Text(text, contentType, System.Text.Encoding.UTF8);
    }

    private static ProblemHttpResult Unknown(HttpContext http, string channelId) =>
        Problem(http, StatusCodes.Status404NotFound, "Unknown channel", $"There is no live channel '{channelId}'.");

    /// <summary>Nothing rendered to play yet (a new channel whose ident is still rendering): come back in a few seconds.</summary>
    private static ProblemHttpResult NotReady(HttpContext http, string channelId)
    {
        http.Response.Headers.RetryAfter = "5";
        return Problem(http, StatusCodes.Status503ServiceUnavailable, "Live channel starting",
            $"Channel '{channelId}' has nothing rendered to play yet (its ident is being rendered); try again in a few seconds.");
    }

    private static ProblemHttpResult Problem(HttpContext http, int status, string title, string detail)
    {
        http.Response.Headers.AccessControlAllowOrigin = "*";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }
}
