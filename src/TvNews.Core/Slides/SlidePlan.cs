using System.Text.Json.Serialization;

namespace TvNews.Core.Slides;

public enum SlideKind
{
    Title,
    Image,
    KeyPoint,
    Quote,
    Outro,
}

/// <summary>
/// One TV slide. <see cref="Text"/> is the main text (headline, caption, key point, quote, channel name);
/// <see cref="Label"/> is the small line (category kicker, photo credit, tagline);
/// <see cref="Attribution"/> is the quote's speaker line.
/// </summary>
public sealed record Slide(SlideKind Kind, string Text, string? Label, string? Attribution, double DurationSeconds)
{
    /// <summary>The picture behind an image slide: a path relative to media storage (absolute when handed to the renderer).</summary>
    public string? Image { get; init; }

    /// <summary>
    /// A producer set <see cref="DurationSeconds"/>: it wins over narration and reading speed. Omitted from the JSON when
    /// false, so plans stored before producers could fix durations read (and hash) as they did.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool DurationFixed { get; init; }

    /// <summary>What the slide shows on screen, as plain text, for captions and the native slide feed.</summary>
    public string ScreenText => Kind switch
    {
        SlideKind.Quote when Attribution is not null => $"\u201C{Text}\u201D \u2014 {Attribution}",
        SlideKind.Image when Label is not null => $"{Text} ({Label})",
        _ => Text,
    };
}

public sealed record SlidePlan(IReadOnlyList<Slide> Slides)
{
    public double TotalSeconds => Slides.Sum(s => s.DurationSeconds);

    /// <summary>Start time of each slide, in seconds from the start of the video.</summary>
    public IReadOnlyList<double> StartTimes()
    {
        var starts = new double[Slides.Count];
        double t = 0;
        for (var i = 0; i < Slides.Count; i++)
        {
            starts[i] = t;
            t += Slides[i].DurationSeconds;
        }
        return starts;
    }
}
