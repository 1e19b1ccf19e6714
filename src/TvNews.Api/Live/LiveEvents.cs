using Microsoft.AspNetCore.SignalR;

namespace TvNews.Api.Live;

/// <summary>
/// Pushes the producer-only events (RundownChanged, RenderProgress): no seq, no log. Public events are not pushed
/// from here: they are written to the event log in the transaction of their change and <see cref="ChannelEventRelay"/>
/// pushes them after commit. Which group each goes to decides that it arrives once: see <see cref="LiveGroups"/>.
/// </summary>
public sealed class LiveEvents(IHubContext<NewsroomHub, INewsroomClient> hub, ILogger<LiveEvents> logger)
{
    /// <summary>
    /// To the channel's producers on every instance: raised once, after commit, by the instance that changed the
    /// rundown (an edit, breaking news starting or ending), so it goes through the backplane. The change is saved
    /// either way; a failed push (Redis away) is logged rather than turned into an error for the request that made it.
    /// </summary>
    public async Task RundownChangedAsync(string channelId, long version)
    {
        try
        {
            await hub.Clients.Group(LiveGroups.Producers(channelId)).RundownChanged(new RundownChangedEvent(channelId, version));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not push RundownChanged {Version} of channel {ChannelId}", version, channelId);
        }
    }

    /// <summary>
    /// To this instance's producers of the channel: a draft's render is not public, and every instance's
    /// RenderProgressListener hears each progress NOTIFY, so a shared group would repeat it once per instance.
    /// </summary>
    public Task RenderProgressAsync(RenderProgressEvent e) => hub.Clients.Group(LiveGroups.LocalProducers(e.ChannelId)).RenderProgress(e);
}
