using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using TvNews.Api.Feeds;
using TvNews.Api.Tests.Infrastructure;
using static TvNews.Api.Tests.Infrastructure.LifecycleApp;

namespace TvNews.Api.Tests;

/// <summary>How every feed is served: built once per feed version, revalidated with 304, pre-compressed, CORS open.</summary>
public sealed class FeedServingTests : IAsyncLifetime
{
    private const string Url = $"/channels/{TvNewsApp.ChannelId}/feeds/roku.json";
    private LifecycleApp _app = null!;

    public async Task InitializeAsync() => _app = await LifecycleApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> OnAirAsync(string headline = "Ferry service resumes after storm")
    {
        var id = await _app.DraftAsync(headline);
        var publish = await _app.Client(EditorKey).PostAsync($"/api/stories/{id}/publish", null);
        Assert.True(publish.IsSuccessStatusCode, await publish.Content.ReadAsStringAsync());
        await _app.RenderAsync(id);
        await _app.App.FeedAsync();
        return id;
    }

    [Fact]
    public async Task AWarmFeedIsServedFromMemoryAndAFeedVersionChangeRebuildsIt()
    {
        await OnAirAsync();
        var cache = _app.App.Services.GetRequiredService<FeedCache>();
        Assert.True(cache.IsLive, "the feed listener is not connected");
        var client = _app.App.CreateClient();
        var first = await client.GetAsync(Url);
        var builds = cache.Builds;
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url)).StatusCode);
        Assert.Equal(builds, cache.Builds);

        // Any bump of feed_version (here straight in SQL, as another instance would commit it) reaches this instance.
        await _app.ScalarAsync("update channels set feed_version = feed_version + 1 where id = @p returning feed_version", TvNewsApp.ChannelId);
        await _app.App.FeedAsync();
        Assert.Equal(builds + 1, cache.Builds);
        Assert.NotEqual(first.Headers.ETag, (await client.GetAsync(Url)).Headers.ETag);
    }

    [Fact]
    public async Task RevalidationAnswers304ByETagOrLastModifiedWithCdnHeaders()
    {
        await OnAirAsync();
        var client = _app.App.CreateClient();
        var first = await client.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, max-age=30, stale-while-revalidate=60", first.Headers.CacheControl?.ToString());
        Assert.Contains("Accept-Encoding", first.Headers.Vary);
        Assert.Equal("*", first.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var byTag = new HttpRequestMessage(HttpMethod.Get, Url);
        byTag.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var byDate = new HttpRequestMessage(HttpMethod.Get, Url);
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byDate)).StatusCode);

        // A list, a weak tag and another representation's tag of the same version all match (weak comparison).
        var brotliTag = etag.Tag.TrimEnd('"') + "-br\"";
        foreach (var header in new[] { $"\"other\", {etag.Tag}", $"W/{etag.Tag}", brotliTag, "*" })
        {
            using var listed = new HttpRequestMessage(HttpMethod.Get, Url);
            listed.Headers.TryAddWithoutValidation("If-None-Match", header);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(listed)).StatusCode);
        }

        using var stale = new HttpRequestMessage(HttpMethod.Get, Url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"v0-0000000000000000\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Theory]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip;q=0.5", "gzip")]
    [InlineData("identity", null)]
    [InlineData("*", "br")]
    [InlineData("GZIP;Q=0.9, br;q=0.5", "gzip")]
    [InlineData("gzip;q=0, *;q=0.3", "br")]
    [InlineData("*;q=0", null)]
    public async Task TheBodyIsPreCompressedAsAcceptEncodingAsks(string acceptEncoding, string? expected)
    {
        await OnAirAsync();
        var plain = await _app.App.FeedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await _app.App.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected is null ? [] : [expected], response.Content.Headers.ContentEncoding);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Stream body = expected switch
        {
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            _ => new MemoryStream(bytes),
        };
        using var reader = new StreamReader(body);
        Assert.Equal(plain, await reader.ReadToEndAsync());
        if (expected is not null) Assert.True(bytes.Length < System.Text.Encoding.UTF8.GetByteCount(plain) / 2, $"{bytes.Length} bytes");
    }

    [Fact]
    public async Task TheRundownIsTheFeedsRundownPlaylistAndSavingItIsAFeedChange()
    {
        var first = await OnAirAsync();
        var second = await OnAirAsync("Floods close the coast road");
        var draft = await _app.DraftAsync("Not on air yet");
        var before = await _app.ScalarAsync("select feed_version from channels where id = @p", TvNewsApp.ChannelId);

        var put = await _app.Client(EditorKey).SendAsync(Request(HttpMethod.Put, $"/api/channels/{TvNewsApp.ChannelId}/rundown", new
        {
            items = new[] { new { storyId = second }, new { storyId = draft }, new { storyId = first } },
        }, ifMatch: "*"));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        Assert.Equal(before + 1, await _app.ScalarAsync("select feed_version from channels where id = @p", TvNewsApp.ChannelId));
        Assert.Equal(1, await _app.ScalarAsync(
            "select count(*) from channel_events where channel_id = @p and type = 'FeedUpdated' and (data->>'feedVersion')::bigint = " + (before + 1),
            TvNewsApp.ChannelId));
        var feed = await _app.FeedAsync();
        var playlist = feed.GetProperty("playlists").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "rundown");
        // In rundown order, and only what the feed lists: the draft is not on air.
        Assert.Equal([second.ToString("N"), first.ToString("N")], playlist.GetProperty("itemIds").EnumerateArray().Select(i => i.GetString()));
        var top = feed.GetProperty("categories")[0];
        Assert.Equal(("Top Stories", "rundown", "manual"),
            (top.GetProperty("name").GetString(), top.GetProperty("playlistName").GetString(), top.GetProperty("order").GetString()));
    }

    [Fact]
    public async Task MediaOfARetractedStoryIsGone()
    {
        var id = await OnAirAsync();
        var mediaUrl = $"/media/stories/{id:N}/r1a1-00000000/thumb.jpg";
        Assert.Equal(HttpStatusCode.NotFound, (await _app.App.CreateClient().GetAsync(mediaUrl)).StatusCode);
        var retract = await _app.Client(EditorKey).SendAsync(Request(HttpMethod.Post, $"/api/stories/{id}/retract", new { reason = "Wrong figures." }));
        Assert.True(retract.IsSuccessStatusCode, await retract.Content.ReadAsStringAsync());
        Assert.DoesNotContain(id.ToString("N"), await _app.App.FeedAsync());

        var waited = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage gone;
        while ((gone = await _app.App.CreateClient().GetAsync(mediaUrl)).StatusCode != HttpStatusCode.Gone && waited.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(20);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
    }
}
