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
}
