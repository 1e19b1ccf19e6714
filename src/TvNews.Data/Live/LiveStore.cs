using Dapper;
using Npgsql;
using TvNews.Core.Articles;
using TvNews.Core.Feeds;
using TvNews.Core.Live;
using TvNews.Core.Slides;
using TvNews.Data.Rendering;
using TvNews.Data.Stories;

namespace TvNews.Data.Live;

/// <summary>A story the live channel might play: its state, headline, lead and render (null before the first).</summary>
public sealed record LiveStory(Guid Id, string State, string Headline, string? Lead, StoryMedia? Media);

/// <summary>
/// The live channel's stories: the rundown in order (floated items left out) — or, while the rundown lists none, the
/// channel's newest published stories — the breaking news and its story, the ident.
/// </summary>
/// <param name="Breaking">The active breaking news, its on-air story (the named story or the card) and its headline.</param>
public sealed record LiveSources(IReadOnlyList<LiveStory> Rundown, (Guid Id, string Headline, LiveStory? Story)? Breaking, LiveStory? Ident);

/// <summary>
/// The live channel's as-run log (<c>live_as_run</c>) and what it is scheduled from. The log grows just in time: the
/// instance that finds the playing programme over appends the next one, under a per-channel advisory lock held for the
/// transaction, re-reading the log under it, so instances and restarts never disagree about what played.
/// </summary>
public sealed class LiveStore(NpgsqlDataSource db)
{
    /// <summary>The ident is a generated story of the channel, a draft that is rendered but never published.</summary>
    public const string IdentSourceKey = "live:ident";

    /// <summary>How many of the newest published stories loop while the rundown is empty (a new channel, a cleared rundown).</summary>
    public const int NewestWhenNoRundown = 12;

    // pg_advisory_xact_lock(class, hashtext(channel)): the class keeps these apart from other advisory locks.
    private const int LockClass = 0x74766c76; // "tvlv"

    // Enough history for the schedule: the programme playing, the ident and breaking news around it, the story before.
    private const int TailLength = 12;

