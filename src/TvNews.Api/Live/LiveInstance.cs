namespace TvNews.Api.Live;

/// <summary>
/// This process's SignalR identity, for delivering each event once with a Redis backplane (Redis:ConnectionString).
/// Every instance runs its own relay (and render progress listener), and each of them sees every committed event.
/// If each sent to the shared group "channel:X", the backplane would fan each send out to every instance's
/// connections, and a client would get an event once per instance. So public and render-progress pushes go to an
/// instance-local group, "channel:X@instance": only connections of this instance join it (Subscribe/Resume run on the
/// connection's own instance), so a client gets each event exactly once, from its own instance's relay, and the
/// per-instance Resume gate still orders replay against live pushes. Choosing a single sender instead (the writer,
/// or an elected relay) would break that: the Resume on instance A could not fence the push from instance B. The
/// cost is one (small) backplane message per instance per event, independent of the number of subscribers.
/// Sends made once by the instance that handled a request (RundownChanged) use the shared group and reach every
/// instance's producers through the backplane.
/// </summary>
public sealed class LiveInstance
{
    /// <summary>Random per process (per app in tests, where two apps share a process).</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");

    /// <summary>This instance's subscribers of a channel's public events.</summary>
    public string ChannelGroup(string channelId) => $"channel:{channelId}@{Id}";

    /// <summary>This instance's producers of a channel (render progress, which every instance's listener receives).</summary>
    public string ProducerGroup(string channelId) => $"producers:{channelId}@{Id}";
}
