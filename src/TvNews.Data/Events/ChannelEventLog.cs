using Dapper;
using Npgsql;
using TvNews.Data.Stories;

namespace TvNews.Data.Events;

/// <summary>One public event as stored: its channel-wide sequence number, its name and its payload as JSON (without the seq).</summary>
public sealed record ChannelEvent(string ChannelId, long Seq, string Type, DateTimeOffset At, string Data);

/// <summary>An event to append: its name and payload (serialized with the one JSON shape, camelCase).</summary>
public sealed record NewChannelEvent(string Type, object Data);

/// <summary>
/// The public events, as stored and as pushed: names and payload shapes (the hub's records in TvNews.Api.Live have the
/// same properties, plus Seq last, which the relay adds from the row).
/// </summary>
public static class ChannelEventTypes
{
    public static NewChannelEvent Story(PublishOutcome outcome) =>
        new(outcome.NewlyPublished ? StoryPublished : StoryUpdated, new { outcome.ChannelId, StoryId = outcome.StoryId.ToString("N"), outcome.Title, outcome.FeedVersion });

    public static NewChannelEvent Expired(string channelId, Guid storyId, string title, long feedVersion) =>
        new(StoryExpired, new { ChannelId = channelId, StoryId = storyId.ToString("N"), Title = title, FeedVersion = feedVersion });

    public static NewChannelEvent Retracted(string channelId, Guid storyId, long feedVersion) =>
        new(StoryRetracted, new { ChannelId = channelId, StoryId = storyId.ToString("N"), FeedVersion = feedVersion });

    public static NewChannelEvent Feed(string channelId, long feedVersion) => new(FeedUpdated, new { ChannelId = channelId, FeedVersion = feedVersion });

    public static NewChannelEvent BreakingStarted(string channelId, Guid id, string headline, Guid onAirStoryId, DateTimeOffset startedAt, DateTimeOffset expiresAt) =>
        new(BreakingNewsStarted, new { ChannelId = channelId, Id = id.ToString("N"), Headline = headline, StoryId = onAirStoryId.ToString("N"), StartedAt = startedAt, ExpiresAt = expiresAt });

    public static NewChannelEvent BreakingEnded(string channelId, Guid id, string headline) =>
        new(BreakingNewsEnded, new { ChannelId = channelId, Id = id.ToString("N"), Headline = headline });

    public const string StoryPublished = nameof(StoryPublished);
    public const string StoryUpdated = nameof(StoryUpdated);
    public const string StoryExpired = nameof(StoryExpired);
    public const string StoryRetracted = nameof(StoryRetracted);
    public const string FeedUpdated = nameof(FeedUpdated);
    public const string BreakingNewsStarted = nameof(BreakingNewsStarted);
    public const string BreakingNewsEnded = nameof(BreakingNewsEnded);
}

/// <summary>Where the public channel position stands: the last seq allocated and the oldest one still kept.</summary>
public sealed record ChannelEventPosition(long LastSeq, long? OldestKept)
{
    /// <summary>A client that has seen up to <paramref name="since"/> cannot be caught up from the log: retention deleted what it missed, or it is ahead of the log (another database).</summary>
    public bool NeedsResync(long since) => since > LastSeq || (since < LastSeq && (OldestKept is not { } oldest || since + 1 < oldest));
}

/// <summary>
/// The outbox of public events (<c>channel_events</c>). Writers append inside the transaction of their change; the
/// NOTIFY on <see cref="NotifyChannel"/> is queued in the same transaction, so PostgreSQL delivers it only on commit.
/// </summary>
public sealed class ChannelEventLog(NpgsqlDataSource db)
{
    public const string NotifyChannel = "tvnews_events";

    /// <summary>Appends events to a channel's log in the caller's transaction, with consecutive seqs; returns the last one.</summary>
    public static async Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string channelId, DateTimeOffset now,
        IReadOnlyList<NewChannelEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) throw new ArgumentException("Nothing to append.", nameof(events));
        var types = events.Select(e => e.Type).ToArray();
        var datas = events.Select(e => Json.Write(e.Data)).ToArray();
        // The channel row update allocates the seqs (and holds the row lock to commit), then the rows go in.
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            with seq as (
                update channels set event_seq = event_seq + cardinality(@types::text[]) where id = @channelId returning event_seq),
            ins as (
                insert into channel_events (channel_id, seq, type, at, data)
                select @channelId, seq.event_seq - cardinality(@types::text[]) + e.ord, e.type, @now, e.data::jsonb
                  from seq, unnest(@types::text[], @datas::text[]) with ordinality as e(type, data, ord))
            select seq.event_seq from seq, (select pg_notify('tvnews_events', @channelId)) notify
            """, new { channelId, now, types, datas }, tx, cancellationToken: ct));
    }

    public static Task<long> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string channelId, DateTimeOffset now, CancellationToken ct,
        params NewChannelEvent[] events) => AppendAsync(connection, tx, channelId, now, events, ct);

    /// <summary>Events after <paramref name="since"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ChannelEvent>> ReadAsync(string channelId, long since, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string ChannelId, long Seq, string Type, DateTime At, string Data)>(new CommandDefinition("""
            select channel_id, seq, type, at, data::text from channel_events
             where channel_id = @channelId and seq > @since
             order by seq
             limit @limit
            """, new { channelId, since, limit }, cancellationToken: ct));
        return rows.Select(r => new ChannelEvent(r.ChannelId, r.Seq, r.Type, Db.Utc(r.At), r.Data)).ToList();
    }

    /// <summary>The channel's position, or null for a channel the database does not know.</summary>
    public async Task<ChannelEventPosition?> PositionAsync(string channelId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<(long LastSeq, long? OldestKept)>(new CommandDefinition("""
            select c.event_seq, (select min(seq) from channel_events e where e.channel_id = c.id) from channels c where c.id = @channelId
            """, new { channelId }, cancellationToken: ct))).AsList();
        return rows is [var r] ? new ChannelEventPosition(r.LastSeq, r.OldestKept) : null;
    }

    /// <summary>Every channel's last seq (where the relay starts).</summary>
    public async Task<IReadOnlyDictionary<string, long>> LastSeqsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Id, long EventSeq)>(new CommandDefinition(
            "select id, event_seq from channels", cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.EventSeq, StringComparer.Ordinal);
    }

    /// <summary>Deletes events older than <paramref name="before"/>; the channel's seq counter stays, so seqs never repeat.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("delete from channel_events where at < @before", new { before }, cancellationToken: ct));
    }
}
