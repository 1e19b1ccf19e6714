using Dapper;
using Npgsql;
using TvNews.Core.Articles;
using TvNews.Core.Feeds;
using TvNews.Core.Slides;
using TvNews.Data.Rendering;

namespace TvNews.Data.Stories;

public sealed record StoryRecord(
    Guid Id,
    string ChannelId,
    string State,
    Article Article,
    SlidePlan Plan,
    string RenderState,
    StoryMedia? Media,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record IngestOutcome(Guid StoryId, bool Created, bool RenderQueued, PublishOutcome? Published);

/// <summary>What a publish changed, for the live push: <see cref="NewlyPublished"/> is false when an aired story was refreshed.</summary>
public sealed record PublishOutcome(Guid StoryId, string ChannelId, string Title, long FeedVersion, bool NewlyPublished);

public sealed class StoryStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Stores an article and its story in one transaction. The same source key updates the existing rows;
    /// a render is queued when publishing is asked for (or the story is on air) and the current media is stale.
    /// </summary>
    public async Task<IngestOutcome> IngestAsync(string channelId, string sourceKey, string contentHash, Article article,
        SlidePlan plan, string planHash, bool publish, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        var (articleId, _) = await connection.QuerySingleAsync<(Guid Id, bool Inserted)>(new CommandDefinition("""
            insert into articles (id, channel_id, source_key, content_hash, headline, headline_derived, section, category,
                                  dateline, published_at, caption, credit, paragraphs, quotes, language, source_url, created_at, updated_at)
            values (@NewId, @channelId, @sourceKey, @contentHash, @Headline, @HeadlineDerived, @Section, @Category,
                    @Dateline, @PublishedAt, @Caption, @Credit, @Paragraphs::jsonb, @Quotes::jsonb, @Language, @SourceUrl, @now, @now)
            on conflict (channel_id, source_key) do update
               set content_hash = excluded.content_hash, headline = excluded.headline, headline_derived = excluded.headline_derived,
                   section = excluded.section, category = excluded.category, dateline = excluded.dateline,
                   published_at = excluded.published_at, caption = excluded.caption, credit = excluded.credit,
                   paragraphs = excluded.paragraphs, quotes = excluded.quotes, language = excluded.language,
                   source_url = excluded.source_url,
                   updated_at = case when articles.content_hash = excluded.content_hash then articles.updated_at else excluded.updated_at end
            returning id, (xmax = 0) as inserted
            """, new
        {
            NewId = Guid.CreateVersion7(now), channelId, sourceKey, contentHash, article.Headline, article.HeadlineDerived,
            article.Section, article.Category, article.Dateline, PublishedAt = article.PublishedAt?.ToUniversalTime(), article.Caption, article.Credit,
            Paragraphs = Json.Write(article.Paragraphs), Quotes = Json.Write(article.Quotes), article.Language, article.SourceUrl, now,
        }, tx, cancellationToken: ct));

        var story = await connection.QuerySingleAsync<(Guid Id, bool Inserted, string State, string RenderState, string? RenderedHash)>(new CommandDefinition("""
            insert into stories (id, article_id, channel_id, state, slide_plan, plan_hash, render_state, created_at, updated_at)
            values (@NewId, @articleId, @channelId, 'draft', @Plan::jsonb, @planHash, 'none', @now, @now)
            on conflict (article_id) do update
               set slide_plan = excluded.slide_plan, plan_hash = excluded.plan_hash,
                   updated_at = case when stories.plan_hash = excluded.plan_hash then stories.updated_at else excluded.updated_at end
            returning id, (xmax = 0) as inserted, state, render_state, rendered_hash
            """, new { NewId = Guid.CreateVersion7(now), articleId, channelId, Plan = Json.Write(plan), planHash, now }, tx, cancellationToken: ct));

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

        await tx.CommitAsync(ct);
        return new IngestOutcome(story.Id, story.Inserted, renderQueued, published);
    }

    /// <summary>When an article with this source key was first stored in the channel, or null.</summary>
    public async Task<DateTimeOffset?> FindFirstSeenAsync(string channelId, string sourceKey, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var at = await connection.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(
            "select created_at from articles where channel_id = @channelId and source_key = @sourceKey",
            new { channelId, sourceKey }, cancellationToken: ct));
        return Utc(at);
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
            DurationSeconds = r.Plan.TotalSeconds,
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

    private const string StorySelect = """
        select s.id, s.channel_id, s.state, s.slide_plan::text as plan_json, s.render_state, s.media::text as media_json,
               s.published_at, s.created_at, s.updated_at,
               a.headline, a.headline_derived, a.section, a.category, a.dateline, a.published_at as article_published_at,
               a.caption, a.credit, a.paragraphs::text as paragraphs_json, a.quotes::text as quotes_json, a.language, a.source_url
          from stories s join articles a on a.id = s.article_id
        """;

    private sealed record StoryRow(
        Guid Id, string ChannelId, string State, string PlanJson, string RenderState, string? MediaJson,
        DateTime? PublishedAt, DateTime CreatedAt, DateTime UpdatedAt,
        string Headline, bool HeadlineDerived, string? Section, string? Category, string? Dateline, DateTime? ArticlePublishedAt,
        string? Caption, string? Credit, string ParagraphsJson, string QuotesJson, string Language, string? SourceUrl)
    {
        public StoryRecord ToRecord() => new(
            Id, ChannelId, State,
            new Article
            {
                Headline = Headline, HeadlineDerived = HeadlineDerived, Section = Section, Category = Category, Dateline = Dateline,
                PublishedAt = Utc(ArticlePublishedAt), Caption = Caption, Credit = Credit,
                Paragraphs = Json.Read<List<string>>(ParagraphsJson), Quotes = Json.Read<List<Quote>>(QuotesJson),
                Language = Language, SourceUrl = SourceUrl,
            },
            Json.Read<SlidePlan>(PlanJson), RenderState, MediaJson is null ? null : Json.Read<StoryMedia>(MediaJson),
            Utc(PublishedAt), Utc(CreatedAt)!.Value, Utc(UpdatedAt)!.Value);
    }

    private static DateTimeOffset? Utc(DateTime? t) => t is null ? null : new DateTimeOffset(DateTime.SpecifyKind(t.Value, DateTimeKind.Utc));
}
