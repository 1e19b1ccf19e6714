using System.Globalization;
using System.Text;
using System.Xml;
using TvNews.Core.Slides;

namespace TvNews.Core.Captions;

/// <summary>One caption: <paramref name="Text"/> shown from <paramref name="Start"/> to <paramref name="End"/>, in seconds from the start of the video.</summary>
public sealed record CaptionCue(double Start, double End, string Text);

/// <summary>
/// Captions in WebVTT, SRT and TTML. A silent story captions the on-screen text, one cue per slide, timed to the
/// slides (the plan overloads); a narrated story captions the spoken words, one cue per spoken chunk (the cue overloads).
/// </summary>
public static class CaptionWriter
{
    public static string WebVtt(SlidePlan plan) => WebVtt(SlideCues(plan));

    public static string Srt(SlidePlan plan) => Srt(SlideCues(plan));

    public static string Ttml(SlidePlan plan, string language) => Ttml(SlideCues(plan), language);

    public static string WebVtt(IEnumerable<CaptionCue> cues)
    {
        var sb = new StringBuilder("WEBVTT\n\n");
        var n = 0;
        foreach (var (start, end, text) in cues)
        {
            sb.Append(++n).Append('\n')
              .Append(Time(start, '.')).Append(" --> ").Append(Time(end, '.')).Append('\n')
              .Append(EscapeVtt(text)).Append("\n\n");
        }
        return sb.ToString();
    }

    public static string Srt(IEnumerable<CaptionCue> cues)
    {
        var sb = new StringBuilder();
        var n = 0;
        foreach (var (start, end, text) in cues)
        {
            sb.Append(++n).Append('\n')
              .Append(Time(start, ',')).Append(" --> ").Append(Time(end, ',')).Append('\n')
              .Append(EscapeSrt(text)).Append("\n\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// TTML for side-loading next to the MP4 (roku-specs.md 5.2: SMPTE-TT/TTML is the external format Roku lists for
    /// MP4 VOD). Roku's TTML parser is partial, so this is the plainest document it reads: clock times on
    /// <c>p</c> elements in one <c>div</c>, no styling (Roku draws captions in its own font anyway).
    /// </summary>
    public static string Ttml(IEnumerable<CaptionCue> cues, string language)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n" };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("tt", TtmlNamespace);
            xml.WriteAttributeString("xml", "lang", null, language);
            xml.WriteStartElement("body", TtmlNamespace);
            xml.WriteStartElement("div", TtmlNamespace);
            foreach (var (start, end, text) in cues)
            {
                xml.WriteStartElement("p", TtmlNamespace);
                xml.WriteAttributeString("begin", Time(start, '.'));
                xml.WriteAttributeString("end", Time(end, '.'));
                xml.WriteString(XmlText.Safe(text.Replace('\n', ' ')));
                xml.WriteEndElement();
            }
            xml.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private const string TtmlNamespace = "http://www.w3.org/ns/ttml";

    /// <summary>One cue per slide with on-screen text, spanning the slide (blank slides get none).</summary>
    public static IReadOnlyList<CaptionCue> SlideCues(SlidePlan plan)
    {
        var starts = plan.StartTimes();
        var cues = new List<CaptionCue>();
        for (var i = 0; i < plan.Slides.Count; i++)
        {
            var text = plan.Slides[i].ScreenText.Trim();
            if (text.Length == 0) continue;
            cues.Add(new CaptionCue(starts[i], starts[i] + plan.Slides[i].DurationSeconds, text));
        }
        return cues;
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
