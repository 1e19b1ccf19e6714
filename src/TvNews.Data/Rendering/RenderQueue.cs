using Dapper;
using Npgsql;
using TvNews.Core.Feeds;
using TvNews.Data.Stories;

namespace TvNews.Data.Rendering;

/// <param name="Attempts">Also names the claim: every claim increments it, so (Id, Attempts) is one worker's hold on the job.</param>
public sealed record RenderJob(long Id, Guid StoryId, string PlanHash, bool PublishWhenDone, int Attempts, string ChannelId, string? WorkerId);

/// <summary>How often a failing job is tried and how long it waits in between (doubling from <paramref name="FirstBackoff"/>).</summary>
public sealed record RenderRetry(int MaxAttempts, TimeSpan FirstBackoff)
{
    public static readonly RenderRetry Default = new(5, TimeSpan.FromSeconds(5));
}

/// <summary>
/// What <see cref="RenderQueue.ProgressChannel"/> carries: one progress write of one job, for every process that serves the hub.
/// </summary>
public sealed record RenderProgressNotice(long JobId, Guid StoryId, string ChannelId, string Stage, double Progress);

/// <summary>A job as producers see it in GET /api/jobs.</summary>
public sealed record RenderJobStatus(long Id, Guid StoryId, string ChannelId, string State, int Attempts, string? LastError,
    float Progress, string? Stage, string? WorkerId, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    DateTimeOffset RunAfter, DateTimeOffset? LeaseUntil);

/// <summary>
/// The durable render queue. Any number of workers claim jobs with FOR UPDATE SKIP LOCKED and hold a lease;
/// a worker that dies loses its lease and the job is claimed again, so no render is lost.
/// </summary>
public sealed class RenderQueue(NpgsqlDataSource db)
{
    /// <summary>The LISTEN/NOTIFY channel on which every progress write is announced, committed with the write itself.</summary>
    public const string ProgressChannel = "tvnews_render_progress";

    // Stage names are ours and short; the cap keeps any payload far below NOTIFY's 8000-byte limit.
    private const int MaxStageLength = 64;

