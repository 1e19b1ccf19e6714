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
    IOptions<FeedOptions> options, TimeProvider clock, ILogger<FeedListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    // Start waits (briefly) for LISTEN, so the first requests after boot are cached and retracted media is known.
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        try
        {
            await _listening.Task.WaitAsync(StartWait, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Never blocks boot: feeds are built per request until the listener is in place.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => retry = FirstRetry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                cache.Disconnected();
                logger.LogWarning(e, "Feed listener lost its database connection; feeds are built per request until it reconnects in {Delay}", retry);
                try
                {
                    await Task.Delay(retry, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                var max = options.Value.ListenerMaxRetry;
                retry = retry * 2 < max ? retry * 2 : max;
            }
        }
        cache.Disconnected();
    }

    private async Task ListenAsync(Action connected, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var received = new List<string>();
        connection.Notification += (_, e) => received.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"listen {FeedNotices.Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        // LISTEN is in place before the set is read and the cache opens: a change after this point is heard.
        retracted.Replace(await notices.RetractedStoryIdsAsync(ct));
        cache.Connected();
        connected();
        _listening.TrySetResult();
        logger.LogInformation("Listening for feed changes on {Channel}", FeedNotices.Channel);

        while (true)
        {
            if (!await connection.WaitAsync(options.Value.ListenerPingInterval, ct))
            {
                await using var ping = new NpgsqlCommand("select 1", connection);
                await ping.ExecuteScalarAsync(ct);
            }
            if (received.Count == 0) continue;
            foreach (var channelId in received.Distinct(StringComparer.Ordinal)) cache.Invalidate(channelId);
            received.Clear();
            retracted.Replace(await notices.RetractedStoryIdsAsync(ct));
        }
    }
}

/// <summary>Ids of retracted stories, whose media folders answer 410 Gone; refreshed by <see cref="FeedListener"/>.</summary>
public sealed class RetractedMedia
{
    private volatile IReadOnlySet<string> _ids = new HashSet<string>();

    public bool Contains(string storyId) => _ids.Contains(storyId);

    public void Replace(IReadOnlySet<string> ids) => _ids = ids;
}
