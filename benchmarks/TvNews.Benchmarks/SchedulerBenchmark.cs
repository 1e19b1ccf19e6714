using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace TvNews.Benchmarks;

/// <summary>
/// Issue 6: how late the scheduler really is, on the wall clock. Starts <c>instances</c> real app processes
/// (TvNews.Api.dll, render worker off) on one database, ingests <c>stories</c> drafts, marks their media current (the
/// render is not what is measured), schedules them through the API on alternating instances at T₀ + i·spacing, each
/// expiring 2 s after its time, and listens on every instance's hub. Reported per story: the lateness the app
/// recorded (<c>publish_lateness_ms</c>: T to the statement's clock reading), and the end-to-end lateness a subscriber
/// sees (T to the StoryPublished / StoryExpired push arriving: timer, claim, commit, hub); plus how many times each
/// story was published and expired (exactly once is the requirement).
/// </summary>
internal static class SchedulerBenchmark
{
    private const string Key = "bench-scheduler-key-0123456789";

    public static async Task<int> RunAsync(string root, string connectionString, int stories, int instances, int spacingMs)
    {
        var clock = TimeProvider.System;
        var dll = Path.Combine(root, "src", "TvNews.Api", "bin", "Release", "net10.0", "linux-x64", "TvNews.Api.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build src/TvNews.Api in Release first.", dll);
        var media = Directory.CreateTempSubdirectory("tvnews-sched-bench-").FullName;
        var processes = new List<Process>();
        var hubs = new List<HubConnection>();
        try
        {
            var urls = new List<Uri>();
            for (var n = 0; n < instances; n++)
            {
                var url = new Uri($"http://127.0.0.1:{5190 + n}/");
                processes.Add(Start(dll, root, connectionString, media, url));
                urls.Add(url);
                await WaitHealthyAsync(url, processes[^1]); // one at a time: the first migrates
            }
            var http = urls.Select(u => new HttpClient { BaseAddress = u, DefaultRequestHeaders = { { "X-Api-Key", Key } } }).ToList();

            var published = new ConcurrentDictionary<string, ConcurrentBag<(int Instance, DateTimeOffset At)>>();
            var expired = new ConcurrentDictionary<string, ConcurrentBag<(int Instance, DateTimeOffset At)>>();
            for (var n = 0; n < instances; n++)
            {
                var instance = n;
                var hub = new HubConnectionBuilder().WithUrl(new Uri(urls[n], "/hubs/newsroom")).Build();
                hub.On<JsonElement>("StoryPublished", e => published.GetOrAdd(e.GetProperty("storyId").GetString()!, _ => []).Add((instance, clock.GetUtcNow())));
                hub.On<JsonElement>("StoryExpired", e => expired.GetOrAdd(e.GetProperty("storyId").GetString()!, _ => []).Add((instance, clock.GetUtcNow())));
                await hub.StartAsync();
                await hub.InvokeAsync("Subscribe", "sample-news");
                hubs.Add(hub);
            }

            var run = Guid.NewGuid().ToString("N")[..6];
            var ids = new List<Guid>();
            for (var i = 0; i < stories; i++)
            {
                var text = $"World / Europe\n\nHarbour benchmark {run} story number {i}\n\nFerries between the islands resumed on Tuesday after three days of storms, the port authority said.\n\n\"We expect full service by the weekend,\" Port Director Anna Berg said.\n\nMore than 4,000 passengers had been stranded since Saturday, officials said.\n";
                using var content = new StringContent(text, Encoding.UTF8, "text/plain");
                var response = await http[0].PostAsync("/api/channels/sample-news/articles", content);
                response.EnsureSuccessStatusCode();
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storyId").GetGuid());
            }
            if (ids.Distinct().Count() != ids.Count) throw new InvalidOperationException("the benchmark's articles did not become distinct stories");
            await using (var db = new NpgsqlConnection(connectionString))
            {
                await db.OpenAsync();
                await using var ready = new NpgsqlCommand("""
                    update stories set rendered_hash = plan_hash, render_state = 'ready',
                           media = '{"mp4Path":"b/story.mp4","hlsMasterPath":"b/master.m3u8","thumbnailPath":"b/t.jpg","captionsSrtPath":"b/c.srt","captionsVttPath":"b/c.vtt","mp4BitrateKbps":3000,"height":1080,"slideImagePaths":[]}'::jsonb
                     where id = any(@ids)
                    """, db);
                ready.Parameters.AddWithValue("ids", ids.ToArray());
                await ready.ExecuteNonQueryAsync();
            }

            // Whole milliseconds, so the API's ISO times are the exact instants measured against.
            var t0 = clock.GetUtcNow().AddSeconds(3);
            t0 = new DateTimeOffset(t0.Ticks - t0.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
            var due = new Dictionary<string, DateTimeOffset>();
            for (var i = 0; i < ids.Count; i++)
            {
                var at = t0.AddMilliseconds(i * spacingMs);
                var response = await http[i % instances].PostAsJsonAsync($"/api/stories/{ids[i]}/schedule",
                    new { publishAt = at.ToString("O", CultureInfo.InvariantCulture), expireAt = at.AddSeconds(2).ToString("O", CultureInfo.InvariantCulture) });
                response.EnsureSuccessStatusCode();
                due[ids[i].ToString("N")] = at;
            }
            var end = t0.AddMilliseconds(ids.Count * spacingMs).AddSeconds(2);
            var wait = Stopwatch.StartNew();
            while ((published.Count < ids.Count || expired.Count < ids.Count) && wait.Elapsed < end - clock.GetUtcNow() + TimeSpan.FromSeconds(10))
                await Task.Delay(50);
            await Task.Delay(500); // any duplicate push would have arrived by now

            var recorded = new List<double>();
            var audit = new Dictionary<string, long>();
            await using (var db = new NpgsqlConnection(connectionString))
            {
                await db.OpenAsync();
                await using var read = new NpgsqlCommand("select publish_lateness_ms from stories where id = any(@ids) and publish_lateness_ms is not null", db);
                read.Parameters.AddWithValue("ids", ids.ToArray());
                await using (var reader = await read.ExecuteReaderAsync())
                    while (await reader.ReadAsync()) recorded.Add(reader.GetInt64(0));
                foreach (var action in new[] { "story.publish", "story.expire" })
                {
                    await using var count = new NpgsqlCommand("select count(*) from audit_log where action = @action and target_id = any(@ids)", db);
                    count.Parameters.AddWithValue("action", action);
                    count.Parameters.AddWithValue("ids", ids.Select(i => i.ToString()).ToArray());
                    audit[action] = (long)(await count.ExecuteScalarAsync())!;
                }
            }

            double[] Lateness(ConcurrentDictionary<string, ConcurrentBag<(int Instance, DateTimeOffset At)>> events, TimeSpan offset) =>
                events.Select(e => (e.Value.Min(x => x.At) - (due[e.Key] + offset)).TotalMilliseconds).Order().ToArray();
            var pub = Lateness(published, TimeSpan.Zero);
            var exp = Lateness(expired, TimeSpan.FromSeconds(2));
            recorded.Sort();
            Console.WriteLine($"scheduler: {ids.Count} stories {spacingMs} ms apart, {instances} app instances on one PostgreSQL; " +
                $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
            Console.WriteLine($"  publish, recorded by the app (T to the statement):  {Summary(recorded.ToArray())}");
            Console.WriteLine($"  publish, StoryPublished received by a subscriber:   {Summary(pub)}");
            Console.WriteLine($"  expiry, StoryExpired received by a subscriber:      {Summary(exp)}");
            Console.WriteLine($"  pushes: {published.Values.Sum(v => v.Count)} StoryPublished for {published.Count} stories, " +
                $"{expired.Values.Sum(v => v.Count)} StoryExpired for {expired.Count}; by instance {string.Join(", ", Enumerable.Range(0, instances).Select(n => $"#{n + 1}: {published.Values.Count(v => v.Any(x => x.Instance == n))}"))}");
            Console.WriteLine($"  audit: {audit["story.publish"]} story.publish, {audit["story.expire"]} story.expire entries for {ids.Count} stories");
            var once = published.Count == ids.Count && published.Values.All(v => v.Count == 1) && expired.Count == ids.Count
                       && expired.Values.All(v => v.Count == 1) && audit.Values.All(c => c == ids.Count);
            Console.WriteLine(once ? "  exactly once: yes" : "  exactly once: NO");
            return once ? 0 : 1;
        }
        finally
        {
            foreach (var hub in hubs) await hub.DisposeAsync();
            foreach (var p in processes)
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
                p.Dispose();
            }
            Directory.Delete(media, recursive: true);
        }
    }

    private static string Summary(double[] sorted) => sorted.Length == 0
        ? "no samples"
        : $"n={sorted.Length}, p50 {P(sorted, 50):F1} ms, p95 {P(sorted, 95):F1} ms, max {sorted[^1]:F1} ms, min {sorted[0]:F1} ms";

    private static double P(double[] sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static Process Start(string dll, string root, string connectionString, string media, Uri url)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--contentRoot", Path.Combine(root, "src", "TvNews.Api"), "--urls", url.ToString().TrimEnd('/') },
            WorkingDirectory = Path.Combine(root, "src", "TvNews.Api"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ConnectionStrings__TvNews"] = connectionString,
                ["TvNews__ApiKey"] = Key,
                ["TvNews__MediaOutput"] = media,
                ["TvNews__PublicBaseUrl"] = "http://tv.bench/",
                ["TvNews__IngestSamplesOnStart"] = "false",
                ["Sources__Worker"] = "false",
                ["Render__Worker"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the app");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[app] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(Uri url, Process process)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"the app on {url} exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the app on {url} did not become healthy");
    }
}
