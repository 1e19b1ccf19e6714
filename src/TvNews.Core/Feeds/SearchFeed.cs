namespace TvNews.Core.Feeds;

// The Roku Search feed 2.0 (../shared/reference/roku-specs.md 3.1, schema in rokudev/search-feed-json). Serialised
// camelCase with nulls omitted, like the Direct Publisher feed.

public sealed record SearchFeed(
    string Version,
    string DefaultLanguage,
    IReadOnlyList<string> DefaultAvailabilityCountries,
    IReadOnlyList<SearchAsset> Assets);

public sealed record SearchAsset(
    string Id,
    string Type,
    IReadOnlyList<SearchText> Titles,
    IReadOnlyList<SearchText> ShortDescriptions,
    IReadOnlyList<SearchText> LongDescriptions,
    string ReleaseDate,
    IReadOnlyList<string> Genres,
    IReadOnlyList<string> Tags,
    IReadOnlyList<SearchAdvisoryRating> AdvisoryRatings,
    IReadOnlyList<SearchImage> Images,
    int DurationInSeconds,
    SearchContent Content);

/// <summary>A title or description; the languages repeat on every text and image of an asset, as the spec asks.</summary>
public sealed record SearchText(string Value, IReadOnlyList<string> Languages);

public sealed record SearchAdvisoryRating(string Source, string Value);

public sealed record SearchImage(string Type, string Url, IReadOnlyList<string> Languages);

public sealed record SearchContent(IReadOnlyList<SearchPlayOption> PlayOptions);

/// <param name="PlayId">Sent back to the app as the deep link's contentId.</param>
/// <param name="AvailabilityEndTime">ISO 8601; omitted while the story has no end.</param>
public sealed record SearchPlayOption(string License, string Quality, string PlayId, string? AvailabilityEndTime = null);
