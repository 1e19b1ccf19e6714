using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TvNews.Core.Channels;

namespace TvNews.Core.Feeds;

/// <summary>Builds a channel's Direct Publisher feed. URLs are absolute, from the configured public base.</summary>
public static class RokuFeedBuilder
{
    /// <summary>The SDK template refuses a feed of 500 * 1024 characters or more; UTF-8 bytes are never fewer than characters.</summary>
    public const int MaxFeedBytes = 500 * 1024 - 1;
    public const int MaxShortDescription = 200;
    public const int MaxLongDescription = 500;
    public const int MaxTagLength = 20;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>For tests and tools that have stories but no feed version: the same feed <see cref="Build(FeedInput)"/> makes.</summary>
    /// <param name="firstStoryId">Listed first whatever its age: the active breaking news (issue 6).</param>
    public static RokuFeed Build(ChannelManifest channel, IEnumerable<PublishedStory> stories, Uri mediaBase, DateTimeOffset lastUpdated,
        string? firstStoryId = null) =>
        Build(new FeedInput(channel, stories.ToList(), mediaBase, mediaBase, lastUpdated, 0, firstStoryId));

    /// <summary>
    /// The feed of one feed version: the stories <see cref="FeedInput.Listed"/> chooses (breaking news first, then newest
    /// first), the manifest's categories, and the non-empty playlists. Should the result still reach
    /// <see cref="MaxFeedBytes"/> (very long texts), the oldest stories that no playlist pins are dropped until it fits.
    /// </summary>
    public static RokuFeed Build(FeedInput input)
    {
        var items = input.Listed.Select(s => Item(s, input)).ToList();
        var categories = input.Channel.Categories.Select(c => new RokuCategory(c.Name, c.Query, c.PlaylistName, c.Order)).ToList();
        var feed = Assemble(input, categories, items);
        var size = Serialize(feed).Length;
        if (size < MaxFeedBytes) return feed;

        var pinned = Playlists(input, items).SelectMany(p => p.ItemIds).ToHashSet(StringComparer.Ordinal);
        while (size >= MaxFeedBytes)
        {
            // Drop about as many as the excess needs at the average item size, at least one, oldest first.
            var average = Math.Max(1, size / Math.Max(1, items.Count));
            var drop = Math.Max(1, (size - MaxFeedBytes) / average + 1);
            var dropped = 0;
            for (var i = items.Count - 1; i >= 0 && dropped < drop; i--)
            {
                if (pinned.Contains(items[i].Id)) continue;
                items.RemoveAt(i);
                dropped++;
            }
            if (dropped == 0) break; // only pinned stories remain: nothing more the policy may drop
            feed = Assemble(input, categories, items);
            size = Serialize(feed).Length;
        }
        return feed;
    }

    private static RokuFeed Assemble(FeedInput input, IReadOnlyList<RokuCategory> categories, IReadOnlyList<RokuShortFormVideo> items) =>
        new(input.Channel.Name, IsoDateTime(input.LastUpdated), input.Channel.Language, categories, Playlists(input, items), items)
        {
            LiveFeeds = input.Channel.Live.Enabled ? [LiveFeed(input)] : null,
        };

    /// <summary>
    /// The channel's live stream: the live master playlist, and the poster (the ident's thumbnail, 1280x720) as both
    /// thumbnails. Its id is the channel's, so it stays the same across feed versions.
    /// </summary>
    private static RokuLiveFeed LiveFeed(FeedInput input)
    {
        var channel = input.Channel;
        var title = Live.XmltvBuilder.Title(channel);
        var shortDescription = Truncate(channel.Description, MaxShortDescription, ellipsis: true);
        var longDescription = Truncate($"{title}: {channel.Description} Every story of the rundown, around the clock, with breaking news as it happens.",
            MaxLongDescription, ellipsis: true);
        var poster = input.LiveUrl("poster.jpg");
        return new RokuLiveFeed(
            Truncate($"{channel.Id}-live", 50, ellipsis: false),
            title,
            new RokuLiveContent(IsoDateTime(input.LastUpdated), [new RokuVideo(input.LiveUrl("index.m3u8"), "FHD", "HLS", null)], 0, channel.Language),
            poster,
            poster,
            shortDescription,
            longDescription,
            ["live", "news"],
            ["news"],
            new RokuRating("UNRATED", null));
    }

