using System.Diagnostics;
using System.Globalization;
using TvNews.Core.Channels;
using TvNews.Core.Slides;
using TvNews.Rendering;

namespace TvNews.Benchmarks;

/// <summary>
/// Issue 5: the seed story from slide plan to every output, against the naive baseline in the same run.
///   baseline     one ffmpeg input per slide image (-loop 1 at 30 fps), concat filter, libx264 veryfast: MP4 only;
///   full         StoryMediaBuilder with an empty slide cache: slides drawn (1080p, 720p, trick play), JPEGs,
///                thumbnail, captions, BIF, MP4 + 3-rung HLS ladder (the issue's scope, portrait deck off);
///   full+vertical the sample channel's own outputs (adds the 1080x1920 deck and its MP4);
///   kenburns     full, with the image slide moving;
///   narrated     full, with the sample channel's narration (espeak-ng and the mix from empty caches);
///   sample       the sample channel exactly as configured: narration, portrait deck and Ken Burns;
///   edit-one     after a full render, one key point's text changes and the story renders again from the cache;
///   edit-narrated the same edit on a narrated story (that slide's speech is synthesised and the track mixed again).
/// Each figure is the median of <c>rounds</c> runs after one warm-up (JIT, fonts, the cached silent track). A narrated
/// story is longer (speech sets the durations); its baseline is scaled to its length (the naive pipeline's cost is
/// linear in frames).
/// </summary>
internal static class RenderBenchmark
{

