using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Data.Events;

namespace TvNews.Api.Tests;

public sealed record SeqFeedUpdatedDto(string ChannelId, long FeedVersion, long Seq);

public sealed record SeqBreakingStartedDto(string ChannelId, string Id, string Headline, string StoryId, long Seq);

public sealed record SeqBreakingEndedDto(string ChannelId, string Id, string Headline, long Seq);

public sealed record ResyncRequiredDto(string ChannelId, long LastSeq);

/// <summary>The outbox: public events are logged in the change's transaction with gap-free seqs and relayed once, with Seq.</summary>
public sealed class EventLogTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private TvNewsApp _app = null!;

    public async Task InitializeAsync() => _app = await TvNewsApp.StartAsync(settings: EventLogFixture.NoWorkers);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task BreakingNewsStartAndEndAreLoggedWithGapFreeSeqsAndPushedOnceWithSeqLast()
    {
        var (editor, _) = await _app.WithRoleAsync("editor");
        var events = Channel.CreateUnbounded<object>();
        await using var hub = _app.Hub();
        hub.On<SeqBreakingStartedDto>("BreakingNewsStarted", e => events.Writer.TryWrite(e));
        hub.On<SeqBreakingEndedDto>("BreakingNewsEnded", e => events.Writer.TryWrite(e));
        hub.On<SeqFeedUpdatedDto>("FeedUpdated", e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);

        var breaking = $"/api/channels/{TvNewsApp.ChannelId}/breaking";
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync(breaking, new { headline = "Bridge closed <after> \"storm\"" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.DeleteAsync(breaking)).StatusCode);

        using var timeout = new CancellationTokenSource(Timeout);
        var started = Assert.IsType<SeqBreakingStartedDto>(await events.Reader.ReadAsync(timeout.Token));
        Assert.Equal((1L, "Bridge closed <after> \"storm\""), (started.Seq, started.Headline));
        var feed1 = Assert.IsType<SeqFeedUpdatedDto>(await events.Reader.ReadAsync(timeout.Token));
        Assert.Equal(2, feed1.Seq);
        var ended = Assert.IsType<SeqBreakingEndedDto>(await events.Reader.ReadAsync(timeout.Token));
        Assert.Equal((3L, started.Id), (ended.Seq, ended.Id));
        var feed2 = Assert.IsType<SeqFeedUpdatedDto>(await events.Reader.ReadAsync(timeout.Token));
        Assert.Equal(4, feed2.Seq);
        Assert.True(feed2.FeedVersion > feed1.FeedVersion);

        // Each once: a hub round trip later nothing more has arrived.
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);
        Assert.False(events.Reader.TryRead(out var extra), $"pushed twice: {extra}");

        var types = await _app.ScalarAsync<string>(
            "select string_agg(type, ',' order by seq) from channel_events where channel_id = @c", ("c", TvNewsApp.ChannelId));
        Assert.Equal("BreakingNewsStarted,FeedUpdated,BreakingNewsEnded,FeedUpdated", types);
        Assert.Equal(4L, await _app.ScalarAsync<long>("select event_seq from channels where id = @c", ("c", TvNewsApp.ChannelId)));
    }

    [Fact]
    public async Task ARolledBackChangeLeavesNoEventAndTakesNoSeq()
    {
        var db = _app.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var connection = await db.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            Assert.Equal(1, await ChannelEventLog.AppendAsync(connection, tx, TvNewsApp.ChannelId, TimeProvider.System.GetUtcNow(), CancellationToken.None,
                ChannelEventTypes.Feed(TvNewsApp.ChannelId, 99)));
            await tx.RollbackAsync();
        }
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from channel_events"));
        Assert.Equal(1, await _app.AppendFeedUpdatedAsync(5));
        Assert.Equal(2, await _app.AppendFeedUpdatedAsync(6));
    }

    [Fact]
    public async Task ResumeReplaysWhatWasMissedThenGetsLiveEventsEachOnceInOrder()
    {
        for (var v = 1; v <= 3; v++) await _app.AppendFeedUpdatedAsync(v);
        var seqs = Channel.CreateUnbounded<long>();
        await using var hub = _app.Hub();
        hub.On<SeqFeedUpdatedDto>("FeedUpdated", e => seqs.Writer.TryWrite(e.Seq));
        await hub.StartAsync();

        await hub.InvokeAsync("Resume", TvNewsApp.ChannelId, 1L);
        var live = _app.AppendFeedUpdatedAsync(4);
        using var timeout = new CancellationTokenSource(Timeout);
        var got = new List<long>();
        for (var i = 0; i < 3; i++) got.Add(await seqs.Reader.ReadAsync(timeout.Token));
        Assert.Equal([2L, 3L, 4L], got);
        Assert.Equal(4, await live);
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);
        Assert.False(seqs.Reader.TryRead(out var extra), $"seq {extra} came twice");
    }

    [Fact]
    public async Task ResumeFromAPositionPastTheRetentionSendsResyncRequired()
    {
        await _app.AppendFeedUpdatedAsync(1, TimeProvider.System.GetUtcNow().AddDays(-30));
        await _app.AppendFeedUpdatedAsync(2, TimeProvider.System.GetUtcNow().AddDays(-30));
        await _app.AppendFeedUpdatedAsync(3);
        // What the cleanup worker does at Live:EventRetention (7 days by default).
        Assert.Equal(2, await _app.Services.GetRequiredService<ChannelEventLog>().DeleteOlderThanAsync(TimeProvider.System.GetUtcNow().AddDays(-7), CancellationToken.None));

        var resync = new TaskCompletionSource<ResyncRequiredDto>();
        var replayed = Channel.CreateUnbounded<long>();
        await using var hub = _app.Hub();
        hub.On<ResyncRequiredDto>("ResyncRequired", e => resync.TrySetResult(e));
        hub.On<SeqFeedUpdatedDto>("FeedUpdated", e => replayed.Writer.TryWrite(e.Seq));
        await hub.StartAsync();

        await hub.InvokeAsync("Resume", TvNewsApp.ChannelId, 1L);
        var e = await resync.Task.WaitAsync(Timeout);
        Assert.Equal((TvNewsApp.ChannelId, 3L), (e.ChannelId, e.LastSeq));
        Assert.False(replayed.Reader.TryRead(out _));

        // From the oldest kept position there is no gap: seq 3 is replayed.
        await hub.InvokeAsync("Resume", TvNewsApp.ChannelId, 2L);
        using var timeout = new CancellationTokenSource(Timeout);
        Assert.Equal(3, await replayed.Reader.ReadAsync(timeout.Token));
    }
}