    /// <summary>The log rows that end after <paramref name="from"/> and start by <paramref name="until"/>, in order.</summary>
    public async Task<IReadOnlyList<AsRunProgramme>> ReadAsync(string channelId, DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns} from live_as_run
             where channel_id = @channelId and ends_at > @from and starts_at <= @until
             order by seq
            """, new { channelId, from, until }, cancellationToken: ct));
        return rows.Select(r => r.ToProgramme()).ToList();
    }

    /// <summary>One row of the as-run log as producers read it.</summary>
    public sealed record AsRunEntry(long Sequence, string Kind, Guid StoryId, Guid? BreakingId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
        int FirstSegment, int Segments, long FirstMediaSequence, long DiscontinuitySequence, DateTimeOffset? CutAt, string? CutReason, DateTimeOffset RecordedAt);

    /// <summary>What played, newest first: programmes that started before <paramref name="before"/> (all when null).</summary>
    public async Task<IReadOnlyList<AsRunEntry>> HistoryAsync(string channelId, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition("""
            select seq, kind, story_id, breaking_id, title, starts_at, ends_at, first_segment, cardinality(segment_ticks) as segments,
                   first_media_sequence, discontinuity_sequence, cut_at, cut_reason, recorded_at
              from live_as_run
             where channel_id = @channelId and (@before::timestamptz is null or starts_at < @before)
             order by seq desc
             limit @limit
            """, new { channelId, before, limit }, cancellationToken: ct));
        return rows.Select(r => new AsRunEntry(r.Seq, r.Kind, r.StoryId, r.BreakingId, r.Title, Db.Utc(r.StartsAt), Db.Utc(r.EndsAt), r.FirstSegment, r.Segments,
            r.FirstMediaSequence, r.DiscontinuitySequence, r.CutAt is { } c ? Db.Utc(c) : null, r.CutReason, Db.Utc(r.RecordedAt))).ToList();
    }

    private sealed record HistoryRow(long Seq, string Kind, Guid StoryId, Guid? BreakingId, string Title, DateTime StartsAt, DateTime EndsAt,
        int FirstSegment, int Segments, long FirstMediaSequence, long DiscontinuitySequence, DateTime? CutAt, string? CutReason, DateTime RecordedAt);

    /// <summary>The last programmes of the log, in order (the schedule's memory).</summary>
    public async Task<IReadOnlyList<AsRunProgramme>> TailAsync(string channelId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await TailAsync(connection, null, channelId, ct);
    }

    /// <summary>
    /// Extends the log: under the channel's lock, <paramref name="plan"/> is given the log's tail as it stands and
    /// whether <paramref name="breakingId"/> has aired, and what it returns is written (the cut row updated, the new
    /// rows appended) in the same transaction.
    /// </summary>
    public async Task<LivePlan> AdvanceAsync(string channelId, Guid? breakingId, Func<IReadOnlyList<AsRunProgramme>, bool, LivePlan> plan,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, tx, channelId, ct);
        var tail = await TailAsync(connection, tx, channelId, ct);
        var aired = breakingId is { } id && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from live_as_run where channel_id = @channelId and breaking_id = @id)", new { channelId, id }, tx, cancellationToken: ct));
        var result = plan(tail, aired);
        if (result.IsEmpty) return result;
        if (result.Cut is { } cut)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                update live_as_run set segment_ticks = @SegmentTicks, ends_at = @EndsAt, cut_at = @CutAt, cut_reason = @CutReason
                 where channel_id = @channelId and seq = @Sequence
                """, new { channelId, SegmentTicks = cut.SegmentTicks.ToArray(), cut.EndsAt, cut.CutAt, cut.CutReason, cut.Sequence }, tx, cancellationToken: ct));
        }
        foreach (var p in result.Added)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into live_as_run (channel_id, seq, kind, story_id, breaking_id, title, description, hls_folder, first_segment, segment_ticks,
                                         starts_at, ends_at, first_media_sequence, discontinuity_sequence, loop_index, cut_at, cut_reason, recorded_at)
                values (@channelId, @Sequence, @Kind, @StoryId, @BreakingId, @Title, @Description, @HlsFolder, @FirstSegment, @SegmentTicks,
                        @StartsAt, @EndsAt, @FirstMediaSequence, @DiscontinuitySequence, @LoopIndex, @CutAt, @CutReason, @now)
                """, new
            {
                channelId, p.Sequence, Kind = KindName(p.Kind), p.StoryId, p.BreakingId, p.Title, p.Description, p.HlsFolder, p.FirstSegment,
                SegmentTicks = p.SegmentTicks.ToArray(), p.StartsAt, p.EndsAt, p.FirstMediaSequence, p.DiscontinuitySequence, p.LoopIndex,
                p.CutAt, p.CutReason, now,
            }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Everything the lineup is built from, read in one snapshot.</summary>
    public async Task<LiveSources> SourcesAsync(string channelId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var rundown = await StoriesAsync(connection, tx, """
             join rundown_items i on i.story_id = s.id
             where i.channel_id = @channelId and not i.floated
             order by i.position
            """, new { channelId }, ct);
        if (rundown.Count == 0)
        {
            // No rundown yet: a channel of idents alone is not television, so the newest stories on air loop, as the
            // feed's "Latest" row shows them. Generated stories (the ident, breaking cards) are not among them.
            rundown = await StoriesAsync(connection, tx, """
                 where s.channel_id = @channelId and s.state = 'published'
                   and a.source_key <> @ident and a.source_key not like 'breaking:%'
                 order by s.published_at desc, s.id desc
                 limit @limit
                """, new { channelId, ident = IdentSourceKey, limit = NewestWhenNoRundown }, ct);
        }
        var active = await Breaking.BreakingNewsStore.ActiveAsync(connection, tx, channelId, ct);
        (Guid, string, LiveStory?)? breaking = null;
        if (active is not null)
        {
            var onAir = await StoriesAsync(connection, tx, " where s.id = @id", new { id = active.OnAirStoryId }, ct);
            breaking = (active.Id, active.Headline, onAir.Count > 0 ? onAir[0] : null);
        }
        var ident = await StoriesAsync(connection, tx, " join articles k on k.id = s.article_id where k.channel_id = @channelId and k.source_key = @key",
            new { channelId, key = IdentSourceKey }, ct);
        await tx.CommitAsync(ct);
        return new LiveSources(rundown, breaking, ident.Count > 0 ? ident[0] : null);
    }

    /// <summary>The states of these stories (to cut one that left the air while it plays).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> StatesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(Guid Id, string State)>(new CommandDefinition(
            "select id, state from stories where id = any(@ids)", new { ids = ids.ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.State);
    }

    /// <summary>
    /// Makes sure the channel's ident story exists with this plan and has (or will get) a render: created as a draft
    /// the first time, re-planned when the manifest changed it, and queued for rendering when its media is stale and
    /// no render of this plan is pending (one that failed is tried again after ten minutes). Returns whether a render was queued.
    /// </summary>
    public async Task<bool> EnsureIdentAsync(string channelId, Article article, SlidePlan plan, string planHash, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await LockAsync(connection, tx, channelId, ct);
        var story = await connection.QuerySingleOrDefaultAsync<(Guid Id, string PlanHash, string? RenderedHash)?>(new CommandDefinition("""
            select s.id, s.plan_hash, s.rendered_hash from stories s join articles a on a.id = s.article_id
             where a.channel_id = @channelId and a.source_key = @key
            """, new { channelId, key = IdentSourceKey }, tx, cancellationToken: ct));
        Guid id;
        if (story is not { } s)
        {
            id = await StoryStore.AddGeneratedAsync(connection, tx, channelId, IdentSourceKey, article, plan, planHash, now, ct);
        }
        else
        {
            id = s.Id;
            if (s.RenderedHash == planHash && s.PlanHash == planHash) return false;
            if (s.PlanHash != planHash)
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    update stories set slide_plan = @Plan::jsonb, plan_hash = @planHash, updated_at = @now where id = @id
                    """, new { id, Plan = Json.Write(plan), planHash, now }, tx, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "update articles set headline = @Headline, article = @Article::jsonb, updated_at = @now where id = (select article_id from stories where id = @id)",
                    new { id, article.Headline, Article = Json.Write(article), now }, tx, cancellationToken: ct));
            }
            var pending = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
                select exists (select 1 from render_jobs
                                where story_id = @id and plan_hash = @planHash
                                  and (state in ('queued', 'running') or (state = 'failed' and finished_at > @retryAfter)))
                """, new { id, planHash, retryAfter = now - TimeSpan.FromMinutes(10) }, tx, cancellationToken: ct));
            if (pending)
            {
                await tx.CommitAsync(ct);
                return false;
            }
        }
        var queued = await RenderQueue.EnqueueAsync(connection, tx, id, planHash, publishWhenDone: false, now, ct);
        await tx.CommitAsync(ct);
        return queued;
    }

    /// <summary>
    /// The render folders (under the story's folder) the live channel played from since <paramref name="since"/>:
    /// players may still be fetching their segments, so a new render of the story must not delete them yet.
    /// </summary>
    public async Task<IReadOnlySet<string>> RenderFoldersInUseAsync(Guid storyId, DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var folders = await connection.QueryAsync<string>(new CommandDefinition(
            "select distinct hls_folder from live_as_run where story_id = @storyId and ends_at > @since", new { storyId, since }, cancellationToken: ct));
        // stories/{id}/{render}/hls -> {render}
        return folders.Select(f => f.Split('/')).Where(p => p.Length >= 2).Select(p => p[^2]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The channel's live lock, held until the transaction ends: one writer of its log and its ident at a time.</summary>
    private static Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string channelId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@LockClass, hashtext(@channelId))",
            new { LockClass, channelId }, tx, cancellationToken: ct));

    private static async Task<IReadOnlyList<AsRunProgramme>> TailAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string channelId, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            select * from (select {Columns} from live_as_run where channel_id = @channelId order by seq desc limit @TailLength) t order by seq
            """, new { channelId, TailLength }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToProgramme()).ToList();
    }

    private static async Task<IReadOnlyList<LiveStory>> StoriesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string where, object parameters, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(Guid Id, string State, string ArticleJson, string? MediaJson)>(new CommandDefinition($"""
            select s.id, s.state, a.article::text as article_json, s.media::text as media_json
              from stories s join articles a on a.id = s.article_id
            {where}
            """, parameters, tx, cancellationToken: ct));
        return rows.Select(r =>
        {
            var article = Json.Read<Article>(r.ArticleJson);
            return new LiveStory(r.Id, r.State, article.Headline, article.Paragraphs.Count > 0 ? article.Paragraphs[0] : null,
                r.MediaJson is null ? null : Json.Read<StoryMedia>(r.MediaJson));
        }).ToList();
    }

    private static string KindName(ProgrammeKind kind) => kind switch
    {
        ProgrammeKind.Story => "story",
        ProgrammeKind.Ident => "ident",
        ProgrammeKind.Breaking => "breaking",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private const string Columns = """
        seq, kind, story_id, breaking_id, title, description, hls_folder, first_segment, segment_ticks, starts_at,
        first_media_sequence, discontinuity_sequence, loop_index, cut_at, cut_reason
        """;

    // A class with setters: Dapper hands bigint[] over as an Array, which no record constructor signature matches.
    private sealed class Row
    {
        public long Seq { get; set; }
        public string Kind { get; set; } = "";
        public Guid StoryId { get; set; }
        public Guid? BreakingId { get; set; }
        public string Title { get; set; } = "";
        public string Description { get; set; } = "";
        public string HlsFolder { get; set; } = "";
        public int FirstSegment { get; set; }
        public long[] SegmentTicks { get; set; } = [];
        public DateTime StartsAt { get; set; }
        public long FirstMediaSequence { get; set; }
        public long DiscontinuitySequence { get; set; }
        public int? LoopIndex { get; set; }
        public DateTime? CutAt { get; set; }
        public string? CutReason { get; set; }

        public AsRunProgramme ToProgramme() => new(Seq, Kind switch
            {
                "story" => ProgrammeKind.Story,
                "ident" => ProgrammeKind.Ident,
                _ => ProgrammeKind.Breaking,
            }, StoryId, BreakingId, Title, HlsFolder, FirstSegment, SegmentTicks, Db.Utc(StartsAt), FirstMediaSequence, DiscontinuitySequence, LoopIndex)
        {
            CutAt = CutAt is { } c ? Db.Utc(c) : null,
            CutReason = CutReason,
            Description = Description,
        };
    }
}
