using Dapper;
using Npgsql;
using TvNews.Core.Articles;
using TvNews.Core.Slides;
using TvNews.Data.Audit;
using TvNews.Data.Events;
using TvNews.Data.Feeds;
using TvNews.Data.Rendering;

namespace TvNews.Data.Stories;

public enum StoryWriteStatus
{
    Done,
    NotFound,
    /// <summary>The If-Match revision is not the story's current one: nothing was written.</summary>
    Stale,
    /// <summary>The story's state does not allow this (a retracted story cannot be scheduled): nothing was written.</summary>
    WrongState,
    /// <summary>The caller's role may not do this to a story in this state (a producer editing a published story).</summary>
    Forbidden,
}

/// <param name="Revision">The story's revision after the write (its new ETag), or its current one when nothing was written.</param>
/// <param name="Published">Set when the write put the story on air (the live push is the caller's, after commit).</param>
/// <param name="FeedVersion">Set when the write changed the channel's feed (a retraction of a story on air).</param>
public sealed record StoryWrite(StoryWriteStatus Status, string? Detail = null, int Revision = 0, string? State = null, bool RenderQueued = false,
    PublishOutcome? Published = null, long? FeedVersion = null, string? ChannelId = null)
{
    public static StoryWrite NotFound { get; } = new(StoryWriteStatus.NotFound);
}

/// <summary>A field a PATCH may set or clear: null means "not sent", <c>new(null)</c> clears it.</summary>
public sealed record Change<T>(T Value);

/// <summary>What a PATCH changes; every field is optional.</summary>
public sealed record StoryEdit(string? Headline = null, IReadOnlyList<string>? Paragraphs = null, Change<string?>? Category = null,
    IReadOnlyList<string>? Tags = null, int? Priority = null, Change<DateTimeOffset?>? PublishAt = null, Change<DateTimeOffset?>? ExpireAt = null)
{
    public bool ChangesText => Headline is not null || Paragraphs is not null || Category is not null;
}

/// <summary>A story the scheduler moved: published at its time or expired at its expiry.</summary>
public sealed record ScheduledChange(Guid StoryId, string ChannelId, string Title, long FeedVersion, bool WasOnAir, long? LatenessMs);

/// <summary>
/// The story lifecycle: draft → scheduled → published → expired | retracted. Every write takes the story's row lock,
/// checks the caller's If-Match revision and the state under that lock, and records its audit entry in the same
/// transaction, so a stale or refused write leaves nothing behind.
/// </summary>
public sealed partial class StoryStore
{
    /// <summary>NOTIFY channel announcing a changed schedule (sent on commit), so every instance's scheduler looks again.</summary>
    public const string ScheduleChannel = "tvnews_schedule";

