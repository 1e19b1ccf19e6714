using Dapper;
using Npgsql;

namespace TvNews.Data.Audit;

/// <summary>Who did something: <c>key:{id}</c>, <c>user:{id}</c> or <c>system</c>.</summary>
public sealed record AuditActor(string Id, string Name, string? Role)
{
    public static readonly AuditActor System = new("system", "system", null);
}

/// <param name="Details">Anything worth keeping about the action (a reason, old and new values); stored as jsonb.</param>
public sealed record AuditEntry(string Action, string? TargetType, string? TargetId, string? ChannelId, object? Details = null);

public sealed record AuditRecord(long Id, DateTimeOffset At, string ActorId, string ActorName, string? ActorRole, string Action,
    string? TargetType, string? TargetId, string? ChannelId, string? Details);

public sealed class AuditStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Records an action inside the caller's transaction, so the entry exists exactly when the change does.
    /// </summary>
    public static Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, AuditActor actor, AuditEntry entry,
        DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            insert into audit_log (at, actor_id, actor_name, actor_role, action, target_type, target_id, channel_id, details)
            values (@now, @ActorId, @ActorName, @ActorRole, @Action, @TargetType, @TargetId, @ChannelId, @Details::jsonb)
            """, new
            {
                now, ActorId = actor.Id, ActorName = actor.Name, ActorRole = actor.Role, entry.Action, entry.TargetType, entry.TargetId,
                entry.ChannelId, Details = entry.Details is null ? null : Json.Write(entry.Details),
            }, tx, cancellationToken: ct));

    /// <summary>Records an action on its own, for changes that are a single statement elsewhere.</summary>
    public async Task RecordAsync(AuditActor actor, AuditEntry entry, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await RecordAsync(connection, null, actor, entry, now, ct);
    }

    /// <summary>Newest first; <paramref name="before"/> is the id of the last entry of the previous page.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(int limit, long? before, string? targetType, string? targetId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition("""
            select id, at, actor_id, actor_name, actor_role, action, target_type, target_id, channel_id, details::text as details
              from audit_log
             where (@before::bigint is null or id < @before)
               and (@targetType::text is null or target_type = @targetType)
               and (@targetId::text is null or target_id = @targetId)
             order by id desc
             limit @limit
            """, new { limit, before, targetType, targetId }, cancellationToken: ct));
        return rows.Select(r => new AuditRecord(r.Id, Db.Utc(r.At), r.ActorId, r.ActorName, r.ActorRole, r.Action, r.TargetType, r.TargetId,
            r.ChannelId, r.Details)).ToList();
    }

    // Npgsql reads timestamptz as UTC DateTime; the public record speaks DateTimeOffset.
    private sealed record AuditRow(long Id, DateTime At, string ActorId, string ActorName, string? ActorRole, string Action,
        string? TargetType, string? TargetId, string? ChannelId, string? Details);
}
