using Dapper;
using Npgsql;
using TvNews.Core.Articles;
using TvNews.Core.Feeds;
using TvNews.Core.Slides;
using TvNews.Data.Audit;
using TvNews.Data.Events;
using TvNews.Data.Feeds;
using TvNews.Data.Rendering;

namespace TvNews.Data.Stories;

public sealed record StoryRecord(
    Guid Id,
    string ChannelId,
    string State,
    bool Locked,
    bool PlanEdited,
    Article Article,
    int ArticleVersion,
    SlidePlan Plan,
    string RenderState,
    StoryMedia? Media,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    StoryLifecycle Lifecycle);

/// <summary>Where a story is in its life and when it moves on (all times UTC).</summary>
/// <param name="Revision">The story's ETag: bumped by the database on every change a client may have based an edit on.</param>
/// <param name="PublishLatenessMs">For a scheduled publish: published_at - publish_at (a render still running at T, say).</param>
public sealed record StoryLifecycle(int Revision, DateTimeOffset? PublishAt, DateTimeOffset? ExpireAt, int Priority, IReadOnlyList<string> Tags,
    long? PublishLatenessMs, DateTimeOffset? ExpiredAt, DateTimeOffset? RetractedAt, string? RetractReason);

public sealed record IngestOutcome(Guid StoryId, bool Created, int ArticleVersion, bool ArticleChanged, bool RenderQueued, PublishOutcome? Published,
    string State, string RenderState);

/// <summary>What a publish changed, for the live push: <see cref="NewlyPublished"/> is false when an aired story was refreshed.</summary>
public sealed record PublishOutcome(Guid StoryId, string ChannelId, string Title, long FeedVersion, bool NewlyPublished)
{
    /// <summary>Set when a scheduled story went on air at or after its time: how late, in milliseconds.</summary>
    public long? LatenessMs { get; init; }
}

