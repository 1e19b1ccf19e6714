using TvNews.Api.Live;
using TvNews.Data.Rendering;

namespace TvNews.Api.Rendering;

/// <summary>
/// Takes every step a render reports but writes only the latest one, at most once per interval: a render reports per
/// slide, and a row update plus a hub push per frame would cost more than the frame. Progress is best effort; a failed
/// write is logged and never fails the render.
/// </summary>
internal sealed class RenderProgressPump : IProgress<RenderStep>, IAsyncDisposable
{
    private readonly RenderJob _job;
    private readonly RenderQueue _queue;
    private readonly LiveEvents _live;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private RenderStep? _latest;
    private RenderStep? _sent;

    public RenderProgressPump(RenderJob job, RenderQueue queue, LiveEvents live, TimeSpan interval, TimeProvider clock, ILogger logger)
    {
        _job = job;
        _queue = queue;
        _live = live;
        _logger = logger;
        _loop = RunAsync(interval, clock);
    }

    public void Report(RenderStep value) => Volatile.Write(ref _latest, value);

    private async Task RunAsync(TimeSpan interval, TimeProvider clock)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) await FlushAsync();
        }
        catch (OperationCanceledException)
        {
            // The render ended; DisposeAsync sends the last step.
        }
    }

    private async Task FlushAsync()
    {
        var step = Volatile.Read(ref _latest);
        if (step is null || step == _sent) return;
        _sent = step;
        try
        {
            await _queue.ReportProgressAsync(_job, step.Stage, step.Progress, CancellationToken.None);
            await _live.RenderProgressAsync(new RenderProgressEvent(_job.Id, _job.StoryId.ToString("N"), _job.ChannelId, step.Stage, step.Progress));
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Could not record progress of render job {JobId}", _job.Id);
        }
    }

    /// <summary>Stops the timer and writes the last step, so a finished render always ends on its final report.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await FlushAsync();
        _stop.Dispose();
    }
}
