using TvNews.Ingest.Feeds;

namespace TvNews.Ingest.Tests.Feeds;

public sealed class FeedReaderTests
{
    [Fact]
    public void AtomEntriesCarryIdLinkTimeAndFullContent()
    {
        const string atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Harbour Times</title><id>urn:ht</id><updated>2025-03-04T10:00:00Z</updated>
              <entry>
                <id>urn:ht:1</id><title>Council approves new tram line</title>
                <link rel="alternate" href="https://news.example.test/tram"/>
                <updated>2025-03-03T09:00:00Z</updated><published>2025-03-03T09:00:00Z</published>
                <summary>Short teaser.</summary>
                <content type="html">&lt;p&gt;The city council voted on Monday to build a new tram line linking the harbour to the university, at a cost of 400 million.&lt;/p&gt;&lt;p&gt;Construction starts next spring and the first trams should run in 2028, the transport committee said in a statement on Monday.&lt;/p&gt;</content>
              </entry>
            </feed>
            """;
        var (entries, error) = FeedReader.Parse(atom);
        Assert.Null(error);
        var entry = Assert.Single(entries);
        Assert.Equal("urn:ht:1", entry.Key);
        Assert.Equal("https://news.example.test/tram", entry.Link!.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero), entry.Published);
        Assert.True(entry.HasFullText);
    }

    [Fact]
    public void MediaRssImagesComeWithCaptionAndCredit()
    {
        const string rss = """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title><link>https://n.test/</link><description>d</description>
              <item><guid>a</guid><title>Storm</title><link>https://n.test/storm</link><description>Teaser only.</description>
                <media:group><media:content url="https://n.test/storm.jpg" medium="image"><media:description>Waves at dawn.</media:description><media:credit>Ana Ruiz</media:credit></media:content></media:group>
              </item></channel></rss>
            """;
        var entry = Assert.Single(FeedReader.Parse(rss).Entries);
        Assert.Equal("https://n.test/storm.jpg", entry.ImageUrl);
        Assert.Equal("Waves at dawn.", entry.ImageCaption);
        Assert.Equal("Ana Ruiz", entry.ImageCredit);
        Assert.False(entry.HasFullText); // a teaser: the poller follows the link
    }

    [Fact]
    public void EveryMediaRssPictureIsReadAndAGroupCountsOnce()
    {
        const string rss = """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title><link>https://n.test/</link><description>d</description>
              <item><guid>a</guid><title>Storm</title><link>https://n.test/storm</link><description>Teaser only.</description>
                <media:group><media:content url="https://n.test/storm-big.jpg" medium="image"><media:description>Waves at dawn.</media:description><media:credit>Ana Ruiz</media:credit></media:content><media:content url="https://n.test/storm-small.jpg" medium="image"/></media:group>
                <media:content url="https://n.test/clip.mp4" medium="video"/>
                <media:content url="https://n.test/pier.jpg" medium="image"><media:description>The pier after the storm.</media:description></media:content>
                <enclosure url="https://n.test/map.png" type="image/png" length="1000"/>
              </item></channel></rss>
            """;
        var entry = Assert.Single(FeedReader.Parse(rss).Entries);
        Assert.Equal("https://n.test/storm-big.jpg", entry.ImageUrl);
        Assert.Equal(
            [new FeedImage("https://n.test/storm-big.jpg", "Waves at dawn.", "Ana Ruiz"), new FeedImage("https://n.test/pier.jpg", "The pier after the storm.", null), new FeedImage("https://n.test/map.png", null, null)],
            entry.Images);
    }

    [Fact]
    public void SomethingThatIsNotAFeedIsAnErrorNotACrash()
    {
        var (entries, error) = FeedReader.Parse("<html><body>not a feed</body></html>");
        Assert.Empty(entries);
        Assert.NotNull(error);
    }
}
