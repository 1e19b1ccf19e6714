using System.Text.RegularExpressions;
using System.Xml.Linq;
using TvNews.Core.Captions;
using TvNews.Core.Slides;

namespace TvNews.Core.Tests.Feeds;

public sealed class CaptionWriterTests
{
    private static readonly SlidePlan Plan = new([
        new Slide(SlideKind.Title, "Talks <resume> & continue", "WORLD", null, 4.5),
        new Slide(SlideKind.Quote, "We are ready", null, "A. Person", 62),
    ]);

    [Fact]
    public void WebVttCuesAreTimedToTheSlidesAndEscaped()
    {
        var vtt = CaptionWriter.WebVtt(Plan);
        Assert.StartsWith("WEBVTT\n\n", vtt);
        Assert.Contains("00:00:00.000 --> 00:00:04.500\nTalks &lt;resume&gt; &amp; continue\n", vtt);
        Assert.Contains("00:00:04.500 --> 00:01:06.500\n\u201CWe are ready\u201D \u2014 A. Person\n", vtt);
    }

    [Fact]
    public void SrtUsesCommasAndNumbersEveryCue()
    {
        var srt = CaptionWriter.Srt(Plan);
        Assert.StartsWith("1\n00:00:00,000 --> 00:00:04,500\n", srt);
        Assert.Contains("\n2\n00:00:04,500 --> 00:01:06,500\n", srt);
        Assert.DoesNotContain("<resume>", srt);
    }

    [Fact]
    public void TtmlIsXmlWhoseParagraphsCarryTheSlideTextAndTheSrtTimes()
    {
        var plan = new SlidePlan([
            new Slide(SlideKind.Title, "Talks <resume> & \"continue\" it's </p><p>", "WORLD", null, 4.5),
            new Slide(SlideKind.KeyPoint, "   ", null, null, 3),
            new Slide(SlideKind.Quote, "We are ready", null, "A. Person", 62),
        ]);
        var ttml = CaptionWriter.Ttml(plan, "en");

        var doc = XDocument.Parse(ttml);
        XNamespace tt = "http://www.w3.org/ns/ttml";
        Assert.Equal(tt + "tt", doc.Root!.Name);
        Assert.Equal("en", doc.Root.Attribute(XNamespace.Xml + "lang")?.Value);
        var paragraphs = doc.Root.Element(tt + "body")!.Element(tt + "div")!.Elements(tt + "p").ToList();
        Assert.Equal(["Talks <resume> & \"continue\" it's </p><p>", "\u201CWe are ready\u201D \u2014 A. Person"], paragraphs.Select(p => p.Value));
        Assert.DoesNotContain("<resume>", ttml);
        Assert.Contains("&amp;", ttml);

        // The same cues as the SRT (blank slides skipped), in clock time with a dot.
        var srtTimes = Regex.Matches(CaptionWriter.Srt(plan), @"(\S+) --> (\S+)")
            .Select(m => (m.Groups[1].Value.Replace(',', '.'), m.Groups[2].Value.Replace(',', '.'))).ToList();
        Assert.Equal(srtTimes, paragraphs.Select(p => (p.Attribute("begin")!.Value, p.Attribute("end")!.Value)));
        Assert.Equal(("00:00:07.500", "00:01:09.500"), srtTimes[1]);
    }

    [Fact]
    public void TtmlDropsCharactersXmlCannotHoldInsteadOfFailing()
    {
        var plan = new SlidePlan([new Slide(SlideKind.Title, "Bell\u0007 and emoji \U0001F600", null, null, 2)]);
        var p = XDocument.Parse(CaptionWriter.Ttml(plan, "fr")).Descendants(XName.Get("p", "http://www.w3.org/ns/ttml")).Single();
        Assert.Equal("Bell and emoji \U0001F600", p.Value);
    }
}
