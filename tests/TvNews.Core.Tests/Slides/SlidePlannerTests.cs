using System.Text.Json;
using TvNews.Core.Articles;
using TvNews.Core.Channels;
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

    private static readonly string[] HarbourBody =
    [
        "The harbour switched on four new container cranes on Monday, doubling the number of ships it can unload.",
        "The cranes arrived by sea from the builder's yard in March and took eleven weeks to put together.",
        "Each crane is driven from a control room rather than from a cab high above the deck of the ship.",
        "The weather was mild and most of the dock workers watched the first lifts from the quay.",
        "Mayor Anna Berg said 4,000 jobs in Northgate depend on the harbour staying open through the winter.",
        "Officials said more details about the second phase would follow later in the week as planned.",
    ];

    private static Article Harbour(ArticleImage? lead, params ArticleImage[] images) => new()
    {
        Headline = "New cranes double the harbour's capacity",
        Language = "en",
        LeadImage = lead,
        Images = images,
        Paragraphs = HarbourBody,
        Quotes = [new Quote("We will move twice as many containers by the summer", "Anna Berg", "Mayor of Northgate", Partial: false)],
    };

    private static SlidePlan PlanOf(Article article) => SlidePlanner.Plan(article, TestData.SampleChannel, "14 May 2025, 09:00");

    [Fact]
    public void EveryUsablePictureGetsACaptionedSlideTheLeadAfterTheTitleTheOthersBesideTheirParagraph()
    {
        var plan = PlanOf(Harbour(
            new ArticleImage("https://h.test/lead.jpg", "The new cranes at dawn.", "Ana Ruiz") { StoredPath = "images/lead.jpg" },
            new ArticleImage("https://h.test/room.jpg", "Drivers in the control room.", "Port Authority") { StoredPath = "images/room.jpg", BeforeParagraph = 2 },
            new ArticleImage("https://h.test/small.jpg", "Too small to store.", null) { BeforeParagraph = 3 },            // linked, not stored: unusable
            new ArticleImage("https://h.test/bare.jpg", null, null) { StoredPath = "images/bare.jpg", BeforeParagraph = 4 }, // no words to show
            new ArticleImage("https://h.test/feed.jpg", "The harbour from the air.", "Air Photo") { StoredPath = "images/feed.jpg" })); // no known place

        var kinds = plan.Slides.Select(s => s.Kind).ToList();
        Assert.Equal([SlideKind.Title, SlideKind.Image, SlideKind.KeyPoint, SlideKind.KeyPoint, SlideKind.Image, SlideKind.KeyPoint, SlideKind.KeyPoint,
            SlideKind.Image, SlideKind.Quote, SlideKind.Outro], kinds);
        Assert.Equal(["images/lead.jpg", "images/room.jpg", "images/feed.jpg"], plan.Slides.Where(s => s.Kind == SlideKind.Image).Select(s => s.Image));
        Assert.Equal(("Drivers in the control room.", "Port Authority"), (plan.Slides[4].Text, plan.Slides[4].Label));
        // The picture before paragraph 2 sits between the key points taken from paragraphs 0-1 and those from 2 on.
        Assert.StartsWith("The cranes arrived", plan.Slides[3].Text, StringComparison.Ordinal);
        Assert.StartsWith("Each crane", plan.Slides[5].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void APictureThatWasLinkedButNotStoredGetsNoSlide()
    {
        var plan = PlanOf(Harbour(new ArticleImage("https://h.test/lead.jpg", "The new cranes at dawn.", "Ana Ruiz")));
        Assert.DoesNotContain(plan.Slides, s => s.Kind == SlideKind.Image);
    }

    [Fact]
    public void ALongCaptionIsHeldToALowerThird()
    {
        var caption = string.Join(' ', Enumerable.Repeat("Dock workers watch as the first container is lifted,", 6));
        var plan = PlanOf(Harbour(new ArticleImage("https://h.test/lead.jpg", caption, "Ana Ruiz") { StoredPath = "images/lead.jpg" }));
        var image = plan.Slides.Single(s => s.Kind == SlideKind.Image);
        Assert.InRange(image.Text.Length, 20, 180);
        Assert.StartsWith(image.Text.TrimEnd('.', '\u2026'), caption, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the harbour board said that 4,000 jobs depend on the port staying open all winter.")]      // a number
    [InlineData("the harbour board told Karin Holm and Tomas Lind that Northgate depends on the port.")]     // names
    public void KeyPointsFavourEarlyParagraphsAndSentencesWithNumbersOrNamesAndLeaveOutQuotations(string late)
    {
        string[] body =
        [
            "the harbour switched on four new container cranes on monday, doubling the ships it can unload.",
            "the cranes arrived by sea from the builder's yard in march and took eleven weeks to build.",
            "each crane is driven from a control room rather than from a cab high above the deck.",
            "the weather was mild and most of the dock workers watched the first lifts from the quay.",
            late,
            "officials said more details about the second phase would follow later in the week as planned.",
            "\u201CWe will move twice as many containers by the summer,\u201D the mayor told reporters on the quay.",
        ];
        var points = SlidePlanner.RankedKeyPoints(Harbour(null) with { Paragraphs = body });
        // Paragraph 4 beats the plainer, earlier paragraph 3 only by its number or its names; the quotation is never a key point.
        Assert.Equal([0, 1, 2, 4], points.Select(p => p.Paragraph));
        Assert.Equal(late, points[3].Text);
    }

    [Fact]
    public void AKeyPointIsAFewLinesCutBetweenWordsEvenWhenTheWordsAreLong()
    {
        var text = string.Join(' ', Enumerable.Repeat("internationalisation-programme", 12));
        var shortened = SlidePlanner.Shorten(text, 30, 200);
        Assert.True(shortened.Length <= 200, shortened);
        Assert.EndsWith("\u2026", shortened);
        Assert.All(shortened.TrimEnd('\u2026').Split(' '), w => Assert.Equal("internationalisation-programme", w));
    }

    [Fact]
    public void AProducersDurationWinsOverReadingSpeedEvenOutsideTheChannelLimits()
    {
        var pacing = new SlidePacing { WordsPerMinute = 160, MinSlideSeconds = 4, MaxSlideSeconds = 10 };
        var fixedSlide = new Slide(SlideKind.KeyPoint, "Short.", null, null, 42) { DurationFixed = true };
        var readSlide = new Slide(SlideKind.KeyPoint, "Short.", null, null, 42);
        Assert.Equal(42, SlideDurations.Apply(fixedSlide, pacing).DurationSeconds);
        Assert.Equal(4, SlideDurations.Apply(readSlide, pacing).DurationSeconds);
    }

    [Theory]
    [InlineData(SlideKind.KeyPoint, 10, 11.5)]  // 10 words at 60 wpm = 10 s, plus a 1.5 s beat
    [InlineData(SlideKind.Title, 10, 12.5)]     // the title gets another second
    [InlineData(SlideKind.KeyPoint, 30, 20)]    // clamped to the channel's maximum
    [InlineData(SlideKind.KeyPoint, 1, 3)]      // clamped to its minimum
    [InlineData(SlideKind.Outro, 30, 3)]        // the outro shows the name only: the minimum
    public void ReadingSpeedFollowsTheChannelsPacing(SlideKind kind, int words, double expected)
    {
        var pacing = new SlidePacing { WordsPerMinute = 60, MinSlideSeconds = 3, MaxSlideSeconds = 20 };
        var slide = new Slide(kind, string.Join(' ', Enumerable.Repeat("word", words)), null, null, 0);
        Assert.Equal(expected, SlideDurations.ReadingSeconds(slide, pacing));
    }

    [Fact]
    public void AFixedDurationIsMarkedInThePlanJsonAndAnUnfixedOneLeavesTheJsonAsBefore()
    {
        var options = JsonSerializerOptions.Web;
        var fixedJson = JsonSerializer.Serialize(new Slide(SlideKind.KeyPoint, "A.", null, null, 5) { DurationFixed = true }, options);
        var readJson = JsonSerializer.Serialize(new Slide(SlideKind.KeyPoint, "A.", null, null, 5), options);
        Assert.Contains("\"durationFixed\":true", fixedJson, StringComparison.Ordinal);
        Assert.DoesNotContain("durationFixed", readJson, StringComparison.Ordinal);
        Assert.True(JsonSerializer.Deserialize<Slide>(fixedJson, options)!.DurationFixed);
        Assert.False(JsonSerializer.Deserialize<Slide>(readJson, options)!.DurationFixed);
    }

    [Fact]
    public void AnArticleStoredBeforeInBodyPicturesReadsWithNone()
    {
        const string stored = """{"headline":"H","language":"en","leadImage":{"url":null,"caption":"C","credit":"AFP","storedPath":null},"paragraphs":["P."],"quotes":[]}""";
        var article = JsonSerializer.Deserialize<Article>(stored, JsonSerializerOptions.Web)!;
        Assert.Empty(article.Images);
        Assert.Null(article.LeadImage!.BeforeParagraph);
        Assert.DoesNotContain("beforeParagraph", JsonSerializer.Serialize(article.LeadImage, JsonSerializerOptions.Web), StringComparison.Ordinal);
    }
}
