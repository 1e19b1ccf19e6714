using TvNews.Core.Slides;

namespace TvNews.Rendering;

/// <summary>
/// Trick-play frames for a slide video. The video is a sequence of stills, so the frame at time t is the slide on
/// screen at t: each slide is drawn once, small, and its JPEG repeated for every tick inside it. No video decode needed.
/// </summary>
public static class TrickPlay
{
    /// <summary>Roku's HD trick-play size: 320 px wide (roku-specs.md 1.9), 16:9.</summary>
    public const int HdWidth = 320;

    public const int HdHeight = 180;

    /// <summary>
    /// One frame every 5 s. Roku asks for at least one per 10 s, but slides hold for roughly 4-8 s, so 10 s ticks would
    /// skip whole slides while scrubbing; repeated frames cost a few KB each (a 3-minute story is about 36 frames).
    /// </summary>
    public const int IntervalMs = 5000;

    /// <summary>Index of the slide on screen at each tick 0, interval, 2 x interval, ... before the end: ceil(duration / interval) ticks.</summary>
    public static IReadOnlyList<int> SlideAtTicks(SlidePlan plan, int intervalMs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalMs);
        // Whole milliseconds on both sides, so a slide starting exactly on a tick owns that tick.
        var starts = plan.StartTimes().Select(Milliseconds).ToList();
        var total = Milliseconds(plan.TotalSeconds);
        var ticks = (int)((total + intervalMs - 1) / intervalMs);
        var slides = new int[ticks];
        var slide = 0;
        for (var i = 0; i < ticks; i++)
        {
            long t = (long)i * intervalMs;
            // The last slide starting at or before t; a zero-length slide is passed over by its successor.
            while (slide + 1 < starts.Count && starts[slide + 1] <= t) slide++;
            slides[i] = slide;
        }
        return slides;
    }

    /// <summary>A BIF of the plan, given one JPEG per slide (drawn at <see cref="HdWidth"/> x <see cref="HdHeight"/> for HD).</summary>
    public static byte[] Bif(SlidePlan plan, IReadOnlyList<byte[]> slideJpegs, int intervalMs = IntervalMs)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(slideJpegs);
        if (slideJpegs.Count != plan.Slides.Count)
            throw new ArgumentException($"Expected one JPEG per slide ({plan.Slides.Count}), got {slideJpegs.Count}.", nameof(slideJpegs));
        return BifWriter.Build(SlideAtTicks(plan, intervalMs).Select(i => slideJpegs[i]).ToList(), intervalMs);
    }

    private static long Milliseconds(double seconds) => (long)Math.Round(seconds * 1000);
}
