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
    : PostgresListener(db, clock, logger)
{
    protected override string Channel => StoryStore.ScheduleChannel;

    protected override string Name => "Schedule listener";

    // Nothing depends on it for correctness (the scheduler polls anyway): no start-up wait, a steady retry.
    protected override TimeSpan FirstRetry => TimeSpan.FromSeconds(5);

    protected override TimeSpan MaxRetry => TimeSpan.FromSeconds(5);

    protected override TimeSpan? StartWait => null;

    protected override Task ReceivedAsync(IReadOnlyList<string> payloads, CancellationToken ct)
    {
        signal.Wake();
        return Task.CompletedTask;
    }
}
