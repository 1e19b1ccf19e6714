using TvNews.Core.Slides;

namespace TvNews.Core.Tests.Slides;

public sealed class SlidePlannerTests
{
    private static SlidePlan SeedPlan() => SlidePlanner.Plan(TestData.SeedArticle, TestData.SampleChannel, "19 May 2021, 14:30");

    [Fact]
    public void TheSeedDeckHasTitleImageKeyPointsQuoteAndOutroInOrder()
    {
        var kinds = SeedPlan().Slides.Select(s => s.Kind).ToList();
        Assert.Equal(SlideKind.Title, kinds[0]);
        Assert.Equal(SlideKind.Image, kinds[1]);
        Assert.True(kinds.Count(k => k == SlideKind.KeyPoint) >= 3);
        Assert.Contains(SlideKind.Quote, kinds);
        Assert.Equal(SlideKind.Outro, kinds[^1]);
        Assert.True(kinds.IndexOf(SlideKind.Quote) > kinds.LastIndexOf(SlideKind.KeyPoint));
    }

    [Fact]
    public void TheTitleSlideCarriesHeadlineCategoryAndTime()
    {
        var title = SeedPlan().Slides[0];
        Assert.Equal(TestData.SeedArticle.Headline, title.Text);
        Assert.Equal("RUSSIA", title.Label);
        Assert.Equal("19 May 2021, 14:30", title.Attribution);
    }

    [Fact]
    public void TheImageSlideKeepsCaptionAndCredit()
    {
        var image = SeedPlan().Slides.Single(s => s.Kind == SlideKind.Image);
        Assert.StartsWith("US Secretary of State Antony Blinken", image.Text);
        Assert.Equal("AFP", image.Label);
    }

    [Fact]
    public void QuoteSlidesNameTheSpeakerAndRole()
    {
        var quote = SeedPlan().Slides.First(s => s.Kind == SlideKind.Quote);
        Assert.NotNull(quote.Attribution);
        Assert.Matches("^(Sergey Lavrov, Russian Foreign Minister|Antony Blinken, US Secretary of State)$", quote.Attribution);
    }

    [Fact]
    public void KeyPointsAreSentencesOfTheArticleAndFitOnASlide()
    {
        var body = string.Join(" ", TestData.SeedArticle.Paragraphs);
        foreach (var point in SeedPlan().Slides.Where(s => s.Kind == SlideKind.KeyPoint))
        {
            Assert.True(SlidePlanner.CountWords(point.Text) <= 31, point.Text);
            var stem = point.Text.TrimEnd('.', '\u2026');
            Assert.Contains(stem, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DurationsFollowReadingSpeedWithinTheChannelLimits()
    {
        var pacing = TestData.SampleChannel.Pacing;
        var plan = SeedPlan();
        Assert.All(plan.Slides, s => Assert.InRange(s.DurationSeconds, pacing.MinSlideSeconds, pacing.MaxSlideSeconds));
        var shortest = plan.Slides.Where(s => s.Kind == SlideKind.KeyPoint).MinBy(s => SlidePlanner.CountWords(s.Text))!;
        var longest = plan.Slides.Where(s => s.Kind == SlideKind.KeyPoint).MaxBy(s => SlidePlanner.CountWords(s.Text))!;
        Assert.True(longest.DurationSeconds >= shortest.DurationSeconds);
        Assert.Equal(plan.Slides.Sum(s => s.DurationSeconds), plan.TotalSeconds, 3);
    }

    [Fact]
    public void TheLeadIsAKeyPointEvenWithScareQuotesButQuotationsAreNot()
    {
        var points = SlidePlanner.KeyPoints(TestData.SeedArticle);
        Assert.StartsWith("Russian Foreign Minister Sergey Lavrov says Russia has \u201Csignificant differences\u201D", points[0]);
        Assert.DoesNotContain(points, p => p.Contains("seemed to me constructive", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("one two three four five, six seven eight nine ten eleven twelve", 8, "one two three four five.")]
    [InlineData("alpha beta gamma delta epsilon zeta eta theta iota kappa", 6, "alpha beta gamma delta epsilon zeta\u2026")]
    public void ShorteningCutsAtAClauseOrAWordNeverInsideOne(string text, int maxWords, string expected)
    {
        Assert.Equal(expected, SlidePlanner.Shorten(text, maxWords));
    }

    [Fact]
    public void AbbreviationsDoNotSplitSentences()
    {
        var sentences = SlidePlanner.Sentences("The U.S. President met Mr. Smith on Monday. They talked.").ToList();
        Assert.Equal(["The U.S. President met Mr. Smith on Monday.", "They talked."], sentences);
    }
}