    /// <param name="priority">Higher is claimed first (a breaking-news card); 0 for everything else.</param>
    internal static async Task<bool> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid storyId, string planHash,
        bool publishWhenDone, DateTimeOffset now, CancellationToken ct, int priority = 0)
    {
        // One pending job per story and plan: a repeat ingest of unchanged text adds nothing.
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            insert into render_jobs (story_id, plan_hash, publish_when_done, state, run_after, created_at, priority)
            select @storyId, @planHash, @publishWhenDone, 'queued', @now, @now, @priority
             where not exists (select 1 from render_jobs
                                where story_id = @storyId and plan_hash = @planHash and state in ('queued', 'running'))
            """, new { storyId, planHash, publishWhenDone, now, priority }, tx, cancellationToken: ct));
        // A render queued ahead of a schedule (not to publish) is asked to publish when someone now wants it on air.
        if (inserted == 0 && publishWhenDone)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                update render_jobs set publish_when_done = true
                 where story_id = @storyId and plan_hash = @planHash and state in ('queued', 'running') and not publish_when_done
                """, new { storyId, planHash }, tx, cancellationToken: ct));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "update stories set render_state = 'queued' where id = @storyId and render_state <> 'rendering'",
            new { storyId }, tx, cancellationToken: ct));
        return inserted > 0;
    }

    /// <summary>Claims the next due job (or one whose lease expired) for <paramref name="lease"/>.</summary>
    public async Task<RenderJob?> ClaimAsync(TimeSpan lease, DateTimeOffset now, CancellationToken ct, string? workerId = null)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var job = await connection.QuerySingleOrDefaultAsync<RenderJob>(new CommandDefinition("""
            with next as (
                select id from render_jobs
                 where (state = 'queued' and run_after <= @now) or (state = 'running' and lease_until < @now)
                 order by priority desc, run_after, id
                 limit 1
                 for update skip locked)
            update render_jobs j
               set state = 'running', attempts = j.attempts + 1, lease_until = @leaseUntil, started_at = @now,
                   progress = 0, stage = null, worker_id = @workerId
              from next
             where j.id = next.id
            returning j.id, j.story_id, j.plan_hash, j.publish_when_done, j.attempts,
                      (select s.channel_id from stories s where s.id = j.story_id) as channel_id, j.worker_id
            """, new { now, leaseUntil = now + lease, workerId }, tx, cancellationToken: ct));
        if (job is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "update stories set render_state = 'rendering' where id = @StoryId", new { job.StoryId }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return job;
    }

    /// <summary>
    /// Records the media and, when the job asks for it, publishes the story, in one transaction.
    /// A job rendered from a plan that has since changed records nothing: the newer job will.
    /// A worker that no longer holds the job (its lease was taken over) records nothing either: <see cref="Completion.Held"/> is false.
    /// </summary>
    public async Task<Completion> CompleteAsync(RenderJob job, StoryMedia media, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // publish_when_done is read back from the row: breaking news that ends while its card renders clears it.
        var held = (await connection.QueryAsync<bool>(new CommandDefinition($"""
            update render_jobs set state = 'done', finished_at = @now, lease_until = null, progress = 1, stage = 'done'
             where {HeldBy}
            returning publish_when_done
            """, new { job.Id, job.Attempts, job.WorkerId, now }, tx, cancellationToken: ct))).AsList();
        if (held is not [var publishWhenDone]) return new Completion(false, null);
        var current = await connection.ExecuteAsync(new CommandDefinition("""
            update stories
               set media = @Media::jsonb, rendered_hash = @PlanHash, render_state = 'ready', updated_at = @now
             where id = @StoryId and plan_hash = @PlanHash
            """, new { job.StoryId, job.PlanHash, Media = Json.Write(media), now }, tx, cancellationToken: ct));
        PublishOutcome? outcome = null;
        if (current == 1)
        {
            // The render's own publish, or a scheduled story's whose time came while it rendered (then it airs late, now).
            outcome = await StoryStore.PublishRenderedAsync(connection, tx, job.StoryId, publishWhenDone, now, ct);
            if (outcome is { NewlyPublished: true })
                await Audit.AuditStore.RecordAsync(connection, tx, Audit.AuditActor.System,
                    new Audit.AuditEntry("story.publish", "story", job.StoryId.ToString(), outcome.ChannelId,
                        new { trigger = "render", latenessMs = outcome.LatenessMs }), now, ct);
        }
        await tx.CommitAsync(ct);
        return new Completion(true, outcome);
    }

    /// <param name="Held">False when another claim had taken the job over: nothing was recorded.</param>
    /// <param name="Published">Set when the story went on air (or got new media on air) with this render.</param>
    public sealed record Completion(bool Held, PublishOutcome? Published);

    // The claim that may write: the same job, the same attempt and worker, still running. A worker whose lease ran out
    // and was claimed again (attempts went up) matches nothing, so it can neither renew, report, complete nor fail.
    private const string HeldBy = "id = @Id and attempts = @Attempts and worker_id is not distinct from @WorkerId and state = 'running'";

    /// <summary>
    /// Records how far a running attempt got, extends its lease to <paramref name="now"/> + <paramref name="lease"/> and
    /// announces it on <see cref="ProgressChannel"/>, in one statement: the notification is sent only if the write commits.
    /// Returns false, writing and announcing nothing, when this attempt no longer holds the job.
    /// </summary>
    public async Task<bool> ReportProgressAsync(RenderJob job, string stage, double progress, TimeSpan lease, DateTimeOffset now, CancellationToken ct)
    {
        if (stage.Length > MaxStageLength) stage = stage[..MaxStageLength];
        var clamped = Math.Clamp(progress, 0, 1);
        var payload = Json.Write(new RenderProgressNotice(job.Id, job.StoryId, job.ChannelId, stage, clamped));
        await using var connection = await db.OpenConnectionAsync(ct);
        var held = await connection.QueryAsync<long>(new CommandDefinition($"""
            with held as (
                update render_jobs set progress = @progress, stage = @stage, lease_until = @leaseUntil
                 where {HeldBy}
                returning id)
            select id, pg_notify(@channel, @payload) from held
            """, new { job.Id, job.Attempts, job.WorkerId, stage, progress = (float)clamped, leaseUntil = now + lease,
                channel = ProgressChannel, payload }, cancellationToken: ct));
        return held.Any();
    }

    /// <summary>
    /// Extends a running attempt's lease while its progress stands still (a long encode). Returns false when this
    /// attempt no longer holds the job: another worker took it over, and this one must stop.
    /// </summary>
    public async Task<bool> RenewLeaseAsync(RenderJob job, TimeSpan lease, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition($"""
            update render_jobs set lease_until = @leaseUntil
             where {HeldBy}
            """, new { job.Id, job.Attempts, job.WorkerId, leaseUntil = now + lease }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// A producer's render of a story as it stands (a preview of a draft, or a refresh of a story on air), in one
    /// transaction with the story row locked. Returns null when there is no such story; <c>JobId</c> null when the media is
    /// already current. A story on air is re-published when its render completes; a draft stays a draft.
    /// </summary>
    public async Task<(long? JobId, bool Queued)?> RequestRenderAsync(Guid storyId, Audit.AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var story = await connection.QuerySingleOrDefaultAsync<(string PlanHash, string? RenderedHash, string State, string ChannelId)?>(new CommandDefinition(
            "select plan_hash, rendered_hash, state, channel_id from stories where id = @storyId for update",
            new { storyId }, tx, cancellationToken: ct));
        if (story is not { } s) return null;
        if (s.RenderedHash == s.PlanHash) return (null, false);
        var queued = await EnqueueAsync(connection, tx, storyId, s.PlanHash, publishWhenDone: s.State == "published", now, ct);
        var jobId = await connection.QuerySingleAsync<long>(new CommandDefinition("""
            select id from render_jobs
             where story_id = @storyId and plan_hash = @PlanHash and state in ('queued', 'running')
             order by id desc limit 1
            """, new { storyId, s.PlanHash }, tx, cancellationToken: ct));
        await Audit.AuditStore.RecordAsync(connection, tx, actor,
            new Audit.AuditEntry("story.render", "story", storyId.ToString(), s.ChannelId, new { jobId, s.PlanHash }), now, ct);
        await tx.CommitAsync(ct);
        return (jobId, queued);
    }

    /// <summary>The notice in a <see cref="ProgressChannel"/> payload.</summary>
    public static RenderProgressNotice ReadProgressNotice(string payload) => Json.Read<RenderProgressNotice>(payload);

    public async Task<RenderJobStatus?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StatusRow>(new CommandDefinition($"""
            {StatusSelect}
             where j.id = @id
            """, new { id }, cancellationToken: ct));
        return row?.ToStatus();
    }

    /// <summary>Newest first; <paramref name="state"/> and <paramref name="storyId"/> narrow it when given.</summary>
    public async Task<IReadOnlyList<RenderJobStatus>> ListAsync(string? state, Guid? storyId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<StatusRow>(new CommandDefinition($"""
            {StatusSelect}
             where (@state::text is null or j.state = @state)
               and (@storyId::uuid is null or j.story_id = @storyId)
             order by j.created_at desc, j.id desc
             limit @limit
            """, new { state, storyId, limit }, cancellationToken: ct));
        return rows.Select(r => r.ToStatus()).ToList();
    }

    // Npgsql reads timestamptz as UTC DateTime; the public record speaks DateTimeOffset.
    private sealed record StatusRow(long Id, Guid StoryId, string ChannelId, string State, int Attempts, string? LastError,
        float Progress, string? Stage, string? WorkerId, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt,
        DateTime RunAfter, DateTime? LeaseUntil)
    {
        public RenderJobStatus ToStatus() => new(Id, StoryId, ChannelId, State, Attempts, LastError, Progress, Stage, WorkerId,
            Utc(CreatedAt), StartedAt is { } s ? Utc(s) : null, FinishedAt is { } f ? Utc(f) : null, Utc(RunAfter),
            LeaseUntil is { } l ? Utc(l) : null);

        private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }

    private const string StatusSelect = """
        select j.id, j.story_id, s.channel_id, j.state, j.attempts, j.last_error, j.progress, j.stage, j.worker_id,
               j.created_at, j.started_at, j.finished_at, j.run_after, j.lease_until
          from render_jobs j
          join stories s on s.id = j.story_id
        """;

    /// <summary>
    /// Retries with exponential backoff (by default 5 s, 10 s, 20 s, …) until <see cref="RenderRetry.MaxAttempts"/>, then
    /// marks it failed. An attempt that no longer holds the job records nothing: the claim that took it over decides.
    /// </summary>
    public async Task FailAsync(RenderJob job, string error, DateTimeOffset now, RenderRetry retry, CancellationToken ct)
    {
        var final = job.Attempts >= retry.MaxAttempts;
        // Doubling stops after 16 steps (5 s grows to 3.8 days): a long retry list must not overflow TimeSpan.
        var retryAt = now + retry.FirstBackoff * Math.Pow(2, Math.Min(job.Attempts - 1, 16));
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var held = await connection.ExecuteAsync(new CommandDefinition($"""
            update render_jobs
               set state = case when @final then 'failed' else 'queued' end,
                   run_after = @retryAt, lease_until = null, last_error = @error,
                   finished_at = case when @final then @now end
             where {HeldBy}
            """, new { job.Id, job.Attempts, job.WorkerId, final, retryAt, error, now }, tx, cancellationToken: ct));
        if (held == 0) return;
        await connection.ExecuteAsync(new CommandDefinition(
            "update stories set render_state = case when @final then 'failed' else 'queued' end where id = @StoryId",
            new { job.StoryId, final }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
