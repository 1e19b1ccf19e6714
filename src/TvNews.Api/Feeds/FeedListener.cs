using Microsoft.Extensions.Options;
using Npgsql;
using TvNews.Data.Feeds;

namespace TvNews.Api.Feeds;

/// <summary>
/// Keeps this instance's <see cref="FeedCache"/> and <see cref="RetractedMedia"/> true to the database: LISTENs on
/// <see cref="FeedNotices.Channel"/> on one dedicated connection and drops a channel's cached feeds when its NOTIFY
/// arrives. Notifications sent while the connection is down are lost, so the cache is off while disconnected and
/// emptied on every (re)connect; the retracted set is reloaded then too.
/// </summary>
internal sealed class FeedListener(NpgsqlDataSource db, FeedCache cache, RetractedMedia retracted, FeedNotices notices,
    IOptions<FeedOptions> options, TimeProvider clock, ILogger<FeedListener> logger) : PostgresListener(db, clock, logger)
{
    protected override string Channel => FeedNotices.Channel;

    // Until it reconnects, feeds are built per request (the cache is off while disconnected).
    protected override string Name => "Feed listener";

    protected override TimeSpan PingInterval => options.Value.ListenerPingInterval;

    protected override TimeSpan MaxRetry => options.Value.ListenerMaxRetry;

    /// <summary>LISTEN is in place before the set is read and the cache opens: a change after this point is heard.</summary>
    protected override async Task ConnectedAsync(CancellationToken ct)
    {
        retracted.Replace(await notices.RetractedStoryIdsAsync(ct));
        cache.Connected();
    }

    protected override void Disconnected() => cache.Disconnected();

    protected override async Task ReceivedAsync(IReadOnlyList<string> payloads, CancellationToken ct)
    {
        foreach (var channelId in payloads.Distinct(StringComparer.Ordinal)) cache.Invalidate(channelId);
        retracted.Replace(await notices.RetractedStoryIdsAsync(ct));
    }
}

/// <summary>Ids of retracted stories, whose media folders answer 410 Gone; refreshed by <see cref="FeedListener"/>.</summary>
public sealed class RetractedMedia
{
    private volatile IReadOnlySet<string> _ids = new HashSet<string>();

    public bool Contains(string storyId) => _ids.Contains(storyId);

    public void Replace(IReadOnlySet<string> ids) => _ids = ids;
}
