using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>
/// Issue 8 through the front door: the live channel's playlists, guide and Roku entry, on a fake clock over real
/// renders, real PostgreSQL and real ffmpeg. Tests share one channel and only ever move its clock forward.
/// </summary>
[Collection(LiveChannelCollection.Name)]
public sealed class LiveChannelTests(LiveChannelFixture live)
{
    private static readonly string[] Rungs = ["1080p", "720p", "360p"];

    private sealed record Segment(string Uri, double Seconds, long Msn, long Timeline, DateTimeOffset Start)
    {
        public DateTimeOffset End => Start.AddSeconds(Seconds);
    }

    /// <summary>m3u8-parser's view of a media playlist: segments with their media sequence, timeline and start.</summary>
    private static List<Segment> Segments(JsonElement parsed)
    {
        Assert.Empty(parsed.GetProperty("warnings").EnumerateArray());
        var manifest = parsed.GetProperty("manifest");
        var msn = manifest.GetProperty("mediaSequence").GetInt64();
        var segments = new List<Segment>();
        DateTimeOffset? at = null;
        foreach (var s in manifest.GetProperty("segments").EnumerateArray())
        {
            if (s.GetProperty("dateTimeString").GetString() is { } date) at = DateTimeOffset.Parse(date, CultureInfo.InvariantCulture);
            Assert.NotNull(at);
            var seconds = s.GetProperty("duration").GetDouble();
            segments.Add(new Segment(s.GetProperty("uri").GetString()!, seconds, msn + segments.Count, s.GetProperty("timeline").GetInt64(), at.Value));
            at = at.Value.AddSeconds(seconds);
        }
        return segments;
    }

