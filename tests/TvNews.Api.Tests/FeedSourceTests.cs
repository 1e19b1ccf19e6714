using System.Net.Http.Json;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>A channel's RSS source polled from a real HTTP server: new entries ingested once, then conditional GETs.</summary>
public sealed class FeedSourceTests : IAsyncLifetime
{
    private TvNewsApp _app = null!;
    private OriginServer _origin = null!;

    public async Task InitializeAsync()
    {
        _origin = await OriginServer.StartAsync();
        var feedUrl = new Uri(_origin.BaseUrl, "rss.xml").AbsoluteUri;
        _origin.Put("/news/summary-only", """
            <html><head><title>Port strike ends | Harbour Times</title></head><body><article><h1>Port strike ends after nine days</h1>
            <p>Dock workers returned to the cranes on Friday after a nine-day strike over shift patterns ended with a new agreement.</p>
            <p>The agreement adds a fourth shift team and caps night work at three shifts a week, the union said.</p></article></body></html>
            """, "text/html");
        _origin.Put("/rss.xml", $$"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/">
              <channel><title>Harbour Times</title><link>{{_origin.BaseUrl}}</link><description>News</description>
                <item><guid>ht-1</guid><title>Council approves new tram line</title><link>{{_origin.BaseUrl}}news/tram</link>
                  <pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate>
                  <media:content url="{{_origin.BaseUrl}}img/tram.jpg" medium="image"><media:description>The tram depot.</media:description><media:credit>Ana Ruiz</media:credit></media:content>
                  <content:encoded><![CDATA[<p>The city council voted on Monday to build a new tram line linking the harbour to the university, at a cost of 400 million.</p><p>Construction starts next spring and the first trams should run in 2028, the transport committee said in a statement.</p><p>Opponents said the money would be better spent on buses, which reach more of the city's outer districts.</p>]]></content:encoded>
                </item>
                <item><guid>ht-2</guid><title>Port strike ends</title><link>{{_origin.BaseUrl}}news/summary-only</link>
                  <pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate><description>Dock workers are back.</description></item>
              </channel></rss>
            """, "application/rss+xml");
        _app = await TvNewsApp.StartAsync(manifest => manifest.Replace(
            "\"siteRules\": [ \"presstv\" ],",
            $$"""
            "siteRules": [ "presstv" ],
            "ingest": { "sources": [ { "url": "{{feedUrl}}", "pollMinutes": 1, "publish": false } ] },
            """, StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _origin.DisposeAsync();
    }

    [Fact]
    public async Task NewEntriesAreIngestedFromFullTextOrTheirPageAndOnlyOnce()
    {
        // The source is due at start; the worker polls every 200 ms in tests.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await _app.Database.CountAsync("stories") < 2 && waited.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(100);
        Assert.Equal(2, await _app.Database.CountAsync("stories"));
        Assert.Equal(1, _origin.Hits.GetValueOrDefault("/news/summary-only"));
        Assert.Equal(0, _origin.Hits.GetValueOrDefault("/news/tram")); // full text in the feed: no page fetch

        await using var connection = new Npgsql.NpgsqlConnection(_app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select article->>'headline', article->'leadImage'->>'credit', article->>'sourceUrl' from articles order by created_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string Headline, string? Credit, string? Source)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        Assert.Equal("Council approves new tram line", rows[0].Headline);
        Assert.Equal("Ana Ruiz", rows[0].Credit);
        Assert.Equal("Port strike ends after nine days", rows[1].Headline);
        Assert.EndsWith("/news/summary-only", rows[1].Source);
    }

    [Fact]
    public async Task AnUnchangedFeedIsRevalidatedWithConditionalGetAndAddsNothing()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = new Npgsql.NpgsqlConnection(_app.Database.ConnectionString);
        await connection.OpenAsync();
        // The first poll is over when it is recorded; forcing the source due before that would race the poll's own
        // "next poll in pollMinutes" write (stories appear before it).
        await using var polled = new Npgsql.NpgsqlCommand("select count(*) from feed_sources where last_polled_at is not null and lease_until is null", connection);
        while ((await _app.Database.CountAsync("stories") < 2 || (long)(await polled.ExecuteScalarAsync())! == 0) && waited.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(100);
        // Make the source due again, as the schedule would after pollMinutes.
        await using (var due = new Npgsql.NpgsqlCommand("update feed_sources set next_poll_at = now() - interval '1 second'", connection))
        {
            await due.ExecuteNonQueryAsync();
        }
        waited.Restart();
        while (_origin.NotModified.GetValueOrDefault("/rss.xml") == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(100);
        Assert.True(_origin.NotModified.GetValueOrDefault("/rss.xml") >= 1, "the second poll should send If-None-Match and get 304");
        Assert.Equal(2, await _app.Database.CountAsync("stories"));
    }
}
