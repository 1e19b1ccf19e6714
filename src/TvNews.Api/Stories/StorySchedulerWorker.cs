using Microsoft.Extensions.Options;
using TvNews.Api.Live;
using TvNews.Data.Stories;

namespace TvNews.Api.Stories;

/// <summary>
/// Publishes scheduled stories at their time and expires stories at theirs. It sleeps until the earliest due time in
/// the database (at most <see cref="SchedulerOptions.PollInterval"/>), on the injected clock, and wakes early when a
/// schedule changes here. Exactly-once does not depend on this loop: the state changes are conditional updates in
/// PostgreSQL, so with several instances each story moves once and only the instance that moved it pushes the events.
/// </summary>
internal sealed class StorySchedulerWorker(StoryStore stories, LiveEvents live, StorySchedulerSignal signal, IOptions<SchedulerOptions> options,
    TimeProvider clock, ILogger<StorySchedulerWorker> logger) : BackgroundService
{
    // A due story another instance holds (locked, not yet committed) is looked at again after this, not in a spin.
    private static readonly TimeSpan Contended = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = settings.PollInterval;
            try
            {
                var now = clock.GetUtcNow();
                var (published, expired) = await stories.RunDueAsync(now, settings.BatchSize, stoppingToken);
                foreach (var e in expired.Where(e => e.WasOnAir))
                    await live.ExpiredAsync(e.ChannelId, e.StoryId, e.Title, e.FeedVersion);
                foreach (var p in published)
                {
                    logger.LogInformation("Story {StoryId} published on schedule, {LatenessMs} ms after its time", p.StoryId, p.LatenessMs);
                    await live.PublishedAsync(new PublishOutcome(p.StoryId, p.ChannelId, p.Title, p.FeedVersion, NewlyPublished: true) { LatenessMs = p.LatenessMs },
                        stoppingToken);
                }
                if (published.Count >= settings.BatchSize || expired.Count >= settings.BatchSize) continue; // more due: at once

                var after = clock.GetUtcNow();
                if (await stories.NextDueAsync(after, stoppingToken) is { } due)
                {
                    var until = due - after;
                    if (until <= TimeSpan.Zero)
                    {
                        // Due already: another instance holds it (its commit is a moment away) or the clock moved on
                        // during this step. A short real pause, not one on the injected clock, which may be a test's.
                        await Task.Delay(Contended, stoppingToken);
                        continue;
                    }
                    if (until < wait) wait = until;
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
                await signal.WaitAsync(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
