using Microsoft.Extensions.Options;
using TvNews.Data.Events;

namespace TvNews.Api.Live;

/// <summary>Deletes public events older than <see cref="LiveOptions.EventRetention"/>; clients further behind get ResyncRequired.</summary>
internal sealed class ChannelEventCleanupWorker(ChannelEventLog log, IOptions<LiveOptions> options, TimeProvider clock, ILogger<ChannelEventCleanupWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await log.DeleteOlderThanAsync(clock.GetUtcNow() - options.Value.EventRetention, stoppingToken);
                if (deleted > 0) logger.LogInformation("Deleted {Count} public events past the retention of {Retention}", deleted, options.Value.EventRetention);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Event log cleanup failed; trying again in {Interval}", options.Value.CleanupInterval);
            }
            try
            {
                await Task.Delay(options.Value.CleanupInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
