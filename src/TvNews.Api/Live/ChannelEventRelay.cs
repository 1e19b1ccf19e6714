using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Npgsql;
using TvNews.Data.Events;

namespace TvNews.Api.Live;

/// <summary>
/// The one relay of this process: pushes each committed public event once to the channel's local SignalR group (this
/// process's subscribers: every instance has its own relay, see <see cref="LiveGroups"/>) and wakes the parked
/// long-polls and SSE streams. Writers append to <c>channel_events</c> in their transaction and queue
/// <c>pg_notify('tvnews_events', channel)</c>, which PostgreSQL delivers on commit; the relay LISTENs on one
/// dedicated connection, and for a notified channel reads the log after the last seq it pushed. The log, not the
/// notification, is the truth: a lost or merged notification costs nothing, and on start and after every reconnect
/// the relay catches every channel up from the table.
/// Per channel a gate orders relaying and <see cref="ResumeAsync"/>, so a resuming client gets everything up to the
/// relay's position from the replay and everything after it from the group, each once and in seq order.
/// </summary>
public sealed class ChannelEventRelay(ChannelEventLog log, NpgsqlDataSource db, IHubContext<NewsroomHub, INewsroomClient> hub, ChannelEventSignal signal,
    Microsoft.Extensions.Options.IOptions<LiveOptions> options, TimeProvider clock, ILogger<ChannelEventRelay> logger) : PostgresListener(db, clock, logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Lives as long as the process; a SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.
#pragma warning disable CA1001
    private sealed class ChannelState(long relayed)
#pragma warning restore CA1001
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Relayed = relayed;
    }

    private readonly ConcurrentDictionary<string, ChannelState> _channels = new(StringComparer.Ordinal);

    protected override string Channel => ChannelEventLog.NotifyChannel;

    protected override string Name => "Event relay";

    /// <summary>The last seq pushed for a channel by this relay (null before it knows the channel).</summary>
    public long? RelayedSeq(string channelId) => _channels.TryGetValue(channelId, out var s) ? Volatile.Read(ref s.Relayed) : null;

    /// <summary>
    /// What committed before LISTEN is in the table: a channel seen for the first time starts at its current seq (no
    /// client of this process can have missed anything yet), a known one is caught up (events committed while the
    /// connection was down).
    /// </summary>
    protected override async Task ConnectedAsync(CancellationToken ct)
    {
        foreach (var (channelId, lastSeq) in await log.LastSeqsAsync(ct))
        {
            if (_channels.TryAdd(channelId, new ChannelState(lastSeq))) continue;
            await RelayAsync(channelId, ct);
        }
    }

    protected override async Task ReceivedAsync(IReadOnlyList<string> payloads, CancellationToken ct)
    {
        foreach (var channelId in payloads.Distinct(StringComparer.Ordinal)) await RelayAsync(channelId, ct);
    }

    /// <summary>Pushes a channel's events after the last one relayed, in order, then wakes its waiters.</summary>
    private async Task RelayAsync(string channelId, CancellationToken ct)
    {
        // A channel created after start: everything in its log is new.
        var state = _channels.GetOrAdd(channelId, _ => new ChannelState(0));
        await state.Gate.WaitAsync(ct);
        try
        {
            while (true)
            {
                var events = await log.ReadAsync(channelId, state.Relayed, options.Value.MaxEventsPerAnswer, ct);
                if (events.Count == 0) return;
                var group = hub.Clients.Group(LiveGroups.Channel(channelId));
                foreach (var e in events)
                {
                    try
                    {
                        await SendAsync(group, e);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A failed push must not stop the relay (or repeat to the others); Resume replays it to whoever missed it.
                        logger.LogWarning(ex, "Could not push event {Seq} ({Type}) of channel {ChannelId}", e.Seq, e.Type, channelId);
                    }
                    Volatile.Write(ref state.Relayed, e.Seq);
                }
                signal.Publish(channelId, events.Select(ChangeDto.From).ToList());
            }
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>
    /// Resume: joins the group, then, under the channel's gate, replays to the caller what it missed up to the relay's
    /// position. While the gate is held the relay pushes nothing for the channel, so the first group push the client
    /// gets follows the replay's last event: no event is missed, repeated or reordered. A position the log cannot
    /// serve (retention deleted part of the gap, or the client is ahead) gets ResyncRequired instead.
    /// </summary>
    public async Task ResumeAsync(string connectionId, IGroupManager groups, INewsroomClient caller, string channelId, long lastSeq, CancellationToken ct)
    {
        var state = _channels.GetOrAdd(channelId, _ => new ChannelState(0));
        await state.Gate.WaitAsync(ct);
        try
        {
            await groups.AddToGroupAsync(connectionId, LiveGroups.Channel(channelId), ct);
            var position = await log.PositionAsync(channelId, ct);
            var relayed = Volatile.Read(ref state.Relayed);
            if (position is null || position.NeedsResync(lastSeq))
            {
                await caller.ResyncRequired(new ResyncRequiredEvent(channelId, relayed));
                return;
            }
            var since = lastSeq;
            while (since < relayed)
            {
                var events = await log.ReadAsync(channelId, since, options.Value.MaxEventsPerAnswer, ct);
                if (events.Count == 0) break;
                foreach (var e in events.TakeWhile(e => e.Seq <= relayed))
                {
                    await SendAsync(caller, e);
                    since = e.Seq;
                }
                if (events[^1].Seq >= relayed) break;
            }
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>The hub call for one logged event: its stored payload with Seq added.</summary>
    internal static Task SendAsync(INewsroomClient client, ChannelEvent e) => e.Type switch
    {
        ChannelEventTypes.StoryPublished => client.StoryPublished(Read<StoryPublishedEvent>(e) with { Seq = e.Seq }),
        ChannelEventTypes.StoryUpdated => client.StoryUpdated(Read<StoryUpdatedEvent>(e) with { Seq = e.Seq }),
        ChannelEventTypes.StoryExpired => client.StoryExpired(Read<StoryExpiredEvent>(e) with { Seq = e.Seq }),
        ChannelEventTypes.StoryRetracted => client.StoryRetracted(Read<StoryRetractedEvent>(e) with { Seq = e.Seq }),
        ChannelEventTypes.FeedUpdated => client.FeedUpdated(Read<FeedUpdatedEvent>(e) with { Seq = e.Seq }),
        ChannelEventTypes.BreakingNewsStarted => client.BreakingNewsStarted(Read<BreakingNewsStartedEvent>(e) with { Seq = e.Seq }),
        ChannelEventTypes.BreakingNewsEnded => client.BreakingNewsEnded(Read<BreakingNewsEndedEvent>(e) with { Seq = e.Seq }),
        _ => throw new InvalidOperationException($"Unknown event type '{e.Type}' at seq {e.Seq}."),
    };

    private static T Read<T>(ChannelEvent e) => JsonSerializer.Deserialize<T>(e.Data, Json)
        ?? throw new InvalidOperationException($"Event {e.Seq} of channel {e.ChannelId} has no payload.");
}
