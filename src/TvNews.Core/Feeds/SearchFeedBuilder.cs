using System.Text.Json;

namespace TvNews.Core.Feeds;

/// <summary>
/// Builds a channel's Roku Search feed 2.0: one <c>shortForm</c> asset per published story, so Roku Search can list the
/// story and deep-link into the app with contentId = playId = story id (the app's MainScene plays the item with that id).
/// </summary>
public static class SearchFeedBuilder
{
    public const int MaxTitle = 200;

    /// <summary>
    /// The countries Roku Search serves: the schema's <c>country_type</c> enum (rokudev/search-feed-json @ 65cfdef).
    /// A channel without <c>roku.searchCountries</c> is offered in all of them, since news carries no regional rights.
    /// </summary>
    public static readonly IReadOnlyList<string> RokuSearchCountries =
    [
        "ar", "at", "au", "bo", "br", "ca", "cl", "co", "cr", "de", "ec", "es",
        "fr", "gb", "gt", "hn", "ie", "mx", "ni", "pa", "pe", "sv", "us",
    ];

    /// <summary>
    /// News has no content rating (the US TV Parental Guidelines exempt it), and every rating source in the schema
    /// accepts "NR". The rating is still sent: Roku leaves an asset without advisoryRatings out of search in EU countries.
    /// </summary>
    public static readonly SearchAdvisoryRating NotRated = new("USA_PR", "NR");

    public static SearchFeed Build(FeedInput input)
    {
        var channel = input.Channel;
        // The same stories as roku.json: a search hit the app's own feed does not hold could not be deep-linked into
        // (S7: "keep the Roku Search feed synchronized with the app's content feed").
        var assets = input.Listed.Select(s => Asset(s, input)).ToList();
        return new SearchFeed(
            "1",
            Language(channel.Language),
            channel.Roku.SearchCountries.Count > 0 ? channel.Roku.SearchCountries : RokuSearchCountries,
            assets);
    }

    public static byte[] Serialize(SearchFeed feed) => JsonSerializer.SerializeToUtf8Bytes(feed, RokuFeedBuilder.JsonOptions);

    private static SearchAsset Asset(PublishedStory story, FeedInput input)
    {
        var (shortDescription, longDescription) = RokuFeedBuilder.Descriptions(story);
        string[] languages = [Language(story.Language)];
        return new SearchAsset(
            story.Id,
            "shortForm",
            [new(RokuFeedBuilder.Truncate(story.Title, MaxTitle, ellipsis: true), languages)],
            [new(shortDescription, languages)],
            [new(longDescription, languages)],
            story.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["news"],
            RokuFeedBuilder.Tags(story),
            [NotRated],
            [new SearchImage("main", input.MediaUrl(story.Media.ThumbnailPath), languages)],
            (int)Math.Round(story.DurationSeconds, MidpointRounding.AwayFromZero),
            new SearchContent(
            [
                new SearchPlayOption("free", Quality(story.Media.Height), story.Id,
                    story.ExpireAt is { } end ? RokuFeedBuilder.IsoDateTime(end) : null),
            ]));
    }

    /// <summary>The playback resolution of the render (the schema's video_quality_type).</summary>
    public static string Quality(int height) => height switch
    {
        >= 2160 => "uhd",
        >= 1080 => "fhd",
        >= 720 => "hd",
        _ => "sd",
    };

    /// <summary>Lowercase ISO 639-1, as defaultLanguage and languages[] want it: "en-US" becomes "en".</summary>
    public static string Language(string language) => language.Split('-', '_')[0].ToLowerInvariant();
}