public sealed partial class StoryStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Stores an article and its story in one transaction. The same source key updates the existing rows;
    /// a render is queued when publishing is asked for (or the story is on air) and the current media is stale.
    /// </summary>
    /// <param name="planFor">Plans the story given when the article was first stored (its air time when the source gives none).</param>
    /// <param name="actor">Who ingests, recorded as <c>article.ingest</c> in the same transaction; null (feed polls, samples) records nothing.</param>
    public async Task<IngestOutcome> IngestAsync(string channelId, string sourceKey, string contentHash, Article article,
        Func<DateTimeOffset, (SlidePlan Plan, string PlanHash)> planFor, bool publish, AuditActor? actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var (articleId, version, articleChanged, firstSeen) = await UpsertArticleAsync(connection, tx, channelId, sourceKey, contentHash, article, now, ct);
        var (plan, planHash) = planFor(firstSeen);

        var story = await connection.QuerySingleAsync<(Guid Id, bool Inserted, string State, string RenderState, string? RenderedHash, string PlanHash)>(new CommandDefinition("""
            insert into stories (id, article_id, channel_id, state, slide_plan, plan_hash, render_state, created_at, updated_at)
            values (@NewId, @articleId, @channelId, 'draft', @Plan::jsonb, @planHash, 'none', @now, @now)
            on conflict (article_id) do update
               set slide_plan = case when stories.locked or stories.plan_override then stories.slide_plan else excluded.slide_plan end,
                   plan_hash = case when stories.locked or stories.plan_override then stories.plan_hash else excluded.plan_hash end,
                   updated_at = case when stories.locked or stories.plan_override or stories.plan_hash = excluded.plan_hash
                                     then stories.updated_at else excluded.updated_at end
            returning id, (xmax = 0) as inserted, state, render_state, rendered_hash, plan_hash
            """, new { NewId = Guid.CreateVersion7(now), articleId, channelId, Plan = Json.Write(plan), planHash, now }, tx, cancellationToken: ct));

        // A locked story keeps its plan (and so its hash); everything below works from what is stored.
        planHash = story.PlanHash;
        // An expired or retracted story stays off air; a scheduled one is rendered ahead of its time.
        var publishNow = publish && story.State is "draft" or "scheduled";
        var wantsAir = publishNow || story.State == "published";
        var mediaCurrent = story.RenderedHash == planHash;
        var renderQueued = false;
        PublishOutcome? published = null;
        if ((wantsAir || story.State == "scheduled") && !mediaCurrent)
        {
            renderQueued = await RenderQueue.EnqueueAsync(connection, tx, story.Id, planHash, wantsAir, now, ct);
        }
        else if (publishNow && mediaCurrent)
        {
            published = await PublishAsync(connection, tx, story.Id, now, ct);
        }

        if (actor is not null)
        {
            await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("article.ingest", "story", story.Id.ToString(), channelId,
                new { articleId, version, created = story.Inserted, changed = articleChanged, publish, article.Headline }), now, ct);
        }
        await tx.CommitAsync(ct);
        return new IngestOutcome(story.Id, story.Inserted, version, articleChanged, renderQueued, published,
            published is not null ? "published" : story.State, renderQueued ? "queued" : story.RenderState);
    }

    /// <summary>
    /// Inserts the article, or, when its content changed, stores it as the next version: the replaced version moves to
    /// article_versions, so a new article is written once. Returns the article id, its current version and whether anything changed.
    /// </summary>
    private static async Task<(Guid Id, int Version, bool Changed, DateTimeOffset CreatedAt)> UpsertArticleAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        string channelId, string sourceKey, string contentHash, Article article, DateTimeOffset now, CancellationToken ct)
    {
        var json = Json.Write(article);
        var insertedId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            insert into articles (id, channel_id, source_key, content_hash, version, headline, language, article, created_at, updated_at)
            values (@NewId, @channelId, @sourceKey, @contentHash, 1, @Headline, @Language, @json::jsonb, @now, @now)
            on conflict (channel_id, source_key) do nothing
            returning id
            """, new { NewId = Guid.CreateVersion7(now), channelId, sourceKey, contentHash, article.Headline, article.Language, json, now },
            tx, cancellationToken: ct));
        if (insertedId is { } id) return (id, 1, true, now);

        var current = await connection.QuerySingleAsync<(Guid Id, string ContentHash, int Version, DateTime CreatedAt)>(new CommandDefinition(
            "select id, content_hash, version, created_at from articles where channel_id = @channelId and source_key = @sourceKey for update",
            new { channelId, sourceKey }, tx, cancellationToken: ct));
        var createdAt = Utc(current.CreatedAt)!.Value;
        if (current.ContentHash == contentHash) return (current.Id, current.Version, false, createdAt);

        // The version being replaced moves to the history table; the current one lives only in articles.
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into article_versions (article_id, version, content_hash, article, created_at)
            select id, version, content_hash, article, updated_at from articles where id = @Id
            """, new { current.Id }, tx, cancellationToken: ct));
        var next = current.Version + 1;
        await connection.ExecuteAsync(new CommandDefinition("""
            update articles
               set content_hash = @contentHash, version = @next, headline = @Headline, language = @Language,
                   article = @json::jsonb, updated_at = @now
             where id = @Id
            """, new { current.Id, contentHash, next, article.Headline, article.Language, json, now }, tx, cancellationToken: ct));
        return (current.Id, next, true, createdAt);
    }

    /// <summary>Every stored version of a story's article, oldest first.</summary>
    public async Task<IReadOnlyList<(int Version, DateTimeOffset CreatedAt, Article Article)>> ListVersionsAsync(Guid storyId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(int Version, DateTime CreatedAt, string Article)>(new CommandDefinition("""
            select v.version, v.created_at, v.article::text
              from stories s join article_versions v on v.article_id = s.article_id
             where s.id = @storyId
            union all
            select a.version, a.updated_at, a.article::text
              from stories s join articles a on a.id = s.article_id
             where s.id = @storyId
             order by 1
            """, new { storyId }, cancellationToken: ct));
        return rows.Select(r => (r.Version, Utc(r.CreatedAt)!.Value, Json.Read<Article>(r.Article))).ToList();
    }

    /// <summary>
    /// Replaces the story's plan with a producer's edit, which then survives re-ingests. A story on air is re-rendered.
    /// Returns false when there is no such story.
    /// </summary>
    /// <param name="ifMatch">The revisions the caller's If-Match names (null: unconditional).</param>
    /// <param name="mayEditOnAir">The caller is an editor: only editors change the slides of a story on air.</param>
    public async Task<StoryWrite> SetPlanOverrideAsync(Guid storyId, SlidePlan plan, string planHash, IReadOnlyCollection<int>? ifMatch, bool mayEditOnAir,
        Audit.AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var story = await LockAsync(connection, tx, storyId, ct);
        if (story is null) return StoryWrite.NotFound;
        if (!Matches(story, ifMatch)) return Stale(story);
        if (story.State is not ("draft" or "scheduled") && !mayEditOnAir)
            return new(StoryWriteStatus.Forbidden, $"The story is {story.State}: only an editor may change its slides.", story.Revision, story.State);
        var state = await connection.QuerySingleAsync<string>(new CommandDefinition("""
            update stories set slide_plan = @Plan::jsonb, plan_hash = @planHash, plan_override = true, updated_at = @now
             where id = @storyId
            returning state, channel_id
            """, new { storyId, Plan = Json.Write(plan), planHash, now }, tx, cancellationToken: ct));
        var queued = state is "published" or "scheduled" && story.RenderedHash != planHash &&
                     await RenderQueue.EnqueueAsync(connection, tx, storyId, planHash, publishWhenDone: state == "published", now, ct);
        await Audit.AuditStore.RecordAsync(connection, tx, actor, new Audit.AuditEntry("story.slides", "story", storyId.ToString(), story.ChannelId,
            new { slides = plan.Slides.Count, edited = true }), now, ct);
        var revision = await RevisionAsync(connection, tx, storyId, ct);
        await tx.CommitAsync(ct);
        return new(StoryWriteStatus.Done, null, revision, state, queued, ChannelId: story.ChannelId);
    }

    /// <summary>
    /// Drops a producer's plan edit and puts the planner's plan for the article's current version in its place, in one
    /// transaction with the article row locked, so a concurrent ingest cannot slip a newer version in between. A locked
    /// story keeps the plan it has until it is unlocked and its source changes. A story on air is re-rendered when its
    /// media no longer matches. Returns false when there is no such story.
    /// </summary>
    /// <param name="planFor">Plans the article given when it was first stored (its air time when the source gives none).</param>
    public async Task<StoryWrite> ClearPlanOverrideAsync(Guid storyId, Func<Article, DateTimeOffset, (SlidePlan Plan, string PlanHash)> planFor,
        IReadOnlyCollection<int>? ifMatch, bool mayEditOnAir, Audit.AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var locked = await LockAsync(connection, tx, storyId, ct);
        if (locked is null) return StoryWrite.NotFound;
        if (!Matches(locked, ifMatch)) return Stale(locked);
        if (locked.State is not ("draft" or "scheduled") && !mayEditOnAir)
            return new(StoryWriteStatus.Forbidden, $"The story is {locked.State}: only an editor may change its slides.", locked.Revision, locked.State);
        var row = (Article: locked.ArticleJson, locked.FirstSeen, locked.Locked);

        string? plan = null, planHash = null;
        if (!row.Locked)
        {
            var planned = planFor(Json.Read<Article>(row.Article), Utc(row.FirstSeen)!.Value);
            (plan, planHash) = (Json.Write(planned.Plan), planned.PlanHash);
        }
        var story = await connection.QuerySingleAsync<(string State, string PlanHash, string? RenderedHash)>(new CommandDefinition("""
            update stories
               set plan_override = false,
                   slide_plan = coalesce(@plan::jsonb, slide_plan),
                   plan_hash = coalesce(@planHash, plan_hash),
                   updated_at = @now
             where id = @storyId
            returning state, plan_hash, rendered_hash
            """, new { storyId, plan, planHash, now }, tx, cancellationToken: ct));
        var queued = story.State is "published" or "scheduled" && story.RenderedHash != story.PlanHash &&
                     await RenderQueue.EnqueueAsync(connection, tx, storyId, story.PlanHash, publishWhenDone: story.State == "published", now, ct);
        await Audit.AuditStore.RecordAsync(connection, tx, actor, new Audit.AuditEntry("story.slides", "story", storyId.ToString(), locked.ChannelId,
            new { edited = false }), now, ct);
        var revision = await RevisionAsync(connection, tx, storyId, ct);
        await tx.CommitAsync(ct);
        return new(StoryWriteStatus.Done, null, revision, story.State, queued, ChannelId: locked.ChannelId);
    }

    /// <summary>Locks or unlocks a story: a locked story keeps its article version and plan when its source changes.</summary>
    public async Task<StoryWrite> SetLockedAsync(Guid storyId, bool locked, IReadOnlyCollection<int>? ifMatch, Audit.AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var story = await LockAsync(connection, tx, storyId, ct);
        if (story is null) return StoryWrite.NotFound;
        if (!Matches(story, ifMatch)) return Stale(story);
        await connection.ExecuteAsync(new CommandDefinition(
            "update stories set locked = @locked, updated_at = @now where id = @storyId", new { storyId, locked, now }, tx, cancellationToken: ct));
        if (locked != story.Locked)
            await Audit.AuditStore.RecordAsync(connection, tx, actor, new Audit.AuditEntry("story.lock", "story", storyId.ToString(), story.ChannelId,
                new { locked }), now, ct);
        var revision = await RevisionAsync(connection, tx, storyId, ct);
        await tx.CommitAsync(ct);
        return new(StoryWriteStatus.Done, null, revision, story.State, ChannelId: story.ChannelId);
    }

    public async Task<StoryRecord?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StoryRow>(new CommandDefinition(StorySelect + " where s.id = @id", new { id }, cancellationToken: ct));
        return row?.ToRecord();
    }

    /// <summary>Published stories with media, newest first, capped at the feed's limit.</summary>
    public async Task<IReadOnlyList<PublishedStory>> ListPublishedAsync(string channelId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<StoryRow>(new CommandDefinition(StorySelect + """
             where s.channel_id = @channelId and s.state = 'published' and s.media is not null
             order by s.priority desc, s.published_at desc
             limit @limit
            """, new { channelId, limit = FeedSelection.Candidates }, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).Select(r => new PublishedStory
        {
            Id = r.Id.ToString("N"),
            Title = r.Article.Headline,
            Paragraphs = r.Article.Paragraphs,
            Section = r.Article.Section,
            Category = r.Article.Category,
            Language = r.Article.Language,
            PublishedAt = r.PublishedAt!.Value,
            DurationSeconds = r.Media!.VideoSeconds(r.Plan),
            Media = r.Media!,
            ExpireAt = r.Lifecycle.ExpireAt,
            Tags = r.Lifecycle.Tags,
            Slides = r.Plan.Slides,
        }).ToList();
    }

    /// <summary>
    /// Puts a draft or scheduled story on air (or refreshes one on air) and bumps its channel's feed version, in the
    /// caller's transaction. Null when the story is expired or retracted: those stay off air.
    /// </summary>
    internal static Task<PublishOutcome?> PublishAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid storyId, DateTimeOffset now, CancellationToken ct) =>
        PublishWhereAsync(connection, tx, storyId, "before.state in ('draft', 'scheduled', 'published')", new { storyId, now }, now, ct);

    /// <summary>
    /// After a render: a scheduled story whose time has come goes on air (late, and its lateness is kept); a render
    /// asked to publish puts a draft on air or refreshes a story on air. A story scheduled for later waits for its time.
    /// </summary>
    internal static Task<PublishOutcome?> PublishRenderedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid storyId, bool publishWhenDone,
        DateTimeOffset now, CancellationToken ct) =>
        PublishWhereAsync(connection, tx, storyId,
            "((before.state = 'scheduled' and before.publish_at <= @now and (before.expire_at is null or before.expire_at > @now)) or (@publishWhenDone and before.state in ('draft', 'published')))",
            new { storyId, now, publishWhenDone }, now, ct);

    /// <summary>
    /// The one publishing statement: conditional on the state it finds under a row lock, so two callers racing for one
    /// story (two scheduler instances, a scheduler and a render) put it on air once; the loser gets null.
    /// </summary>
    private static async Task<PublishOutcome?> PublishWhereAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid storyId, string condition,
        object parameters, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string ChannelId, string Title, bool WasOffAir, long? LatenessMs)>(new CommandDefinition($"""
            with before as (select id, state, publish_at, expire_at from stories where id = @storyId for update)
            update stories s
               set state = 'published',
                   published_at = case when before.state = 'published' then s.published_at else @now end,
                   publish_lateness_ms = case when before.state = 'scheduled' and before.publish_at <= @now
                                              then (extract(epoch from (@now - before.publish_at)) * 1000)::bigint
                                              when before.state = 'published' then s.publish_lateness_ms end,
                   updated_at = @now
              from before, articles a
             where s.id = before.id and a.id = s.article_id and {condition}
            returning s.channel_id, a.headline, before.state <> 'published', s.publish_lateness_ms
            """, parameters, tx, cancellationToken: ct));
        if (rows.AsList() is not [var row]) return null;
        var (channelId, title, wasDraft) = (row.ChannelId, row.Title, row.WasOffAir);
        var feedVersion = await FeedVersion.BumpAsync(connection, tx, channelId, now, ct);
        var outcome = new PublishOutcome(storyId, channelId, title, feedVersion, wasDraft) { LatenessMs = row.LatenessMs };
        // The outbox: the public events commit (or roll back) with the publish itself, whoever called.
        await ChannelEventLog.AppendAsync(connection, tx, channelId, now, ct, ChannelEventTypes.Story(outcome), ChannelEventTypes.Feed(channelId, feedVersion));
        return outcome;
    }

    /// <summary>
    /// Stores a story the system wrote itself (a breaking-news card): its article and a draft story with the given plan,
    /// in the caller's transaction. <paramref name="sourceKey"/> must be unique in the channel.
    /// </summary>
    internal static async Task<Guid> AddGeneratedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string channelId, string sourceKey,
        Article article, SlidePlan plan, string planHash, DateTimeOffset now, CancellationToken ct)
    {
        var (articleId, _, _, _) = await UpsertArticleAsync(connection, tx, channelId, sourceKey, planHash, article, now, ct);
        return await connection.QuerySingleAsync<Guid>(new CommandDefinition("""
            insert into stories (id, article_id, channel_id, state, slide_plan, plan_hash, render_state, created_at, updated_at)
            values (@NewId, @articleId, @channelId, 'draft', @Plan::jsonb, @planHash, 'none', @now, @now)
            returning id
            """, new { NewId = Guid.CreateVersion7(now), articleId, channelId, Plan = Json.Write(plan), planHash, now }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Takes a story off air at the end of its run (a breaking-news card when the breaking news ends), in the caller's
    /// transaction: it becomes 'expired' and leaves the feed, and a render still pending for it will not publish it.
    /// Returns the channel's new feed version, or null when the story was not on air.
    /// </summary>
    internal static async Task<long?> TakeOffAirAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid storyId, DateTimeOffset now, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "update render_jobs set publish_when_done = false where story_id = @storyId and state in ('queued', 'running')",
            new { storyId }, tx, cancellationToken: ct));
        var channelId = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            update stories set state = 'expired', expired_at = @now, updated_at = @now where id = @storyId and state = 'published' returning channel_id
            """, new { storyId, now }, tx, cancellationToken: ct));
        if (channelId is null) return null;
        return await FeedVersion.BumpAsync(connection, tx, channelId, now, ct);
    }

    private const string StorySelect = """
        select s.id, s.channel_id, s.state, s.locked, s.plan_override, s.slide_plan::text as plan_json, s.render_state, s.media::text as media_json,
               s.published_at, s.created_at, s.updated_at, a.version as article_version, a.article::text as article_json,
               s.revision, s.publish_at, s.expire_at, s.priority, array_to_json(s.tags)::text as tags_json, s.publish_lateness_ms, s.expired_at, s.retracted_at, s.retract_reason
          from stories s join articles a on a.id = s.article_id
        """;

    private sealed record StoryRow(
        Guid Id, string ChannelId, string State, bool Locked, bool PlanOverride, string PlanJson, string RenderState, string? MediaJson,
        DateTime? PublishedAt, DateTime CreatedAt, DateTime UpdatedAt, int ArticleVersion, string ArticleJson,
        int Revision, DateTime? PublishAt, DateTime? ExpireAt, int Priority, string TagsJson, long? PublishLatenessMs, DateTime? ExpiredAt,
        DateTime? RetractedAt, string? RetractReason)
    {
        public StoryRecord ToRecord() => new(
            Id, ChannelId, State, Locked, PlanOverride, Json.Read<Article>(ArticleJson), ArticleVersion,
            Json.Read<SlidePlan>(PlanJson), RenderState, MediaJson is null ? null : Json.Read<StoryMedia>(MediaJson),
            Utc(PublishedAt), Utc(CreatedAt)!.Value, Utc(UpdatedAt)!.Value,
            new StoryLifecycle(Revision, Utc(PublishAt), Utc(ExpireAt), Priority, Json.Read<string[]>(TagsJson), PublishLatenessMs, Utc(ExpiredAt), Utc(RetractedAt), RetractReason));
    }

    private static DateTimeOffset? Utc(DateTime? t) => t is null ? null : new DateTimeOffset(DateTime.SpecifyKind(t.Value, DateTimeKind.Utc));
}
