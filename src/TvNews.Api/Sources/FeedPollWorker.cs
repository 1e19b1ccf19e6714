using Microsoft.Extensions.Options;
using TvNews.Data.Feeds;

namespace TvNews.Api.Sources;

public sealed class SourceOptions
{
    public const string SectionName = "Sources";

    public bool Worker { get; set; } = true;

    /// <summary>How often the worker looks for feeds that are due (each feed has its own pollMinutes).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Polls due feed sources. The schedule lives in feed_sources, so several instances share it without double polling.</summary>
internal sealed class FeedPollWorker(FeedSourceStore feeds, IServiceProvider services, IOptions<SourceOptions> options, TimeProvider clock,
    ILogger<FeedPollWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            FeedSourceRow? source = null;
            try
            {
                source = await feeds.ClaimDueAsync(settings.Lease, clock.GetUtcNow(), stoppingToken);
                if (source is not null)
                {
                    // FeedIngest holds typed HttpClients: take a fresh one per poll.
                    await services.GetRequiredService<FeedIngest>().PollAsync(source, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Polling feed source {SourceId} failed", source?.Id);
            }
            await Task.Delay(settings.PollInterval, clock, stoppingToken);
        }
    }
}
