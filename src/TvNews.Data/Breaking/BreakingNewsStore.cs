using Dapper;
using Npgsql;
using TvNews.Core.Articles;
using TvNews.Core.Slides;
using TvNews.Data.Audit;
using TvNews.Data.Events;
using TvNews.Data.Feeds;
using TvNews.Data.Rendering;
using TvNews.Data.Rundowns;
using TvNews.Data.Stories;

namespace TvNews.Data.Breaking;

/// <param name="StoryId">The story the editor named, if any.</param>
/// <param name="CardStoryId">The breaking-news card (a one-slide story), when the named story had no video or none was named.</param>
public sealed record BreakingNewsItem(Guid Id, string ChannelId, string Headline, Guid? StoryId, Guid? CardStoryId,
    DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt, string? EndReason, string ActorId, string ActorName)
{
    /// <summary>What goes on top of the feed and the rundown: the card, else the named story.</summary>
    public Guid OnAirStoryId => CardStoryId ?? StoryId ?? throw new InvalidOperationException("Breaking news without a story.");
}

/// <summary>The card to render when there is no video to put on top: its article, one-slide plan and plan hash.</summary>
public sealed record BreakingCard(Article Article, SlidePlan Plan, string PlanHash);

public abstract record BreakingStart
{
    /// <param name="RenderQueued">The card went into the render queue (wake the worker).</param>
    /// <param name="Published">The named story was a draft with video and went on air with the breaking news.</param>
    public sealed record Started(BreakingNewsItem Item, bool RenderQueued, PublishOutcome? Published, long FeedVersion, long RundownVersion) : BreakingStart;

    public sealed record AlreadyActive(BreakingNewsItem Active) : BreakingStart;

    public sealed record UnknownStory : BreakingStart;

    public sealed record StoryOfAnotherChannel(string ChannelId) : BreakingStart;
}

/// <param name="FeedVersion">The channel's feed version after the end (the top of the feed changed).</param>
public sealed record BreakingEnd(BreakingNewsItem Item, long FeedVersion, long RundownVersion);

/// <summary>
/// Breaking news, durable: one active item per channel (a partial unique index), started and ended in one transaction
/// each together with the feed, the rundown and the audit log. Ending is a conditional update, so it happens exactly
/// once however many workers and editors try.
/// </summary>
public sealed class BreakingNewsStore(NpgsqlDataSource db)
{
    /// <summary>Claimed ahead of every other render.</summary>
    public const int CardRenderPriority = 100;

    /// <param name="cardFor">Builds the card; called only when a card is needed.</param>
    public async Task<BreakingStart> StartAsync(string channelId, string headline, Guid? storyId, TimeSpan duration, Func<BreakingCard> cardFor,
        AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The rundown row is the channel's lock for breaking news too: starts (and rundown edits) queue behind it.
        await RundownStore.LockAsync(connection, tx, channelId, now, ct);
        if (await ActiveAsync(connection, tx, channelId, ct) is { } active) return new BreakingStart.AlreadyActive(active);

        PublishOutcome? published = null;
        Guid? cardStoryId = null;
        var renderQueued = false;
        long? feedVersion = null;
        var hasVideo = false;
        if (storyId is { } sid)
        {
            var story = (await connection.QueryAsync<(string ChannelId, string State, bool HasVideo)>(new CommandDefinition(
                "select channel_id, state, media is not null from stories where id = @sid for update", new { sid }, tx, cancellationToken: ct))).AsList();
            if (story is not [var s]) return new BreakingStart.UnknownStory();
            if (s.ChannelId != channelId) return new BreakingStart.StoryOfAnotherChannel(s.ChannelId);
            hasVideo = s.HasVideo && s.State is "draft" or "published";
            if (hasVideo && s.State == "draft")
            {
                published = await StoryStore.PublishAsync(connection, tx, sid, now, ct);
                if (published is not null) feedVersion = published.FeedVersion;
            }
        }
        if (!hasVideo)
        {
            var id = Guid.CreateVersion7(now);
            var card = cardFor();
            cardStoryId = await StoryStore.AddGeneratedAsync(connection, tx, channelId, $"breaking:{id:N}", card.Article, card.Plan, card.PlanHash, now, ct);
            renderQueued = await RenderQueue.EnqueueAsync(connection, tx, cardStoryId.Value, card.PlanHash, publishWhenDone: true, now, ct, CardRenderPriority);
            return await InsertAsync(id);
        }
        return await InsertAsync(Guid.CreateVersion7(now));

        async Task<BreakingStart> InsertAsync(Guid id)
        {
            var item = new BreakingNewsItem(id, channelId, headline, storyId, cardStoryId, now, now + duration, null, null, actor.Id, actor.Name);
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into breaking_news (id, channel_id, headline, story_id, card_story_id, started_at, expires_at, actor_id, actor_name)
                values (@Id, @ChannelId, @Headline, @StoryId, @CardStoryId, @StartedAt, @ExpiresAt, @ActorId, @ActorName)
                """, item, tx, cancellationToken: ct));
            // The top of the feed changes now when the named story is on air already; a card changes it when it is published.
            var feedBumped = feedVersion is null;
            feedVersion ??= await FeedVersion.BumpAsync(connection, tx, channelId, now, ct);
            // A named story that went on air has its StoryPublished + FeedUpdated already (the publish appended them).
            var events = new List<NewChannelEvent> { ChannelEventTypes.BreakingStarted(channelId, id, headline, item.OnAirStoryId, item.StartedAt, item.ExpiresAt) };
            if (feedBumped) events.Add(ChannelEventTypes.Feed(channelId, feedVersion.Value));
            await ChannelEventLog.AppendAsync(connection, tx, channelId, now, events, ct);
            var rundownVersion = await RundownStore.BumpAsync(connection, tx, channelId, now, ct);
            await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("breaking.start", "breaking", id.ToString("N"), channelId,
                new { headline, storyId = storyId?.ToString("N"), cardStoryId = cardStoryId?.ToString("N"), expiresAt = item.ExpiresAt }), now, ct);
            await tx.CommitAsync(ct);
            return new BreakingStart.Started(item, renderQueued, published, feedVersion.Value, rundownVersion);
        }
    }

    /// <summary>Ends one item if it is still active (exactly once). Null when it had already ended or does not exist.</summary>
    public Task<BreakingEnd?> EndAsync(Guid id, string reason, AuditActor actor, DateTimeOffset now, CancellationToken ct) =>
        EndWhereAsync("id = @id", new { id, reason, now }, reason, actor, now, ct);

    /// <summary>Ends the channel's active item (an editor ending it early). Null when there is none.</summary>
    public Task<BreakingEnd?> EndActiveAsync(string channelId, string reason, AuditActor actor, DateTimeOffset now, CancellationToken ct) =>
        EndWhereAsync("channel_id = @channelId", new { channelId, reason, now }, reason, actor, now, ct);

    private async Task<BreakingEnd?> EndWhereAsync(string where, object parameters, string reason, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var ended = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            update breaking_news set ended_at = @now, end_reason = @reason
             where {where} and ended_at is null
            returning {Columns}
            """, parameters, tx, cancellationToken: ct));
        if (ended is null) return null;
        var item = ended.ToItem();

