using TvNews.Core;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using TvNews.Core.Feeds;

namespace TvNews.Core.Tests.Feeds;

/// <summary>mrss.xml as an RSS reader (System.ServiceModel.Syndication) and Roku's MRSS rules see it.</summary>
public sealed class MrssFeedBuilderTests
{
    /// <summary>The sample channel with rows so roomy that only feed.maxStories bounds the feed: its largest size.</summary>
    private static readonly TvNews.Core.Channels.ChannelManifest AtMaxStories =
        TestData.SampleChannel with { Feed = TestData.SampleChannel.Feed with { PerCategory = 1000 } };

    private static readonly XNamespace Media = MrssFeedBuilder.MediaNamespace;
    private static readonly XNamespace DcTerms = MrssFeedBuilder.DcTermsNamespace;
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static PublishedStory Story(string id, DateTimeOffset at) => new()
    {
        Id = id,
        Title = "Headline " + id,
        Paragraphs = [new string('a', 150) + " " + new string('b', 150), "Second paragraph " + new string('c', 400)],
        Section = "News",
        Category = "Russia",
        Language = "en",
        PublishedAt = at,
        DurationSeconds = 47.6,
        Media = new StoryMedia($"stories/{id}/r1/video.mp4", $"stories/{id}/r1/hls/master.m3u8", $"stories/{id}/r1/thumbnail.jpg",
            $"stories/{id}/r1/captions.srt", $"stories/{id}/r1/captions.vtt", 2100, 1080, []),
    };

    private static byte[] Build(IReadOnlyList<PublishedStory> stories, string? firstStoryId = null) =>
        MrssFeedBuilder.Build(new FeedInput(AtMaxStories, stories, new Uri("https://tv.example.org/"),
            new Uri("https://tv.example.org/media/"), Now, 7, firstStoryId));

