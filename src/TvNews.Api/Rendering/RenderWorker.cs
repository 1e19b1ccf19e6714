using Microsoft.Extensions.Options;
using TvNews.Core.Feeds;
using TvNews.Data.Rendering;

namespace TvNews.Api.Rendering;

/// <summary>
/// Claims render jobs from PostgreSQL and runs them. Catches per job and never dies; a job interrupted by a
/// crash or shutdown keeps its row and is claimed again when its lease runs out.
/// </summary>
internal sealed class RenderWorker(RenderQueue queue, StoryRenderer renderer, RenderSignal signal,
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

            var progress = new RenderProgressPump(job, queue, settings.Lease, settings.ProgressInterval, clock, logger);
            try
            {
                StoryMedia media;
                await using (progress)
                {
                    using var render = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, progress.LeaseLost);
                    media = await renderer.RenderAsync(job, progress, render.Token);
                }
                var completion = await queue.CompleteAsync(job, media, clock.GetUtcNow(), stoppingToken);
                if (!completion.Held)
                    logger.LogWarning("Render job {JobId} attempt {Attempt} finished after another worker took it over; its output is not used", job.Id, job.Attempts);
                else if (completion.Published is { } published)
                    logger.LogInformation("Channel {ChannelId} feed version {FeedVersion}: story {StoryId} on air", published.ChannelId, published.FeedVersion, published.StoryId);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the lease expires and another worker (or this one after restart) takes the job
            }
            catch (Exception) when (progress.Lost)
            {
                // Logged by the pump; however the cancelled render ended, the claim that took the job over owns it now.
            }
            catch (Exception e)
            {
                logger.LogError(e, "Render job {JobId} for story {StoryId} failed (attempt {Attempt})", job.Id, job.StoryId, job.Attempts);
                try
                {
                    await queue.FailAsync(job, RenderFailure.Describe(e), clock.GetUtcNow(), settings.Retry, CancellationToken.None);
                }
                catch (Exception recordError)
                {
                    // The worker must not die with the database away; the lease runs out and the job is tried again.
                    logger.LogError(recordError, "Could not record the failure of render job {JobId}", job.Id);
                }
            }
        }
    }
}
