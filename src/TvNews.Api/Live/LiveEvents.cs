using Microsoft.AspNetCore.SignalR;

namespace TvNews.Api.Live;

/// <summary>
/// Pushes the producer-only events (RundownChanged, RenderProgress): no seq, no log. Public events are not pushed
/// from here: they are written to the event log in the transaction of their change and <see cref="ChannelEventRelay"/>
/// pushes them after commit.
/// </summary>
public sealed class LiveEvents(IHubContext<NewsroomHub, INewsroomClient> hub, LiveInstance instance)
{
    /// <summary>To the channel's producers only: the rundown is newsroom work, not public.</summary>
    public Task RundownChangedAsync(string channelId, long version) =>
        hub.Clients.Group(NewsroomHub.ProducerGroup(channelId)).RundownChanged(new RundownChangedEvent(channelId, version));

    /// <summary>
    /// To the channel's producers only: a draft's render is not public. Every instance's RenderProgressListener gets
    /// each progress NOTIFY, so each sends only to its own producers (the instance's group), never through the
    /// backplane to all of them, which would repeat it once per instance.
    /// </summary>
    public Task RenderProgressAsync(RenderProgressEvent e) => hub.Clients.Group(instance.ProducerGroup(e.ChannelId)).RenderProgress(e);
}
