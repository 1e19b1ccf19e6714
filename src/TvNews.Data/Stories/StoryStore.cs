using Dapper;
using Npgsql;
using TvNews.Core.Articles;
using TvNews.Core.Feeds;
using TvNews.Core.Slides;
using TvNews.Data.Audit;
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
    DateTimeOffset UpdatedAt);

public sealed record IngestOutcome(Guid StoryId, bool Created, int ArticleVersion, bool ArticleChanged, bool RenderQueued, PublishOutcome? Published,
    string State, string RenderState);

/// <summary>What a publish changed, for the live push: <see cref="NewlyPublished"/> is false when an aired story was refreshed.</summary>
public sealed record PublishOutcome(Guid StoryId, string ChannelId, string Title, long FeedVersion, bool NewlyPublished);

public sealed class StoryStore(NpgsqlDataSource db)
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
        var wantsAir = publish || story.State == "published";
        var mediaCurrent = story.RenderedHash == planHash;
        var renderQueued = false;
        PublishOutcome? published = null;
        if (wantsAir && !mediaCurrent)
        {
            renderQueued = await RenderQueue.EnqueueAsync(connection, tx, story.Id, planHash, wantsAir, now, ct);
        }
        else if (publish && mediaCurrent && story.State == "draft")
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
    public async Task<(bool Found, bool RenderQueued)> SetPlanOverrideAsync(Guid storyId, SlidePlan plan, string planHash, AuditActor actor,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var updated = await connection.QueryAsync<(string State, string ChannelId)>(new CommandDefinition("""
            update stories set slide_plan = @Plan::jsonb, plan_hash = @planHash, plan_override = true, updated_at = @now
             where id = @storyId
            returning state, channel_id
            """, new { storyId, Plan = Json.Write(plan), planHash, now }, tx, cancellationToken: ct));
        if (updated.AsList() is not [var row]) return (false, false);
        var queued = row.State == "published" && await RenderQueue.EnqueueAsync(connection, tx, storyId, planHash, publishWhenDone: true, now, ct);
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("story.slides", "story", storyId.ToString(), row.ChannelId,
            new { edited = true, slides = plan.Slides.Count, planHash }), now, ct);
        await tx.CommitAsync(ct);
        return (true, queued);
    }

    /// <summary>
    /// Drops a producer's plan edit and puts the planner's plan for the article's current version in its place, in one
    /// transaction with the article row locked, so a concurrent ingest cannot slip a newer version in between. A locked
    /// story keeps the plan it has until it is unlocked and its source changes. A story on air is re-rendered when its
    /// media no longer matches. Returns false when there is no such story.
    /// </summary>
    /// <param name="planFor">Plans the article given when it was first stored (its air time when the source gives none).</param>
    public async Task<(bool Found, bool RenderQueued)> ClearPlanOverrideAsync(Guid storyId, Func<Article, DateTimeOffset, (SlidePlan Plan, string PlanHash)> planFor,
        AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var current = await connection.QueryAsync<(string Article, DateTime FirstSeen, bool Locked, string ChannelId)>(new CommandDefinition("""
            select a.article::text, a.created_at, s.locked, s.channel_id
              from stories s join articles a on a.id = s.article_id
             where s.id = @storyId
               for update of s, a
            """, new { storyId }, tx, cancellationToken: ct));
        if (current.AsList() is not [var row]) return (false, false);

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
        var queued = story.State == "published" && story.RenderedHash != story.PlanHash &&
                     await RenderQueue.EnqueueAsync(connection, tx, storyId, story.PlanHash, publishWhenDone: true, now, ct);
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("story.slides", "story", storyId.ToString(), row.ChannelId,
            new { edited = false, planHash = story.PlanHash }), now, ct);
        await tx.CommitAsync(ct);
        return (true, queued);
    }

    /// <summary>Locks or unlocks a story: a locked story keeps its article version and plan when its source changes.</summary>
    public async Task<bool> SetLockedAsync(Guid storyId, bool locked, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var channelId = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "update stories set locked = @locked, updated_at = @now where id = @storyId returning channel_id", new { storyId, locked, now }, tx, cancellationToken: ct));
        if (channelId is null) return false;
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("story.lock", "story", storyId.ToString(), channelId, new { locked }), now, ct);
        await tx.CommitAsync(ct);
        return true;
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
             order by s.published_at desc
             limit @limit
            """, new { channelId, limit = RokuFeedBuilder.MaxStories }, cancellationToken: ct));
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
        }).ToList();
    }

    /// <summary>Puts a story on air and bumps its channel's feed version, in the caller's transaction.</summary>
    internal static async Task<PublishOutcome> PublishAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid storyId, DateTimeOffset now, CancellationToken ct)
    {
        var (channelId, title, wasDraft) = await connection.QuerySingleAsync<(string ChannelId, string Title, bool WasDraft)>(new CommandDefinition("""
            with before as (select id, state from stories where id = @storyId for update)
            update stories s
               set state = 'published', published_at = coalesce(s.published_at, @now), updated_at = @now
              from before, articles a
             where s.id = before.id and a.id = s.article_id
            returning s.channel_id, a.headline, before.state = 'draft'
            """, new { storyId, now }, tx, cancellationToken: ct));
        var feedVersion = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            update channels set feed_version = feed_version + 1, feed_updated_at = @now where id = @channelId returning feed_version
            """, new { channelId, now }, tx, cancellationToken: ct));
        return new PublishOutcome(storyId, channelId, title, feedVersion, wasDraft);
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
    /// transaction: it leaves the feed, and a render still pending for it will not publish it. Until the story
    /// lifecycle's 'expired' state exists (migration 2026-12-02-020) the story goes back to 'draft'; this is the one
    /// place to map to 'expired'. Returns the channel's new feed version, or null when the story was not on air.
    /// </summary>
    internal static async Task<long?> TakeOffAirAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid storyId, DateTimeOffset now, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "update render_jobs set publish_when_done = false where story_id = @storyId and state in ('queued', 'running')",
            new { storyId }, tx, cancellationToken: ct));
        var channelId = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            update stories set state = 'draft', updated_at = @now where id = @storyId and state = 'published' returning channel_id
            """, new { storyId, now }, tx, cancellationToken: ct));
        if (channelId is null) return null;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            update channels set feed_version = feed_version + 1, feed_updated_at = @now where id = @channelId returning feed_version
            """, new { channelId, now }, tx, cancellationToken: ct));
    }

    private const string StorySelect = """
        select s.id, s.channel_id, s.state, s.locked, s.plan_override, s.slide_plan::text as plan_json, s.render_state, s.media::text as media_json,
               s.published_at, s.created_at, s.updated_at, a.version as article_version, a.article::text as article_json
          from stories s join articles a on a.id = s.article_id
        """;

    private sealed record StoryRow(
        Guid Id, string ChannelId, string State, bool Locked, bool PlanOverride, string PlanJson, string RenderState, string? MediaJson,
        DateTime? PublishedAt, DateTime CreatedAt, DateTime UpdatedAt, int ArticleVersion, string ArticleJson)
    {
        public StoryRecord ToRecord() => new(
            Id, ChannelId, State, Locked, PlanOverride, Json.Read<Article>(ArticleJson), ArticleVersion,
            Json.Read<SlidePlan>(PlanJson), RenderState, MediaJson is null ? null : Json.Read<StoryMedia>(MediaJson),
            Utc(PublishedAt), Utc(CreatedAt)!.Value, Utc(UpdatedAt)!.Value);
    }

    private static DateTimeOffset? Utc(DateTime? t) => t is null ? null : new DateTimeOffset(DateTime.SpecifyKind(t.Value, DateTimeKind.Utc));
}
