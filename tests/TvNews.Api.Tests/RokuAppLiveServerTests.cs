using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Core.Tests.Roku;

namespace TvNews.Api.Tests;

/// <summary>
/// The channel app's BrightScript, as served in package.zip, against the real server as its own process on a loopback
/// port: the brs interpreter (tools/roku/harness/run-brs.js) reads FEED_URL and CHANGES_URL from the package's manifest
/// and fetches roku.json and long-polls /changes over real HTTP through the app's Http.brs (brs 0.47.4 has no
/// roUrlTransfer; run-brs.js supplies one that makes real requests, so the app's request, ETag and wait logic run as
/// written, only the device's HTTP stack is not the device's). While the app's code is parked in a long-poll, the test
/// starts breaking news with the producers' API; the card is rendered for real, so the app sees BreakingNewsStarted,
/// the card arriving in the feed as the breaking hero, and BreakingNewsEnded.
/// </summary>
public sealed class RokuAppLiveServerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheServedAppFollowsBreakingNewsThroughTheLongPollAndFeedOfALiveServer()
    {
        await using var server = await ServedApp.StartAsync();
        using var http = server.Client();
        var app = Directory.CreateTempSubdirectory("tvnews-roku-app-").FullName;
        var root = Directory.CreateTempSubdirectory("tvnews-roku-root-").FullName;
        try
        {
            // The package exactly as a developer downloads it; its scripts are the ones the interpreter runs.
            var zip = await http.GetByteArrayAsync($"/channels/{TvNewsApp.ChannelId}/package.zip");
            ZipFile.ExtractToDirectory(new MemoryStream(zip), app);
            File.Copy(Path.Combine(app, "manifest"), Path.Combine(root, "manifest"));
            File.WriteAllText(Path.Combine(root, "scenario.json"), JsonSerializer.Serialize(new
            {
                kind = "live",
                waitSeconds = 20,
                maxPolls = 30,
                until = "hideBreaking",
                etagCheck = true,
                deepLinks = new object[]
                {
                    new { contentId = "$first", mediaType = "shortFormVideo", source = "hs-search" },
                    new { contentId = "not-a-story", mediaType = "shortFormVideo" },
                    new { contentId = "$first", mediaType = "live" },
                },
            }));

            await using var run = BrsHarnessRun.Start(root, app);
            var (polling, _) = await run.WaitForLineAsync(l => l.StartsWith("POLLING|", StringComparison.Ordinal), Patience);

            // The app's code is waiting in GET /changes?since=N&wait=20 now.
            var started = await http.PostAsJsonAsync($"/api/channels/{TvNewsApp.ChannelId}/breaking", new { headline = "Strong earthquake hits the capital" });
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
            var breaking = (await started.Content.ReadFromJsonAsync<BreakingDto>())!;
            var card = breaking.OnAirStoryId;

            var (hero, _) = await run.WaitForLineAsync(l => l == $"HERO|{card}|true", Patience, polling);
            // While it is on air, the files the app would hand the Video node (stream, BIF, captions) are really there.
            var onAir = (await run.WaitForLineAsync(l => l.StartsWith($"STORY|{card}|", StringComparison.Ordinal), Patience, hero)).Line.Split('|');
            foreach (var url in new[] { onAir[4], onAir[6], onAir[7].Split('>', ';')[1] })
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
            // The app's second, conditional load (etagCheck) must see the card still on air before it ends.
            await run.WaitForLineAsync(l => l.StartsWith("FEED|", StringComparison.Ordinal), Patience, hero);
            var ended = await http.DeleteAsync($"/api/channels/{TvNewsApp.ChannelId}/breaking");
            Assert.True(ended.IsSuccessStatusCode, await ended.Content.ReadAsStringAsync());

            Assert.Equal(0, await run.WaitForExitAsync(Patience));
            var lines = run.Lines.ToList();
            var transcript = run.Transcript;
            output.WriteLine(transcript);
            Assert.True(lines.Contains("DONE") && run.Stderr.Length == 0, transcript);

            Assert.Equal($"MANIFEST|{server.BaseUrl}/channels/{TvNewsApp.ChannelId}/feeds/roku.json|{server.BaseUrl}/channels/{TvNewsApp.ChannelId}/changes", lines[0]);
            // Nothing on air yet: the app says so (with a live stream in the feed it would load that alone).
            Assert.Matches("^FEED\\|(failed\\|noStories\\|0\\|false|ok\\|\\|0\\|(true|false))$", lines[1]);
            Assert.Contains(lines, l => l.StartsWith("POSITION|", StringComparison.Ordinal) && l.EndsWith("|true", StringComparison.Ordinal));

            // BreakingNewsStarted reached the parked long-poll and turned into the banner, with the card on top.
            var banner = lines.FindIndex(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^ACTION\\|\\d+\\|showBreaking\\|"));
            Assert.True(banner > 0, transcript);
            Assert.EndsWith($"|showBreaking|{breaking.Id}|Strong earthquake hits the capital|{card}", lines[banner], StringComparison.Ordinal);
            Assert.Matches("^ACTION\\|\\d+\\|refetch\\|events$", lines[banner + 1]);

            // Once the card was rendered and published, a refetch found it: the breaking hero, playable as HLS with
            // side-loaded SRT captions in ISO 639-2 and an HD BIF, all absolute URLs on this server.
            var loaded = lines.FindIndex(banner, l => l.StartsWith("FEED|ok||1|", StringComparison.Ordinal));
            Assert.True(loaded > banner, transcript);
            Assert.Equal("FEED|ok||1|true", lines[loaded]);
            Assert.Equal($"HERO|{card}|true", lines[loaded + 1]);
            var story = lines[loaded + 2].Split('|');
            Assert.Equal(["STORY", card], story[..2]);
            Assert.Equal("hls", story[3]);
            Assert.StartsWith($"{server.BaseUrl}/media/", story[4], StringComparison.Ordinal);
            Assert.EndsWith(".m3u8", story[4], StringComparison.Ordinal);
            Assert.True(int.Parse(story[5], System.Globalization.CultureInfo.InvariantCulture) > 0, lines[loaded + 2]);
            Assert.StartsWith($"{server.BaseUrl}/media/", story[6], StringComparison.Ordinal);
            Assert.EndsWith(".bif", story[6], StringComparison.Ordinal);
            Assert.Matches($"^eng>{System.Text.RegularExpressions.Regex.Escape(server.BaseUrl)}/media/[^;>]+\\.srt;$", story[7]);


            // Deep links into the live feed: the card plays, an unknown id and a wrong mediaType open home.
            Assert.Equal($"ROUTE|live0|play|{card}|", lines[loaded + 3]);
            Assert.Equal("ROUTE|live1|home||unknownId", lines[loaded + 4]);
            Assert.Equal("ROUTE|live2|home||unknownId", lines[loaded + 5]);
            // Asked again with the ETag it got, the unchanged feed costs a 304.
            Assert.Equal("FEED|unchanged||-|true", lines[loaded + 6]);

            // BreakingNewsEnded: the banner goes and the feed is fetched again without the card.
            var hidden = lines.FindIndex(loaded, l => System.Text.RegularExpressions.Regex.IsMatch(l, "^ACTION\\|\\d+\\|hideBreaking\\|"));
            Assert.True(hidden > loaded, transcript);
            Assert.EndsWith($"|hideBreaking|{breaking.Id}", lines[hidden], StringComparison.Ordinal);
            Assert.Matches("^FEED\\|(failed\\|noStories\\|0\\|false|ok\\|\\|0\\|true)$", lines[hidden + 2]);

            // Every answer was a 200 the app understood, and since only moved forward.
            var answers = lines.Where(l => l.StartsWith("ANSWER|", StringComparison.Ordinal)).Select(l => l.Split('|')).ToList();
            Assert.All(answers, a => Assert.Equal(["ANSWER", "200", "true"], a[..3]));
            var seqs = answers.Select(a => long.Parse(a[3], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(seqs.Order(), seqs);

            // A position far past the log: the server answers resyncRequired and the app refetches from its lastSeq.
            var resync = lines.Single(l => l.StartsWith("RESYNC|", StringComparison.Ordinal)).Split('|');
            Assert.Equal("true", resync[1]);
            Assert.Equal(seqs[^1], long.Parse(resync[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("refetch|resync;", string.Join('|', resync[3..]));
        }
        finally
        {
            Directory.Delete(app, recursive: true);
            Directory.Delete(root, recursive: true);
        }
    }
}
