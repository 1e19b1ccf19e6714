using Npgsql;

namespace TvNews.Api;

/// <summary>
/// One dedicated connection that LISTENs on a PostgreSQL notification channel, for the services that react to
/// other processes' commits (render progress, feed changes, the event log, schedules). It reconnects with backoff when
/// the connection drops, pings a silent one so a dead connection is noticed rather than waited on forever, and hands
/// each batch of payloads to <see cref="ReceivedAsync"/> after <c>WaitAsync</c> returns (Npgsql raises notifications
/// synchronously inside it), so the handling can be awaited. Notifications sent while the connection is down are
/// lost: <see cref="ConnectedAsync"/> runs once LISTEN is in place, for catching up from the tables.
/// </summary>
public abstract class PostgresListener(NpgsqlDataSource db, TimeProvider clock, ILogger logger) : BackgroundService
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The notification channel (a constant identifier, not user input).</summary>
    protected abstract string Channel { get; }

    /// <summary>What the logs call this listener.</summary>
    protected abstract string Name { get; }

    protected virtual TimeSpan PingInterval => TimeSpan.FromSeconds(30);

    protected virtual TimeSpan FirstRetry => TimeSpan.FromSeconds(1);

    protected virtual TimeSpan MaxRetry => TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long start-up waits for LISTEN, so a change committed right after boot is heard; it never blocks boot
    /// longer. Null: start-up does not wait.
    /// </summary>
    protected virtual TimeSpan? StartWait => TimeSpan.FromSeconds(10);

    /// <summary>LISTEN is in place: whatever commits from now on is notified; catch up on what came before.</summary>
    protected virtual Task ConnectedAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The connection dropped (or the service stops): until <see cref="ConnectedAsync"/>, nothing is heard.</summary>
    protected virtual void Disconnected()
    {
    }

    /// <summary>The payloads that arrived during one wait, in arrival order.</summary>
    protected abstract Task ReceivedAsync(IReadOnlyList<string> payloads, CancellationToken ct);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        if (StartWait is not { } wait) return;
        try
        {
            await _listening.Task.WaitAsync(wait, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The loop keeps trying and logs why.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        try
        {
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
                    Disconnected();
                    logger.LogWarning(e, "{Listener} lost its database connection; reconnecting in {Delay}", Name, retry);
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
        finally
        {
            Disconnected();
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var received = new List<string>();
        connection.Notification += (_, e) => received.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        await ConnectedAsync(ct);
        connected();
        _listening.TrySetResult();
        logger.LogInformation("{Listener} listening on {Channel}", Name, Channel);

        while (true)
        {
            if (!await connection.WaitAsync(PingInterval, ct))
            {
                await using var ping = new NpgsqlCommand("select 1", connection);
                await ping.ExecuteScalarAsync(ct);
            }

            if (received.Count == 0) continue;
            var batch = received.ToList();
            received.Clear();
            await ReceivedAsync(batch, ct);
        }
    }
}
