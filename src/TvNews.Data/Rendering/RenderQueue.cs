using Dapper;
using Npgsql;
using TvNews.Core.Feeds;
using TvNews.Data.Stories;

namespace TvNews.Data.Rendering;

public sealed record RenderJob(long Id, Guid StoryId, string PlanHash, bool PublishWhenDone, int Attempts);

/// <summary>
/// The durable render queue. Any number of workers claim jobs with FOR UPDATE SKIP LOCKED and hold a lease;
/// a worker that dies loses its lease and the job is claimed again, so no render is lost.
/// </summary>
public sealed class RenderQueue(NpgsqlDataSource db)
{
    public const int MaxAttempts = 5;

    internal static async Task<bool> EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid storyId, string planHash,
        bool publishWhenDone, DateTimeOffset now, CancellationToken ct)
    {
        // One pending job per story and plan: a repeat ingest of unchanged text adds nothing.
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            insert into render_jobs (story_id, plan_hash, publish_when_done, state, run_after, created_at)
            select @storyId, @planHash, @publishWhenDone, 'queued', @now, @now
             where not exists (select 1 from render_jobs
                                where story_id = @storyId and plan_hash = @planHash and state in ('queued', 'running'))
            """, new { storyId, planHash, publishWhenDone, now }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "update stories set render_state = 'queued' where id = @storyId and render_state <> 'rendering'",
            new { storyId }, tx, cancellationToken: ct));
        return inserted > 0;
    }

    /// <summary>Claims the next due job (or one whose lease expired) for <paramref name="lease"/>.</summary>
    public async Task<RenderJob?> ClaimAsync(TimeSpan lease, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var job = await connection.QuerySingleOrDefaultAsync<RenderJob>(new CommandDefinition("""
            with next as (
                select id from render_jobs
                 where (state = 'queued' and run_after <= @now) or (state = 'running' and lease_until < @now)
                 order by run_after, id
                 limit 1
                 for update skip locked)
            update render_jobs j
               set state = 'running', attempts = j.attempts + 1, lease_until = @leaseUntil, started_at = @now
              from next
             where j.id = next.id
            returning j.id, j.story_id, j.plan_hash, j.publish_when_done, j.attempts
            """, new { now, leaseUntil = now + lease }, tx, cancellationToken: ct));
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
    /// </summary>
    public async Task<PublishOutcome?> CompleteAsync(RenderJob job, StoryMedia media, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update render_jobs set state = 'done', finished_at = @now, lease_until = null where id = @Id",
            new { job.Id, now }, tx, cancellationToken: ct));
        var current = await connection.ExecuteAsync(new CommandDefinition("""
            update stories
               set media = @Media::jsonb, rendered_hash = @PlanHash, render_state = 'ready', updated_at = @now
             where id = @StoryId and plan_hash = @PlanHash
            """, new { job.StoryId, job.PlanHash, Media = Json.Write(media), now }, tx, cancellationToken: ct));
        PublishOutcome? outcome = null;
        if (current == 1 && job.PublishWhenDone)
            outcome = await StoryStore.PublishAsync(connection, tx, job.StoryId, now, ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    /// <summary>Retries with exponential backoff (5 s, 10 s, 20 s, …) until <see cref="MaxAttempts"/>, then marks it failed.</summary>
    public async Task FailAsync(RenderJob job, string error, DateTimeOffset now, CancellationToken ct)
    {
        var final = job.Attempts >= MaxAttempts;
        var retryAt = now + TimeSpan.FromSeconds(5 * Math.Pow(2, job.Attempts - 1));
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update render_jobs
               set state = case when @final then 'failed' else 'queued' end,
                   run_after = @retryAt, lease_until = null, last_error = @error,
                   finished_at = case when @final then @now end
             where id = @Id
            """, new { job.Id, final, retryAt, error, now }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "update stories set render_state = case when @final then 'failed' else 'queued' end where id = @StoryId",
            new { job.StoryId, final }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
