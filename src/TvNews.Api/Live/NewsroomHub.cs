using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using TvNews.Api.Auth;
using TvNews.Api.Channels;

namespace TvNews.Api.Live;

// Public events carry Seq last: the channel's gap-free position in the event log (channel_events), for Resume, the
// long-poll's since and SSE's Last-Event-ID. The log stores the other properties; the relay adds Seq from the row.
public sealed record StoryPublishedEvent(string ChannelId, string StoryId, string Title, long FeedVersion, long Seq);

public sealed record StoryUpdatedEvent(string ChannelId, string StoryId, string Title, long FeedVersion, long Seq);

public sealed record FeedUpdatedEvent(string ChannelId, long FeedVersion, long Seq);

/// <summary>A story left the air at its expiry time (public: the feed changed).</summary>
public sealed record StoryExpiredEvent(string ChannelId, string StoryId, string Title, long FeedVersion, long Seq);

/// <summary>An editor took a story off air. Public, without the reason (that stays in the story and the audit log).</summary>
public sealed record StoryRetractedEvent(string ChannelId, string StoryId, long FeedVersion, long Seq);

/// <summary>A render's progress, for producers of the channel. Ephemeral: sent while it happens, never logged or replayed.</summary>
public sealed record RenderProgressEvent(long JobId, string StoryId, string ChannelId, string Stage, double Progress);

/// <param name="StoryId">What went on top of the feed and the rundown: the breaking-news card, or the named story when it had video.</param>
public sealed record BreakingNewsStartedEvent(string ChannelId, string Id, string Headline, string StoryId, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, long Seq);

public sealed record BreakingNewsEndedEvent(string ChannelId, string Id, string Headline, long Seq);

/// <summary>
/// The client's position cannot be caught up from the log (retention removed what it missed, or it is ahead of it):
/// reload the feed and state, then continue from <paramref name="LastSeq"/>.
/// </summary>
public sealed record ResyncRequiredEvent(string ChannelId, long LastSeq);

/// <summary>For producers: the channel's rundown changed (an edit, or breaking news on top or gone); its new version is its ETag.</summary>
public sealed record RundownChangedEvent(string ChannelId, long Version);

/// <summary>Events pushed to clients. Names say what happened.</summary>
public interface INewsroomClient
{
    Task StoryPublished(StoryPublishedEvent e);

    Task StoryUpdated(StoryUpdatedEvent e);

    Task FeedUpdated(FeedUpdatedEvent e);

    Task StoryExpired(StoryExpiredEvent e);

    Task StoryRetracted(StoryRetractedEvent e);

    Task RenderProgress(RenderProgressEvent e);

    Task BreakingNewsStarted(BreakingNewsStartedEvent e);

    Task BreakingNewsEnded(BreakingNewsEndedEvent e);

    Task RundownChanged(RundownChangedEvent e);

    Task ResyncRequired(ResyncRequiredEvent e);
}

/// <summary>
/// Live updates. Anyone may subscribe to a channel and then receives only its public events: nothing is pushed
/// for drafts or unpublished work, because events are only sent after a publish commits. Work in progress goes
/// only to the producer group, which needs at least the viewer role (an API key or a signed-in user).
/// </summary>
public sealed class NewsroomHub(ChannelCatalog catalog, IAuthorizationService authorization, ChannelEventRelay relay) : Hub<INewsroomClient>
{
    public async Task Subscribe(string channelId)
    {
        if (catalog.Find(channelId) is null) throw new HubException($"There is no channel '{channelId}'.");
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Channel(channelId));
    }

    /// <summary>
    /// Subscribes and first replays the public events after <paramref name="lastSeq"/> (or sends ResyncRequired when
    /// the log no longer has them). Replay and live pushes do not overlap: see <see cref="ChannelEventRelay.ResumeAsync"/>.
    /// </summary>
    public async Task Resume(string channelId, long lastSeq)
    {
        if (catalog.Find(channelId) is null) throw new HubException($"There is no channel '{channelId}'.");
        if (lastSeq < 0) throw new HubException("lastSeq must be 0 or more (0: everything the log still has).");
        await relay.ResumeAsync(Context.ConnectionId, Groups, Clients.Caller, channelId, lastSeq, Context.ConnectionAborted);
    }

    public Task Unsubscribe(string channelId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Channel(channelId));

    /// <summary>
    /// Joins the channel's producer groups: the shared one (what one instance raises once) and this instance's local one
    /// (what every instance hears itself); each producer event goes to exactly one of them (<see cref="LiveGroups"/>).
    /// The connection must carry at least the viewer role: an API key (X-Api-Key) or the sign-in cookie of the web page.
    /// </summary>
    public async Task SubscribeProducer(string channelId)
    {
        if (Context.User is not { Identity.IsAuthenticated: true } user || !(await authorization.AuthorizeAsync(user, Policies.Viewer)).Succeeded)
            throw new HubException("Producer events need at least the viewer role: open the connection with an API key (X-Api-Key) or signed in.");
        if (catalog.Find(channelId) is null) throw new HubException($"There is no channel '{channelId}'.");
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Producers(channelId));
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.LocalProducers(channelId));
    }

    public async Task UnsubscribeProducer(string channelId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Producers(channelId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.LocalProducers(channelId));
    }
}
