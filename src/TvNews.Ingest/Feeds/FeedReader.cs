using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;

namespace TvNews.Ingest.Feeds;

/// <summary>One feed entry. <see cref="ContentHtml"/> is the full story when the feed carries it (content:encoded, Atom content).</summary>
public sealed record FeedEntry(
    string Key,
    string Title,
    Uri? Link,
    DateTimeOffset? Published,
    string? SummaryHtml,
    string? ContentHtml,
    string? ImageUrl,
    string? ImageCaption,
    string? ImageCredit)
{
    /// <summary>A feed that only teases the story (a summary, a paragraph) sends us to the page for the rest.</summary>
    public bool HasFullText => ContentHtml is { } html && (StripTags(html).Length >= 600 ||
        (StripTags(html).Length >= 250 && html.Split("<p", StringSplitOptions.None).Length > 2));

    private static string StripTags(string html) => System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " ").Trim();
}

/// <summary>RSS 2.0, Atom 1.0 and Media RSS, read with System.ServiceModel.Syndication.</summary>
public static class FeedReader
{
    private const string MediaNs = "http://search.yahoo.com/mrss/";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";

    public static (IReadOnlyList<FeedEntry> Entries, string? Error) Parse(string xml)
    {
        SyndicationFeed feed;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            feed = SyndicationFeed.Load(reader);
        }
        catch (Exception e) when (e is XmlException or InvalidOperationException or FormatException)
        {
            return ([], $"Not an RSS or Atom feed: {e.Message}");
        }

        var entries = new List<FeedEntry>();
        foreach (var item in feed.Items)
        {
            var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.Links.FirstOrDefault()?.Uri;
            if (link is not null && !link.IsAbsoluteUri && feed.BaseUri is not null) link = new Uri(feed.BaseUri, link);
            var key = !string.IsNullOrWhiteSpace(item.Id) ? item.Id : link?.AbsoluteUri ?? item.Title?.Text ?? "";
            if (key.Length == 0) continue;

            var content = (item.Content as TextSyndicationContent)?.Text ?? Extension(item, ContentNs, "encoded")?.Value;
            var media = MediaElement(item);
            var enclosure = item.Links.FirstOrDefault(l => l.RelationshipType == "enclosure" && (l.MediaType?.StartsWith("image/", StringComparison.Ordinal) ?? false));
            entries.Add(new FeedEntry(
                key.Trim(),
                item.Title?.Text?.Trim() ?? "",
                link,
                item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : null,
                item.Summary?.Text,
                content,
                media?.Attribute("url")?.Value ?? enclosure?.Uri.AbsoluteUri,
                media?.Element(XName.Get("description", MediaNs))?.Value.Trim() ?? Extension(item, MediaNs, "description")?.Value.Trim(),
                media?.Element(XName.Get("credit", MediaNs))?.Value.Trim() ?? Extension(item, MediaNs, "credit")?.Value.Trim()));
        }
        return (entries, null);
    }

    private static XElement? Extension(SyndicationItem item, string ns, string name) =>
        item.ElementExtensions.Where(e => e.OuterNamespace == ns && e.OuterName == name).Select(e => e.GetObject<XElement>()).FirstOrDefault();

    /// <summary>The first image among media:content / media:thumbnail (directly or inside media:group).</summary>
    private static XElement? MediaElement(SyndicationItem item)
    {
        foreach (var ext in item.ElementExtensions.Where(e => e.OuterNamespace == MediaNs))
        {
            var element = ext.GetObject<XElement>();
            var candidates = element.Name.LocalName == "group" ? element.Elements() : [element];
            foreach (var c in candidates)
            {
                if (c.Name.LocalName is "content" or "thumbnail" && c.Attribute("url") is not null &&
                    (c.Attribute("medium")?.Value is null or "image" || c.Name.LocalName == "thumbnail"))
                    return c;
            }
        }
        return null;
    }
}