    [Fact]
    public async Task PlaylistSnapshotsAtManyInstantsParseAndStayConsistentAsTheWindowSlides()
    {
        var client = live.App.CreateClient();
        using (var master = await client.GetAsync(LiveChannelFixture.LivePath("index.m3u8")))
        {
            Assert.Equal(HttpStatusCode.OK, master.StatusCode);
            Assert.Equal("application/vnd.apple.mpegurl", master.Content.Headers.ContentType!.MediaType);
            Assert.Equal("*", master.Headers.GetValues("Access-Control-Allow-Origin").Single());
            var parsed = LiveChannelFixture.ParseWithM3u8Parser([await master.Content.ReadAsStringAsync()])[0];
            Assert.Empty(parsed.GetProperty("warnings").EnumerateArray());
            var variants = parsed.GetProperty("manifest").GetProperty("playlists").EnumerateArray().ToList();
            Assert.Equal(Rungs.Select(r => r + ".m3u8"), variants.Select(v => v.GetProperty("uri").GetString()));
            Assert.Equal([1080, 720, 360], variants.Select(v => v.GetProperty("attributes").GetProperty("RESOLUTION").GetProperty("height").GetInt32()));
            Assert.All(variants, v => Assert.EndsWith(",mp4a.40.2", v.GetProperty("attributes").GetProperty("CODECS").GetString()));
            // The ≈400 kbps rung: what the stories' own masters measured, well under half a megabit.
            Assert.InRange(variants[2].GetProperty("attributes").GetProperty("BANDWIDTH").GetInt64(), 10_000, 500_000);
        }

        var snapshots = new List<(string Rung, DateTimeOffset At, string Text)>();
        for (var step = 0; step < 60; step++)
        {
            live.Clock.Advance(TimeSpan.FromSeconds(2.3));
            foreach (var rung in Rungs)
            {
                using var response = await client.GetAsync(LiveChannelFixture.LivePath(rung + ".m3u8"));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, body);
                Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType!.MediaType);
                Assert.Equal("public, max-age=1", response.Headers.CacheControl!.ToString());
                snapshots.Add((rung, live.Clock.GetUtcNow(), body));
            }
        }

        var parsedAll = LiveChannelFixture.ParseWithM3u8Parser(snapshots.Select(s => s.Text).ToList());
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rung in Rungs)
        {
            long lastMsn = -1, lastDsn = -1;
            var bySequence = new Dictionary<long, (string Uri, long Timeline)>();
            for (var i = 0; i < snapshots.Count; i++)
            {
                if (snapshots[i].Rung != rung) continue;
                var manifest = parsedAll[i].GetProperty("manifest");
                Assert.Equal(6, manifest.GetProperty("targetDuration").GetInt32());
                Assert.False(manifest.GetProperty("endList").GetBoolean());
                var msn = manifest.GetProperty("mediaSequence").GetInt64();
                var dsn = manifest.GetProperty("discontinuitySequence").GetInt64();
                Assert.True(msn >= lastMsn && dsn >= lastDsn, $"sequences went back at {snapshots[i].At:O}: {msn}/{dsn} after {lastMsn}/{lastDsn}");
                (lastMsn, lastDsn) = (msn, dsn);
                var segments = Segments(parsedAll[i]);
                Assert.True(segments.Sum(s => s.Seconds) >= 60, "a live window of at least a minute");
                Assert.All(segments, s => Assert.True(s.Seconds <= 6.0005 && s.End <= snapshots[i].At.AddMilliseconds(1), "only segments that have ended"));
                Assert.All(segments, s => Assert.Contains($"/{rung}_", s.Uri, StringComparison.Ordinal));
                foreach (var s in segments)
                {
                    if (bySequence.TryGetValue(s.Msn, out var seen)) Assert.Equal(seen, (s.Uri, s.Timeline));
                    else bySequence[s.Msn] = (s.Uri, s.Timeline);
                    urls.Add(s.Uri);
                }
            }
            Assert.True(bySequence.Count > 30, $"{rung}: {bySequence.Count} segments seen");
            // Between stories the timeline moved on: discontinuities were there.
            Assert.True(bySequence.Values.Select(v => v.Timeline).Distinct().Count() > 3);
        }

        // Every segment named is one of the stories' (or the ident's) /media files, and is served.
        foreach (var url in urls)
        {
            using var segment = await live.App.GetAbsoluteAsync(url);
            Assert.True(segment.StatusCode == HttpStatusCode.OK, url);
            Assert.Equal("video/mp2t", segment.Content.Headers.ContentType!.MediaType);
        }
        Assert.Contains(urls, u => live.Owner(u) == LiveChannelFixture.Headlines[0]);
        Assert.Contains(urls, u => live.Owner(u) == "other"); // the ident
    }

    [Fact]
    public async Task FfmpegReadsTwentySecondsOfTheStreamWithoutErrors()
    {
        live.Clock.Advance(TimeSpan.FromSeconds(31));
        var url = new Uri(live.Proxy.BaseUrl, LiveChannelFixture.LivePath("360p.m3u8").TrimStart('/')).AbsoluteUri;
        // From the first segment of the window (so it never waits for the playlist to grow), 20 s decoded frame by frame.
        var result = await TvNews.Testing.Tool.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-live_start_index", "0", "-i", url,
            "-t", "20", "-map", "0:v:0", "-map", "0:a:0", "-f", "framemd5", "-");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("", result.StandardError.Trim());
        var frames = result.Text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var video = frames.Count(l => l.StartsWith("0,", StringComparison.Ordinal));
        Assert.InRange(video, 590, 610);
        Assert.Contains(frames, l => l.StartsWith("1,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheGuideSaysWhatTheStreamPlaysAtSeveralInstants()
    {
        live.Clock.Advance(TimeSpan.FromSeconds(17));
        var from = live.Clock.GetUtcNow();
        using var response = await live.App.CreateClient().GetAsync($"/channels/{TvNewsApp.ChannelId}/epg.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var guide = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var programmes = guide.Root!.Elements("programme").Select(p => (
            Start: DateTimeOffset.ParseExact(p.Attribute("start")!.Value, "yyyyMMddHHmmss zzz", CultureInfo.InvariantCulture),
            Stop: DateTimeOffset.ParseExact(p.Attribute("stop")!.Value, "yyyyMMddHHmmss zzz", CultureInfo.InvariantCulture),
            Title: p.Element("title")!.Value)).ToList();
        Assert.True(programmes[0].Start <= from && programmes[^1].Stop >= from.AddHours(23.9), "the next 24 hours");
        Assert.All(programmes, p => Assert.Contains(p.Title, LiveChannelFixture.Headlines));

        // Later, the stream plays what the guide said it would (the ident after a story is part of its programme).
        var compared = 0;
        string? lastStory = null;
        for (var at = from.AddSeconds(3); at < from.AddMinutes(4); at = at.AddSeconds(4.9))
        {
            live.Clock.Advance(at.AddSeconds(7) - live.Clock.GetUtcNow());
            var segments = Segments(LiveChannelFixture.ParseWithM3u8Parser([await live.GetTextAsync(LiveChannelFixture.LivePath("360p.m3u8"))])[0]);
            var playing = segments.Single(s => s.Start <= at && s.End > at);
            var owner = live.Owner(playing.Uri);
            if (owner != "other") lastStory = owner;
            var expected = programmes.Single(p => p.Start <= at && p.Stop > at);
            // XMLTV is in whole seconds: skip instants within a second of a programme boundary.
            if (lastStory is null || (at - expected.Start).TotalSeconds < 1 || (expected.Stop - at).TotalSeconds < 1) continue;
            if (expected.Title != lastStory) Assert.Fail(await AsRunAsync());
            Assert.True(expected.Title == lastStory, $"at {at:O}: the guide says {expected.Title} ({expected.Start:O} to {expected.Stop:O}), the stream plays {lastStory} ({playing.Uri} from {playing.Start:O}); guide: {string.Join("; ", programmes.Take(12).Select(p => $"{p.Start:HH:mm:ss}-{p.Stop:HH:mm:ss} {p.Title}"))}");
            compared++;
        }
        Assert.True(compared >= 20, $"compared {compared} instants");
    }

    [Fact]
    public async Task BreakingNewsTakesOverAtTheNextSegmentBoundaryAndTheLoopResumes()
    {
        live.Clock.Advance(TimeSpan.FromSeconds(41));
        // Into a story: at least 7 s in, with more than one segment left, so the cut and the resume both show.
        var cutStory = await MoveIntoAStoryAsync();
        var started = live.Clock.GetUtcNow();

        var editor = live.App.Producer();
        var start = await editor.PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/breaking", new { headline = "Storm warning for all islands" });
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        // Ended whatever happens: the other tests of the collection share this channel and expect no breaking news.
        try
        {
            var card = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
            var cardStory = card.GetProperty("onAirStoryId").GetString()!;

            // The card renders (real ffmpeg, a few real seconds) while the channel's clock stands still; the next playlist
            // request after it is ready makes the takeover, at the first segment boundary after now.
            await live.App.WaitForRenderAsync(Guid.Parse(cardStory), TimeSpan.FromMinutes(2));
            await live.GetTextAsync(LiveChannelFixture.LivePath("360p.m3u8"));
            live.Clock.Advance(TimeSpan.FromSeconds(50));
            var segments = Segments(LiveChannelFixture.ParseWithM3u8Parser([await live.GetTextAsync(LiveChannelFixture.LivePath("360p.m3u8"))])[0]);
            var cardStart = segments.FindIndex(s => s.Start >= started && live.Owner(s.Uri) == "other" && s.Uri.Contains(CardFolderPart(cardStory), StringComparison.Ordinal));
            Assert.True(cardStart > 0, "the breaking card is on the stream");
            var before = segments[cardStart - 1];
            Assert.Equal(cutStory.Headline, live.Owner(before.Uri));
            Assert.True(before.End > started && before.Start <= started, "the segment on air when the news broke played to its end");
            Assert.Equal(before.End, segments[cardStart].Start);
            Assert.Equal(before.Timeline + 1, segments[cardStart].Timeline);
            var cutAt = int.Parse(before.Uri[(before.Uri.LastIndexOf('_') + 1)..^3], CultureInfo.InvariantCulture);

            // Then the ident, then the rest of the story that was cut, from the next segment.
            var after = segments.Skip(cardStart + 1).SkipWhile(s => s.Uri.Contains(CardFolderPart(cardStory), StringComparison.Ordinal)).ToList();
            Assert.Equal("other", live.Owner(after[0].Uri));
            var resumed = after.First(s => live.Owner(s.Uri) != "other");
            Assert.Equal(cutStory.Headline, live.Owner(resumed.Uri));
            Assert.EndsWith($"_{cutAt + 1:000}.ts", resumed.Uri);

            var row = await ScalarAsync("select count(*) from live_as_run where cut_reason = 'breaking' and cut_at <= @p", started.AddSeconds(6));
            Assert.Equal(1, row);
        }
        finally
        {
            var ended = await editor.DeleteAsync($"/api/channels/{TvNewsApp.ChannelId}/breaking");
            Assert.True(ended.IsSuccessStatusCode, await ended.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ANewInstanceOnTheSameDatabaseServesTheSamePlaylistAtTheSameInstant()
    {
        live.Clock.Advance(TimeSpan.FromSeconds(23));
        var clock = new FakeTimeProvider(live.Clock.GetUtcNow());
        var settings = new Dictionary<string, string>(LiveChannelFixture.Settings) { ["TvNews:PublicBaseUrl"] = live.Proxy.BaseUrl.AbsoluteUri };
        await using var second = await TvNewsApp.StartAsync(LiveChannelFixture.SmallChannel, settings,
            s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), sharedWith: live.App);
        foreach (var step in new[] { 0, 7, 19, 60 })
        {
            live.Clock.Advance(TimeSpan.FromSeconds(step));
            clock.Advance(TimeSpan.FromSeconds(step));
            // The new instance asks first, so it is the one that extends the log; the old one reads what it wrote.
            foreach (var rung in Rungs)
            {
                var fresh = await live.GetTextAsync(LiveChannelFixture.LivePath(rung + ".m3u8"), second);
                Assert.Equal(fresh, await live.GetTextAsync(LiveChannelFixture.LivePath(rung + ".m3u8")));
            }
        }
        Assert.Equal(await live.GetTextAsync(LiveChannelFixture.LivePath("index.m3u8"), second), await live.GetTextAsync(LiveChannelFixture.LivePath("index.m3u8")));
    }

    [Fact]
    public async Task ARundownEditTakesEffectAtTheNextStoryBoundaryAndTheAsRunLogSaysSo()
    {
        live.Clock.Advance(TimeSpan.FromSeconds(11));
        var playing = await MoveIntoAStoryAsync();
        var playingId = live.Stories.Single(s => s.Article.Headline == playing.Headline).Id;
        // The other two, reversed, go first and the playing story last: after it, the new first item plays.
        var rest = live.Stories.Where(s => s.Id != playingId).Reverse().ToList();
        try
        {
            await PutRundownAsync(rest.Select(s => s.Id).Append(playingId));
            live.Clock.Advance(TimeSpan.FromSeconds(60));
            await live.GetTextAsync(LiveChannelFixture.LivePath("720p.m3u8"));

            var asRun = JsonDocument.Parse(await live.App.Producer().GetStringAsync($"/api/channels/{TvNewsApp.ChannelId}/live/as-run?limit=20")).RootElement;
            var programmes = asRun.GetProperty("programmes").EnumerateArray().Reverse().ToList();
            var at = programmes.FindIndex(p => p.GetProperty("startsAt").GetDateTimeOffset() == playing.Start);
            Assert.True(at >= 0, "the playing programme is on the log");
            var story = programmes[at];
            // The story on air when the rundown changed played to its end.
            Assert.Equal(JsonValueKind.Null, story.GetProperty("cutAt").ValueKind);
            var rendered = live.Stories.Single(s => s.Id == playingId);
            Assert.Equal((int)Math.Ceiling(rendered.DurationSeconds / 6 - 0.001), story.GetProperty("segments").GetInt32());
            Assert.Equal("ident", programmes[at + 1].GetProperty("kind").GetString());
            Assert.Equal(story.GetProperty("endsAt").GetDateTimeOffset(), programmes[at + 1].GetProperty("startsAt").GetDateTimeOffset());
            Assert.Equal(rest[0].Id, programmes[at + 2].GetProperty("storyId").GetGuid());
            Assert.Equal(rest[1].Id, programmes[at + 4].GetProperty("storyId").GetGuid());
            Assert.Equal(programmes[at].GetProperty("firstMediaSequence").GetInt64() + programmes[at].GetProperty("segments").GetInt32(),
                programmes[at + 1].GetProperty("firstMediaSequence").GetInt64());
        }
        finally
        {
            await PutRundownAsync(live.Stories.Select(s => s.Id));
        }
    }

    [Fact]
    public async Task WithAnEmptyRundownTheNewestPublishedStoriesLoopAndNotTheGeneratedOnes()
    {
        var store = live.App.Services.GetRequiredService<TvNews.Data.Live.LiveStore>();
        try
        {
            await PutRundownAsync([]);
            var sources = await store.SourcesAsync(TvNewsApp.ChannelId, CancellationToken.None);
            // The three published renders, newest first (ties by id, as PostgreSQL orders uuids: by their bytes); the
            // ident (a generated draft) is the ident, not a story.
            var expected = live.Stories.OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id.ToString("N"), StringComparer.Ordinal)
                .Select(s => s.Id).ToList();
            Assert.Equal(expected, sources.Rundown.Select(s => s.Id));
            Assert.DoesNotContain(sources.Rundown, s => s.Id == sources.Ident?.Id);

            // A rundown again: it alone decides the loop.
            await PutRundownAsync([live.Stories[1].Id]);
            sources = await store.SourcesAsync(TvNewsApp.ChannelId, CancellationToken.None);
            Assert.Equal([live.Stories[1].Id], sources.Rundown.Select(s => s.Id));
        }
        finally
        {
            await PutRundownAsync(live.Stories.Select(s => s.Id));
        }
    }

    private async Task PutRundownAsync(IEnumerable<Guid> ids)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/channels/{TvNewsApp.ChannelId}/rundown")
        {
            Content = JsonContent.Create(new { items = ids.Select(id => new { storyId = id.ToString("N") }) }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await live.App.Producer().SendAsync(put);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void OnlyARenderWithEveryRungOfTheLadderCutAlikeIsPlayable()
    {
        var story = live.Stories[0];
        var hls = new Uri(story.Media!.Hls).AbsolutePath["/media/".Length..];
        var folder = hls[..hls.LastIndexOf('/')];
        var copies = Directory.CreateTempSubdirectory("tvnews-live-clips-");
        try
        {
            var paths = new TvNews.Api.AppPaths(RepoPaths.Root, "", "", "", copies.FullName, "");
            var clips = new TvNews.Api.LiveTv.LiveClips(paths, Microsoft.Extensions.Logging.Abstractions.NullLogger<TvNews.Api.LiveTv.LiveClips>.Instance);
            string Copy(string name)
            {
                var target = Path.Combine(copies.FullName, name);
                Directory.CreateDirectory(target);
                foreach (var file in Directory.GetFiles(Path.Combine(live.App.MediaOutput, folder))) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
                return target;
            }

            var whole = clips.Read(Path.GetFileName(Copy("whole")));
            Assert.NotNull(whole);
            Assert.Equal((int)Math.Ceiling(story.DurationSeconds / 6 - 0.001), whole.SegmentTicks.Count);
            Assert.All(whole.SegmentTicks.SkipLast(1), t => Assert.Equal(6 * 90_000, t));

            File.Delete(Path.Combine(Copy("no-360p"), "360p.m3u8"));
            Assert.Null(clips.Read("no-360p"));
            File.Delete(Path.Combine(Copy("lost-segment"), "720p_001.ts"));
            Assert.Null(clips.Read("lost-segment"));
            var other = Copy("cut-otherwise");
            File.WriteAllText(Path.Combine(other, "1080p.m3u8"), File.ReadAllText(Path.Combine(other, "1080p.m3u8")).Replace("#EXTINF:6.000000,", "#EXTINF:5.966667,", StringComparison.Ordinal));
            Assert.Null(clips.Read("cut-otherwise"));
        }
        finally
        {
            copies.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheWorkerRecordsWhatPlaysWithoutAnyPlayerAsking()
    {
        live.Clock.Advance(TimeSpan.FromSeconds(5));
        await live.GetTextAsync(LiveChannelFixture.LivePath("360p.m3u8"));
        var clock = new FakeTimeProvider(live.Clock.GetUtcNow());
        var settings = new Dictionary<string, string>(LiveChannelFixture.Settings)
        {
            ["TvNews:PublicBaseUrl"] = live.Proxy.BaseUrl.AbsoluteUri,
            ["LiveTv:Worker"] = "true",
            ["TvNews:Role"] = "worker",
        };
        await using var worker = await TvNewsApp.StartAsync(LiveChannelFixture.SmallChannel, settings,
            s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), sharedWith: live.App);
        var before = await ScalarAsync("select coalesce(max(seq), -1) from live_as_run where recorded_at <= @p", clock.GetUtcNow());

        // Two minutes pass on the worker's clock, half a second at a time; nobody asks for a playlist. (The worker sleeps
        // on this clock, so the clock keeps moving while the test waits for it.)
        for (var i = 0; i < 240; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(20);
        }
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await ScalarAsync("select count(*) from live_as_run where ends_at > @p", clock.GetUtcNow()) == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"the worker did not reach {clock.GetUtcNow():O}");
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(50);
        }
        Assert.True(await ScalarAsync("select max(seq) from live_as_run where recorded_at > @p", live.Clock.GetUtcNow()) > before + 3);

        // The API instance, at the same instant, serves the log the worker wrote (it has nothing to add).
        live.Clock.Advance(clock.GetUtcNow() - live.Clock.GetUtcNow());
        var rows = await ScalarAsync("select count(*) from live_as_run where recorded_at <= @p", clock.GetUtcNow());
        await live.GetTextAsync(LiveChannelFixture.LivePath("360p.m3u8"));
        Assert.Equal(rows, await ScalarAsync("select count(*) from live_as_run where recorded_at <= @p", clock.GetUtcNow()));
    }

    [Fact]
    public async Task TheRokuFeedListsTheLiveStreamAndItsPosterAnswers()
    {
        var feed = JsonDocument.Parse(await live.App.FeedAsync()).RootElement;
        var entry = Assert.Single(feed.GetProperty("liveFeeds").EnumerateArray());
        var stream = entry.GetProperty("content").GetProperty("videos")[0].GetProperty("url").GetString()!;
        Assert.Equal(new Uri(live.Proxy.BaseUrl, LiveChannelFixture.LivePath("index.m3u8").TrimStart('/')).AbsoluteUri, stream);
        using (var master = await live.App.GetAbsoluteAsync(stream)) Assert.Equal(HttpStatusCode.OK, master.StatusCode);

        using var poster = await live.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(new Uri(entry.GetProperty("thumbnail").GetString()!).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, poster.StatusCode);
        using var image = await live.App.GetAbsoluteAsync(poster.Headers.Location!.AbsoluteUri);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AnUnknownChannelOrRenditionIsANotFoundProblem()
    {
        var client = live.App.CreateClient();
        foreach (var path in new[] { "/channels/nope/live/index.m3u8", "/channels/nope/live/360p.m3u8", "/channels/nope/epg.xml", LiveChannelFixture.LivePath("4k.m3u8") })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = (await response.Content.ReadFromJsonAsync<ProblemDto>())!;
            Assert.Equal(404, problem.Status);
        }
    }

    /// <summary>Advances the clock into a story programme (7-8 s in, with segments left after the one on air); returns it.</summary>
    private async Task<(string Headline, DateTimeOffset Start)> MoveIntoAStoryAsync()
    {
        for (var tries = 0; tries < 40; tries++)
        {
            await live.GetTextAsync(LiveChannelFixture.LivePath("360p.m3u8"));
            var now = live.Clock.GetUtcNow();
            var row = await RowAsync("select story_id, starts_at, cardinality(segment_ticks) from live_as_run where kind = 'story' and starts_at <= @p order by seq desc limit 1", now);
            var story = live.Stories.FirstOrDefault(s => s.Id == row.StoryId);
            if (story is not null && row.Segments >= 3 && now - row.StartsAt < TimeSpan.FromSeconds(5) && now >= row.StartsAt)
            {
                live.Clock.Advance(row.StartsAt.AddSeconds(7.5) - now);
                return (story.Article.Headline, row.StartsAt);
            }
            live.Clock.Advance(TimeSpan.FromSeconds(2));
        }
        throw new InvalidOperationException("No story programme with three segments started within 80 s.");
    }

    private async Task<string> AsRunAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(live.App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select seq, kind, title, starts_at, ends_at, first_segment, cardinality(segment_ticks), loop_index, recorded_at from live_as_run order by seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var text = new System.Text.StringBuilder();
        while (await reader.ReadAsync())
            text.Append(CultureInfo.InvariantCulture, $"{reader.GetInt64(0)} {reader.GetString(1)} {reader.GetString(2)} {reader.GetDateTime(3):HH:mm:ss.fff}-{reader.GetDateTime(4):HH:mm:ss.fff} from {reader.GetInt32(5)} x{reader.GetInt32(6)} loop {(reader.IsDBNull(7) ? "-" : reader.GetInt32(7))} at {reader.GetDateTime(8):HH:mm:ss.fff}\n");
        return text.ToString();
    }

    private static string CardFolderPart(string storyId) => $"/stories/{Guid.Parse(storyId):N}/";

    private async Task<long> ScalarAsync(string sql, object parameter)
    {
        await using var connection = new Npgsql.NpgsqlConnection(live.App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<(Guid StoryId, DateTimeOffset StartsAt, int Segments)> RowAsync(string sql, object parameter)
    {
        await using var connection = new Npgsql.NpgsqlConnection(live.App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetGuid(0), new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)), reader.GetInt32(2));
    }
}
