using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>search.json (Roku Search feed 2.0) and mrss.xml as devices get them, after a real publish.</summary>
[Collection(PublishedSeedCollection.Name)]
public sealed class SearchAndMrssFeedTests(PublishedSeed seed)
{
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    private string StoryId => seed.Story.Id.ToString("N");

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string file)
    {
        await seed.App.FeedAsync(file);
        var response = await seed.App.CreateClient().GetAsync($"/channels/{TvNewsApp.ChannelId}/feeds/{file}");
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSearchFeedListsThePublishedStoryAsAnAssetThatDeepLinksByItsId()
    {
        var (response, body) = await GetAsync("search.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());

        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal("1", root.GetProperty("version").GetString());
        Assert.Equal("en", root.GetProperty("defaultLanguage").GetString());
        var asset = root.GetProperty("assets").EnumerateArray().Single(a => a.GetProperty("id").GetString() == StoryId);
        Assert.Equal("shortForm", asset.GetProperty("type").GetString());
        Assert.Equal(seed.Story.Article.Headline, asset.GetProperty("titles")[0].GetProperty("value").GetString());
        Assert.Equal(seed.Story.Media!.Thumbnail, asset.GetProperty("images")[0].GetProperty("url").GetString());
        Assert.StartsWith("http://tv.test/media/", asset.GetProperty("images")[0].GetProperty("url").GetString());
        var play = asset.GetProperty("content").GetProperty("playOptions")[0];
        Assert.Equal(StoryId, play.GetProperty("playId").GetString());
        Assert.Equal("free", play.GetProperty("license").GetString());
        Assert.Equal("fhd", play.GetProperty("quality").GetString());
    }

    [Fact]
    public async Task TheMrssFeedListsThePublishedStoryWithAbsoluteMediaUrls()
    {
        var (response, body) = await GetAsync("mrss.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("<?xml", body, StringComparison.Ordinal);

        using var reader = XmlReader.Create(new StringReader(body));
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal("Sample News 24", feed.Title.Text);
        Assert.Contains(feed.Links, l => l.Uri == new Uri("http://tv.test/channels/sample-news/feeds/mrss.xml"));
        var item = feed.Items.Single(i => i.Id == StoryId);
        Assert.Equal(seed.Story.Article.Headline, item.Title.Text);
        XElement[] Extensions(string name) => item.ElementExtensions.ReadElementExtensions<XElement>(name, Media.NamespaceName).ToArray();
        Assert.Equal([seed.Story.Media!.Mp4, seed.Story.Media.Hls], Extensions("content").Select(c => (string?)c.Attribute("url")));
        Assert.Equal(seed.Story.Media.Thumbnail, (string?)Extensions("thumbnail").Single().Attribute("url"));
        Assert.Equal(seed.Story.Media.CaptionsSrt, (string?)Extensions("subTitle")[0].Attribute("href"));
        Assert.All(Extensions("content"), c => Assert.StartsWith("http://tv.test/media/", (string?)c.Attribute("url")));
    }

    [Theory]
    [InlineData("search.json")]
    [InlineData("mrss.xml")]
    public async Task AnUnknownChannelIs404ProblemDetails(string file)
    {
        var response = await seed.App.CreateClient().GetAsync($"/channels/nope/feeds/{file}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<ProblemDto>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.Equal(404, problem.Status);
    }
}
