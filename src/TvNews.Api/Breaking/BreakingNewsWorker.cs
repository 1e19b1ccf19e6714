using Microsoft.Extensions.Options;
using TvNews.Data.Audit;
using TvNews.Data.Breaking;

namespace TvNews.Api.Breaking;

/// <summary>
/// Ends breaking news whose time is up. Every instance may run one: ending is a conditional update, so each item ends
/// exactly once and only the instance that ended it pushes BreakingNewsEnded. Catches everything and never dies.
/// </summary>
internal sealed class BreakingNewsWorker(BreakingNewsStore store, BreakingNews breaking, IOptions<BreakingOptions> options, TimeProvider clock,
    ILogger<BreakingNewsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var id in await store.ListDueAsync(clock.GetUtcNow(), stoppingToken))
                    await breaking.EndAsync(id, "expired", AuditActor.System, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not end expired breaking news; retrying after {Interval}", options.Value.PollInterval);
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