    private static SyndicationFeed Load(byte[] xml)
    {
        // Strict XML 1.0: any character the builder failed to strip makes this throw.
        using var reader = XmlReader.Create(new MemoryStream(xml), new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit });
        return SyndicationFeed.Load(reader);
    }

    private static List<XElement> Extensions(SyndicationItem item, XName name) =>
        item.ElementExtensions.Where(e => e.OuterName == name.LocalName && e.OuterNamespace == name.NamespaceName)
            .Select(e => e.GetObject<XElement>()).ToList();

    /// <summary>The item's description: Rss20FeedFormatter puts it in Content, not Summary, when the guid is not a permalink.</summary>
    private static string Description(SyndicationItem item) => ((item.Summary ?? item.Content) as TextSyndicationContent)!.Text;

    [Fact]
    public void TheFeedIsRss20ThatSyndicationFeedLoads()
    {
        var feed = Load(Build([Story("a1", Now.AddHours(-1))]));
        Assert.Equal("Sample News 24", feed.Title.Text);
        Assert.Equal(TestData.SampleChannel.Description, feed.Description.Text);
        Assert.Equal("en", feed.Language);
        Assert.Equal(Now, feed.LastUpdatedTime);
        Assert.Equal(new Uri("https://tv.example.org/"), feed.Links.First(l => l.RelationshipType == "alternate").Uri);

        var item = Assert.Single(feed.Items);
        Assert.Equal("a1", item.Id);
        Assert.Equal("Headline a1", item.Title.Text);
        Assert.Equal(Now.AddHours(-1), item.PublishDate);
        Assert.Equal(RokuFeedBuilder.Descriptions(Story("a1", Now)).Short, Description(item));
        Assert.InRange(Description(item).Length, 1, 200);
    }

    [Fact]
    public void TheBodyStartsWithTheXmlDeclarationTheSdkTemplateSniffsAndDeclaresTheNamespaces()
    {
        var xml = Build([Story("a1", Now)]);
        Assert.StartsWith("<?xml", Encoding.UTF8.GetString(xml), StringComparison.Ordinal);
        var root = XDocument.Load(new MemoryStream(xml)).Root!;
        Assert.Equal("rss", root.Name.LocalName);
        Assert.Equal("2.0", (string?)root.Attribute("version"));
        Assert.Equal(MrssFeedBuilder.MediaNamespace, (string?)root.Attribute(XNamespace.Xmlns + "media"));
        Assert.Equal(MrssFeedBuilder.DcTermsNamespace, (string?)root.Attribute(XNamespace.Xmlns + "dcterms"));
        var guid = root.Element("channel")!.Element("item")!.Element("guid")!;
        Assert.Equal("false", (string?)guid.Attribute("isPermaLink"));
    }

    [Fact]
    public void EachItemHasRokusMediaElements()
    {
        const string id = "0123456789abcdef0123456789abcdef";
        var story = Story(id, Now);
        story = story with { Media = story.Media with { CaptionsTtmlPath = $"stories/{id}/r1/captions.ttml" } };
        var item = Assert.Single(Load(Build([story])).Items);
        var media = $"https://tv.example.org/media/stories/{id}/r1/";

        var contents = Extensions(item, Media + "content");
        Assert.Equal([media + "video.mp4", media + "hls/master.m3u8"], contents.Select(c => (string?)c.Attribute("url")));
        Assert.Equal(["video/mp4", "application/vnd.apple.mpegurl"], contents.Select(c => (string?)c.Attribute("type")));
        Assert.All(contents, c => Assert.Equal("video", (string?)c.Attribute("medium")));
        Assert.All(contents, c => Assert.Equal("48", (string?)c.Attribute("duration")));
        Assert.Equal("2100", (string?)contents[0].Attribute("bitrate"));
        Assert.Null(contents[1].Attribute("bitrate"));
        // Roku's SDK template takes the poster from inside the media:content it plays.
        Assert.All(contents, c => Assert.Equal(media + "thumbnail.jpg", (string?)c.Element(Media + "thumbnail")?.Attribute("url")));

        Assert.Equal(media + "thumbnail.jpg", (string?)Assert.Single(Extensions(item, Media + "thumbnail")).Attribute("url"));
        Assert.Equal(RokuFeedBuilder.Tags(story), Extensions(item, Media + "category").Select(c => c.Value));
        var subtitles = Extensions(item, Media + "subTitle");
        Assert.Equal([media + "captions.srt", media + "captions.ttml"], subtitles.Select(s => (string?)s.Attribute("href")));
        Assert.All(subtitles, s => Assert.Equal("en", (string?)s.Attribute("lang")));
        Assert.Empty(Extensions(item, DcTerms + "valid"));
    }

    [Fact]
    public void AnExpiringStoryCarriesItsEndInDctermsValid()
    {
        var story = Story("e1", Now) with { ExpireAt = new DateTimeOffset(2026, 12, 5, 18, 0, 0, TimeSpan.FromHours(1)) };
        var valid = Assert.Single(Extensions(Assert.Single(Load(Build([story])).Items), DcTerms + "valid"));
        Assert.Equal("end=2026-12-05T17:00:00+00:00; scheme=W3C-DTF", valid.Value);
    }

    [Fact]
    public void ArticleTextWithMarkupAndForbiddenCharactersRoundTripsEscaped()
    {
        const string markup = "Tom & Jerry <b>say</b> \"hi\" ]]> 'now' \U0001F600";
        const string forbidden = "\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF\uD800";
        var story = Story("x1", Now) with
        {
            Title = markup + forbidden,
            Paragraphs = [forbidden + "Lead: " + markup, "More text"],
            Category = "R&D <lab>\u0002",
        };
        var xml = Build([story]);
        var text = Encoding.UTF8.GetString(xml);
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("]]>", text, StringComparison.Ordinal);
        Assert.Contains("Tom &amp; Jerry &lt;b&gt;say&lt;/b&gt;", text, StringComparison.Ordinal);

        var item = Assert.Single(Load(xml).Items);
        Assert.Equal(markup, item.Title.Text);
        Assert.Equal("Lead: " + markup, Description(item));
        Assert.Contains("r&d <lab>", Extensions(item, Media + "category").Select(c => c.Value));
    }

    [Fact]
    public void BreakingNewsComesFirstThenNewestAndTheCapKeepsItUnder500Kilobytes()
    {
        var stories = Enumerable.Range(0, AtMaxStories.Feed.MaxStories + 50).Select(i => Story($"s{i:000}", Now.AddMinutes(-i))).ToList();
        var xml = Build(stories, firstStoryId: "s120");
        var items = Load(xml).Items.ToList();
        Assert.Equal(AtMaxStories.Feed.MaxStories, items.Count);
        Assert.Equal(["s120", "s000", "s001"], items.Take(3).Select(i => i.Id));
        Assert.True(xml.Length < RokuFeedBuilder.MaxFeedBytes, $"{xml.Length} bytes");
    }

    [Fact]
    public void AProducerTagWithAForbiddenCharacterIsCleanedNotAFailedFeed()
    {
        var story = Story("t1", Now) with { Tags = ["elections\u0001", "<gaza>"] };
        var item = Assert.Single(Load(Build([story])).Items);
        var categories = Extensions(item, Media + "category").Select(c => c.Value).ToList();
        Assert.Contains("elections", categories);
        Assert.Contains("<gaza>", categories);
    }

    [Fact]
    public void XmlSafeKeepsTabsNewlinesAndSurrogatePairs()
    {
        Assert.Equal("a\tb\nc\r\U0001F600", XmlText.Safe("a\tb\nc\r\U0001F600"));
        Assert.Equal("ab", XmlText.Safe("a\u0000\uDC00b"));
    }
}
