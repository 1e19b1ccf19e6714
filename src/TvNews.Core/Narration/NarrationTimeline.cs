using TvNews.Core.Captions;
using TvNews.Core.Channels;
using TvNews.Core.Slides;

namespace TvNews.Core.Narration;

/// <summary>One spoken clip placed on the story: it starts at <see cref="Start"/> and is heard for <see cref="HeardSeconds"/>.</summary>
/// <param name="Slide">Index of the slide it is spoken over.</param>
/// <param name="ClipSeconds">Length of the synthesised clip.</param>
/// <param name="HeardSeconds">Equal to <see cref="ClipSeconds"/> unless a producer-fixed slide ends first and cuts it.</param>
public sealed record PlacedChunk(int Slide, string Text, double Start, double ClipSeconds, double HeardSeconds);

/// <summary>
/// The narrated story: each slide's clips back to back with a short gap, after a lead-in and before a tail beat; the
/// slide lasts that long (see <see cref="SlideDurations.Apply(Slide, SlidePacing, double)"/>). A producer-fixed slide
/// keeps its duration: speech running past its end is cut there and its cues are clipped (a clip that would start
/// after the end is dropped). Slides with nothing to say keep their reading-time duration and stay silent.
/// </summary>
public sealed record NarrationTimeline(SlidePlan Plan, IReadOnlyList<PlacedChunk> Chunks)
{
    /// <summary>Silence at the start of a narrated slide, so speech does not start on the cut.</summary>
    public const double LeadInSeconds = 0.3;

    /// <summary>Between two clips of one slide: a breath.</summary>
    public const double GapSeconds = 0.25;

    /// <summary>After the last clip of a slide, before the next picture.</summary>
    public const double TailSeconds = 0.5;

    /// <summary>One caption cue per heard clip, timed to the speech.</summary>
    public IReadOnlyList<CaptionCue> Cues => Chunks.Select(c => new CaptionCue(c.Start, c.Start + c.HeardSeconds, c.Text)).ToList();

    /// <summary>How long a slide's narration lasts: lead-in, clips with gaps between them, tail. Zero for a silent slide.</summary>
    public static double NarrationSeconds(IReadOnlyList<double> clipSeconds) =>
        clipSeconds.Count == 0 ? 0 : LeadInSeconds + clipSeconds.Sum() + GapSeconds * (clipSeconds.Count - 1) + TailSeconds;

    /// <param name="clipSeconds">Per slide, the length of each of its clips, in the order of <paramref name="script"/>.</param>
    public static NarrationTimeline Build(SlidePlan plan, NarrationScript script, IReadOnlyList<IReadOnlyList<double>> clipSeconds, SlidePacing pacing)
    {
        if (script.Slides.Count != plan.Slides.Count || clipSeconds.Count != plan.Slides.Count)
            throw new ArgumentException($"{plan.Slides.Count} slides, {script.Slides.Count} scripted, {clipSeconds.Count} timed.", nameof(clipSeconds));
        var slides = plan.Slides.Select((s, i) => SlideDurations.Apply(s, pacing, NarrationSeconds(clipSeconds[i]))).ToList();
        var narrated = new SlidePlan(slides);
        var starts = narrated.StartTimes();
        var chunks = new List<PlacedChunk>();
        for (var i = 0; i < slides.Count; i++)
        {
            if (script.Slides[i].Count != clipSeconds[i].Count)
                throw new ArgumentException($"Slide {i + 1} has {script.Slides[i].Count} chunks but {clipSeconds[i].Count} clips.", nameof(clipSeconds));
            var end = starts[i] + slides[i].DurationSeconds;
            var t = starts[i] + LeadInSeconds;
            for (var c = 0; c < clipSeconds[i].Count; c++)
            {
                var heard = Math.Min(clipSeconds[i][c], end - t);
                if (heard <= 0) break;
                chunks.Add(new PlacedChunk(i, script.Slides[i][c], t, clipSeconds[i][c], heard));
                t += clipSeconds[i][c] + GapSeconds;
            }
        }
        return new NarrationTimeline(narrated, chunks);
    }
}
