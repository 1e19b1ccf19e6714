using Microsoft.Extensions.Options;
using TvNews.Api.Live;
using TvNews.Core.Feeds;
using TvNews.Data.Rendering;

namespace TvNews.Api.Rendering;

/// <summary>
/// Claims render jobs from PostgreSQL and runs them. Catches per job and never dies; a job interrupted by a
/// crash or shutdown keeps its row and is claimed again when its lease runs out.
/// </summary>
internal sealed class RenderWorker(RenderQueue queue, StoryRenderer renderer, LiveEvents live, RenderSignal signal,
    IOptions<RenderOptions> options, TimeProvider clock, ILogger<RenderWorker> logger) : BackgroundService
{
    // Shown in GET /api/jobs, so a stuck job can be traced to the machine and process that holds it.
    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            RenderJob? job;
            try
            {
                job = await queue.ClaimAsync(settings.Lease, clock.GetUtcNow(), stoppingToken, _workerId);
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
                StoryMedia media;
                await using (var progress = new RenderProgressPump(job, queue, live, settings.ProgressInterval, clock, logger))
                    media = await renderer.RenderAsync(job, progress, stoppingToken);
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
