using Npgsql;
using TvNews.Data.Stories;

namespace TvNews.Api.Stories;

/// <summary>
/// Wakes this process's scheduler when any instance changes a schedule: the store NOTIFYs
/// <see cref="StoryStore.ScheduleChannel"/> on commit and this LISTENs on one dedicated connection. A notification
/// lost while the connection is down costs at most <see cref="SchedulerOptions.PollInterval"/>; nothing depends on it
/// for correctness.
/// </summary>
internal sealed class StoryScheduleListener(NpgsqlDataSource db, StorySchedulerSignal signal, TimeProvider clock, ILogger<StoryScheduleListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Wake();
                await using (var listen = new NpgsqlCommand($"listen {StoryStore.ScheduleChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (true)
                {
                    if (!await connection.WaitAsync(PingInterval, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("select 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Schedule listener lost its database connection; reconnecting in {Delay}", Retry);
                try
                {
                    await Task.Delay(Retry, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
