using Microsoft.Extensions.Options;
using TvNews.Data.Stories;

namespace TvNews.Api.Stories;

/// <summary>
/// Publishes scheduled stories at their time and expires stories at theirs. It sleeps until the earliest due time in
/// the database (at most <see cref="SchedulerOptions.PollInterval"/>), on the injected clock, and wakes early when a
/// schedule changes here. Exactly-once does not depend on this loop: the state changes are conditional updates in
/// PostgreSQL, so with several instances each story moves once and only the instance that moved it pushes the events.
/// </summary>
internal sealed class StorySchedulerWorker(StoryStore stories, StorySchedulerSignal signal, IOptions<SchedulerOptions> options,
    TimeProvider clock, ILogger<StorySchedulerWorker> logger) : BackgroundService
{
    // A due story another instance holds (locked, not yet committed) is looked at again after this, not in a spin.
    private static readonly TimeSpan Contended = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? due = null;
            try
            {
                var now = clock.GetUtcNow();
                var (published, expired) = await stories.RunDueAsync(now, settings.BatchSize, stoppingToken);
                // The public events went into the event log with the step's transaction; the relay pushes them.
                foreach (var e in expired.Where(e => e.WasOnAir))
                    logger.LogInformation("Story {StoryId} expired, channel {ChannelId} feed version {FeedVersion}", e.StoryId, e.ChannelId, e.FeedVersion);
                foreach (var p in published)
                    logger.LogInformation("Story {StoryId} published on schedule, {LatenessMs} ms after its time", p.StoryId, p.LatenessMs);
                if (published.Count >= settings.BatchSize || expired.Count >= settings.BatchSize) continue; // more due: at once

                due = await stories.NextDueAsync(clock.GetUtcNow(), stoppingToken);
                if (due is { } next)
                {
                    if (next <= clock.GetUtcNow())
                    {
                        // Due already: another instance holds it (its commit is a moment away) or the clock moved on
                        // during this step. A short real pause, not one on the injected clock, which may be a test's.
                        await Task.Delay(Contended, stoppingToken);
                        continue;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database away or a push failing must not stop the schedule; the next step retries.
                logger.LogError(e, "Scheduler step failed; retrying after {Interval}", settings.PollInterval);
            }

            try
            {
                // The deadline is taken from the clock only now, after the database answered: a reading from before the
                // query would put the timer late by however far the clock moved during it.
                var poll = clock.GetUtcNow() + settings.PollInterval;
                await signal.WaitUntilAsync(due is { } d && d < poll ? d : poll, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
