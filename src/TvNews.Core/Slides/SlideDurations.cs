using TvNews.Core.Channels;

namespace TvNews.Core.Slides;

/// <summary>
/// How long a slide stays on screen. One rule for the planner and for producer edits: a duration the producer set
/// wins; else the narration's length when the channel narrates (issue 5); else reading speed at the channel's pace.
/// </summary>
public static class SlideDurations
{
    /// <summary>Seconds for the viewer's eye to find the text before reading starts.</summary>
    private const double ReadingBeat = 1.5;

    /// <summary>The title also has to register the kicker and time line, and opens the story.</summary>
    private const double TitleBeat = 1;

    public static Slide Apply(Slide slide, SlidePacing pacing)
    {
        if (slide.DurationFixed) return slide;
        // Narration plugs in here (issue 5): when the channel narrates and the slide has a narration clip, the slide
        // lasts as long as the clip (plus a short beat), and reading speed below only applies to silent slides.
        return slide with { DurationSeconds = ReadingSeconds(slide, pacing) };
    }

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
