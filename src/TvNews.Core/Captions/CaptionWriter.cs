using System.Globalization;
using System.Text;
using TvNews.Core.Slides;

namespace TvNews.Core.Captions;

/// <summary>Captions of the on-screen text, one cue per slide, timed to the slides.</summary>
public static class CaptionWriter
{
    public static string WebVtt(SlidePlan plan)
    {
        var sb = new StringBuilder("WEBVTT\n\n");
        var n = 0;
        foreach (var (start, end, text) in Cues(plan))
        {
            sb.Append(++n).Append('\n')
              .Append(Time(start, '.')).Append(" --> ").Append(Time(end, '.')).Append('\n')
              .Append(EscapeVtt(text)).Append("\n\n");
        }
        return sb.ToString();
    }

    public static string Srt(SlidePlan plan)
    {
        var sb = new StringBuilder();
        var n = 0;
        foreach (var (start, end, text) in Cues(plan))
        {
            sb.Append(++n).Append('\n')
              .Append(Time(start, ',')).Append(" --> ").Append(Time(end, ',')).Append('\n')
              .Append(EscapeSrt(text)).Append("\n\n");
        }
        return sb.ToString();
    }

    private static IEnumerable<(double Start, double End, string Text)> Cues(SlidePlan plan)
    {
        var starts = plan.StartTimes();
        for (var i = 0; i < plan.Slides.Count; i++)
        {
            var text = plan.Slides[i].ScreenText.Trim();
            if (text.Length == 0) continue;
            yield return (starts[i], starts[i] + plan.Slides[i].DurationSeconds, text);
        }
    }

    private static string Time(double seconds, char fractionSeparator)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture,
            $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{fractionSeparator}{t.Milliseconds:000}");
    }

    // WebVTT cue text is markup: '<' and '&' must be escaped, and "-->" must not appear.
    private static string EscapeVtt(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    // SRT players read <b>/<i>/<font> tags, and a blank line ends a cue.
    private static string EscapeSrt(string text) =>
        text.Replace("<", "\u2039", StringComparison.Ordinal).Replace(">", "\u203A", StringComparison.Ordinal)
            .Replace("-->", "\u2192", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
