using System.Globalization;
using Dapper;
using Npgsql;
using TvNews.Data.Audit;

namespace TvNews.Data.Auth;

/// <summary>A person who signs in to the web page. The password hash never leaves the store except to be verified.</summary>
public sealed record UserRecord(long Id, string Username, string Role, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record UserCredentials(UserRecord User, string PasswordHash);

/// <summary>What an update changes; null fields stay as they are.</summary>
public sealed record UserChange(string? Role, string? PasswordHash, bool? Disabled);

public enum UserCreateResult { Created, UsernameTaken }

public sealed class UserStore(NpgsqlDataSource db)
{
    private const string Columns = "id, username, role, disabled, created_at, updated_at";

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    /// <summary>Creates a user and its audit entry in one transaction; a taken username writes nothing.</summary>
    public async Task<(UserCreateResult Result, UserRecord? User)> CreateAsync(string username, string passwordHash, string role, AuditActor actor,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"""
            insert into users (username, password_hash, role, disabled, created_at, updated_at)
            values (@username, @passwordHash, @role, false, @now, @now)
            on conflict (username) do nothing
            returning {Columns}
            """, new { username = Normalize(username), passwordHash, role, now }, tx, cancellationToken: ct));
        if (row is null) return (UserCreateResult.UsernameTaken, null);
        var user = row.ToRecord();
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("user.create", "user", Id(user.Id), null,
            new { user.Username, user.Role }), now, ct);
        await tx.CommitAsync(ct);
        return (UserCreateResult.Created, user);
    }

    public async Task<bool> AnyAdminAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from users where role = 'admin' and not disabled)", cancellationToken: ct));
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition($"select {Columns} from users order by id", cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<UserRecord?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"select {Columns} from users where id = @id", new { id }, cancellationToken: ct)))?.ToRecord();
    }

    /// <summary>The user and password hash for a sign-in, or null for an unknown username.</summary>
    public async Task<UserCredentials?> FindCredentialsAsync(string username, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<CredentialsRow>(new CommandDefinition(
            $"select {Columns}, password_hash from users where username = @username", new { username = Normalize(username) }, cancellationToken: ct));
        return row is null ? null : new UserCredentials(new UserRow(row.Id, row.Username, row.Role, row.Disabled, row.CreatedAt, row.UpdatedAt).ToRecord(), row.PasswordHash);
    }

    /// <summary>Replaces a rehashed password (after <c>SuccessRehashNeeded</c>); not an account change, so not audited.</summary>
    public async Task RehashAsync(long id, string passwordHash, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("update users set password_hash = @passwordHash where id = @id",
            new { id, passwordHash }, cancellationToken: ct));
    }

    /// <summary>Applies a change and its audit entry (which fields changed, never the password) in one transaction. Null: no such user.</summary>
    public async Task<UserRecord?> UpdateAsync(long id, UserChange change, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var before = (await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"select {Columns} from users where id = @id for update", new { id }, tx, cancellationToken: ct)))?.ToRecord();
        if (before is null) return null;
        var after = (await connection.QuerySingleAsync<UserRow>(new CommandDefinition($"""
            update users
               set role = coalesce(@Role, role),
                   password_hash = coalesce(@PasswordHash, password_hash),
                   disabled = coalesce(@Disabled, disabled),
                   updated_at = @now
             where id = @id
            returning {Columns}
            """, new { id, change.Role, change.PasswordHash, change.Disabled, now }, tx, cancellationToken: ct))).ToRecord();
        await AuditStore.RecordAsync(connection, tx, actor, new AuditEntry("user.update", "user", Id(id), null, new
        {
            after.Username,
            role = change.Role is null ? null : new { from = before.Role, to = after.Role },
            disabled = change.Disabled is null ? null : new { from = before.Disabled, to = after.Disabled },
            passwordChanged = change.PasswordHash is not null,
        }), now, ct);
        await tx.CommitAsync(ct);
        return after;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed record UserRow(long Id, string Username, string Role, bool Disabled, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public UserRecord ToRecord() => new(Id, Username, Role, Disabled, Db.Utc(CreatedAt), Db.Utc(UpdatedAt));
    }

    private sealed record CredentialsRow(long Id, string Username, string Role, bool Disabled, DateTime CreatedAt, DateTime UpdatedAt, string PasswordHash);
}
