namespace TvNews.Ingest.Tests.Comparison;

public sealed class ExtractionMetricsTests
{
    [Fact]
    public void APerfectMatchScoresOne()
    {
        string[] gold = ["The council met on Tuesday.", "It voted 7-2 to build the bridge."];
        Assert.Equal(1.0, ExtractionMetrics.BodyF1(gold, gold), 12);
        // Paragraph splits, case and punctuation do not matter, only the tokens.
        Assert.Equal(1.0, ExtractionMetrics.BodyF1(["the council met on tuesday it voted 7 2 to build the bridge"], gold), 12);
    }

    [Fact]
    public void DisjointTextScoresZero()
    {
        Assert.Equal(0.0, ExtractionMetrics.BodyF1(["Subscribe to our newsletter"], ["The council met on Tuesday."]));
        Assert.Equal(0.0, ExtractionMetrics.BodyF1([], ["The council met on Tuesday."]));
        Assert.Equal(0.0, ExtractionMetrics.BodyF1(null, ["The council met on Tuesday."]));
    }

    [Fact]
    public void AMissingHalfScoresTwoThirds()
    {
        // 3 of 3 extracted tokens are gold (precision 1), 3 of 6 gold tokens were extracted (recall 1/2).
        Assert.Equal(2.0 / 3.0, ExtractionMetrics.BodyF1(["The cat sat"], ["The cat sat on the mat."]), 12);
    }

    [Fact]
    public void RepeatedTokensCountOnlyAsOftenAsInGold()
    {
        // overlap min(3, 1) = 1: precision 1/3, recall 1/2, F1 = 0.4.
        Assert.Equal(0.4, ExtractionMetrics.BodyF1(["the the the"], ["the cat"]), 12);
    }

    [Fact]
    public void TokensAreLowerCaseLetterAndDigitRuns()
    {
        Assert.Equal(["hello", "world", "2026", "don", "t"], ExtractionMetrics.Tokenize("Hello, WORLD! (2026) don't"));
        Assert.Equal(["ремонт", "моста", "46"], ExtractionMetrics.Tokenize("«Ремонт моста» — 46"));
        Assert.Equal(["الكتاب".Replace('\u0643', '\u06A9'), "جديد".Replace('\u064A', '\u06CC')], ExtractionMetrics.Tokenize("الكتاب، جديد."));
    }

    [Fact]
    public void ArabicAndPersianYehAndKafAreUnifiedAndZwnjIgnored()
    {
        Assert.Equal(1.0, ExtractionMetrics.BodyF1(["كتاب علي"], ["کتاب علی"]), 12);
        Assert.Equal(1.0, ExtractionMetrics.BodyF1(["می\u200Cخواهم"], ["میخواهم"]), 12);
        Assert.Equal(1.0, ExtractionMetrics.HeadlineAccuracy("\u200Fرئيس الوزراء يزور كركوك", "رئیس الوزراء یزور کرکوک"));
    }

    [Fact]
    public void HeadlinesMatchAfterNormalisation()
    {
        Assert.Equal(1.0, ExtractionMetrics.HeadlineAccuracy("  \u201CHarbour town  reopens\u00A0library\u201D. ", "Harbour town reopens library"));
        Assert.Equal(1.0, ExtractionMetrics.HeadlineAccuracy("«В Озёрске открыли мост»", "в озёрске открыли мост"));
        Assert.Equal(1.0, ExtractionMetrics.HeadlineAccuracy("It\u2019s back", "It's back"));
        Assert.Equal("harbour town reopens", ExtractionMetrics.NormalizeHeadline("\"Harbour Town\n Reopens!\""));
    }

    [Fact]
    public void HeadlinesWithSiteNamesOrMissingDoNotMatch()
    {
        Assert.Equal(0.0, ExtractionMetrics.HeadlineAccuracy("Harbour town reopens library | Coastline Daily", "Harbour town reopens library"));
        Assert.Equal(0.0, ExtractionMetrics.HeadlineAccuracy(null, "Harbour town reopens library"));
        Assert.Equal(0.0, ExtractionMetrics.HeadlineAccuracy("   ", "Harbour town reopens library"));
    }
}
