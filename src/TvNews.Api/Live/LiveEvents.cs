using Microsoft.AspNetCore.SignalR;
using TvNews.Data.Stories;

namespace TvNews.Api.Live;

/// <summary>Pushes committed changes to subscribers: StoryPublished (a new story) or StoryUpdated (new media for one on air), then FeedUpdated.</summary>
public sealed class LiveEvents(IHubContext<NewsroomHub, INewsroomClient> hub, ILogger<LiveEvents> logger)
{
    public async Task PublishedAsync(PublishOutcome outcome, CancellationToken ct)
    {
        var group = hub.Clients.Group(NewsroomHub.Group(outcome.ChannelId));
        var storyId = outcome.StoryId.ToString("N");
        if (outcome.NewlyPublished)
            await group.StoryPublished(new StoryPublishedEvent(outcome.ChannelId, storyId, outcome.Title, outcome.FeedVersion));
        else
            await group.StoryUpdated(new StoryUpdatedEvent(outcome.ChannelId, storyId, outcome.Title, outcome.FeedVersion));
        await group.FeedUpdated(new FeedUpdatedEvent(outcome.ChannelId, outcome.FeedVersion));
        logger.LogInformation("Channel {ChannelId} feed version {FeedVersion}: story {StoryId} on air", outcome.ChannelId, outcome.FeedVersion, outcome.StoryId);
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Public: breaking news went on air; then FeedUpdated when the feed's top changed with it.</summary>
    public async Task BreakingNewsStartedAsync(BreakingNewsStartedEvent e, long? feedVersion)
    {
        var group = hub.Clients.Group(NewsroomHub.Group(e.ChannelId));
        await group.BreakingNewsStarted(e);
        if (feedVersion is { } v) await group.FeedUpdated(new FeedUpdatedEvent(e.ChannelId, v));
    }

    /// <summary>Public: breaking news is over and the feed is back to normal.</summary>
    public async Task BreakingNewsEndedAsync(BreakingNewsEndedEvent e, long feedVersion)
    {
        var group = hub.Clients.Group(NewsroomHub.Group(e.ChannelId));
        await group.BreakingNewsEnded(e);
        await group.FeedUpdated(new FeedUpdatedEvent(e.ChannelId, feedVersion));
    }

    /// <summary>To the channel's producers only: the rundown is newsroom work, not public.</summary>
    public Task RundownChangedAsync(string channelId, long version) =>
        hub.Clients.Group(NewsroomHub.ProducerGroup(channelId)).RundownChanged(new RundownChangedEvent(channelId, version));

    /// <summary>A story on air expired: StoryExpired, then FeedUpdated.</summary>
    public async Task ExpiredAsync(string channelId, Guid storyId, string title, long feedVersion)
    {
        var group = hub.Clients.Group(NewsroomHub.Group(channelId));
        await group.StoryExpired(new StoryExpiredEvent(channelId, storyId.ToString("N"), title, feedVersion));
        await group.FeedUpdated(new FeedUpdatedEvent(channelId, feedVersion));
        logger.LogInformation("Channel {ChannelId} feed version {FeedVersion}: story {StoryId} expired", channelId, feedVersion, storyId);
    }

    /// <summary>A story on air was retracted: StoryRetracted, then FeedUpdated.</summary>
    public async Task RetractedAsync(string channelId, Guid storyId, long feedVersion)
    {
        var group = hub.Clients.Group(NewsroomHub.Group(channelId));
        await group.StoryRetracted(new StoryRetractedEvent(channelId, storyId.ToString("N"), feedVersion));
        await group.FeedUpdated(new FeedUpdatedEvent(channelId, feedVersion));
        logger.LogInformation("Channel {ChannelId} feed version {FeedVersion}: story {StoryId} retracted", channelId, feedVersion, storyId);
    }

    /// <summary>To the channel's producers only: a draft's render is not public.</summary>
    public Task RenderProgressAsync(RenderProgressEvent e) => hub.Clients.Group(NewsroomHub.ProducerGroup(e.ChannelId)).RenderProgress(e);
}
