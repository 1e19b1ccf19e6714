using System.Globalization;
using System.Text;
using System.Xml;

namespace TvNews.Core.Feeds;

/// <summary>
/// Builds a channel's Media RSS feed (RSS 2.0 + MRSS 1.5.1) as Roku's MRSS specification reads it (roku-specs.md 1.14):
/// per item guid, pubDate, title, description (at most 200 characters), media:category, media:thumbnail, media:content
/// with duration (and bitrate for the MP4), media:subTitle sidecars and dcterms:valid when the story expires.
/// </summary>
public static class MrssFeedBuilder
{
    public const string MediaNamespace = "http://search.yahoo.com/mrss/";
    public const string DcTermsNamespace = "http://purl.org/dc/terms/";
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static byte[] Build(FeedInput input)
    {
        var channel = input.Channel;
        using var stream = new MemoryStream();
        // No byte order mark: Roku's SDK template recognises MRSS by a body that starts with "<?xml" or "<rss".
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), CheckCharacters = true };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "media", null, MediaNamespace);
            xml.WriteAttributeString("xmlns", "dcterms", null, DcTermsNamespace);
            xml.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", XmlText.Safe(channel.Name));
            xml.WriteElementString("link", input.PublicBase.AbsoluteUri);
            xml.WriteElementString("description", XmlText.Safe(channel.Description));
            xml.WriteElementString("language", channel.Language);
            xml.WriteElementString("lastBuildDate", Rfc822(input.LastUpdated));
            xml.WriteStartElement("atom", "link", AtomNamespace);
            xml.WriteAttributeString("href", input.FeedUrl("mrss.xml"));
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();
            // The SDK template's 500 KB limit applies to MRSS as well; the cap keeps the same stories as roku.json.
            foreach (var story in input.Listed) Item(xml, Clean(story), input);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void Item(XmlWriter xml, PublishedStory story, FeedInput input)
    {
        var media = story.Media;
        var duration = ((int)Math.Round(story.DurationSeconds, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);
        var thumbnail = input.MediaUrl(media.ThumbnailPath);
        xml.WriteStartElement("item");
        xml.WriteElementString("title", story.Title);
        xml.WriteElementString("description", RokuFeedBuilder.Descriptions(story).Short);
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString(story.Id);
        xml.WriteEndElement();
        xml.WriteElementString("pubDate", Rfc822(story.PublishedAt));
        // Roku's SDK template plays the url of the last media:content it meets and takes the poster from a
        // media:thumbnail inside it, so the adaptive stream goes last and each content repeats the thumbnail.
        Content(xml, input.MediaUrl(media.Mp4Path), "video/mp4", duration, media.Mp4BitrateKbps, story.Language, thumbnail);
        Content(xml, input.MediaUrl(media.HlsMasterPath), "application/vnd.apple.mpegurl", duration, null, story.Language, thumbnail);
        Thumbnail(xml, thumbnail);
        foreach (var tag in RokuFeedBuilder.Tags(story)) xml.WriteElementString("media", "category", MediaNamespace, tag);
        // The same sidecars as roku.json (see RokuFeedBuilder.Captions): SRT first, TTML when rendered, never the .vtt.
        SubTitle(xml, input.MediaUrl(media.CaptionsSrtPath), "application/x-subrip", story.Language);
        if (media.CaptionsTtmlPath is { } ttml) SubTitle(xml, input.MediaUrl(ttml), "application/ttml+xml", story.Language);
        if (story.ExpireAt is { } end)
            xml.WriteElementString("dcterms", "valid", DcTermsNamespace, $"end={RokuFeedBuilder.IsoDateTime(end)}; scheme=W3C-DTF");
        xml.WriteEndElement();
    }

    private static void Content(XmlWriter xml, string url, string type, string duration, int? bitrateKbps, string language, string thumbnail)
    {
        xml.WriteStartElement("media", "content", MediaNamespace);
        xml.WriteAttributeString("url", url);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("medium", "video");
        xml.WriteAttributeString("duration", duration);
        if (bitrateKbps is { } bitrate) xml.WriteAttributeString("bitrate", bitrate.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("lang", language);
        Thumbnail(xml, thumbnail);
        xml.WriteEndElement();
    }

    private static void Thumbnail(XmlWriter xml, string url)
    {
        xml.WriteStartElement("media", "thumbnail", MediaNamespace);
        xml.WriteAttributeString("url", url);
        xml.WriteEndElement();
    }

    private static void SubTitle(XmlWriter xml, string href, string type, string language)
    {
        xml.WriteStartElement("media", "subTitle", MediaNamespace);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("lang", language);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    /// <summary>Article text without the characters XML 1.0 cannot hold, before any truncation counts it.</summary>
    private static PublishedStory Clean(PublishedStory story) => story with
    {
        Title = XmlText.Safe(story.Title),
        Paragraphs = story.Paragraphs.Select(XmlText.Safe).ToList(),
        Section = story.Section is null ? null : XmlText.Safe(story.Section),
        Category = story.Category is null ? null : XmlText.Safe(story.Category),
        Tags = story.Tags.Select(XmlText.Safe).ToList(),
    };

    /// <summary>RSS 2.0 dates are RFC 822, as in Roku's examples ("Sat, 07 Sep 2016 09:42:31 GMT").</summary>
    public static string Rfc822(DateTimeOffset t) => t.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
}
