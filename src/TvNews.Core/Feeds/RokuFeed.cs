namespace TvNews.Core.Feeds;

// The Roku Direct Publisher JSON feed (../shared/reference/roku-specs.md section 1). Property names are case-sensitive
// and serialised camelCase; nulls are omitted.

public sealed record RokuFeed(
    string ProviderName,
    string LastUpdated,
    string Language,
    IReadOnlyList<RokuCategory> Categories,
    IReadOnlyList<RokuPlaylist> Playlists,
    IReadOnlyList<RokuShortFormVideo> ShortFormVideos)
{
    /// <summary>The channel's 24/7 live stream (roku-specs.md 1.5), first so the SDK template's first row is live TV; null when the channel has none.</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public IReadOnlyList<RokuLiveFeed>? LiveFeeds { get; init; }
}

/// <summary>A live linear stream (roku-specs.md 1.5, the newer DP spec).</summary>
public sealed record RokuLiveFeed(
    string Id,
    string Title,
    RokuLiveContent Content,
    string Thumbnail,
    string BrandedThumbnail,
    string ShortDescription,
    string LongDescription,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Genres,
    RokuRating Rating);

/// <summary>A live stream's content: its HLS master; a stream that never ends has no runtime, so duration is 0.</summary>
public sealed record RokuLiveContent(string DateAdded, IReadOnlyList<RokuVideo> Videos, int Duration, string Language);

/// <summary>Either <see cref="Query"/> (tags) or <see cref="PlaylistName"/> (a playlist of this feed) is set.</summary>
public sealed record RokuCategory(string Name, string? Query, string? PlaylistName, string Order);

/// <summary>A hand-ordered list of items of this feed; only non-empty playlists are written.</summary>
public sealed record RokuPlaylist(string Name, IReadOnlyList<string> ItemIds);

public sealed record RokuShortFormVideo(
    string Id,
    string Title,
    RokuContent Content,
    string Thumbnail,
    string ShortDescription,
    string LongDescription,
    string ReleaseDate,
    IReadOnlyList<string> Genres,
    IReadOnlyList<string> Tags,
    RokuRating Rating);

public sealed record RokuContent(
    string DateAdded,
    IReadOnlyList<RokuVideo> Videos,
    int Duration,
    string Language,
    IReadOnlyList<RokuCaption> Captions,
    IReadOnlyList<RokuTrickPlayFile>? TrickPlayFiles = null,
    string? ValidityPeriodEnd = null,
    IReadOnlyList<string>? AdBreaks = null);

public sealed record RokuVideo(string Url, string Quality, string VideoType, int? Bitrate);

public sealed record RokuCaption(string Url, string Language, string CaptionType);

/// <summary>A BIF file; quality is HD (320 px wide frames) or FHD (roku-specs.md 1.9).</summary>
public sealed record RokuTrickPlayFile(string Url, string Quality);

public sealed record RokuRating(string Rating, string? RatingSource);
