using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

public sealed record StoryPublishedDto(string ChannelId, string StoryId, string Title, long FeedVersion);

public sealed record FeedUpdatedDto(string ChannelId, long FeedVersion);

/// <summary>A real SignalR client over WebSockets receives what subscribers should, and nothing else.</summary>
public sealed class LiveUpdatesTests : IAsyncLifetime
{
    private TvNewsApp _app = null!;

    public async Task InitializeAsync() => _app = await TvNewsApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PublishingAStoryPushesStoryPublishedThenFeedUpdatedToSubscribers()
    {
        var events = Channel.CreateUnbounded<object>();
        await using var hub = _app.Hub();
        hub.On<StoryPublishedDto>("StoryPublished", e => events.Writer.TryWrite(e));
        hub.On<FeedUpdatedDto>("FeedUpdated", e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);

        var response = await _app.PostTextAsync(TestArticles.Small, publish: true);
        var ingest = (await response.Content.ReadFromJsonAsync<IngestDto>())!;

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var first = await events.Reader.ReadAsync(timeout.Token);
        var published = Assert.IsType<StoryPublishedDto>(first);
        Assert.Equal(TvNewsApp.ChannelId, published.ChannelId);
        Assert.Equal(ingest.StoryId.ToString("N"), published.StoryId);
        Assert.Equal("Ferry service resumes after storm", published.Title);
        Assert.True(published.FeedVersion > 0);
        var second = Assert.IsType<FeedUpdatedDto>(await events.Reader.ReadAsync(timeout.Token));
        Assert.Equal(published.FeedVersion, second.FeedVersion);

        // The pushed version is the one devices then fetch (the feed cache follows the commit by NOTIFY, so the
        // read waits for it, at most a few seconds).
        await _app.FeedAsync();
        var feed = await _app.CreateClient().GetAsync($"/channels/{TvNewsApp.ChannelId}/feeds/roku.json");
        Assert.StartsWith($"\"v{published.FeedVersion}-", feed.Headers.ETag?.Tag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewVersionOfAPublishedStoryIsReRenderedThenStoryUpdatedIsPushed()
    {
        var events = Channel.CreateUnbounded<object>();
        await using var hub = _app.Hub();
        hub.On<StoryPublishedDto>("StoryPublished", e => events.Writer.TryWrite(e));
        hub.On<StoryPublishedDto>("StoryUpdated", e => events.Writer.TryWrite(("updated", e)));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var ingest = (await (await _app.PostTextAsync(TestArticles.Small, publish: true)).Content.ReadFromJsonAsync<IngestDto>())!;
        Assert.IsType<StoryPublishedDto>(await events.Reader.ReadAsync(timeout.Token));

        // The source changes; nobody asks to publish again: the story on air picks the new version up by itself.
        var changed = TestArticles.Small.Replace("4,000 passengers", "5,000 passengers", StringComparison.Ordinal);
        var update = (await (await _app.PostTextAsync(changed, publish: false)).Content.ReadFromJsonAsync<IngestDto>())!;
        Assert.Equal(ingest.StoryId, update.StoryId);
        Assert.Equal(2, update.ArticleVersion);
        var (kind, updated) = ((string, StoryPublishedDto))await events.Reader.ReadAsync(timeout.Token);
        Assert.Equal("updated", kind);
        Assert.Equal(ingest.StoryId.ToString("N"), updated.StoryId);
        var story = (await _app.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{ingest.StoryId}"))!;
        Assert.Contains(story.Article.Paragraphs, p => p.Contains("5,000", StringComparison.Ordinal));
        Assert.Equal("ready", story.RenderState);
    }

    [Fact]
    public async Task DraftsPushNothing()
    {
        var events = Channel.CreateUnbounded<string>();
        await using var hub = _app.Hub();
        hub.On<StoryPublishedDto>("StoryPublished", e => events.Writer.TryWrite("StoryPublished"));
        hub.On<FeedUpdatedDto>("FeedUpdated", e => events.Writer.TryWrite("FeedUpdated"));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);

        (await _app.PostTextAsync(TestArticles.Small, publish: false)).EnsureSuccessStatusCode();
        // A round trip through the hub after the write: any event from the ingest would have been sent before it returns.
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);
        Assert.False(events.Reader.TryRead(out var unexpected), $"a draft pushed {unexpected}");
    }

    [Fact]
    public async Task SubscribingToAnUnknownChannelFailsClearly()
    {
        await using var hub = _app.Hub();
        await hub.StartAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", "no-such-channel"));
        Assert.Contains("no-such-channel", error.Message);
    }

    [Fact]
    public async Task LongPollingClientsAreServedToo()
    {
        await using var hub = _app.Hub(Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling);
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", TvNewsApp.ChannelId);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }
}
