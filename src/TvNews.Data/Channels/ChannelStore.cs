using Dapper;
using Npgsql;
using TvNews.Core.Channels;

namespace TvNews.Data.Channels;

public sealed record ChannelRow(ChannelManifest Manifest, long FeedVersion, DateTimeOffset FeedUpdatedAt);

public sealed class ChannelStore(NpgsqlDataSource db)
{
    /// <summary>Inserts or refreshes a channel from its manifest file; the feed version survives reloads.</summary>
    public async Task UpsertAsync(ChannelManifest manifest, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into channels (id, name, language, manifest, feed_version, feed_updated_at, loaded_at)
            values (@Id, @Name, @Language, @Manifest::jsonb, 0, @Now, @Now)
            on conflict (id) do update
               set name = excluded.name, language = excluded.language, manifest = excluded.manifest, loaded_at = excluded.loaded_at
            """, new { manifest.Id, manifest.Name, manifest.Language, Manifest = Json.Write(manifest), Now = now }, cancellationToken: ct));
    }

    public async Task<ChannelRow?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Manifest, long FeedVersion, DateTime FeedUpdatedAt)>(new CommandDefinition("""
            select manifest::text, feed_version, feed_updated_at from channels where id = @id
            """, new { id }, cancellationToken: ct));
        return row.Manifest is null ? null : new ChannelRow(Json.Read<ChannelManifest>(row.Manifest), row.FeedVersion, Utc(row.FeedUpdatedAt));
    }

    public async Task<IReadOnlyList<ChannelRow>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Manifest, long FeedVersion, DateTime FeedUpdatedAt)>(new CommandDefinition("""
            select manifest::text, feed_version, feed_updated_at from channels order by id
            """, cancellationToken: ct));
        return rows.Select(r => new ChannelRow(Json.Read<ChannelManifest>(r.Manifest), r.FeedVersion, Utc(r.FeedUpdatedAt))).ToList();
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