        long? feedVersion = null;
        if (item.CardStoryId is { } card)
        {
            feedVersion = await StoryStore.TakeOffAirAsync(connection, tx, card, now, ct);
            await connection.ExecuteAsync(new CommandDefinition("delete from rundown_items where story_id = @card", new { card }, tx, cancellationToken: ct));
        }
        feedVersion ??= await FeedVersion.BumpAsync(connection, tx, item.ChannelId, now, ct);
        await ChannelEventLog.AppendAsync(connection, tx, item.ChannelId, now, ct,
            ChannelEventTypes.BreakingEnded(item.ChannelId, item.Id, item.Headline), ChannelEventTypes.Feed(item.ChannelId, feedVersion.Value));
        var rundownVersion = await RundownStore.BumpAsync(connection, tx, item.ChannelId, now, ct);
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("breaking.end", "breaking", item.Id.ToString("N"), item.ChannelId,
            new { reason, item.Headline, item.ExpiresAt }), now, ct);
        await tx.CommitAsync(ct);
        return new BreakingEnd(item, feedVersion.Value, rundownVersion);
    }

    /// <summary>Active items whose time is up.</summary>
    public async Task<IReadOnlyList<Guid>> ListDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            "select id from breaking_news where ended_at is null and expires_at <= @now order by expires_at", new { now }, cancellationToken: ct))).AsList();
    }

    /// <summary>The channel's active breaking news, or null.</summary>
    public async Task<BreakingNewsItem?> GetActiveAsync(string channelId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await ActiveAsync(connection, null, channelId, ct);
    }

    public async Task<BreakingNewsItem?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from breaking_news where id = @id", new { id }, cancellationToken: ct));
        return row?.ToItem();
    }

    internal static async Task<BreakingNewsItem?> ActiveAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string channelId, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from breaking_news where channel_id = @channelId and ended_at is null", new { channelId }, tx, cancellationToken: ct));
        return row?.ToItem();
    }

    private const string Columns = "id, channel_id, headline, story_id, card_story_id, started_at, expires_at, ended_at, end_reason, actor_id, actor_name";

    private sealed record Row(Guid Id, string ChannelId, string Headline, Guid? StoryId, Guid? CardStoryId, DateTime StartedAt, DateTime ExpiresAt,
        DateTime? EndedAt, string? EndReason, string ActorId, string ActorName)
    {
        public BreakingNewsItem ToItem() => new(Id, ChannelId, Headline, StoryId, CardStoryId, Utc(StartedAt), Utc(ExpiresAt),
            EndedAt is { } e ? Utc(e) : null, EndReason, ActorId, ActorName);

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }
}
