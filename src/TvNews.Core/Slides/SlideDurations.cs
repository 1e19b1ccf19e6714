using TvNews.Core.Channels;

namespace TvNews.Core.Slides;

/// <summary>
/// How long a slide stays on screen. One rule for the planner and for producer edits: a duration the producer set
/// wins; else the narration's length when the channel narrates; else reading speed at the channel's pace.
/// </summary>
public static class SlideDurations
{
    /// <summary>Seconds for the viewer's eye to find the text before reading starts.</summary>
    private const double ReadingBeat = 1.5;

    /// <summary>The title also has to register the kicker and time line, and opens the story.</summary>
    private const double TitleBeat = 1;

    /// <summary>Video frames per second: narrated durations are whole frames so slide changes land on a frame.</summary>
    public const int FramesPerSecond = 30;

    public static Slide Apply(Slide slide, SlidePacing pacing) => Apply(slide, pacing, 0);

    /// <param name="narrationSeconds">
    /// The slide's narration with its lead-in and tail beat (<see cref="Narration.NarrationTimeline.NarrationSeconds"/>);
    /// zero for a silent slide. A narrated slide lasts that long, rounded up to whole frames, and at least the channel's
    /// minimum (a two-word outro still needs time to be seen); no maximum, so speech is never cut.
    /// </param>
    public static Slide Apply(Slide slide, SlidePacing pacing, double narrationSeconds)
    {
        if (slide.DurationFixed) return slide;
        if (narrationSeconds > 0) return slide with { DurationSeconds = WholeFrames(Math.Max(narrationSeconds, pacing.MinSlideSeconds)) };
        return slide with { DurationSeconds = ReadingSeconds(slide, pacing) };
    }

    /// <summary>Rounds up to a whole number of frames (the small epsilon keeps 4.0 from becoming 4 s and one frame).</summary>
    public static double WholeFrames(double seconds) => Math.Ceiling(seconds * FramesPerSecond - 1e-6) / FramesPerSecond;

    public static SlidePlan Apply(SlidePlan plan, SlidePacing pacing) => new(plan.Slides.Select(s => Apply(s, pacing)).ToList());

    /// <summary>
    /// Reading time of everything on the slide at the channel's words per minute, plus a beat, clamped to the channel's
    /// minimum and maximum and rounded to half seconds. The outro only shows the channel's name: it gets the minimum.
    /// </summary>
    public static double ReadingSeconds(Slide slide, SlidePacing pacing)
    {
        if (slide.Kind == SlideKind.Outro) return pacing.MinSlideSeconds;
        var words = SlidePlanner.CountWords(slide.Text) + SlidePlanner.CountWords(slide.Label) + SlidePlanner.CountWords(slide.Attribution);
        var seconds = words * 60.0 / pacing.WordsPerMinute + ReadingBeat + (slide.Kind == SlideKind.Title ? TitleBeat : 0);
        seconds = Math.Clamp(seconds, pacing.MinSlideSeconds, pacing.MaxSlideSeconds);
        return Math.Round(seconds * 2, MidpointRounding.AwayFromZero) / 2;
    }
}
