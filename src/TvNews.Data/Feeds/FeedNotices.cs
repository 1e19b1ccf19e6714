using Dapper;
using Npgsql;

namespace TvNews.Data.Feeds;

/// <summary>
/// The NOTIFY channel of feed changes (migration 2026-12-03-100-feed-notify.sql): the payload is a channel id, sent at
/// commit whenever that channel's feed_version changes or one of its stories is retracted.
/// </summary>
public sealed class FeedNotices(NpgsqlDataSource db)
{
    public const string Channel = "tvnews_feed";

    /// <summary>Retracted stories of every channel: their render folders (media/stories/{id}) answer 410 Gone.</summary>
    public async Task<IReadOnlySet<string>> RetractedStoryIdsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var ids = await connection.QueryAsync<Guid>(new CommandDefinition(
            "select id from stories where state = 'retracted'", cancellationToken: ct));
        return ids.Select(id => id.ToString("N")).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
