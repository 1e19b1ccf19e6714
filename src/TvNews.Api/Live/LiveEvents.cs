using Microsoft.AspNetCore.SignalR;
using TvNews.Data.Stories;

namespace TvNews.Api.Live;

/// <summary>Pushes committed changes to subscribers: StoryPublished (for a new story) then FeedUpdated.</summary>
public sealed class LiveEvents(IHubContext<NewsroomHub, INewsroomClient> hub, ILogger<LiveEvents> logger)
{
    public async Task PublishedAsync(PublishOutcome outcome, CancellationToken ct)
    {
        var group = hub.Clients.Group(NewsroomHub.Group(outcome.ChannelId));
        if (outcome.NewlyPublished)
        {
            await group.StoryPublished(new StoryPublishedEvent(outcome.ChannelId, outcome.StoryId.ToString("N"), outcome.Title, outcome.FeedVersion));
        }
        await group.FeedUpdated(new FeedUpdatedEvent(outcome.ChannelId, outcome.FeedVersion));
        logger.LogInformation("Channel {ChannelId} feed version {FeedVersion}: story {StoryId} on air", outcome.ChannelId, outcome.FeedVersion, outcome.StoryId);
        ct.ThrowIfCancellationRequested();
    }
}
