using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using TvNews.Data.Audit;

namespace TvNews.Data.Auth;

public sealed record ApiKeyIdentity(long Id, string Role, string Label);

/// <summary>A key as admins see it: never the key itself, which exists only in the response that created it.</summary>
public sealed record ApiKeyRecord(long Id, string Label, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// API keys are random 256-bit secrets, so a SHA-256 hash at rest is enough (no salt or slow hash needed:
/// there is no dictionary to attack). The plain key is shown once, when created, and never stored.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource db)
{
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string NewKey() => "tvn_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from api_keys where revoked_at is null)", cancellationToken: ct));
    }

    /// <summary>Stores a key's hash with a role; storing the same key again is a no-op.</summary>
    public async Task AddAsync(string key, string role, string label, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into api_keys (key_hash, role, label, created_at) values (@hash, @role, @label, @now)
            on conflict (key_hash) do nothing
            """, new { hash = Hash(key), role, label, now }, cancellationToken: ct));
    }

    /// <summary>An unrevoked key's id, role and label, or null.</summary>
    public async Task<ApiKeyIdentity?> FindAsync(string key, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyIdentity>(new CommandDefinition(
            "select id, role, label from api_keys where key_hash = @hash and revoked_at is null",
            new { hash = Hash(key) }, cancellationToken: ct));
    }

    /// <summary>Stores a new key's hash and its audit entry in one transaction.</summary>
    public async Task<ApiKeyRecord> CreateAsync(string key, string role, string label, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            insert into api_keys (key_hash, role, label, created_at) values (@hash, @role, @label, @now) returning id
            """, new { hash = Hash(key), role, label, now }, tx, cancellationToken: ct));
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("apikey.create", "apikey", id.ToString(CultureInfo.InvariantCulture), null,
            new { label, role }), now, ct);
        await tx.CommitAsync(ct);
        return new ApiKeyRecord(id, label, role, now, null);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            "select id, label, role, created_at, revoked_at from api_keys order by id", cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// Revokes a key (with its audit entry). Null when there is no such key; revoking a revoked key changes nothing and
    /// records nothing.
    /// </summary>
    public async Task<ApiKeyRecord?> RevokeAsync(long id, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = (await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            "select id, label, role, created_at, revoked_at from api_keys where id = @id for update", new { id }, tx, cancellationToken: ct)))?.ToRecord();
        if (before is null || before.RevokedAt is not null) return before;
        await connection.ExecuteAsync(new CommandDefinition(
            "update api_keys set revoked_at = @now where id = @id", new { id, now }, tx, cancellationToken: ct));
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("apikey.revoke", "apikey", id.ToString(CultureInfo.InvariantCulture), null,
            new { before.Label, before.Role }), now, ct);
        await tx.CommitAsync(ct);
        return before with { RevokedAt = now };
    }

    // Npgsql reads timestamptz as UTC DateTime; the public record speaks DateTimeOffset.
    private sealed record KeyRow(long Id, string Label, string Role, DateTime CreatedAt, DateTime? RevokedAt)
    {
        public ApiKeyRecord ToRecord() => new(Id, Label, Role, Db.Utc(CreatedAt), RevokedAt is { } r ? Db.Utc(r) : null);
    }
}
