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

    /// <summary>Every picture the entry carries (media:content, media:thumbnail, image enclosures), the first being <see cref="ImageUrl"/>.</summary>
    public IReadOnlyList<FeedImage> Images { get; init; } = [];

    private static string StripTags(string html) => System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " ").Trim();
}

public sealed record FeedImage(string Url, string? Caption, string? Credit);

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
            var media = MediaElements(item).ToList();
            var first = media.FirstOrDefault();
            var enclosures = item.Links.Where(l => l.RelationshipType == "enclosure" && (l.MediaType?.StartsWith("image/", StringComparison.Ordinal) ?? false)).ToList();
            var images = media.Select(m => new FeedImage(m.Attribute("url")!.Value, Description(m), Credit(m)))
                .Concat(enclosures.Select(e => new FeedImage(e.Uri.AbsoluteUri, null, null)))
                .DistinctBy(i => i.Url, StringComparer.Ordinal).ToList();
            entries.Add(new FeedEntry(
                key.Trim(),
                item.Title?.Text?.Trim() ?? "",
                link,
                item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : null,
                item.Summary?.Text,
                content,
                first?.Attribute("url")?.Value ?? enclosures.FirstOrDefault()?.Uri.AbsoluteUri,
                (first is null ? null : Description(first)) ?? Extension(item, MediaNs, "description")?.Value.Trim(),
                (first is null ? null : Credit(first)) ?? Extension(item, MediaNs, "credit")?.Value.Trim())
            {
                Images = images,
            });
        }
        return (entries, null);
    }

    private static XElement? Extension(SyndicationItem item, string ns, string name) =>
        item.ElementExtensions.Where(e => e.OuterNamespace == ns && e.OuterName == name).Select(e => e.GetObject<XElement>()).FirstOrDefault();

    /// <summary>
    /// The images among media:content / media:thumbnail (directly or inside media:group), in order. A group holds one
    /// picture in several sizes, so only its first image counts.
    /// </summary>
    private static IEnumerable<XElement> MediaElements(SyndicationItem item)
    {
        foreach (var ext in item.ElementExtensions.Where(e => e.OuterNamespace == MediaNs))
        {
            var element = ext.GetObject<XElement>();
            var candidates = element.Name.LocalName == "group" ? element.Elements() : [element];
            var image = candidates.FirstOrDefault(c => c.Name.LocalName is "content" or "thumbnail" && c.Attribute("url") is not null &&
                                                       (c.Attribute("medium")?.Value is null or "image" || c.Name.LocalName == "thumbnail"));
            if (image is not null) yield return image;
        }
    }

    private static string? Description(XElement media) => Trimmed(media.Element(XName.Get("description", MediaNs))?.Value);

    private static string? Credit(XElement media) => Trimmed(media.Element(XName.Get("credit", MediaNs))?.Value);

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
