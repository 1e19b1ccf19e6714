using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace TvNews.Data.Auth;

public sealed record ApiKeyIdentity(long Id, string Role, string Label);

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
}
