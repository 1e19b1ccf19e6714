using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TvNews.Data.Auth;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>Clients holding an API key of one role, and reads of the audit log, for the role-model tests.</summary>
internal static class RoleClients
{
    /// <summary>A fresh key of <paramref name="role"/> stored through the app's own key store, and a client sending it.</summary>
    public static async Task<(HttpClient Client, string Key)> WithRoleAsync(this TvNewsApp app, string role)
    {
        var key = ApiKeyStore.NewKey();
        await app.Services.GetRequiredService<ApiKeyStore>().AddAsync(key, role, $"test {role}", TimeProvider.System.GetUtcNow(), CancellationToken.None);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return (client, key);
    }

    public sealed record AuditRow(string Action, string ActorId, string? ActorRole, string? TargetType, string? TargetId, string? ChannelId, string? Details);

    /// <summary>The audit log's entries for <paramref name="action"/>, oldest first, straight from the table.</summary>
    public static async Task<List<AuditRow>> AuditAsync(this TvNewsApp app, string action)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select action, actor_id, actor_role, target_type, target_id, channel_id, details::text from audit_log where action = @action order by id", connection);
        command.Parameters.AddWithValue("action", action);
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return rows;
    }

    /// <summary>One value from the test database (for state the API does not show).</summary>
    public static async Task<T?> ScalarAsync<T>(this TvNewsApp app, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }
}
