using TvNews.Core.Channels;
using TvNews.Core.Narration;
using TvNews.Core.Slides;

namespace TvNews.Core.Tests.Narration;

public sealed class NarrationScriptTests
{
    private static readonly SlidePacing Pacing = new();

    private static SlidePlan Deck() => new([
        new Slide(SlideKind.Title, "Russia and Iran sign a new gas deal", "WORLD", "28 November 2026, 10:00", 0),
        new Slide(SlideKind.Image, "Officials at the signing in Tehran", "Photo: Agency", null, 0),
        new Slide(SlideKind.KeyPoint, "The deal covers twenty years of supplies, starting next spring, and includes a new pipeline.", null, null, 0),
        new Slide(SlideKind.Quote, "\u201CWe will respond to any pressure calmly and firmly.\u201D", null, "Sergei Lavrov, Russian Foreign Minister", 0),
        new Slide(SlideKind.Quote, "Nobody expected this.", null, null, 0),
        new Slide(SlideKind.Outro, "Sample News 24", "World news, around the clock", null, 0),
    ]);

    [Fact]
    public void EachSlideReadsItsTextAndAQuoteIsReadAsTheSpeakerSaid()
    {
        var script = NarrationScript.Build(Deck());
        Assert.Equal(
        [
            ["Russia and Iran sign a new gas deal"],
            ["Officials at the signing in Tehran"],
            ["The deal covers twenty years of supplies, starting next spring,", "and includes a new pipeline."],
            ["Sergei Lavrov said: We will respond to any pressure calmly and firmly."],
            ["Nobody expected this."],
            ["Sample News 24."],
        ], script.Slides.Select(s => s.ToArray()).ToArray());
    }

    [Fact]
    public void ASlideWithNothingToSayHasNoChunks()
    {
        var script = NarrationScript.Build(new SlidePlan([new Slide(SlideKind.KeyPoint, "  \n ", null, null, 0)]));
        Assert.Empty(script.Slides[0]);
    }

    [Theory]
    [InlineData("Short. Sentences. Share a chunk when they fit together.")]
    [InlineData("The ministers of the seven countries met in the capital on Tuesday to discuss supplies, prices and the pipeline route; they agreed on prices but not on the route, which stays open until the spring meeting in Vienna next year.")]
    [InlineData("Thisisaverylongwordwithoutanyspacesthatgoesonandonandonforwellovereightycharactersintotal and then a few more words after it.")]
    [InlineData("Officials said the agreement which was negotiated over many months by teams from both countries working in shifts around the clock would be signed soon")]
    [InlineData("\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064A\u0631 \u0625\u0646 \u0627\u0644\u0645\u0641\u0627\u0648\u0636\u0627\u062A \u0633\u062A\u0633\u062A\u0623\u0646\u0641 \u0627\u0644\u0623\u0633\u0628\u0648\u0639 \u0627\u0644\u0645\u0642\u0628\u0644\u060C \u0648\u0623\u0636\u0627\u0641 \u0623\u0646 \u0627\u0644\u0648\u0641\u062F \u0633\u064A\u0636\u0645 \u062E\u0628\u0631\u0627\u0621 \u0645\u0646 \u0627\u0644\u0628\u0644\u062F\u064A\u0646 \u0627\u0644\u062C\u0627\u0631\u064A\u0646.")]
    public void ChunksStayUnderTheCaptionLimitAndNeverSplitAWord(string text)
    {
        var chunks = NarrationScript.Chunk(text);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Nothing lost, nothing split: the chunks' words are the text's words, in order.
        Assert.Equal(words, chunks.SelectMany(c => c.Split(' ')));
        Assert.All(chunks, c => Assert.True(c.Length <= NarrationScript.MaxChunkChars || !c.Contains(' ', StringComparison.Ordinal),
            $"chunk of {c.Length} characters: {c}"));
    }

    [Fact]
    public void ALongSentenceIsCutAtClausesBeforeWords()
    {
        var chunks = NarrationScript.Chunk("The ministers of the seven countries met in the capital on Tuesday to discuss supplies, prices and the pipeline route; they agreed on prices but not on the route.");
        // The semicolon ends a chunk; the 87-character first clause is cut between words, and its second half shares a
        // chunk with the next clause because both fit.
        Assert.Equal(["The ministers of the seven countries met in the", "capital on Tuesday to discuss supplies, prices and the pipeline route;",
            "they agreed on prices but not on the route."], chunks);
    }

    [Fact]
    public void AClauseWithoutPunctuationIsCutIntoBalancedRuns()
    {
        var chunks = NarrationScript.Chunk("Officials said the agreement which was negotiated over many months by teams from both countries would be signed soon");
        Assert.Equal(2, chunks.Count);
        Assert.InRange(Math.Abs(chunks[0].Length - chunks[1].Length), 0, 20);
    }

