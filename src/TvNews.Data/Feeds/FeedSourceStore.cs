using Dapper;
using Npgsql;
using TvNews.Core.Channels;

namespace TvNews.Data.Feeds;

public sealed record FeedSourceRow(long Id, string ChannelId, string Url, int PollMinutes, bool Publish, string? Etag, DateTime? LastModified)
{
    public DateTimeOffset? LastModifiedUtc => LastModified is null ? null : new DateTimeOffset(DateTime.SpecifyKind(LastModified.Value, DateTimeKind.Utc));
}

/// <summary>The channels' feed sources: synced from manifests at start, claimed for polling with SKIP LOCKED.</summary>
public sealed class FeedSourceStore(NpgsqlDataSource db)
{
    /// <summary>Makes the table match the manifest: new sources are due now, removed ones are disabled (their history stays).</summary>
    public async Task SyncAsync(string channelId, IReadOnlyList<FeedSource> sources, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var source in sources)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into feed_sources (channel_id, url, poll_minutes, publish, next_poll_at)
                values (@channelId, @Url, @PollMinutes, @Publish, @now)
                on conflict (channel_id, url) do update
                   set poll_minutes = excluded.poll_minutes, publish = excluded.publish, enabled = true
                """, new { channelId, source.Url, source.PollMinutes, source.Publish, now }, tx, cancellationToken: ct));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "update feed_sources set enabled = false where channel_id = @channelId and not (url = any(@urls))",
            new { channelId, urls = sources.Select(s => s.Url).ToArray() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    public async Task<FeedSourceRow?> ClaimDueAsync(TimeSpan lease, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<FeedSourceRow>(new CommandDefinition("""
            with next as (
                select id from feed_sources
                 where enabled and next_poll_at <= @now and (lease_until is null or lease_until < @now)
                 order by next_poll_at
                 limit 1
                 for update skip locked)
            update feed_sources f set lease_until = @leaseUntil
              from next where f.id = next.id
            returning f.id, f.channel_id, f.url, f.poll_minutes, f.publish, f.etag, f.last_modified
            """, new { now, leaseUntil = now + lease }, cancellationToken: ct));
    }

    /// <summary>Records a poll and schedules the next one; validators are kept for the next conditional GET.</summary>
    public async Task CompleteAsync(long id, string status, string? error, string? etag, DateTimeOffset? lastModified, DateTimeOffset now, TimeSpan next, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            update feed_sources
               set etag = coalesce(@etag, etag), last_modified = coalesce(@lastModified, last_modified),
                   last_status = @status, last_error = @error, last_polled_at = @now, next_poll_at = @nextAt, lease_until = null
             where id = @id
            """, new { id, status, error, etag, lastModified = lastModified?.ToUniversalTime(), now, nextAt = now + next }, cancellationToken: ct));
    }

    /// <summary>Marks an entry as taken; false when it was taken before (so it is not ingested twice).</summary>
    public async Task<bool> TryMarkEntryAsync(long sourceId, string entryKey, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            insert into feed_entries (source_id, entry_key, seen_at) values (@sourceId, @entryKey, @now)
            on conflict do nothing
            """, new { sourceId, entryKey, now }, cancellationToken: ct)) == 1;
    }

    public async Task ForgetEntryAsync(long sourceId, string entryKey, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from feed_entries where source_id = @sourceId and entry_key = @entryKey", new { sourceId, entryKey }, cancellationToken: ct));
    }

    public async Task SetEntryStoryAsync(long sourceId, string entryKey, Guid storyId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update feed_entries set story_id = @storyId where source_id = @sourceId and entry_key = @entryKey",
            new { sourceId, entryKey, storyId }, cancellationToken: ct));
    }
}
