using System.Diagnostics;
using System.Globalization;
using TvNews.Core.Channels;
using TvNews.Core.Live;

namespace TvNews.Benchmarks;

/// <summary>
/// Issue 8: what a live playlist and the 24-hour guide cost to build once the as-run rows are in memory (the request
/// path adds its PostgreSQL reads). A log of three 25 s stories and a 4 s ident, advanced over an hour, as the
/// channel's log would be; then a media playlist at instants across it, and the guide's projection and XML.
/// </summary>
internal static class LivePlaylistBenchmark
{
    public static int Run(string root, int rounds)
    {
        var manifest = ChannelManifestReader.Read("sample-news.json", File.ReadAllText(Path.Combine(root, "channel-manifests", "sample-news.json")),
            _ => true, _ => true).Manifest!;
        static LiveClip Clip(string name, double seconds)
        {
            var ticks = new List<long>();
            for (var left = seconds; left > 0.0001; left -= 6) ticks.Add((long)Math.Round(Math.Min(6, left) * LiveTime.Clock));
            return new LiveClip(Guid.NewGuid(), "Headline " + name, $"stories/{name}/r1a1-00000000/hls", ticks);
        }
        var lineup = new LiveLineup([Clip("a", 25), Clip("b", 25), Clip("c", 25)], Clip("ident", 4));
        var timing = LiveTiming.Default;
        var start = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var log = new List<AsRunProgramme>();
        for (var t = start; t < start.AddHours(1); t = t.AddSeconds(1))
        {
            var plan = LiveSchedule.Advance(log.TakeLast(12).ToList(), lineup, t, timing);
            log.AddRange(plan.Added);
        }
        var end = start.AddHours(1);
        Console.WriteLine($"log: {log.Count} programmes over an hour");

        // A request reads the rows that reach back a window: about ten programmes here.
        var window = log.Where(p => p.EndsAt > end.AddSeconds(-110)).ToList();
        var media = Time(rounds * 1000, i => LivePlaylists.Media(window, "360p", end.AddMilliseconds(-(i % 5000)), timing, p => "https://tv.example.org/media/" + p));
        var tail = log.TakeLast(12).ToList();
        var guide = Time(rounds, _ =>
        {
            var projected = LiveSchedule.Project(tail, lineup, end, end.AddHours(24), timing);
            return XmltvBuilder.Build(manifest, XmltvBuilder.Programmes(manifest, projected, end, end.AddHours(24)), "https://tv.example.org/live/index.m3u8");
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"media playlist ({window.Count} rows, 90 s window): median {media.Median * 1e6:0.0} µs, p99 {media.P99 * 1e6:0.0} µs over {rounds * 1000}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"24 h guide (projection + XMLTV): median {guide.Median * 1e3:0.0} ms, p99 {guide.P99 * 1e3:0.0} ms over {rounds}"));
        return 0;
    }

    private static (double Median, double P99) Time<T>(int count, Func<int, T> work)
    {
        for (var i = 0; i < Math.Min(50, count); i++) work(i);
        var seconds = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            GC.KeepAlive(work(i));
            seconds[i] = Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        Array.Sort(seconds);
        return (seconds[count / 2], seconds[(int)(count * 0.99)]);
    }
}