    /// <summary>The playlists a category may name (<see cref="FeedPlaylists"/>), holding only items of this feed; empty ones left out.</summary>
    private static List<RokuPlaylist> Playlists(FeedInput input, IReadOnlyList<RokuShortFormVideo> items)
    {
        var listed = items.Select(i => i.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var playlists = new List<RokuPlaylist>();
        void Add(string name, IEnumerable<string> ids)
        {
            var itemIds = ids.Where(listed.Contains).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (itemIds.Count > 0) playlists.Add(new RokuPlaylist(name, itemIds));
        }
        Add(FeedPlaylists.Rundown, input.RundownStoryIds);
        Add(FeedPlaylists.Breaking, input.FirstStoryId is { } id ? [id] : []);
        return playlists;
    }

    public static byte[] Serialize(RokuFeed feed) => JsonSerializer.SerializeToUtf8Bytes(feed, JsonOptions);

    private static RokuShortFormVideo Item(PublishedStory story, FeedInput input)
    {
        var ads = input.Channel.Feed.AdBreaks;
        var (shortDescription, longDescription) = Descriptions(story);
        // The same resolution classes as the Search feed, in the uppercase the Direct Publisher feed spells them.
        var quality = SearchFeedBuilder.Quality(story.Media.Height).ToUpperInvariant();
        return new RokuShortFormVideo(
            story.Id,
            story.Title,
            new RokuContent(
                IsoDateTime(story.PublishedAt),
                [
                    // Roku's SDK template plays videos[0]: the adaptive stream goes first.
                    new RokuVideo(input.MediaUrl(story.Media.HlsMasterPath), quality, "HLS", null),
                    new RokuVideo(input.MediaUrl(story.Media.Mp4Path), quality, "MP4", story.Media.Mp4BitrateKbps),
                ],
                (int)Math.Round(story.DurationSeconds, MidpointRounding.AwayFromZero),
                story.Language,
                Captions(story, input),
                story.Media.TrickPlayHdPath is { } bif ? [new RokuTrickPlayFile(input.MediaUrl(bif), "HD")] : null,
                story.ExpireAt is { } end ? IsoDateTime(end) : null,
                ads is null ? null : AdBreaks(story, ads)),
            input.MediaUrl(story.Media.ThumbnailPath),
            shortDescription,
            longDescription,
            story.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["news"],
            Tags(story),
            new RokuRating("UNRATED", null));
    }

    /// <summary>
    /// Ad break time codes ({hh}:{mm}:{ss}, roku-specs.md 1.6): a pre-roll, and mid-rolls at the slide boundary nearest
    /// each multiple of the interval, so an ad never cuts a slide (or its narration) in half, and never in the last
    /// seconds of the story, where the outro would be all that followed.
    /// </summary>
    public static IReadOnlyList<string>? AdBreaks(PublishedStory story, AdBreakSettings ads)
    {
        var breaks = new SortedSet<int>();
        if (ads.PreRoll) breaks.Add(0);
        var seconds = story.Media.SlideSeconds.Count > 0 ? story.Media.SlideSeconds : story.Slides.Select(s => s.DurationSeconds).ToList();
        if (ads.MidRollEverySeconds > 0 && seconds.Count > 1)
        {
            var boundaries = new List<double>();
            var at = 0.0;
            foreach (var s in seconds.Take(seconds.Count - 1)) boundaries.Add(at += s);
            var last = story.DurationSeconds - AdBreakSettings.MinTailSeconds;
            for (var target = (double)ads.MidRollEverySeconds; target < last; target += ads.MidRollEverySeconds)
            {
                var nearest = boundaries.Where(b => b > 0 && b < last).OrderBy(b => Math.Abs(b - target)).Cast<double?>().FirstOrDefault();
                if (nearest is { } b) breaks.Add((int)Math.Round(b, MidpointRounding.AwayFromZero));
            }
        }
        return breaks.Count == 0 ? null : breaks.Select(TimeCode).ToList();
    }

    private static string TimeCode(int seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// Caption objects are side-loaded files with no tie to one entry of <c>videos</c>, so each must work with both
    /// streams we list. roku-specs.md 5.2 (S12's matrix): MP4 VOD reads SMPTE-TT/TTML as an external file and WebVTT
    /// not at all; HLS already carries our WebVTT in its own playlist, and S11 accepts side-loaded SRT and TTML for HLS.
    /// So: SRT first (Roku's own DP examples point at .srt, legacy devices read only SRT), TTML second (the external
    /// format S12 names for MP4), and never the .vtt file. A device playing HLS may show these next to the playlist's
    /// WebVTT track; not yet checked on hardware.
    /// </summary>
    private static List<RokuCaption> Captions(PublishedStory story, FeedInput input)
    {
        var captions = new List<RokuCaption> { new(input.MediaUrl(story.Media.CaptionsSrtPath), story.Language, "CLOSED_CAPTION") };
        if (story.Media.CaptionsTtmlPath is { } ttml) captions.Add(new(input.MediaUrl(ttml), story.Language, "CLOSED_CAPTION"));
        return captions;
    }

    /// <summary>Tags are lowercase, at most 20 characters each, so category queries can match them.</summary>
    public static IReadOnlyList<string> Tags(PublishedStory story) =>
        new[] { "news", story.Section, story.Category }.Concat(story.Tags)
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
}
