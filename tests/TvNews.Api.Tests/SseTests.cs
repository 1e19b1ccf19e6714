using System.Net;
using System.Text.Json;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>GET /channels/{id}/events: Server-Sent Events with id = seq and event = type, resumable with Last-Event-ID.</summary>
public sealed class SseTests : IAsyncLifetime
{
    private static readonly string Events = $"/channels/{TvNewsApp.ChannelId}/events";
    private TvNewsApp _app = null!;

    public async Task InitializeAsync() => _app = await TvNewsApp.StartAsync(settings: EventLogFixture.NoWorkers);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed record SseMessage(string? Id, string? Event, string? Data, string? Comment);

    /// <summary>Reads one message (up to a blank line) from the stream.</summary>
    private static async Task<SseMessage> ReadMessageAsync(StreamReader reader, CancellationToken ct)
    {
        string? id = null, type = null, data = null, comment = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) return new(id, type, data, comment);
            if (line.StartsWith(':')) comment = line[1..].Trim();
            else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }
        throw new EndOfStreamException("the stream ended");
    }

    private async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenAsync(string? lastEventId, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Events);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await _app.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync(ct)));
    }

    [Fact]
    public async Task TheStreamResumesAfterLastEventIdThenSendsNewEventsAndHeartbeats()
    {
        for (var v = 1; v <= 3; v++) await _app.AppendFeedUpdatedAsync(v);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (response, reader) = await OpenAsync("1", timeout.Token);
        using (response)
        using (reader)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Equal("connected", (await ReadMessageAsync(reader, timeout.Token)).Comment);

            var second = await ReadMessageAsync(reader, timeout.Token);
            Assert.Equal(("2", "FeedUpdated"), (second.Id, second.Event));
            var data = JsonDocument.Parse(second.Data!).RootElement;
            Assert.Equal(2, data.GetProperty("seq").GetInt64());
            Assert.Equal(2, data.GetProperty("data").GetProperty("feedVersion").GetInt64());
            Assert.Equal("3", (await ReadMessageAsync(reader, timeout.Token)).Id);

            // Idle: a heartbeat comment (Live:SseHeartbeat is 0.3 s here), then the next event as it commits.
            Assert.Equal("heartbeat", (await ReadMessageAsync(reader, timeout.Token)).Comment);
            await _app.AppendFeedUpdatedAsync(4);
            SseMessage next;
            do next = await ReadMessageAsync(reader, timeout.Token); while (next.Comment == "heartbeat");
            Assert.Equal(("4", "FeedUpdated"), (next.Id, next.Event));
        }
    }

    [Fact]
    public async Task WithoutLastEventIdTheStreamStartsAtTheCurrentPosition()
    {
        await _app.AppendFeedUpdatedAsync(1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (response, reader) = await OpenAsync(null, timeout.Token);
        using (response)
        using (reader)
        {
            Assert.Equal("connected", (await ReadMessageAsync(reader, timeout.Token)).Comment);
            await _app.AppendFeedUpdatedAsync(2);
            SseMessage next;
            do next = await ReadMessageAsync(reader, timeout.Token); while (next.Comment == "heartbeat");
            Assert.Equal("2", next.Id);
        }
    }

    [Fact]
    public async Task ABadLastEventIdIsAProblemAndAnUnknownChannelIsNotFound()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var (bad, _) = await OpenAsync("yesterday", timeout.Token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var unknown = await _app.CreateClient().GetAsync("/channels/no-such-channel/events", timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
