using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TvNews.Data.Events;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>Appends public events as a writer does (its own committed transaction), for tests of the relay and the device endpoints.</summary>
public static class EventLogFixture
{
    public static async Task<long> AppendFeedUpdatedAsync(this TvNewsApp app, long feedVersion, DateTimeOffset? at = null, string channelId = TvNewsApp.ChannelId)
    {
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var seq = await ChannelEventLog.AppendAsync(connection, tx, channelId, at ?? app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None,
            ChannelEventTypes.Feed(channelId, feedVersion));
        await tx.CommitAsync();
        return seq;
    }

    /// <summary>Settings for apps that need no renders (the tests here make events without video).</summary>
    public static readonly IReadOnlyDictionary<string, string> NoWorkers = new Dictionary<string, string>
    {
        ["Render:Worker"] = "false",
        ["Live:SseHeartbeat"] = "00:00:00.300",
    };
}
