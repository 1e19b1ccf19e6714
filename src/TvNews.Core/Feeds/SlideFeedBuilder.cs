using System.Reflection;
using System.Text.Json;
using TvNews.Core.Slides;

namespace TvNews.Core.Feeds;

/// <summary>Builds the native slide feed (slides.json) and serves its schema (slides.schema.json).</summary>
public static class SlideFeedBuilder
{
    public const int FormatVersion = 1;
    public const string SchemaFile = "slides.schema.json";

    private static readonly Lazy<byte[]> SchemaBytes = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(SchemaFile)
            ?? throw new InvalidOperationException($"{SchemaFile} is not embedded in {typeof(SlideFeedBuilder).Assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>The JSON Schema of slides.json, the same for every channel and version.</summary>
    public static byte[] Schema => SchemaBytes.Value;

    public static SlideFeed Build(FeedInput input)
    {
        var channel = input.Channel;
        var branding = channel.Branding;
        return new SlideFeed(
            input.FeedUrl(SchemaFile),
            FormatVersion,
            new SlideFeedChannel(channel.Id, channel.Name, channel.Language, input.Version, RokuFeedBuilder.IsoDateTime(input.LastUpdated),
                new SlideFeedBranding(branding.PrimaryColor, branding.AccentColor, branding.TextColor,
                    branding.Logo is { } logo ? input.MediaUrl(logo) : null, branding.Tagline)),
            input.Breaking is { } b
                ? new SlideFeedBreaking(b.Headline, b.StoryId, RokuFeedBuilder.IsoDateTime(b.StartedAt), RokuFeedBuilder.IsoDateTime(b.ExpiresAt))
                : null,
            input.Listed.Select(s => Story(s, input)).ToList());
    }

    public static byte[] Serialize(SlideFeed feed) => JsonSerializer.SerializeToUtf8Bytes(feed, RokuFeedBuilder.JsonOptions);

    private static SlideFeedStory Story(PublishedStory story, FeedInput input)
    {
        var media = story.Media;
        // The video's own slide times when the render recorded them (narration sets them), else the plan's.
        var seconds = media.SlideSeconds.Count == story.Slides.Count ? media.SlideSeconds : story.Slides.Select(s => s.DurationSeconds).ToList();
        var slides = new List<SlideFeedSlide>(story.Slides.Count);
        var start = 0.0;
        for (var i = 0; i < story.Slides.Count; i++)
        {
            var slide = story.Slides[i];
            var rendered = i < media.SlideImagePaths.Count
                ? new SlideFeedRendered(input.MediaUrl(media.SlideImagePaths[i]), i < media.Slide720Paths.Count ? input.MediaUrl(media.Slide720Paths[i]) : null)
                : null;
            // Starts are sums of the durations as written, so an app adding them up lands on the same times.
            var duration = Math.Round(seconds[i], 3);
            slides.Add(new SlideFeedSlide(Kind(slide.Kind), slide.Text, slide.Label, slide.Attribution, slide.ScreenText,
                Math.Round(start, 3), duration, slide.Image is { } photo ? input.MediaUrl(photo) : null, rendered));
            start += duration;
        }
        return new SlideFeedStory(
            story.Id,
            story.Title,
            RokuFeedBuilder.IsoDateTime(story.PublishedAt),
            story.ExpireAt is { } end ? RokuFeedBuilder.IsoDateTime(end) : null,
            story.Section,
            story.Category,
            RokuFeedBuilder.Tags(story),
            story.Language,
            Math.Round(story.DurationSeconds, 3),
            input.MediaUrl(media.ThumbnailPath),
            new SlideFeedVideo(input.MediaUrl(media.HlsMasterPath), input.MediaUrl(media.Mp4Path), input.MediaUrl(media.CaptionsVttPath),
                input.MediaUrl(media.CaptionsSrtPath)),
            slides);
    }

    private static string Kind(SlideKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}
