using Dapper;
using Npgsql;
using TvNews.Core.Feeds;
using TvNews.Core.Slides;
using TvNews.Data.Audit;
using TvNews.Data.Events;
using TvNews.Data.Feeds;

namespace TvNews.Data.Rundowns;

/// <param name="DefaultSeconds">The story's video duration, else its plan's reading time: what the item runs when no
/// planned duration is set.</param>
public sealed record RundownItemRecord(Guid Id, Guid StoryId, string Headline, double? PlannedSeconds, bool Floated, double DefaultSeconds);

/// <param name="Version">0 for a channel whose rundown was never written.</param>
public sealed record RundownRecord(string ChannelId, long Version, DateTimeOffset? StartsAt, DateTimeOffset? UpdatedAt, IReadOnlyList<RundownItemRecord> Items);

/// <summary>One item of a rundown replacement, in order.</summary>
public sealed record RundownItemEdit(Guid StoryId, double? PlannedSeconds, bool Floated);

public abstract record RundownSave
{
    public sealed record Saved(long Version) : RundownSave;

    /// <summary>The rundown changed since the caller read it (its version is <paramref name="CurrentVersion"/>).</summary>
    public sealed record Stale(long CurrentVersion) : RundownSave;

    /// <summary>Problems per field (<c>items[2].storyId</c>); nothing was written.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : RundownSave;
}

/// <summary>
/// A channel's rundown: an ordered list of stories with planned durations. Written whole (reorder, insert and remove in
/// one call) under optimistic concurrency: a replacement names the version it was based on.
/// </summary>
public sealed class RundownStore(NpgsqlDataSource db)
{
    public async Task<RundownRecord> GetAsync(string channelId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var head = await connection.QuerySingleOrDefaultAsync<HeadRow>(new CommandDefinition(
            "select version, starts_at, updated_at from rundowns where channel_id = @channelId", new { channelId }, cancellationToken: ct));
        var rows = await connection.QueryAsync<ItemRow>(new CommandDefinition("""
            select i.id, i.story_id, a.headline, i.planned_seconds, i.floated, s.duration_seconds, s.slide_plan::text as plan_json, s.media::text as media_json
              from rundown_items i
              join stories s on s.id = i.story_id
              join articles a on a.id = s.article_id
             where i.channel_id = @channelId
             order by i.position
            """, new { channelId }, cancellationToken: ct));
        return new RundownRecord(channelId, head?.Version ?? 0, head?.StartsAt is { } s ? Utc(s) : null, head is null ? null : Utc(head.UpdatedAt),
            rows.Select(r => new RundownItemRecord(r.Id, r.StoryId, r.Headline, r.PlannedSeconds, r.Floated, r.DefaultSeconds())).ToList());
    }

    /// <summary>The rundown's story ids in order, for the feeds' "rundown" playlist.</summary>
    public async Task<IReadOnlyList<Guid>> StoryIdsAsync(string channelId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var ids = await connection.QueryAsync<Guid>(new CommandDefinition(
            "select story_id from rundown_items where channel_id = @channelId order by position", new { channelId }, cancellationToken: ct));
        return ids.AsList();
    }

    /// <summary>A story's default running time, by the same rule as rundown items (for the breaking-news item on top).</summary>
    public async Task<(string Headline, double Seconds)?> StoryTimingAsync(Guid storyId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ItemRow>(new CommandDefinition("""
            select s.id, s.id as story_id, a.headline, null::double precision as planned_seconds, false as floated, s.duration_seconds,
                   s.slide_plan::text as plan_json, s.media::text as media_json
              from stories s join articles a on a.id = s.article_id
             where s.id = @storyId
            """, new { storyId }, cancellationToken: ct));
        return row is null ? null : (row.Headline, row.DefaultSeconds());
    }