    private static Task NotifyScheduleAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition($"select pg_notify('{ScheduleChannel}', '')", transaction: tx, cancellationToken: ct));

    /// <summary>Stories of a channel (or all), in one state or all, highest priority first, then the latest activity.</summary>
    public async Task<IReadOnlyList<StoryRecord>> ListAsync(string? channelId, string? state, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<StoryRow>(new CommandDefinition(StorySelect + """
             where (@channelId::text is null or s.channel_id = @channelId)
               and (@state::text is null or s.state = @state)
             order by s.priority desc, coalesce(s.published_at, s.publish_at, s.updated_at) desc, s.id
             limit @limit
            """, new { channelId, state, limit }, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    private sealed record LockedStory(Guid Id, string ChannelId, string State, int Revision, bool Locked, bool PlanOverride, string PlanHash,
        string? RenderedHash, DateTime? PublishAt, DateTime? ExpireAt, int Priority, string TagsJson, Guid ArticleId, string ArticleJson,
        DateTime FirstSeen)
    {
        public string[] Tags => Json.Read<string[]>(TagsJson);
    }

    /// <summary>Locks the story and its article row for the rest of <paramref name="tx"/>.</summary>
    private static async Task<LockedStory?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid storyId, CancellationToken ct) =>
        (await connection.QueryAsync<LockedStory>(new CommandDefinition("""
            select s.id, s.channel_id, s.state, s.revision, s.locked, s.plan_override, s.plan_hash, s.rendered_hash, s.publish_at,
                   s.expire_at, s.priority, array_to_json(s.tags)::text as tags_json, a.id as article_id, a.article::text as article_json, a.created_at as first_seen
              from stories s join articles a on a.id = s.article_id
             where s.id = @storyId
               for update of s, a
            """, new { storyId }, tx, cancellationToken: ct))).SingleOrDefault();

    private static bool Matches(LockedStory story, IReadOnlyCollection<int>? ifMatch) => ifMatch is null || ifMatch.Contains(story.Revision);

    private static StoryWrite Stale(LockedStory story) => new(StoryWriteStatus.Stale,
        $"The story changed since you read it: it is now at revision {story.Revision} (ETag \"{story.Revision}\"). Read it again and reapply your change.",
        story.Revision, story.State);

    private static async Task<int> RevisionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid storyId, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition("select revision from stories where id = @storyId", new { storyId }, tx, cancellationToken: ct));

    /// <summary>
    /// Edits text and metadata. New text is stored as the article's next version (the source's content hash is kept, so
    /// re-ingesting unchanged source text does not undo the edit; a changed source replaces it unless the story is locked)
    /// and re-planned unless the plan is locked or a producer's own; a story on air or scheduled is re-rendered.
    /// </summary>
    /// <param name="mayEditOnAir">The caller is an editor: only editors change a story that is on air or off air.</param>
    /// <param name="planFor">Plans an article given when it was first stored.</param>
    public async Task<StoryWrite> EditAsync(Guid storyId, IReadOnlyCollection<int>? ifMatch, StoryEdit edit, bool mayEditOnAir,
        Func<Article, DateTimeOffset, (SlidePlan Plan, string PlanHash)> planFor, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var story = await LockAsync(connection, tx, storyId, ct);
        if (story is null) return StoryWrite.NotFound;
        if (!Matches(story, ifMatch)) return Stale(story);
        var editable = story.State is "draft" or "scheduled";
        if (!editable && !mayEditOnAir)
            return new(StoryWriteStatus.Forbidden, $"The story is {story.State}: only an editor may change it.", story.Revision, story.State);
        if (edit.PublishAt is not null && !editable)
            return new(StoryWriteStatus.WrongState, $"The story is {story.State}: publishAt can only change while it is a draft or scheduled.", story.Revision, story.State);
        if (edit.PublishAt is { Value: null } && story.State == "scheduled")
            return new(StoryWriteStatus.WrongState, "A scheduled story needs a publishAt; to take it off the schedule, retract it.", story.Revision, story.State);
        if (edit.ExpireAt is not null && story.State is "expired" or "retracted")
            return new(StoryWriteStatus.WrongState, $"The story is {story.State}: its expiry no longer applies.", story.Revision, story.State);
        var publishAt = edit.PublishAt is { } p ? p.Value : Utc(story.PublishAt);
        var expireAt = edit.ExpireAt is { } e ? e.Value : Utc(story.ExpireAt);
        if (expireAt is { } exp && publishAt is { } pub && exp <= pub)
            return new(StoryWriteStatus.WrongState, $"expireAt ({exp:O}) must be after publishAt ({pub:O}).", story.Revision, story.State);

        var changes = new Dictionary<string, object?>();
        var article = Json.Read<Article>(story.ArticleJson);
        var edited = article;
        if (edit.Headline is { } headline && headline != article.Headline)
        {
            changes["headline"] = new { from = article.Headline, to = headline };
            edited = edited with { Headline = headline, HeadlineDerived = false };
        }
        if (edit.Paragraphs is { } paragraphs && !paragraphs.SequenceEqual(article.Paragraphs))
        {
            changes["paragraphs"] = new { from = article.Paragraphs.Count, to = paragraphs.Count };
            edited = edited with
            {
                Paragraphs = paragraphs,
                // Quotes the new text no longer contains are dropped; pictures and subheads stay inside the new length.
                Quotes = article.Quotes.Where(q => paragraphs.Any(t => t.Contains(q.Text, StringComparison.Ordinal))).ToList(),
                Subheads = article.Subheads.Where(s => s.BeforeParagraph < paragraphs.Count).ToList(),
                Images = article.Images.Select(i => i.BeforeParagraph > paragraphs.Count ? i with { BeforeParagraph = paragraphs.Count } : i).ToList(),
            };
        }
        if (edit.Category is { } category && category.Value != article.Category)
        {
            changes["category"] = new { from = article.Category, to = category.Value };
            edited = edited with { Category = category.Value };
        }

        var renderQueued = false;
        if (!ReferenceEquals(edited, article))
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into article_versions (article_id, version, content_hash, article, created_at)
                select id, version, content_hash, article, updated_at from articles where id = @ArticleId;
                update articles set version = version + 1, headline = @Headline, article = @json::jsonb, updated_at = @now where id = @ArticleId
                """, new { story.ArticleId, edited.Headline, json = Json.Write(edited), now }, tx, cancellationToken: ct));
            if (!story.Locked && !story.PlanOverride)
            {
                var (plan, planHash) = planFor(edited, Utc(story.FirstSeen)!.Value);
                await connection.ExecuteAsync(new CommandDefinition(
                    "update stories set slide_plan = @plan::jsonb, plan_hash = @planHash, updated_at = @now where id = @Id",
                    new { story.Id, plan = Json.Write(plan), planHash, now }, tx, cancellationToken: ct));
                if (story.State is "published" or "scheduled" && story.RenderedHash != planHash)
                    renderQueued = await RenderQueue.EnqueueAsync(connection, tx, story.Id, planHash, publishWhenDone: story.State == "published", now, ct);
            }
        }

        var tags = edit.Tags?.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToArray() ?? story.Tags;
        if (!tags.SequenceEqual(story.Tags)) changes["tags"] = new { from = story.Tags, to = tags };
        var priority = edit.Priority ?? story.Priority;
        if (priority != story.Priority) changes["priority"] = new { from = story.Priority, to = priority };
        if (publishAt != Utc(story.PublishAt)) changes["publishAt"] = new { from = Utc(story.PublishAt), to = publishAt };
        if (expireAt != Utc(story.ExpireAt)) changes["expireAt"] = new { from = Utc(story.ExpireAt), to = expireAt };
        await connection.ExecuteAsync(new CommandDefinition("""
            update stories set tags = @tags, priority = @priority, publish_at = @publishAt, expire_at = @expireAt, updated_at = @now where id = @Id
            """, new { story.Id, tags, priority, publishAt, expireAt, now }, tx, cancellationToken: ct));

        if (changes.Count > 0)
            await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("story.edit", "story", story.Id.ToString(), story.ChannelId, changes), now, ct);
        if (changes.ContainsKey("publishAt") || changes.ContainsKey("expireAt")) await NotifyScheduleAsync(connection, tx, ct);
        var revision = await RevisionAsync(connection, tx, story.Id, ct);
        await tx.CommitAsync(ct);
        return new(StoryWriteStatus.Done, null, revision, story.State, renderQueued, ChannelId: story.ChannelId);
    }

    /// <summary>
    /// Schedules a draft (or moves a scheduled story) to <paramref name="publishAt"/>; its render is queued now so it is
    /// ready by then. A time already past is due at once. <paramref name="expireAt"/> replaces the expiry when given.
    /// </summary>
    public async Task<StoryWrite> ScheduleAsync(Guid storyId, IReadOnlyCollection<int>? ifMatch, DateTimeOffset publishAt, DateTimeOffset? expireAt,
        AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var story = await LockAsync(connection, tx, storyId, ct);
        if (story is null) return StoryWrite.NotFound;
        if (!Matches(story, ifMatch)) return Stale(story);
        if (story.State is not ("draft" or "scheduled"))
            return new(StoryWriteStatus.WrongState, $"The story is {story.State}: only a draft or a scheduled story can be scheduled.", story.Revision, story.State);
        var expiry = expireAt ?? Utc(story.ExpireAt);
        if (expiry is { } exp && exp <= publishAt)
            return new(StoryWriteStatus.WrongState, $"expireAt ({exp:O}) must be after publishAt ({publishAt:O}).", story.Revision, story.State);
        await connection.ExecuteAsync(new CommandDefinition("""
            update stories set state = 'scheduled', publish_at = @publishAt, expire_at = @expiry, publish_lateness_ms = null, updated_at = @now
             where id = @Id
            """, new { story.Id, publishAt, expiry, now }, tx, cancellationToken: ct));
        var queued = story.RenderedHash != story.PlanHash &&
                     await RenderQueue.EnqueueAsync(connection, tx, story.Id, story.PlanHash, publishWhenDone: false, now, ct);
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("story.schedule", "story", story.Id.ToString(), story.ChannelId,
            new { from = story.State, publishAt, expireAt = expiry, previousPublishAt = Utc(story.PublishAt) }), now, ct);
        await NotifyScheduleAsync(connection, tx, ct);
        var revision = await RevisionAsync(connection, tx, story.Id, ct);
        await tx.CommitAsync(ct);
        return new(StoryWriteStatus.Done, null, revision, "scheduled", queued, ChannelId: story.ChannelId);
    }

    /// <summary>
    /// Puts a draft or scheduled story on air now. When its media is not current it is scheduled for now instead and its
    /// render queued: it goes on air when the render completes, and that lateness is recorded.
    /// </summary>
    public async Task<StoryWrite> PublishNowAsync(Guid storyId, IReadOnlyCollection<int>? ifMatch, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var story = await LockAsync(connection, tx, storyId, ct);
        if (story is null) return StoryWrite.NotFound;
        if (!Matches(story, ifMatch)) return Stale(story);
        if (story.State is not ("draft" or "scheduled"))
            return new(StoryWriteStatus.WrongState, $"The story is {story.State}: only a draft or a scheduled story can be published.", story.Revision, story.State);
        if (Utc(story.ExpireAt) is { } expiry && expiry <= now)
            return new(StoryWriteStatus.WrongState, $"The story's expiry ({expiry:O}) has passed: change expireAt first.", story.Revision, story.State);

        PublishOutcome? published = null;
        var queued = false;
        if (story.RenderedHash == story.PlanHash)
        {
            published = await PublishAsync(connection, tx, story.Id, now, ct);
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                update stories set state = 'scheduled', publish_at = @now, publish_lateness_ms = null, updated_at = @now where id = @Id
                """, new { story.Id, now }, tx, cancellationToken: ct));
            queued = await RenderQueue.EnqueueAsync(connection, tx, story.Id, story.PlanHash, publishWhenDone: true, now, ct);
        }
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("story.publish", "story", story.Id.ToString(), story.ChannelId,
            new { from = story.State, awaitingRender = published is null }), now, ct);
        var revision = await RevisionAsync(connection, tx, story.Id, ct);
        await tx.CommitAsync(ct);
        return new(StoryWriteStatus.Done, null, revision, published is null ? "scheduled" : "published", queued, published,
            published?.FeedVersion, story.ChannelId);
    }

    /// <summary>Takes a story off air (or off the schedule) for a stated reason; it leaves the feed at once.</summary>
    public async Task<StoryWrite> RetractAsync(Guid storyId, IReadOnlyCollection<int>? ifMatch, string reason, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var story = await LockAsync(connection, tx, storyId, ct);
        if (story is null) return StoryWrite.NotFound;
        if (!Matches(story, ifMatch)) return Stale(story);
        if (story.State is not ("published" or "scheduled"))
            return new(StoryWriteStatus.WrongState, $"The story is {story.State}: only a published or scheduled story can be retracted.", story.Revision, story.State);
        await connection.ExecuteAsync(new CommandDefinition("""
            update stories set state = 'retracted', retracted_at = @now, retract_reason = @reason, updated_at = @now where id = @Id
            """, new { story.Id, reason, now }, tx, cancellationToken: ct));
        long? feedVersion = story.State == "published" ? await FeedVersion.BumpAsync(connection, tx, story.ChannelId, now, ct) : null;
        if (feedVersion is { } v)
            await ChannelEventLog.AppendAsync(connection, tx, story.ChannelId, now, ct,
                ChannelEventTypes.Retracted(story.ChannelId, story.Id, v), ChannelEventTypes.Feed(story.ChannelId, v));
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("story.retract", "story", story.Id.ToString(), story.ChannelId,
            new { from = story.State, reason }), now, ct);
        var revision = await RevisionAsync(connection, tx, story.Id, ct);
        await tx.CommitAsync(ct);
        return new(StoryWriteStatus.Done, null, revision, "retracted", FeedVersion: feedVersion, ChannelId: story.ChannelId);
    }

    private sealed record DueRow(Guid Id, string ChannelId, string Title, string PreviousState, long? LatenessMs);

    /// <summary>
    /// The scheduler's step: expires stories whose expiry has come, then publishes rendered scheduled stories whose time
    /// has come, in one transaction with their feed bumps and audit entries. Exactly once across instances: rows are
    /// claimed with FOR UPDATE SKIP LOCKED and changed only from the state they were found in, so a story another
    /// instance (or a render) moved is not moved again. Returns what this call changed, for the live push after commit.
    /// </summary>
    public async Task<(IReadOnlyList<ScheduledChange> Published, IReadOnlyList<ScheduledChange> Expired)> RunDueAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var expired = (await connection.QueryAsync<DueRow>(new CommandDefinition("""
            with due as (
                select id, state from stories
                 where state in ('scheduled', 'published') and expire_at <= @now
                 order by expire_at, id
                 limit @limit
                 for update skip locked)
            update stories s
               set state = 'expired', expired_at = @now, updated_at = @now
              from due, articles a
             where s.id = due.id and a.id = s.article_id and s.state = due.state
            returning s.id, s.channel_id, a.headline as title, due.state as previous_state, null::bigint as lateness_ms
            """, new { now, limit }, tx, cancellationToken: ct))).AsList();
        var published = (await connection.QueryAsync<DueRow>(new CommandDefinition("""
            with due as (
                select id, publish_at from stories
                 where state = 'scheduled' and publish_at <= @now and rendered_hash = plan_hash
                   and (expire_at is null or expire_at > @now)
                 order by publish_at, id
                 limit @limit
                 for update skip locked)
            update stories s
               set state = 'published', published_at = @now, updated_at = @now,
                   publish_lateness_ms = (extract(epoch from (@now - due.publish_at)) * 1000)::bigint
              from due, articles a
             where s.id = due.id and a.id = s.article_id and s.state = 'scheduled'
            returning s.id, s.channel_id, a.headline as title, 'scheduled' as previous_state, s.publish_lateness_ms as lateness_ms
            """, new { now, limit }, tx, cancellationToken: ct))).AsList();

        // One feed bump per channel that gained or lost a story on air.
        var feeds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var channelId in published.Select(p => p.ChannelId).Concat(expired.Where(e => e.PreviousState == "published").Select(e => e.ChannelId)).Distinct())
            feeds[channelId] = await FeedVersion.BumpAsync(connection, tx, channelId, now, ct);
        // Per channel: what left the air, what went on air, then the feed's one new version.
        foreach (var (channelId, feedVersion) in feeds)
        {
            var events = expired.Where(e => e.ChannelId == channelId && e.PreviousState == "published")
                .Select(e => ChannelEventTypes.Expired(channelId, e.Id, e.Title, feedVersion))
                .Concat(published.Where(p => p.ChannelId == channelId)
                    .Select(p => ChannelEventTypes.Story(new PublishOutcome(p.Id, channelId, p.Title, feedVersion, NewlyPublished: true))))
                .Append(ChannelEventTypes.Feed(channelId, feedVersion))
                .ToList();
            await ChannelEventLog.AppendAsync(connection, tx, channelId, now, events, ct);
        }
        foreach (var row in expired)
            await AuditStore.RecordAsync(connection, tx, AuditActor.System, new AuditEntry("story.expire", "story", row.Id.ToString(), row.ChannelId,
                new { from = row.PreviousState }), now, ct);
        foreach (var row in published)
            await AuditStore.RecordAsync(connection, tx, AuditActor.System, new AuditEntry("story.publish", "story", row.Id.ToString(), row.ChannelId,
                new { trigger = "schedule", latenessMs = row.LatenessMs }), now, ct);
        await tx.CommitAsync(ct);

        ScheduledChange Change(DueRow r) => new(r.Id, r.ChannelId, r.Title, feeds.GetValueOrDefault(r.ChannelId), r.PreviousState == "published", r.LatenessMs);
        return (published.Select(Change).ToList(), expired.Select(Change).ToList());
    }

    private sealed record HistoryRow(long Id, DateTime At, string ActorId, string ActorName, string? ActorRole, string Action, string? Details);

    /// <summary>The story's audit entries (who did what, when), oldest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> HistoryAsync(Guid storyId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition("""
            select id, at, actor_id, actor_name, actor_role, action, details::text as details
              from audit_log
             where target_type = 'story' and target_id = @target
             order by id
             limit @limit
            """, new { target = storyId.ToString(), limit }, cancellationToken: ct));
        return rows.Select(r => new AuditRecord(r.Id, Utc(r.At)!.Value, r.ActorId, r.ActorName, r.ActorRole, r.Action, "story", storyId.ToString(), null, r.Details))
            .ToList();
    }

    /// <summary>
    /// The next time the scheduler has work: the earliest publish of a scheduled story (past ones only when rendered, as
    /// an unrendered one goes on air from its render) or expiry. Null when nothing is scheduled.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var next = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            select min(t) from (
                select min(publish_at) as t from stories
                 where state = 'scheduled' and (publish_at > @now or rendered_hash = plan_hash)
                union all
                select min(expire_at) from stories where state in ('scheduled', 'published') and expire_at is not null) due
            """, new { now }, cancellationToken: ct));
        return Utc(next);
    }
}
