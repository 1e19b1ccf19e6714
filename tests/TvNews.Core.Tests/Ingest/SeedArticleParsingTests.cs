using TvNews.Core.Articles;
using TvNews.Core.Ingest;

namespace TvNews.Core.Tests.Ingest;

public sealed class SeedArticleParsingTests
{
    // The checked-in rules the sample channel references, so the data is tested, not a copy of it.
    private static readonly SiteRules PressTv = SiteRulesReader.Read("presstv.json",
        File.ReadAllText(Path.Combine(RepoPaths.Root, "site-rules", "presstv.json"))).Rules!;

    private static Article ParseSeed()
    {
        var result = RawTextArticleParser.Parse(File.ReadAllText(RepoPaths.SeedArticle), [PressTv], "en");
        Assert.Null(result.Error);
        return result.Article!;
    }

    [Fact]
    public void TheBreadcrumbBecomesSectionAndCategory()
    {
        var article = ParseSeed();
        Assert.Equal("News", article.Section);
        Assert.Equal("Russia", article.Category);
    }

    [Fact]
    public void TheHeadlineIsTheLineAfterTheBreadcrumb()
    {
        var article = ParseSeed();
        Assert.Equal("Russia ready to discuss issues with US based on honesty, mutual respect: Lavrov", article.Headline);
        Assert.False(article.HeadlineDerived);
    }

    [Fact]
    public void ThePhotoCaptionIsSplitFromItsCredit()
    {
        var article = ParseSeed();
        Assert.Equal("AFP", article.LeadImage!.Credit);
        Assert.StartsWith("US Secretary of State Antony Blinken (3rd-L) meets with", article.LeadImage!.Caption);
        Assert.EndsWith("on May 19, 2021.", article.LeadImage!.Caption);
        Assert.DoesNotContain(article.Paragraphs, p => p.Contains("Photo by", StringComparison.Ordinal));
    }

    [Fact]
    public void BodyParagraphsKeepTheStoryAndDropTheFooter()
    {
        var article = ParseSeed();
        Assert.Equal(14, article.Paragraphs.Count);
        Assert.StartsWith("Russian Foreign Minister Sergey Lavrov says", article.Paragraphs[0]);
        Assert.StartsWith("Kiev and its Western allies", article.Paragraphs[^1]);
        var all = string.Join("\n", article.Paragraphs);
        Assert.DoesNotContain("can also be accessed", all);
        Assert.DoesNotContain("presstv.co.uk", all);
        Assert.DoesNotContain("SHARE THIS ARTICLE", all);
        Assert.DoesNotContain("Roku", all);
        Assert.Null(article.Dateline);
        Assert.Equal("en", article.Language);
    }

    [Theory]
    [InlineData("The conversation seemed to me constructive.", "Sergey Lavrov", false)]
    [InlineData("We have significant differences in assessing", "Sergey Lavrov", false)]
    [InlineData("We will prepare proposals for our presidents", "Sergey Lavrov", false)]
    [InlineData("no secret that we have our differences", "Antony Blinken", true)]
    [InlineData("We think that\u2019s good for our people", "Antony Blinken", false)]
    public void QuotesAreAttributedToTheirSpeakers(string start, string speaker, bool partial)
    {
        var quote = Assert.Single(ParseSeed().Quotes, q => q.Text.StartsWith(start, StringComparison.Ordinal));
        Assert.Equal(speaker, quote.Speaker);
        Assert.Equal(partial, quote.Partial);
    }

    [Fact]
    public void SpeakersCarryTheRoleTheTextGivesThem()
    {
        var quotes = ParseSeed().Quotes;
        Assert.Equal("Russian Foreign Minister", quotes.First(q => q.Speaker == "Sergey Lavrov").SpeakerRole);
        Assert.Equal("US Secretary of State", quotes.First(q => q.Speaker == "Antony Blinken").SpeakerRole);
    }

    [Fact]
    public void ScareQuotesAreNotQuotes()
    {
        var quotes = ParseSeed().Quotes;
        Assert.Equal(5, quotes.Count);
        Assert.DoesNotContain(quotes, q => q.Text is "constructive" or "significant differences");
    }
}
