using System.Collections.Concurrent;
using System.Text.Json;
using TvNews.Data.Events;

namespace TvNews.Api.Live;

/// <summary>One public event as devices read it (long-poll and SSE): its data is the payload the hub sends, without Seq.</summary>
public sealed record ChangeDto(long Seq, string Type, DateTimeOffset At, JsonElement Data)
{
    public static ChangeDto From(ChannelEvent e)
    {
        using var doc = JsonDocument.Parse(e.Data);
        return new(e.Seq, e.Type, e.At, doc.RootElement.Clone());
    }
}

/// <summary>
/// Wakes parked long-polls and SSE streams of a channel when the relay has pushed new events. One shared
/// TaskCompletionSource per channel, swapped for a fresh one at each batch, completed with the batch: thousands of
/// waiters cost one task, and a waiter that was up to date when it parked answers from the batch without a query.
/// </summary>
public sealed class ChannelEventSignal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<IReadOnlyList<ChangeDto>>> _next = new(StringComparer.Ordinal);

    /// <summary>Completes with the next batch relayed for the channel. Take it before reading the log, so a batch relayed in between is not missed.</summary>
    public Task<IReadOnlyList<ChangeDto>> NextAsync(string channelId) => _next.GetOrAdd(channelId, _ => New()).Task;

    /// <summary>Called by the relay only, once per batch and channel, in seq order.</summary>
    public void Publish(string channelId, IReadOnlyList<ChangeDto> batch)
    {
        var fresh = New();
        TaskCompletionSource<IReadOnlyList<ChangeDto>>? previous = null;
        _next.AddOrUpdate(channelId, _ => fresh, (_, old) => { previous = old; return fresh; });
        previous?.TrySetResult(batch);
    }

    // Continuations run on the pool, not inside the relay's loop.
    private static TaskCompletionSource<IReadOnlyList<ChangeDto>> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