    public static async Task<int> RunAsync(string root, int rounds, bool editOnly = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var (manifest, slides) = SlideBenchmark.LoadSeedDeck(root);
        var media = Path.Combine(root, "media");
        var work = Directory.CreateTempSubdirectory("tvnews-render-bench-");
        try
        {
            var plan = new SlidePlan(slides);
            var seconds = (double)StoryVideoEncoderFrames(slides) / StoryVideoEncoder.FramesPerSecond;
            Console.WriteLine($"seed story: {slides.Count} slides ({string.Join(", ", slides.Select(s => $"{s.Kind} {s.DurationSeconds:0.#} s"))}), {seconds:0.0} s of video; " +
                $"{rounds} rounds; {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

            using var encoder = new StoryVideoEncoder(Path.Combine(work.FullName, "encoder"));
            var builder = new StoryMediaBuilder(encoder);
            var silent = manifest.Outputs.Narration with { Enabled = false };
            var flat = manifest with { Outputs = manifest.Outputs with { Vertical = false, KenBurns = false, Narration = silent } };
            var moving = flat with { Outputs = flat.Outputs with { KenBurns = true } };
            var portraitDeck = flat with { Outputs = flat.Outputs with { Vertical = true } };
            var narratedChannel = flat with { Outputs = flat.Outputs with { Narration = manifest.Outputs.Narration with { Enabled = true } } };
            var run = 0;

            // As StoryRenderer runs it: narration first (durations and cues), its mix overlapping the drawing and encoding.
            async Task<(double Seconds, StoryRenderOutput Output, string Folder)> Render(ChannelManifest m, SlidePlan p, string? cache = null, string? voices = null)
            {
                var id = ++run;
                var folder = Directory.CreateDirectory(Path.Combine(work.FullName, $"out{id}")).FullName;

                var start = Stopwatch.GetTimestamp();
                var narration = new TvNews.Api.Rendering.StoryNarration(
                    new TvNews.Rendering.Narration.EspeakNarrator(voices ?? Path.Combine(work.FullName, $"voices{id}")),
                    Microsoft.Extensions.Logging.Abstractions.NullLogger<TvNews.Api.Rendering.StoryNarration>.Instance);
                var narrated = await narration.PrepareAsync(p, m, folder, CancellationToken.None);
                var input = new StoryRenderInput(narrated.Plan, m, manifest.Language, media, folder, cache ?? Path.Combine(work.FullName, $"cache{id}"))
                {
                    Cues = narrated.Cues,
                    PendingAudio = narrated.Audio,
                };
                var output = await builder.BuildAsync(input, null, CancellationToken.None);
                return (Stopwatch.GetElapsedTime(start).TotalSeconds, output, input.OutputFolder);
            }

            // Warm-up: JIT, font caches, and the encoder's one-time silent track (reported, then reused like in a worker).
            var silenceStart = Stopwatch.GetTimestamp();
            await Render(flat, plan);
            Console.WriteLine($"warm-up render (includes creating the cached silent track once per machine): {Stopwatch.GetElapsedTime(silenceStart).TotalSeconds:0.00} s");

            var baseline = new List<double>();
            var full = new List<double>();
            var vertical = new List<double>();
            var kenBurns = new List<double>();
            var edits = new List<double>();
            var narratedRuns = new List<double>();
            var sampleRuns = new List<double>();
            var narratedEdits = new List<double>();
            var narratedEditBase = new List<double>();
            var narratedVideo = seconds;
            var profiles = new List<(string Name, StoryRenderOutput Output)>();
            var editBase = new List<double>();
            (StoryRenderOutput Output, string Folder)? sample = null;
            for (var r = 0; r < rounds; r++)
            {
                var (t, output, folder) = await Render(flat, plan);
                full.Add(t);
                sample = (output, folder);
                if (editOnly)
                {
                    var quickCache = Path.Combine(work.FullName, $"edit-cache{r}");
                    editBase.Add((await Render(flat, plan, quickCache)).Seconds);
                    var point = slides.FindIndex(s => s.Kind == SlideKind.KeyPoint);
                    var changed = slides.ToList();
                    changed[point] = changed[point] with { Text = changed[point].Text + $" (updated {r})" };
                    var quick = await Render(flat, new SlidePlan(changed), quickCache);
                    edits.Add(quick.Seconds);
                    Console.WriteLine($"round {r}: full {t:0.000} s, full into the cache {editBase[^1]:0.000} s, edit {quick.Seconds:0.000} s = {100 * quick.Seconds / editBase[^1]:0.0} %");
                    if (r == rounds - 1) profiles.AddRange([("full", output), ("edit-one", quick.Output)]);
                    continue;
                }

                baseline.Add(await BaselineAsync(media, manifest, slides, Path.Combine(work.FullName, $"baseline{r}")));
                var withVertical = await Render(portraitDeck, plan);
                var spoken = await Render(narratedChannel, plan);
                narratedRuns.Add(spoken.Seconds);
                narratedVideo = spoken.Output.Video.DurationSeconds;
                var sampleChannel = await Render(manifest, plan);
                sampleRuns.Add(sampleChannel.Seconds);
                vertical.Add(withVertical.Seconds);
                var moved = await Render(moving, plan);
                kenBurns.Add(moved.Seconds);

                // Incremental: a full render into a cache, then the same story with one key point rewritten.
                var cache = Path.Combine(work.FullName, $"edit-cache{r}");
                editBase.Add((await Render(flat, plan, cache)).Seconds);
                var keyPoint = slides.FindIndex(s => s.Kind == SlideKind.KeyPoint);
                var edited = slides.ToList();
                edited[keyPoint] = edited[keyPoint] with { Text = edited[keyPoint].Text + $" (updated {r})" };
                var edit1 = await Render(flat, new SlidePlan(edited), cache);
                edits.Add(edit1.Seconds);

                var spokenCache = Path.Combine(work.FullName, $"edit-spoken-cache{r}");
                var voices = Path.Combine(work.FullName, $"edit-voices{r}");
                narratedEditBase.Add((await Render(narratedChannel, plan, spokenCache, voices)).Seconds);
                var edit2 = await Render(narratedChannel, new SlidePlan(edited), spokenCache, voices);
                narratedEdits.Add(edit2.Seconds);
                if (r == rounds - 1)
                {
                    profiles.AddRange([("full", output), ("full+vertical", withVertical.Output), ("kenburns", moved.Output), ("narrated", spoken.Output),
                        ("sample", sampleChannel.Output), ("edit-one", edit1.Output), ("edit-narrated", edit2.Output)]);
                }
            }

            if (editOnly)
            {
                Console.WriteLine($"full median {Median(full):0.000} s; edit median {Median(edits):0.000} s = {100 * Median(edits) / Median(editBase):0.0} % of the full render into the cache ({Median(editBase):0.000} s)");
                PrintProfiles(profiles);
                return 0;
            }

            var b = Median(baseline);
            Report("baseline (naive ffmpeg, MP4 only)", b, seconds, b);
            Report("full (MP4 + HLS ladder + captions + BIF + slides)", Median(full), seconds, b);
            Report("full + portrait deck (sample channel)", Median(vertical), seconds, b);
            Report("full with Ken Burns", Median(kenBurns), seconds, b);
            Report($"full with narration (cold caches), {narratedVideo:0.0} s video", Median(narratedRuns), narratedVideo, b * narratedVideo / seconds);
            Report($"sample channel (narr.+portrait+Ken Burns), {narratedVideo:0.0} s", Median(sampleRuns), narratedVideo, b * narratedVideo / seconds);
            var edit = Median(edits);
            Console.WriteLine($"{"edit one slide, re-render",-52} {edit,6:0.000} s  = {100 * edit / Median(editBase):0.0} % of the full render in the same round ({Median(editBase):0.000} s)");
            var editSpoken = Median(narratedEdits);
            Console.WriteLine($"{"edit one slide of a narrated story, re-render",-52} {editSpoken,6:0.000} s  = {100 * editSpoken / Median(narratedEditBase):0.0} % of its full render ({Median(narratedEditBase):0.000} s)");
            if (sample is { } last)
            {
                Console.WriteLine($"full render output: MP4 {last.Output.Video.BitrateKbps} kb/s, {last.Output.Video.PicturesEncoded} pictures encoded; " +
                    string.Join(", ", File.ReadAllLines(Path.Combine(last.Folder, "hls", "master.m3u8"))
                        .Where(l => l.StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal))
                        .Select(l => l.Split(',').First(a => a.StartsWith("#EXT-X-STREAM-INF:BANDWIDTH", StringComparison.Ordinal))
                            .Replace("#EXT-X-STREAM-INF:", string.Empty, StringComparison.Ordinal))));
            }

            PrintProfiles(profiles);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void PrintProfiles(List<(string Name, StoryRenderOutput Output)> profiles)
    {
        Console.WriteLine("where the time goes (last round, seconds):");
        foreach (var (name, o) in profiles)
        {
            Console.WriteLine($"  {name,-14} video {o.Video.DurationSeconds:0.0} s, builder {o.Elapsed.TotalSeconds:0.000}: slides drawn+written {o.SlideSeconds:0.000} ({o.SlidesDrawn} drawn: " +
                string.Join(", ", o.Timings.Select(t => $"{t.Key} {t.Value:0.000}")) + "), " +
                string.Join(", ", o.Video.Timings.Select(t => $"{t.Key} {t.Value:0.000}")) + $", portrait {o.VerticalSeconds:0.000}");
        }
    }

    private static int StoryVideoEncoderFrames(List<Slide> slides) =>
        (int)Math.Round(slides.Sum(s => s.DurationSeconds) * StoryVideoEncoder.FramesPerSecond, MidpointRounding.AwayFromZero);

    private static void Report(string name, double wall, double video, double baseline) =>
        Console.WriteLine($"{name,-52} {wall,6:0.000} s  {video / wall,6:0.0}x real time  {baseline / wall,5:0.0}x faster than the baseline");

    /// <summary>
    /// The naive pipeline on the same slide images (drawn once beforehand, not timed): every slide is an input looped
    /// at 30 fps for its duration, joined by the concat filter and encoded by libx264 veryfast.
    /// </summary>
    private static async Task<double> BaselineAsync(string media, ChannelManifest manifest, List<Slide> slides, string folder)
    {
        Directory.CreateDirectory(folder);
        using (var theme = SlideTheme.Load(manifest.Branding, media, manifest.Name))
        {
            var renderer = new SlideRenderer(theme);
            for (var i = 0; i < slides.Count; i++)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder, $"{i}.png"), renderer.Render(slides[i], i, slides.Count).Png);
            }
        }

        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-y" }) start.ArgumentList.Add(a);
        for (var i = 0; i < slides.Count; i++)
        {
            foreach (var a in new[] { "-loop", "1", "-framerate", "30", "-t", slides[i].DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture), "-i", Path.Combine(folder, $"{i}.png") })
            {
                start.ArgumentList.Add(a);
            }
        }

        var inputs = string.Concat(Enumerable.Range(0, slides.Count).Select(i => $"[{i}:v]"));
        foreach (var a in new[] { "-filter_complex", $"{inputs}concat=n={slides.Count}:v=1:a=0,format=yuv420p[v]", "-map", "[v]",
            "-c:v", "libx264", "-preset", "veryfast", "-r", "30", Path.Combine(folder, "baseline.mp4") })
        {
            start.ArgumentList.Add(a);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"baseline ffmpeg failed: {errors}");
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
