using System.Text.Json.Serialization;

namespace TvNews.Core.Feeds;

// The native slide feed (slides.json): what an app needs to draw every story's slides itself, without the video. Its
// JSON Schema is Feeds/slides.schema.json, served beside it; camelCase, nulls omitted.

public sealed record SlideFeed(
    [property: JsonPropertyName("$schema")] string Schema,
    int FormatVersion,
    SlideFeedChannel Channel,
    SlideFeedBreaking? Breaking,
    IReadOnlyList<SlideFeedStory> Stories);

/// <param name="FeedVersion">Changes whenever anything in the feed does; the same number the live events carry.</param>
public sealed record SlideFeedChannel(
    string Id,
    string Name,
    string Language,
    long FeedVersion,
    string LastUpdated,
    SlideFeedBranding Branding);

public sealed record SlideFeedBranding(string PrimaryColor, string AccentColor, string TextColor, string? Logo, string? Tagline);

/// <summary>The active breaking news: the ticker an app shows over everything.</summary>
public sealed record SlideFeedBreaking(string Headline, string? StoryId, string StartedAt, string ExpiresAt);

public sealed record SlideFeedStory(
    string Id,
    string Title,
    string PublishedAt,
    string? ExpiresAt,
    string? Section,
    string? Category,
    IReadOnlyList<string> Tags,
    string Language,
    double DurationSeconds,
    string Thumbnail,
    SlideFeedVideo Video,
    IReadOnlyList<SlideFeedSlide> Slides);

public sealed record SlideFeedVideo(string Hls, string Mp4, string CaptionsVtt, string CaptionsSrt);

/// <param name="Kind">title, image, keyPoint, quote or outro.</param>
/// <param name="Text">The main text: headline, photo caption, key point, quote, channel name.</param>
/// <param name="Label">The small line: category kicker, photo credit, tagline.</param>
/// <param name="Attribution">A quote's speaker.</param>
/// <param name="StartSeconds">Where the slide starts in the story's video, so an app can switch between the two.</param>
/// <param name="Photo">The picture of an image slide, as ingested (not drawn on).</param>
/// <param name="Rendered">The slide as the video shows it, for apps that would rather not draw.</param>
public sealed record SlideFeedSlide(
    string Kind,
    string Text,
    string? Label,
    string? Attribution,
    string ScreenText,
    double StartSeconds,
    double DurationSeconds,
    string? Photo,
    SlideFeedRendered? Rendered);

/// <param name="Fhd">1920x1080 PNG.</param>
/// <param name="Hd">1280x720 JPEG, when the render made one.</param>
public sealed record SlideFeedRendered(string Fhd, string? Hd);
