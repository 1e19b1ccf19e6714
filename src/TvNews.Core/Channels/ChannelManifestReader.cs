using System.Text.Json;
using System.Text.RegularExpressions;

namespace TvNews.Core.Channels;

/// <summary>Reads and validates a channel manifest, reporting every problem at once with its file name.</summary>
public static partial class ChannelManifestReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <param name="mediaFileExists">Checks a path relative to media/ (fonts, background, logo).</param>
    /// <param name="siteRulesExist">Checks a site-rules name.</param>
    public static (ChannelManifest? Manifest, IReadOnlyList<string> Problems) Read(
        string fileName, string json, Func<string, bool> mediaFileExists, Func<string, bool> siteRulesExist)
    {
        ChannelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ChannelManifest>(json, Options);
        }
        catch (JsonException e)
        {
            return (null, [$"{fileName}: not a valid channel manifest: {e.Message}"]);
        }
        if (manifest is null) return (null, [$"{fileName}: the file is empty"]);

        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok) problems.Add($"{fileName}: {problem}");
        }

        Check(ChannelId().IsMatch(manifest.Id), $"id '{manifest.Id}' must be 2-40 lowercase letters, digits or dashes");
        Check(Path.GetFileNameWithoutExtension(fileName) == manifest.Id, $"the file name must be the channel id ('{manifest.Id}.json')");
        Check(LanguageCode().IsMatch(manifest.Language), $"language '{manifest.Language}' must be an ISO 639-1 code such as 'en'");
        Check(IsTimeZone(manifest.TimeZone), $"time zone '{manifest.TimeZone}' is not a known IANA time zone");
        Check(!string.IsNullOrWhiteSpace(manifest.Name) && manifest.Name.Length <= 60, "name must be 1-60 characters");
        foreach (var (name, value) in new[]
                 {
                     ("branding.primaryColor", manifest.Branding.PrimaryColor), ("branding.accentColor", manifest.Branding.AccentColor),
                     ("branding.textColor", manifest.Branding.TextColor), ("roku.splashColor", manifest.Roku.SplashColor),
                 })
        {
            Check(HexColor().IsMatch(value), $"{name} '{value}' must be a #RRGGBB color");
        }
        if (HexColor().IsMatch(manifest.Branding.TextColor) && HexColor().IsMatch(manifest.Branding.PrimaryColor))
        {
            // Text sits on the primary color (scrims, bands, ticker); below 4.5:1 no scrim can make it readable.
            var ratio = ColorContrast.Ratio(manifest.Branding.TextColor, manifest.Branding.PrimaryColor);
            Check(ratio >= ColorContrast.MinimumText,
                $"branding.textColor on branding.primaryColor has contrast {ratio:0.0}:1; text needs at least {ColorContrast.MinimumText}:1");
        }
        if (manifest.Branding.Ticker is { } ticker)
        {
            Check(ticker.Label.Trim().Length is > 0 and <= 16, "branding.ticker.label must be 1-16 characters");
            Check(ticker.Text.Trim().Length is > 0 and <= 120, "branding.ticker.text must be 1-120 characters");
        }
        Check(Enum.IsDefined(manifest.Branding.LowerThird), "branding.lowerThird must be band or box");
        foreach (var (name, path) in new[]
                 {
                     ("branding.background", manifest.Branding.Background), ("branding.font", manifest.Branding.Font),
                     ("branding.boldFont", manifest.Branding.BoldFont), ("branding.logo", manifest.Branding.Logo),
                 })
        {
            if (path is null) continue;
            Check(!path.Contains("..", StringComparison.Ordinal) && !Path.IsPathRooted(path), $"{name} must be a path inside media/");
            Check(mediaFileExists(path), $"{name} '{path}' does not exist under media/");
        }
        Check(manifest.Categories.Count > 0, "at least one category is required");
        foreach (var category in manifest.Categories)
        {
            Check(!string.IsNullOrWhiteSpace(category.Name), "every category needs a name");
            Check((category.Query is null) != (category.PlaylistName is null), $"category '{category.Name}': set either query or playlistName");
            if (category.Query is { } query)
            {
                var terms = QueryOperator().Split(query);
                Check(!(query.Contains(" AND ", StringComparison.Ordinal) && query.Contains(" OR ", StringComparison.Ordinal)),
                    $"category '{category.Name}': a query may use AND or OR, not both");
                Check(terms.All(t => t.Trim().Length is > 0 and <= 20), $"category '{category.Name}': every tag in the query must be 1-20 characters");
                Check(category.Order is "most_recent" or "chronological" or "most_popular",
                    $"category '{category.Name}': order must be most_recent, chronological or most_popular");
            }
            if (category.PlaylistName is { } playlist)
            {
                Check(FeedPlaylists.Names.Contains(playlist),
                    $"category '{category.Name}': playlistName '{playlist}' is not a feed playlist ({string.Join(", ", FeedPlaylists.Names)})");
                Check(category.Order == "manual", $"category '{category.Name}': a playlist category's order must be manual");
            }
        }
        Check(manifest.Feed.MaxStories is >= 1 and <= 1000, "feed.maxStories must be 1-1000");
        Check(manifest.Feed.PerCategory is >= 1 and <= 1000, "feed.perCategory must be 1-1000");
        if (manifest.Feed.AdBreaks is { } ads)
            Check(ads.MidRollEverySeconds is 0 or >= 30, "feed.adBreaks.midRollEverySeconds must be 0 (none) or at least 30");
        foreach (var rules in manifest.SiteRules)
            Check(siteRulesExist(rules), $"site rules '{rules}' not found in site-rules/");
        Check(manifest.Roku.MajorVersion >= 0 && manifest.Roku.MinorVersion >= 0 && manifest.Roku.BuildVersion >= 0, "roku versions must not be negative");
        foreach (var country in manifest.Roku.SearchCountries)
            Check(Feeds.SearchFeedBuilder.RokuSearchCountries.Contains(country),
                $"roku.searchCountries: '{country}' is not a country Roku Search serves ({string.Join(", ", Feeds.SearchFeedBuilder.RokuSearchCountries)})");
        Check(manifest.Pacing.WordsPerMinute is >= 60 and <= 400, "pacing.wordsPerMinute must be 60-400");
        Check(manifest.Pacing.MinSlideSeconds > 0 && manifest.Pacing.MinSlideSeconds <= manifest.Pacing.MaxSlideSeconds,
            "pacing.minSlideSeconds must be positive and at most maxSlideSeconds");
        var narration = manifest.Outputs.Narration;
        Check(narration.LoudnessLufs is >= -31 and <= -5,
            $"outputs.narration.loudnessLufs {narration.LoudnessLufs} must be -31 to -5 LUFS (-16 for streaming, -23 for EBU R128 broadcast)");
        Check(narration.WordsPerMinute is >= 80 and <= 450, $"outputs.narration.wordsPerMinute {narration.WordsPerMinute} must be 80-450");
        Check(narration.Voice is null || EspeakVoice().IsMatch(narration.Voice),
            $"outputs.narration.voice '{narration.Voice}' must be an espeak-ng voice name such as 'en-us' or 'en+f3' (espeak-ng --voices lists them)");

        var live = manifest.Live;
        Check(Enum.IsDefined(live.Epg), "live.epg must be story (one guide programme per story) or block");
        Check(live.BlockMinutes is >= 15 and <= 360 && 1440 % live.BlockMinutes == 0,
            $"live.blockMinutes {live.BlockMinutes} must divide a day into blocks of 15-360 minutes (15, 30, 60, 120, ...)");
        Check(double.IsFinite(live.IdentSeconds) && live.IdentSeconds is >= 2 and <= 30,
            $"live.identSeconds {live.IdentSeconds} must be 2-30 seconds (the ident between stories on the live channel)");
        Check(live.Title is null || live.Title.Trim().Length is > 0 and <= 60, "live.title must be 1-60 characters");

        foreach (var source in manifest.Ingest.Sources)
        {
            Check(Uri.TryCreate(source.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https", $"feed source '{source.Url}' must be an absolute http(s) URL");
            Check(source.PollMinutes is >= 1 and <= 1440, $"feed source '{source.Url}': pollMinutes must be 1-1440");
        }

        return (problems.Count == 0 ? manifest : null, problems);
    }

    private static bool IsTimeZone(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex ChannelId();

    [GeneratedRegex("^[a-z]{2}(-[A-Z]{2})?$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();

    // Names, language codes and file names as espeak-ng --voices lists them, with an optional +variant; never an option.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_/()-]{0,60}(\+[A-Za-z0-9_-]{1,30})?$")]
    private static partial Regex EspeakVoice();

    [GeneratedRegex(@"\s+(?:AND|OR)\s+")]
    private static partial Regex QueryOperator();
}
