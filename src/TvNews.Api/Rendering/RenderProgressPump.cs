using TvNews.Data.Rendering;

namespace TvNews.Api.Rendering;

/// <summary>
/// Takes every step a render reports but writes only the latest one, at most once per interval: a render reports per
/// slide, and a row update per frame would cost more than the frame. Each write also renews the job's lease and is
/// announced to the hubs of every API process (<see cref="RenderQueue.ReportProgressAsync"/>); while progress stands
/// still (one long encode) the lease is renewed every third of it, so a render that is alive never loses its job.
/// When a write finds the job taken over (this worker's lease ran out, say after a long GC or network pause, and
/// another worker claimed it), <see cref="LeaseLost"/> is cancelled so the render stops instead of finishing twice.
/// Progress is best effort: a failed write is logged and never fails the render. The first step of every stage is
/// always written, even when the stage is over within one interval, so watchers see every stage a render went through.
/// </summary>
internal sealed class RenderProgressPump : IProgress<RenderStep>, IAsyncDisposable
{
    private readonly RenderJob _job;
    private readonly RenderQueue _queue;
    private readonly TimeSpan _lease;
    private readonly TimeSpan _renewEvery;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _loop;
    private readonly Lock _reportLock = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<RenderStep> _stageStarts = new();
    private string? _lastStage;
    private RenderStep? _latest;
    private RenderStep? _sent;
    private DateTimeOffset _renewed;

    public RenderProgressPump(RenderJob job, RenderQueue queue, TimeSpan lease, TimeSpan interval, TimeProvider clock, ILogger logger)
    {
        _job = job;
        _queue = queue;
        _lease = lease;
        // Four renewals per lease: a takeover needs three in a row to miss (a stalled database, a starved thread pool
        // on a loaded machine), not two; a clean-clone test run once lost a 3 s lease to two late renewals at lease / 3.
        _renewEvery = lease / 4;
        _clock = clock;
        _logger = logger;
        _renewed = clock.GetUtcNow(); // the claim set the lease
        _loop = RunAsync(interval < _renewEvery ? interval : _renewEvery);
    }

    /// <summary>Cancelled when another claim holds the job: this attempt must stop and record nothing.</summary>
    public CancellationToken LeaseLost => _lost.Token;

    /// <summary>Whether <see cref="LeaseLost"/> fired; still readable after disposal.</summary>
    public bool Lost => _lost.IsCancellationRequested;

    public void Report(RenderStep value)
    {
        lock (_reportLock)
        {
            if (value.Stage != _lastStage)
            {
                _lastStage = value.Stage;
                _stageStarts.Enqueue(value);
            }

            Volatile.Write(ref _latest, value);
        }
    }

    private async Task RunAsync(TimeSpan tick)
    {
        using var timer = new PeriodicTimer(tick, _clock);
        try
        {
            while (!_lost.IsCancellationRequested && await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!await FlushAsync() && _clock.GetUtcNow() - _renewed >= _renewEvery) await RenewAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The render ended; DisposeAsync sends the last step.
        }
    }

    /// <summary>Writes the stages started since the last tick, then the latest step if it is new; false when there was nothing to write.</summary>
    private async Task<bool> FlushAsync()
    {
        var wrote = false;
        while (_stageStarts.TryDequeue(out var start))
        {
            if (start != _sent) wrote |= await WriteAsync(start);
        }

        var step = Volatile.Read(ref _latest);
        if (step is null || step == _sent) return wrote;
        return await WriteAsync(step) || wrote;
    }

    private async Task<bool> WriteAsync(RenderStep step)
    {
        if (_lost.IsCancellationRequested) return false;
        _sent = step;
        var now = _clock.GetUtcNow();
        try
        {
            Held(await _queue.ReportProgressAsync(_job, step.Stage, step.Progress, _lease, now, CancellationToken.None), now);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Could not record progress of render job {JobId}", _job.Id);
        }
        return true;
    }

    private async Task RenewAsync()
    {
        var now = _clock.GetUtcNow();
        try
        {
            Held(await _queue.RenewLeaseAsync(_job, _lease, now, CancellationToken.None), now);
        }
        catch (Exception e)
        {
            // Tried again next tick; if the database stays away past the lease, another worker may take the job over.
            _logger.LogWarning(e, "Could not renew the lease of render job {JobId}", _job.Id);
        }
    }

    private void Held(bool held, DateTimeOffset now)
    {
        if (held)
        {
            _renewed = now;
            return;
        }
        _logger.LogWarning("Render job {JobId} attempt {Attempt} lost its lease to another worker; stopping this render", _job.Id, _job.Attempts);
        _lost.Cancel();
    }

    /// <summary>Stops the timer and writes the last step, so a finished render always ends on its final report.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await FlushAsync();
        _stop.Dispose();
        _lost.Dispose();
    }
}