    [Fact]
    public void ANarratedSlideLastsAsLongAsItsSpeechInWholeFrames()
    {
        var slide = new Slide(SlideKind.KeyPoint, "A key point.", null, null, 0);
        var narrated = SlideDurations.Apply(slide, Pacing, 6.01);
        Assert.Equal(6.033333, narrated.DurationSeconds, 5);
        Assert.Equal(narrated.DurationSeconds * SlideDurations.FramesPerSecond, Math.Round(narrated.DurationSeconds * SlideDurations.FramesPerSecond), 6);
        // A very short narration still gets the channel's minimum time on screen.
        Assert.Equal(Pacing.MinSlideSeconds, SlideDurations.Apply(slide, Pacing, 1.2).DurationSeconds);
        // No narration: reading speed, as before.
        Assert.Equal(SlideDurations.ReadingSeconds(slide, Pacing), SlideDurations.Apply(slide, Pacing, 0).DurationSeconds);
    }

    [Fact]
    public void AProducerFixedDurationWinsOverNarration()
    {
        var slide = new Slide(SlideKind.KeyPoint, "A key point.", null, null, 3) { DurationFixed = true };
        Assert.Equal(3, SlideDurations.Apply(slide, Pacing, 9).DurationSeconds);
    }

    [Fact]
    public void TheTimelinePlacesClipsAfterALeadInWithGapsAndEndsEachSlideAfterATailBeat()
    {
        var plan = new SlidePlan([
            new Slide(SlideKind.Title, "One. Two.", null, null, 0),
            new Slide(SlideKind.Image, "", null, null, 0),
            new Slide(SlideKind.KeyPoint, "Three.", null, null, 0),
        ]);
        var script = new NarrationScript([["One.", "Two."], [], ["Three."]]);
        var timeline = NarrationTimeline.Build(plan, script, [[2.0, 3.0], [], [4.5]], Pacing);

        var first = 0.3 + 2.0 + 0.25 + 3.0 + 0.5;
        Assert.Equal(SlideDurations.WholeFrames(first), timeline.Plan.Slides[0].DurationSeconds, 9);
        Assert.Equal(SlideDurations.ReadingSeconds(plan.Slides[1], Pacing), timeline.Plan.Slides[1].DurationSeconds);
        Assert.Equal(SlideDurations.WholeFrames(0.3 + 4.5 + 0.5), timeline.Plan.Slides[2].DurationSeconds, 9);

        var starts = timeline.Plan.StartTimes();
        Assert.Equal([0.3, 0.3 + 2.0 + 0.25, starts[2] + 0.3], timeline.Chunks.Select(c => c.Start).ToArray(), new ToleranceComparer(1e-9));
        Assert.Equal(["One.", "Two.", "Three."], timeline.Cues.Select(c => c.Text));
        // Each cue lies inside its slide, in order.
        foreach (var chunk in timeline.Chunks)
        {
            Assert.InRange(chunk.Start, starts[chunk.Slide], starts[chunk.Slide] + timeline.Plan.Slides[chunk.Slide].DurationSeconds);
            Assert.InRange(chunk.Start + chunk.HeardSeconds, chunk.Start, starts[chunk.Slide] + timeline.Plan.Slides[chunk.Slide].DurationSeconds);
        }
        Assert.Equal(timeline.Cues.OrderBy(c => c.Start), timeline.Cues);
    }

    [Fact]
    public void SpeechLongerThanAFixedSlideIsCutAtItsEndAndItsCuesClipped()
    {
        var plan = new SlidePlan([
            new Slide(SlideKind.KeyPoint, "One. Two. Three.", null, null, 4) { DurationFixed = true },
            new Slide(SlideKind.KeyPoint, "Four.", null, null, 0),
        ]);
        var script = new NarrationScript([["One.", "Two.", "Three."], ["Four."]]);
        var timeline = NarrationTimeline.Build(plan, script, [[2.0, 2.0, 2.0], [1.0]], Pacing);

        Assert.Equal(4, timeline.Plan.Slides[0].DurationSeconds);
        // "One." 0.3-2.3 whole; "Two." from 2.55, cut at 4; "Three." would start after the end: dropped.
        Assert.Equal(["One.", "Two.", "Four."], timeline.Chunks.Select(c => c.Text));
        Assert.Equal(4 - 2.55, timeline.Chunks[1].HeardSeconds, 9);
        Assert.Equal(4.0, timeline.Cues[1].End, 9);
        Assert.Equal(4.3, timeline.Cues[2].Start, 9);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
