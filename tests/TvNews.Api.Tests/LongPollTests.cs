using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

public sealed record ChangeEventDto(long Seq, string Type, DateTimeOffset At, JsonElement Data);

public sealed record ChangesDto(string ChannelId, long LastSeq, bool ResyncRequired, List<ChangeEventDto> Events);

/// <summary>GET /channels/{id}/changes: the long-poll Roku devices use instead of a WebSocket.</summary>
public sealed class LongPollTests : IAsyncLifetime
{
    private static readonly string Changes = $"/channels/{TvNewsApp.ChannelId}/changes";
    private TvNewsApp _app = null!;

    public async Task InitializeAsync() => _app = await TvNewsApp.StartAsync(settings: EventLogFixture.NoWorkers);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ChangesAnswersAtOnceWithTheEventsAfterSinceWithOpenCors()
    {
        for (var v = 1; v <= 3; v++) await _app.AppendFeedUpdatedAsync(v);
        var client = _app.CreateClient();

        var response = await client.GetAsync($"{Changes}?since=1&wait=20");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var json = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"channelId\":\"sample-news\",\"lastSeq\":3,\"resyncRequired\":false,\"events\":[{\"seq\":2,\"type\":\"FeedUpdated\",\"at\":", json);
        var changes = JsonSerializer.Deserialize<ChangesDto>(json, JsonSerializerOptions.Web)!;
        Assert.Equal([2L, 3L], changes.Events.Select(e => e.Seq));
        Assert.Equal(3, changes.Events[1].Data.GetProperty("feedVersion").GetInt64());

        // Without since: the current position, at once (where a new device starts).
        var start = (await client.GetFromJsonAsync<ChangesDto>(Changes))!;
        Assert.Equal((3L, 0), (start.LastSeq, start.Events.Count));
    }

    [Fact]
    public async Task AParkedLongPollIsAnsweredByTheNextEvent()
    {
        await _app.AppendFeedUpdatedAsync(1);
        var client = _app.CreateClient();
        var clock = Stopwatch.StartNew();
        var poll = client.GetFromJsonAsync<ChangesDto>($"{Changes}?since=1&wait=20");
        await Task.Delay(300);
        Assert.False(poll.IsCompleted, "answered before anything happened");

        await _app.AppendFeedUpdatedAsync(2);
        var changes = await poll.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Assert.Single(changes!.Events).Seq);
        Assert.Equal(2, changes.LastSeq);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task AWaitThatEndsWithNothingNewAnswersTheSamePosition()
    {
        await _app.AppendFeedUpdatedAsync(1);
        var changes = (await _app.CreateClient().GetFromJsonAsync<ChangesDto>($"{Changes}?since=1&wait=1"))!;
        Assert.Equal((1L, false, 0), (changes.LastSeq, changes.ResyncRequired, changes.Events.Count));
    }

    [Fact]
    public async Task APositionPastTheRetentionAnswersResyncRequired()
    {
        await _app.AppendFeedUpdatedAsync(1, TimeProvider.System.GetUtcNow().AddDays(-30));
        await _app.AppendFeedUpdatedAsync(2);
        await _app.ScalarAsync<int>("delete from channel_events where seq = 1");
        var changes = (await _app.CreateClient().GetFromJsonAsync<ChangesDto>($"{Changes}?since=0"))!;
        Assert.Equal((2L, true, 0), (changes.LastSeq, changes.ResyncRequired, changes.Events.Count));
        // Ahead of the log (another database): resync too.
        Assert.True((await _app.CreateClient().GetFromJsonAsync<ChangesDto>($"{Changes}?since=50"))!.ResyncRequired);
    }

    [Theory]
    [InlineData("?since=-1", "since")]
    [InlineData("?since=abc", "since")]
    [InlineData("?since=0&wait=26", "wait")]
    [InlineData("?since=0&wait=x", "wait")]
    public async Task BadSinceOrWaitIsAProblemThatSaysWhy(string query, string named)
    {
        var response = await _app.CreateClient().GetAsync(Changes + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith(named + " must be", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUnknownChannelIsNotFound()
    {
        var response = await _app.CreateClient().GetAsync("/channels/no-such-channel/changes?since=0");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
