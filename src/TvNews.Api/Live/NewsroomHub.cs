using Microsoft.AspNetCore.SignalR;
using TvNews.Api.Channels;

namespace TvNews.Api.Live;

public sealed record StoryPublishedEvent(string ChannelId, string StoryId, string Title, long FeedVersion);

public sealed record StoryUpdatedEvent(string ChannelId, string StoryId, string Title, long FeedVersion);

public sealed record FeedUpdatedEvent(string ChannelId, long FeedVersion);

/// <summary>Events pushed to clients. Names say what happened.</summary>
public interface INewsroomClient
{
    Task StoryPublished(StoryPublishedEvent e);

    Task StoryUpdated(StoryUpdatedEvent e);

    Task FeedUpdated(FeedUpdatedEvent e);
}

/// <summary>
/// Live updates. Anyone may subscribe to a channel and then receives only its public events: nothing is pushed
/// for drafts or unpublished work, because events are only sent after a publish commits.
/// </summary>
public sealed class NewsroomHub(ChannelCatalog catalog) : Hub<INewsroomClient>
{
    public static string Group(string channelId) => "channel:" + channelId;

    public async Task Subscribe(string channelId)
    {
        if (catalog.Find(channelId) is null) throw new HubException($"There is no channel '{channelId}'.");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(channelId));
    }

    public Task Unsubscribe(string channelId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(channelId));
}