    /// <summary>
    /// Replaces the whole list when the rundown is still at <paramref name="expectedVersion"/> (null: whatever it is).
    /// Stories must exist and belong to the channel; on any problem nothing is written.
    /// </summary>
    public async Task<RundownSave> ReplaceAsync(string channelId, long? expectedVersion, DateTimeOffset? startsAt, IReadOnlyList<RundownItemEdit> items,
        AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var current = await LockAsync(connection, tx, channelId, now, ct);
        if (expectedVersion is { } expected && expected != current) return new RundownSave.Stale(current);

        var ids = items.Select(i => i.StoryId).Distinct().ToArray();
        var owners = (await connection.QueryAsync<(Guid Id, string ChannelId)>(new CommandDefinition(
            "select id, channel_id from stories where id = any(@ids)", new { ids }, tx, cancellationToken: ct))).ToDictionary(r => r.Id, r => r.ChannelId);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            if (!owners.TryGetValue(items[i].StoryId, out var owner))
                errors[$"items[{i}].storyId"] = [$"There is no story '{items[i].StoryId:N}'."];
            else if (owner != channelId)
                errors[$"items[{i}].storyId"] = [$"Story '{items[i].StoryId:N}' belongs to channel '{owner}', not '{channelId}'."];
        }
        if (errors.Count > 0) return new RundownSave.Invalid(errors);

        var storyIds = items.Select(i => i.StoryId).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from rundown_items where channel_id = @channelId and story_id <> all(@storyIds)", new { channelId, storyIds }, tx, cancellationToken: ct));
        // Positions are checked at commit (deferred), so a reorder may swap them freely; an item keeps its id while its story stays.
        for (var i = 0; i < items.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                insert into rundown_items (id, channel_id, position, story_id, planned_seconds, floated)
                values (@id, @channelId, @position, @StoryId, @PlannedSeconds, @Floated)
                on conflict (channel_id, story_id) do update
                   set position = excluded.position, planned_seconds = excluded.planned_seconds, floated = excluded.floated
                """, new { id = Guid.CreateVersion7(now), channelId, position = i, items[i].StoryId, items[i].PlannedSeconds, items[i].Floated },
                tx, cancellationToken: ct));
        }
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            update rundowns set version = version + 1, starts_at = @startsAt, updated_at = @now where channel_id = @channelId returning version
            """, new { channelId, startsAt, now }, tx, cancellationToken: ct));
        // Device feeds list the rundown as the "rundown" playlist, so its order is part of the feed (outbox included).
        var feedVersion = await FeedVersion.BumpAsync(connection, tx, channelId, now, ct);
        await ChannelEventLog.AppendAsync(connection, tx, channelId, now, ct, ChannelEventTypes.Feed(channelId, feedVersion));
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("rundown.update", "rundown", channelId, channelId,
            new { version, startsAt, items = items.Select(i => new { storyId = i.StoryId.ToString("N"), i.PlannedSeconds, i.Floated }) }), now, ct);
        await tx.CommitAsync(ct);
        return new RundownSave.Saved(version);
    }

    /// <summary>Creates the channel's rundown row if needed and locks it for the caller's transaction; returns its version.</summary>
    internal static async Task<long> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string channelId, DateTimeOffset now, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into rundowns (channel_id, version, starts_at, updated_at) values (@channelId, 0, null, @now) on conflict (channel_id) do nothing
            """, new { channelId, now }, tx, cancellationToken: ct));
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select version from rundowns where channel_id = @channelId for update", new { channelId }, tx, cancellationToken: ct));
    }

    /// <summary>Marks a change of what the rundown shows (breaking news on top) in the caller's transaction; returns the new version.</summary>
    internal static async Task<long> BumpAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string channelId, DateTimeOffset now, CancellationToken ct)
    {
        await LockAsync(connection, tx, channelId, now, ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "update rundowns set version = version + 1, updated_at = @now where channel_id = @channelId returning version",
            new { channelId, now }, tx, cancellationToken: ct));
    }

    private sealed record HeadRow(long Version, DateTime? StartsAt, DateTime UpdatedAt);

    private sealed record ItemRow(Guid Id, Guid StoryId, string Headline, double? PlannedSeconds, bool Floated, double? DurationSeconds,
        string PlanJson, string? MediaJson)
    {
        public double DefaultSeconds()
        {
            if (DurationSeconds is > 0 and var d) return d;
            var plan = Json.Read<SlidePlan>(PlanJson);
            return MediaJson is null ? plan.TotalSeconds : Json.Read<StoryMedia>(MediaJson).VideoSeconds(plan);
        }
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
