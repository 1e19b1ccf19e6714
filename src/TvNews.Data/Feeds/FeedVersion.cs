using Dapper;
using Npgsql;

namespace TvNews.Data.Feeds;

/// <summary>
/// A channel's feed version: every change that alters what a device feed lists bumps it, in the transaction of the
/// change, and the bump's NOTIFY (migration 2026-12-03-100) drops every instance's cached feeds at commit.
/// </summary>
internal static class FeedVersion
{
    public static Task<long> BumpAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string channelId, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "update channels set feed_version = feed_version + 1, feed_updated_at = @now where id = @channelId returning feed_version",
            new { channelId, now }, tx, cancellationToken: ct));
}
