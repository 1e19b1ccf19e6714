using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;

namespace TvNews.Api.Stories;

public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>The longest the scheduler sleeps without looking at the database (a schedule set by another instance).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many due stories one step moves at most (the rest follow in the next step, at once).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Set false to run no scheduler in this process (another instance does it).</summary>
    public bool Worker { get; set; } = true;
}

/// <summary>Wakes the scheduler when a schedule changes in this process. The schedule itself lives in PostgreSQL.</summary>
public sealed class StorySchedulerSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>Returns when woken or at <paramref name="deadline"/> on <paramref name="clock"/>, whichever is first.</summary>
    public async Task WaitUntilAsync(DateTimeOffset deadline, TimeProvider clock, CancellationToken ct)
    {
        var timeout = deadline - clock.GetUtcNow();
        if (timeout <= TimeSpan.Zero) return;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var wake = _channel.Reader.WaitToReadAsync(cts.Token).AsTask();
        var delay = Task.Delay(timeout, clock, cts.Token);
        await Task.WhenAny(wake, delay);
        _channel.Reader.TryRead(out _);
        await cts.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}
