using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using TvNews.Core.Ingest;
using TvNews.Ingest.Html;
using TvNews.Ingest.Text;

// Benchmarks. Speed is measured here, never in tests.
//   dotnet run -c Release --project benchmarks/TvNews.Benchmarks -- extract <page.html> [iterations]
//   dotnet run -c Release --project benchmarks/TvNews.Benchmarks -- ingest <base-url> <api-key> [count] [concurrency]
//   dotnet run -c Release --project benchmarks/TvNews.Benchmarks -- slides <repo-root> [rounds]
//   dotnet run -c Release --project benchmarks/TvNews.Benchmarks -- render <repo-root> [rounds]
//   dotnet run -c Release --project benchmarks/TvNews.Benchmarks -- scheduler <repo-root> <connection-string> [stories] [instances] [spacing-ms]
//     (scripts/bench-scheduler.sh runs it against a throwaway PostgreSQL cluster)
//   dotnet run -c Release --project benchmarks/TvNews.Benchmarks -- render-edit <repo-root> [rounds]   (full and edit only)
//   dotnet run -c Release --project benchmarks/TvNews.Benchmarks -- live-playlists <repo-root> [rounds]
//   ... -- plain-hub <url>                                    (the baseline SignalR server for benchmarks/live.sh)
//   ... -- subscribers <server-url> <tvnews|plain> <channel> <count> [rounds] [api-key] [server-pid]
//   ... -- longpolls <server-url> <channel> <count> <api-key>
return args switch
{
    ["render", var root, ..] => await TvNews.Benchmarks.RenderBenchmark.RunAsync(root, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5),
    ["render-edit", var root, ..] => await TvNews.Benchmarks.RenderBenchmark.RunAsync(root, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5, editOnly: true),
    ["scheduler", var root, var connection, ..] => await TvNews.Benchmarks.SchedulerBenchmark.RunAsync(root, connection,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 40,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 2,
        args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 100),
    ["live-playlists", var root, ..] => TvNews.Benchmarks.LivePlaylistBenchmark.Run(root, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20),
    ["slides", var root, ..] => TvNews.Benchmarks.SlideBenchmark.Run(root, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20),
    ["extract", var page, ..] => Extract(page, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 300),
    ["ingest", var baseUrl, var key, ..] => await Ingest(new Uri(baseUrl), key,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1000,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 8),
    ["plain-hub", var url] => await TvNews.Benchmarks.LiveBenchmark.PlainHubAsync(url),
    ["subscribers", var server, var target, var channel, var count, ..] => await TvNews.Benchmarks.LiveBenchmark.SubscribersAsync(new Uri(server), target, channel,
        int.Parse(count, System.Globalization.CultureInfo.InvariantCulture),
        args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 3,
        args.Length > 6 && args[6] != "-" ? args[6] : null,
        args.Length > 7 ? int.Parse(args[7], System.Globalization.CultureInfo.InvariantCulture) : null),
    ["longpolls", var server, var channel, var count, var key] => await TvNews.Benchmarks.LiveBenchmark.LongPollsAsync(new Uri(server), channel,
        int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), key),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: extract <page.html> [iterations] | ingest <base-url> <api-key> [count] [concurrency] | slides <repo-root> [rounds] | render <repo-root> [rounds] | scheduler <repo-root> <connection-string> [stories] [instances] [spacing-ms] | render-edit <repo-root> [rounds] | plain-hub <url> | subscribers <server> <tvnews|plain> <channel> <count> [rounds] [api-key|-] [server-pid] | longpolls <server> <channel> <count> <api-key>");
    return 2;
}

static int Extract(string page, int iterations)
{
    var bytes = File.ReadAllBytes(page);
    for (var i = 0; i < 20; i++) Run(bytes); // warm-up: JIT, regex construction
    var times = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var start = Stopwatch.GetTimestamp();
        Run(bytes);
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Array.Sort(times);
    Console.WriteLine($"extract {Path.GetFileName(page)} ({bytes.Length / 1024} KB), {iterations} runs: p50 {Percentile(times, 50):F2} ms, p99 {Percentile(times, 99):F2} ms, mean {times.Average():F2} ms");
    return 0;

    static void Run(byte[] bytes)
    {
        var html = TextDecoding.Decode(bytes, null, sniffHtml: true).Text!;
        if (HtmlArticleExtractor.Extract(html, null, [], "en").Article is null) throw new InvalidOperationException("extraction failed");
    }
}

static async Task<int> Ingest(Uri baseUrl, string key, int count, int concurrency)
{
    var run = Guid.NewGuid().ToString("N")[..6];
    // Distinct articles (distinct headlines), shaped like the seed: parse + plan + one transaction each.
    var seed = File.ReadAllText(Path.Combine(FindRoot(), "media", "samples", "000_9234341cac6e6bb5.txt"));
    var bodies = Enumerable.Range(0, count).Select(i => seed.Replace(
        "Russia ready to discuss issues with US based on honesty, mutual respect: Lavrov",
        $"Benchmark {run} story {i:0000}: Russia ready to discuss issues with US", StringComparison.Ordinal)).ToArray();
    var warmUp = Enumerable.Range(0, 2000).Select(i => seed.Replace(
        "Russia ready to discuss issues with US based on honesty, mutual respect: Lavrov",
        $"Warm-up {run} story {i:0000}: Russia ready to discuss issues with US", StringComparison.Ordinal)).ToArray();

    // Baseline in the same run: the parse alone, in process (the ceiling for the end-to-end number).
    var parseStart = Stopwatch.GetTimestamp();
    foreach (var b in bodies) RawTextArticleParser.Parse(b, [], "en");
    var parseSeconds = Stopwatch.GetElapsedTime(parseStart).TotalSeconds;

    using var http = new HttpClient { BaseAddress = baseUrl };
    http.DefaultRequestHeaders.Add("X-Api-Key", key);

    // A server that just started runs unoptimised code (tiered JIT, dynamic PGO): report the warm-up rounds, then
    // measure the steady state on articles it has never seen.
    foreach (var round in warmUp.Chunk(1000).Select((chunk, n) => (chunk, n)))
    {
        var (warmSeconds, warmFailures) = await Post(http, round.chunk, concurrency);
        Console.WriteLine($"warm-up round {round.n + 1}: {round.chunk.Length} new articles, {concurrency} concurrent: {round.chunk.Length / warmSeconds:F0} articles/s, {warmFailures} failed");
    }
    var (seconds, failures) = await Post(http, bodies, concurrency);
    Console.WriteLine($"ingest {count} new text dumps through the API into PostgreSQL, {concurrency} concurrent (steady state): {seconds:F2} s, {count / seconds:F0} articles/s, {failures} failed");
    Console.WriteLine($"baseline, parse only in process: {parseSeconds:F2} s, {count / parseSeconds:F0} articles/s");
    return failures == 0 ? 0 : 1;
}

static async Task<(double Seconds, int Failures)> Post(HttpClient http, string[] bodies, int concurrency)
{
    var next = -1;
    var failures = 0;
    var start = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < bodies.Length)
        {
            using var content = new StringContent(bodies[i], Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            using var response = await http.PostAsync("api/channels/sample-news/articles", content);
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
        }
    }));
    return (Stopwatch.GetElapsedTime(start).TotalSeconds, failures);
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "TvNews.sln"))) return dir.FullName;
    }
    throw new InvalidOperationException("TvNews.sln not found");
}

static double Percentile(double[] sorted, int p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];
