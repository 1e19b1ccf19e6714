using TvNews.Core.Ingest;

namespace TvNews.Core.Tests.Ingest;

public sealed class RawTextShapesTests
{
    [Fact]
    public void ADatelineIsSplitFromTheFirstParagraph()
    {
        const string text = "World / Europe\n\nTalks resume in Geneva\n\nGENEVA, May 19 (AP) \u2014 Diplomats met again on Wednesday.\n\nThey will meet again.";
        var article = RawTextArticleParser.Parse(text, [], "en").Article!;
        Assert.Equal("GENEVA, May 19 (AP)", article.Dateline);
        Assert.Equal("Diplomats met again on Wednesday.", article.Paragraphs[0]);
    }

    [Fact]
    public void AMissingHeadlineIsDerivedAndFlagged()
    {
        const string text = "The council voted on Tuesday to expand the program. Critics said it cost too much.\n\nMore paragraphs follow.";
        var article = RawTextArticleParser.Parse(text, [], "en").Article!;
        Assert.True(article.HeadlineDerived);
        Assert.Equal("The council voted on Tuesday to expand the program", article.Headline);
    }

    [Fact]
    public void SentencesGluedAcrossALostLineBreakAreSeparated()
    {
        const string text = "Headline here\n\nShips crossed the Gulf.After that they waited.";
        var article = RawTextArticleParser.Parse(text, [], "en").Article!;
        Assert.Equal("Ships crossed the Gulf. After that they waited.", article.Paragraphs[0]);
    }

    [Fact]
    public void TextThatIsOnlyBoilerplateIsRefused()
    {
        var result = RawTextArticleParser.Parse("SHARE THIS ARTICLE\n\nwww.example.com\n", [], "en");
        Assert.Null(result.Article);
        Assert.NotNull(result.Error);
    }

    [Theory]
    [InlineData("Москва заявила, что переговоры продолжатся в июне.", "ru")]
    [InlineData("قال وزير الخارجية إن المحادثات كانت بناءة.", "ar")]
    [InlineData("وزیر امور خارجه گفت که گفتگوها سازنده بود.", "fa")]
    public void LanguageIsDetectedFromTheScript(string body, string language)
    {
        var article = RawTextArticleParser.Parse("Headline\n\n" + body, [], "en").Article!;
        Assert.Equal(language, article.Language);
    }
}
