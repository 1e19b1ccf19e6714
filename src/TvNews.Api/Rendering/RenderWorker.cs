using Microsoft.Extensions.Options;
using TvNews.Api.Live;
using TvNews.Data.Rendering;

namespace TvNews.Api.Rendering;

/// <summary>
/// Claims render jobs from PostgreSQL and runs them. Catches per job and never dies; a job interrupted by a
/// crash or shutdown keeps its row and is claimed again when its lease runs out.
/// </summary>
internal sealed class RenderWorker(RenderQueue queue, StoryRenderer renderer, LiveEvents live, RenderSignal signal,
    IOptions<RenderOptions> options, TimeProvider clock, ILogger<RenderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            RenderJob? job;
            try
            {
                job = await queue.ClaimAsync(settings.Lease, clock.GetUtcNow(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not claim a render job; retrying after {Interval}", settings.PollInterval);
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
                continue;
            }

            if (job is null)
            {
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
                continue;
            }

            try
            {
                var media = await renderer.RenderAsync(job, stoppingToken);
                var published = await queue.CompleteAsync(job, media, clock.GetUtcNow(), stoppingToken);
                if (published is not null) await live.PublishedAsync(published, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the lease expires and another worker (or this one after restart) takes the job
            }
            catch (Exception e)
            {
                logger.LogError(e, "Render job {JobId} for story {StoryId} failed (attempt {Attempt})", job.Id, job.StoryId, job.Attempts);
                await queue.FailAsync(job, e.Message, clock.GetUtcNow(), CancellationToken.None);
            }
        }
    }
}
