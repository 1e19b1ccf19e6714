using Npgsql;
using TvNews.Data.Rendering;

namespace TvNews.Api.Live;

/// <summary>
/// Relays render progress from whichever process renders to the producers connected to this process's hub. Workers
/// announce each progress write with NOTIFY on <see cref="RenderQueue.ProgressChannel"/> (in the same statement as
/// the write); every process that serves the hub LISTENs on one dedicated connection and pushes what arrives to the
/// channel's producer group.
/// This is the only path for RenderProgress, also when the worker runs in this very process (role All): one path means
/// each event is pushed exactly once per hub with no origin bookkeeping, and the single-process setup exercises the
/// same code as a scaled one. The price is a database round trip per event, which the progress interval keeps rare.
/// Notifications sent while the connection is down are lost; progress is ephemeral and the next write supersedes it.
/// </summary>
internal sealed class RenderProgressListener(NpgsqlDataSource db, LiveEvents live, TimeProvider clock, ILogger<RenderProgressListener> logger)
    : BackgroundService
{
    // A silent connection is pinged this often, so a dead one is noticed and replaced rather than waited on forever.
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    // Start waits (briefly) until LISTEN is in place, so progress of a render queued right after boot is not missed.
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
            // Never blocks boot: the loop keeps trying and logs why.
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
                logger.LogWarning(e, "Render progress listener lost its database connection; reconnecting in {Delay}", retry);
                try
                {
                    await Task.Delay(retry, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                retry = retry * 2 < MaxRetry ? retry * 2 : MaxRetry;
            }
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var received = new List<string>();
        // Raised synchronously inside WaitAsync; the payloads are pushed after it returns, so the push can be awaited.
        connection.Notification += (_, e) => received.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"listen {RenderQueue.ProgressChannel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        connected();
        _listening.TrySetResult();
        logger.LogInformation("Listening for render progress on {Channel}", RenderQueue.ProgressChannel);

        while (true)
        {
            if (!await connection.WaitAsync(PingInterval, ct))
            {
                await using var ping = new NpgsqlCommand("select 1", connection);
                await ping.ExecuteScalarAsync(ct);
            }
            foreach (var payload in received) await RelayAsync(payload);
            received.Clear();
        }
    }

    private async Task RelayAsync(string payload)
    {
        try
        {
            var n = RenderQueue.ReadProgressNotice(payload);
            await live.RenderProgressAsync(new RenderProgressEvent(n.JobId, n.StoryId.ToString("N"), n.ChannelId, n.Stage, n.Progress));
        }
        catch (Exception e)
        {
            // One bad payload or a failed push must not stop the relay.
            logger.LogWarning(e, "Could not relay render progress {Payload}", payload);
        }
    }
}
