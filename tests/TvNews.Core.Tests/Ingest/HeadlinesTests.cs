using TvNews.Core.Ingest;

namespace TvNews.Core.Tests.Ingest;

public sealed class HeadlinesTests
{
    [Fact]
    public void AShortFirstSentenceIsTheHeadline() =>
        Assert.Equal("The council voted on Tuesday", Headlines.Derive("The council voted on Tuesday. Critics objected."));

    [Fact]
    public void ALongFirstSentenceIsCutAtAWordBoundary()
    {
        var lead = string.Join(' ', Enumerable.Repeat("word", 60)) + ".";
        var headline = Headlines.Derive(lead);
        Assert.True(headline.Length <= Headlines.MaxDerivedLength, headline);
        Assert.EndsWith("word\u2026", headline);
    }

    [Fact]
    public void ALongLeadWithoutSpacesIsCutWithoutFailing()
    {
        var headline = Headlines.Derive(new string('x', 300));
        Assert.Equal(Headlines.MaxDerivedLength - 2, headline.Length);
    }
}
