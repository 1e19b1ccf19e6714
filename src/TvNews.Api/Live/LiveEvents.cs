using Microsoft.AspNetCore.SignalR;

namespace TvNews.Api.Live;

/// <summary>
/// Pushes the producer-only events (RundownChanged, RenderProgress): no seq, no log. Public events are not pushed
/// from here: they are written to the event log in the transaction of their change and <see cref="ChannelEventRelay"/>
/// pushes them after commit.
/// </summary>
public sealed class LiveEvents(IHubContext<NewsroomHub, INewsroomClient> hub)
{
    /// <summary>To the channel's producers only: the rundown is newsroom work, not public.</summary>
    public Task RundownChangedAsync(string channelId, long version) =>
        hub.Clients.Group(NewsroomHub.ProducerGroup(channelId)).RundownChanged(new RundownChangedEvent(channelId, version));

    /// <summary>To the channel's producers only: a draft's render is not public.</summary>
    public Task RenderProgressAsync(RenderProgressEvent e) => hub.Clients.Group(NewsroomHub.ProducerGroup(e.ChannelId)).RenderProgress(e);
}
