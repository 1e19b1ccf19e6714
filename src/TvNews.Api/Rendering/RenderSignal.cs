using System.Threading.Channels;

namespace TvNews.Api.Rendering;

/// <summary>Wakes the render worker when a job is queued. The job itself lives in PostgreSQL; this only says "look now".</summary>
public sealed class RenderSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>Returns when woken or after <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed: look for due jobs (retries, expired leases) anyway.
        }
    }
}
