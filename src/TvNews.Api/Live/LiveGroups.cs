namespace TvNews.Api.Live;

/// <summary>
/// The hub's group names, and which of them the Redis backplane (Redis:ConnectionString) carries across instances.
/// Every instance runs its own <see cref="ChannelEventRelay"/> and <see cref="RenderProgressListener"/>, and each of
/// them sees every committed public event and every progress NOTIFY. Sent to a group that spans instances, each
/// event would reach a client once per instance. So those pushes go to local groups ("local:..."), which
/// <see cref="NewsroomBackplane"/> keeps in this process: a client joins them on its own instance (Subscribe, Resume,
/// SubscribeProducer run where the connection is) and gets each event exactly once, from that instance.
/// Keeping them off Redis also keeps Resume exact: the relay's gate fences its in-process group sends against the
/// replay, which a Redis round trip would not (a message published before a join but delivered after it reaches
/// the new member too). A single sender for all instances (the writer, or an elected relay) would lose that fence.
/// What one instance raises once (RundownChanged, after the request that changed the rundown) goes to a shared
/// group, which the backplane joins across instances. Without Redis every group is local anyway.
/// </summary>
public static class LiveGroups
{
    public const string LocalPrefix = "local:";

    /// <summary>This instance's subscribers of a channel's public events (pushed by every instance's relay).</summary>
    public static string Channel(string channelId) => LocalPrefix + "channel:" + channelId;

    /// <summary>This instance's producers of a channel, for what every instance hears itself (RenderProgress).</summary>
    public static string LocalProducers(string channelId) => LocalPrefix + "producers:" + channelId;

    /// <summary>A channel's producers on every instance, for what one instance raises once (RundownChanged).</summary>
    public static string Producers(string channelId) => "producers:" + channelId;

    public static bool IsLocal(string group) => group.StartsWith(LocalPrefix, StringComparison.Ordinal);
}
