using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TvNews.Core.Channels;

namespace TvNews.Core.Feeds;

/// <summary>Builds a channel's Direct Publisher feed. URLs are absolute, from the configured public base.</summary>
public static class RokuFeedBuilder
{
    public const int MaxFeedBytes = 500 * 1024;
    public const int MaxShortDescription = 200;
    public const int MaxLongDescription = 500;
    public const int MaxTagLength = 20;

    /// <summary>Newest first; a cap keeps the feed well under Roku's 500 KB template limit (about 2 KB per story).</summary>
    public const int MaxStories = 200;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <param name="firstStoryId">Listed first whatever its age: the active breaking news (issue 6).</param>
    public static RokuFeed Build(ChannelManifest channel, IEnumerable<PublishedStory> stories, Uri mediaBase, DateTimeOffset lastUpdated,
        string? firstStoryId = null)
    {
        var items = stories.OrderByDescending(s => s.Id == firstStoryId).ThenByDescending(s => s.PublishedAt).Take(MaxStories)
            .Select(s => Item(s, mediaBase)).ToList();
        return new RokuFeed(
            channel.Name,
            IsoDateTime(lastUpdated),
            channel.Language,
            channel.Categories.Select(c => new RokuCategory(c.Name, c.Query, c.Order)).ToList(),
            items);
    }

    /// <summary>The feed of one feed version (<see cref="FeedInput"/>): the active breaking news first.</summary>
    public static RokuFeed Build(FeedInput input) =>
        Build(input.Channel, input.Stories, input.MediaBase, input.LastUpdated, input.FirstStoryId);

    public static byte[] Serialize(RokuFeed feed) => JsonSerializer.SerializeToUtf8Bytes(feed, JsonOptions);

    private static RokuShortFormVideo Item(PublishedStory story, Uri mediaBase)
    {
        var (shortDescription, longDescription) = Descriptions(story);
        var quality = story.Media.Height >= 1080 ? "FHD" : story.Media.Height >= 720 ? "HD" : "SD";
        return new RokuShortFormVideo(
            story.Id,
            story.Title,
            new RokuContent(
                IsoDateTime(story.PublishedAt),
                [
                    // Roku's SDK template plays videos[0]: the adaptive stream goes first.
                    new RokuVideo(Url(mediaBase, story.Media.HlsMasterPath), quality, "HLS", null),
                    new RokuVideo(Url(mediaBase, story.Media.Mp4Path), quality, "MP4", story.Media.Mp4BitrateKbps),
                ],
                (int)Math.Round(story.DurationSeconds, MidpointRounding.AwayFromZero),
                story.Language,
                Captions(story, mediaBase),
                story.Media.TrickPlayHdPath is { } bif ? [new RokuTrickPlayFile(Url(mediaBase, bif), "HD")] : null),
            Url(mediaBase, story.Media.ThumbnailPath),
            shortDescription,
            longDescription,
            story.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["news"],
            Tags(story),
            new RokuRating("UNRATED", null));
    }

    /// <summary>
    /// Caption objects are side-loaded files with no tie to one entry of <c>videos</c>, so each must work with both
    /// streams we list. roku-specs.md 5.2 (S12's matrix): MP4 VOD reads SMPTE-TT/TTML as an external file and WebVTT
    /// not at all; HLS already carries our WebVTT in its own playlist, and S11 accepts side-loaded SRT and TTML for HLS.
    /// So: SRT first (Roku's own DP examples point at .srt, legacy devices read only SRT), TTML second (the external
    /// format S12 names for MP4), and never the .vtt file. A device playing HLS may show these next to the playlist's
    /// WebVTT track; not yet checked on hardware.
    /// </summary>
    private static List<RokuCaption> Captions(PublishedStory story, Uri mediaBase)
    {
        var captions = new List<RokuCaption> { new(Url(mediaBase, story.Media.CaptionsSrtPath), story.Language, "CLOSED_CAPTION") };
        if (story.Media.CaptionsTtmlPath is { } ttml) captions.Add(new(Url(mediaBase, ttml), story.Language, "CLOSED_CAPTION"));
        return captions;
    }

    /// <summary>Tags are lowercase, at most 20 characters each, so category queries can match them.</summary>
    public static IReadOnlyList<string> Tags(PublishedStory story) =>
        new[] { "news", story.Section, story.Category }
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => Truncate(t!.Trim().ToLowerInvariant(), MaxTagLength, ellipsis: false))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Short: the lead, at most 200 characters. Long: the first paragraphs, at most 500, and never the same text.</summary>
    public static (string Short, string Long) Descriptions(PublishedStory story)
    {
        var lead = story.Paragraphs.Count > 0 ? story.Paragraphs[0] : story.Title;
        var shortDescription = Truncate(lead, MaxShortDescription, ellipsis: true);
        var longText = new StringBuilder();
        foreach (var p in story.Paragraphs)
        {
            if (longText.Length > 0) longText.Append(' ');
            longText.Append(p);
            if (longText.Length >= MaxLongDescription) break;
        }
        var longDescription = Truncate(longText.ToString(), MaxLongDescription, ellipsis: true);
        if (longDescription == shortDescription)
            longDescription = Truncate(story.Title + ". " + lead, MaxLongDescription, ellipsis: true);
        return (shortDescription, longDescription);
    }

    /// <summary>Cuts at a word boundary and never splits a surrogate pair.</summary>
    public static string Truncate(string text, int max, bool ellipsis)
    {
        if (text.Length <= max) return text;
        var limit = ellipsis ? max - 1 : max;
        var cut = text.LastIndexOf(' ', Math.Min(limit, text.Length - 1));
        if (cut < limit / 2) cut = limit;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        var head = text[..cut].TrimEnd(' ', ',', ';', ':');
        return ellipsis ? head + "\u2026" : head;
    }

    public static string IsoDateTime(DateTimeOffset t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Url(Uri mediaBase, string relativePath) =>
        new Uri(mediaBase, string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString))).AbsoluteUri;
}
