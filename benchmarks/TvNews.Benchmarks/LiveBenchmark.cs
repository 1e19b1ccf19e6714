using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TvNews.Benchmarks;

/// <summary>
/// Live-update fan-out, measured from a separate client process (benchmarks/live.sh starts the server, raises the
/// file-descriptor limits and runs this). One publish, then the time until each client has it, on this process's
/// clock from just before the publish request. The publish is breaking news through the API (an editor key) for
/// TvNews, or <c>POST /send</c> on <see cref="PlainHubAsync"/>: a bare SignalR hub doing one group send, the baseline.
/// </summary>
internal static class LiveBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The baseline server: a hub with Subscribe(group), and a POST that sends one message to the group.</summary>
    public static async Task<int> PlainHubAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapHub<PlainHub>("/hubs/newsroom");
        app.MapPost("/send/{channelId}", async (string channelId, IHubContext<PlainHub> hub) =>
        {
            await hub.Clients.Group(channelId).SendAsync("BreakingNewsStarted", new { channelId, id = Guid.NewGuid().ToString("N"), headline = "Baseline" });
            return Results.Ok();
        });
        app.Urls.Add(url);
        await app.RunAsync();
        return 0;
    }

    /// <param name="target">"tvnews" (publish = breaking news via the API) or "plain" (the baseline hub).</param>
    public static async Task<int> SubscribersAsync(Uri server, string target, string channelId, int count, int rounds, string? apiKey, int? serverPid)
    {
        var connections = new HubConnection[count];
        var received = new long[count];
        var pending = 0;
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();

        Console.WriteLine($"connecting {count} WebSocket clients to {server} ({target})");
        using (var gate = new SemaphoreSlim(100))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var connection = new HubConnectionBuilder()
                        .WithUrl(new Uri(server, "/hubs/newsroom"), o =>
                        {
                            o.Transports = HttpTransportType.WebSockets;
                            o.SkipNegotiation = true;
                        })
                        .Build();
                    connection.On<JsonElement>("BreakingNewsStarted", _ =>
                    {
                        if (Interlocked.CompareExchange(ref received[i], Stopwatch.GetTimestamp(), 0) == 0 && Interlocked.Decrement(ref pending) == 0) allIn.TrySetResult();
                    });
                    await connection.StartAsync();
                    await connection.InvokeAsync("Subscribe", channelId);
                    connections[i] = connection;
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        Console.WriteLine($"connected and subscribed in {clock.Elapsed.TotalSeconds:0.0} s; server RSS {Rss(serverPid)}");
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null) http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        var results = new List<string>();
        for (var round = 0; round < rounds; round++)
        {
            Array.Clear(received);
            Volatile.Write(ref pending, count);
            allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (target == "tvnews") (await http.DeleteAsync($"/api/channels/{channelId}/breaking")).Dispose();
            await Task.Delay(2000); // the end event's deliveries settle before the clock starts

            var start = Stopwatch.GetTimestamp();
            using (var response = target == "tvnews"
                ? await http.PostAsJsonAsync($"/api/channels/{channelId}/breaking", new { headline = $"Benchmark round {round}", durationMinutes = 30 })
                : await http.PostAsync($"/send/{channelId}", null))
            {
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"publish failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            var answered = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            await Task.WhenAny(allIn.Task, Task.Delay(TimeSpan.FromSeconds(15)));
            var latencies = received.Where(t => t != 0).Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds).Order().ToArray();
            var line = string.Create(Inv,
                $"round {round}{(round == 0 ? " (warm-up: first send JITs the path)" : string.Empty)}: {latencies.Length}/{count} delivered; publish answered {answered:0} ms; delivery p50 {P(latencies, 0.50):0} ms, p95 {P(latencies, 0.95):0} ms, p99 {P(latencies, 0.99):0} ms, max {latencies.LastOrDefault():0} ms; server RSS {Rss(serverPid)}");
            Console.WriteLine(line);
            results.Add(line);
        }

        if (target == "tvnews") (await http.DeleteAsync($"/api/channels/{channelId}/breaking")).Dispose();
        await Task.WhenAll(connections.Where(c => c is not null).Select(c => c.DisposeAsync().AsTask()));
        return 0;
    }

    /// <summary>
    /// Parked long-polls: <paramref name="count"/> requests for the changes after the current sequence, parked on the
    /// server, then one publish; the time until each answers.
    /// </summary>
    public static async Task<int> LongPollsAsync(Uri server, string channelId, int count, string apiKey)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        using var current = await http.GetAsync($"/channels/{channelId}/changes?since=0&wait=0");
        if (!current.IsSuccessStatusCode) throw new InvalidOperationException($"the long-poll endpoint answered {(int)current.StatusCode}: {await current.Content.ReadAsStringAsync()}");
        var lastSeq = (await current.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lastSeq").GetInt64();
        using (var end = new HttpRequestMessage(HttpMethod.Delete, $"/api/channels/{channelId}/breaking"))
        {
            end.Headers.Add("X-Api-Key", apiKey);
            (await http.SendAsync(end)).Dispose();
        }

        await Task.Delay(2000); // the end's events are relayed before the polls start
        using (var again = await http.GetAsync($"/channels/{channelId}/changes?since=0&wait=0"))
        {
            lastSeq = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lastSeq").GetInt64();
        }

        var answered = new long[count];
        var polls = Enumerable.Range(0, count).Select(async i =>
        {
            using var response = await http.GetAsync($"/channels/{channelId}/changes?since={lastSeq}&wait=25");
            answered[i] = Stopwatch.GetTimestamp();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return response.IsSuccessStatusCode && body.GetProperty("events").GetArrayLength() > 0;
        }).ToList();

        await Task.Delay(3000); // all parked
        var early = answered.Count(t => t != 0);
        var start = Stopwatch.GetTimestamp();
        using (var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/channels/{channelId}/breaking") { Content = JsonContent.Create(new { headline = "Long-poll benchmark", durationMinutes = 30 }) })
        {
            publish.Headers.Add("X-Api-Key", apiKey);
            using var response = await http.SendAsync(publish);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"publish failed: {(int)response.StatusCode}");
        }

        var ok = await Task.WhenAll(polls);
        var latencies = answered.Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds).Order().ToArray();
        Console.WriteLine(string.Create(Inv,
            $"{count} parked long-polls ({early} answered before the publish): {ok.Count(o => o)} got the event; answered p50 {P(latencies, 0.5):0} ms, p99 {P(latencies, 0.99):0} ms, max {latencies[^1]:0} ms after the publish request started"));
        return 0;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static string Rss(int? pid)
    {
        if (pid is null) return "n/a";
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? "n/a" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) / 1024} MB";
    }

    private sealed class PlainHub : Hub
    {
        public Task Subscribe(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);
    }
}
