using TvNews.Core.Articles;
using TvNews.Core.Slides;
using TvNews.Data.Stories;

namespace TvNews.Api.Stories;

public sealed record StoryView(
    Guid Id,
    string ChannelId,
    string State,
    bool Locked,
    bool PlanEdited,
    int ArticleVersion,
    string RenderState,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Article Article,
    double DurationSeconds,
    IReadOnlyList<SlideView> Slides,
    MediaView? Media,
    StoryLinks Links,
    StoryScheduleView? Schedule = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("etag")] string? ETag = null);

/// <summary>The story's lifecycle: times in UTC, and the same times in the channel's time zone for display.</summary>
/// <param name="Priority">Higher first (in the feed and in GET /api/stories).</param>
/// <param name="PublishLatenessMs">How late a scheduled story went on air (published_at - publish_at), when it was scheduled.</param>
/// <param name="TimeZone">The channel's IANA time zone; the <c>Local</c> times are in it.</param>
public sealed record StoryScheduleView(
    DateTimeOffset? PublishAt,
    DateTimeOffset? ExpireAt,
    int Priority,
    IReadOnlyList<string> Tags,
    long? PublishLatenessMs,
    DateTimeOffset? ExpiredAt,
    DateTimeOffset? RetractedAt,
    string? RetractReason,
    string TimeZone,
    DateTimeOffset? PublishAtLocal,
    DateTimeOffset? ExpireAtLocal,
    DateTimeOffset? PublishedAtLocal);

/// <param name="ImageUrl">The rendered 1920x1080 slide (JPEG), once the story has media.</param>
/// <param name="DurationFixed">A producer set the duration; otherwise it follows reading speed.</param>
/// <param name="Image">An image slide's picture, as stored (what PUT .../slides accepts as <c>image</c>).</param>
/// <param name="PictureUrl">That picture's absolute URL.</param>
/// <param name="Image720Url">The same slide drawn at 1280x720, as JPEG.</param>
/// <param name="VerticalImageUrl">The 1080x1920 portrait slide, when the channel renders a vertical deck.</param>
/// <param name="OnScreenSeconds">How long the slide is on screen in the current video: narration sets it from the speech,
/// so it can differ from the plan's <paramref name="DurationSeconds"/>. Null before the first render.</param>
public sealed record SlideView(SlideKind Kind, string Text, string? Label, string? Attribution, double DurationSeconds, string? ImageUrl,
    bool DurationFixed, string? Image, string? PictureUrl, string? Image720Url, string? VerticalImageUrl, double? OnScreenSeconds = null);

public sealed record MediaView(string Mp4, string Hls, string Thumbnail, string CaptionsVtt, string CaptionsSrt, string? VerticalMp4 = null,
    string? CaptionsTtml = null, string? TrickPlayHd = null);

/// <param name="ContactSheet">The whole current plan drawn on one PNG, for producers.</param>
public sealed record StoryLinks(string Self, string ContactSheet);

/// <summary>The producer's view of a story: article, slide plan, render state and absolute media URLs.</summary>
public sealed class StoryViews(StoryStore stories, Links links, Channels.ChannelCatalog catalog)
{
    public async Task<StoryView?> GetAsync(Guid id, CancellationToken ct)
    {
        var story = await stories.GetAsync(id, ct);
        if (story is null) return null;
        var media = story.Media;
        var slideImages = media?.SlideImagePaths;

        // Rendered seconds belong to the plan that was rendered; a plan edited since has a different slide count or
        // the render is pending, and then the plan's own durations are the best answer.
        double? OnScreen(int i) => media is { SlideSeconds.Count: > 0 } m && m.SlideSeconds.Count == story.Plan.Slides.Count
            ? m.SlideSeconds[i]
            : media is null ? null : story.Plan.Slides[i].DurationSeconds;
        return new StoryView(
            story.Id, story.ChannelId, story.State, story.Locked, story.PlanEdited, story.ArticleVersion, story.RenderState, story.PublishedAt, story.CreatedAt, story.UpdatedAt,
            story.Article, media?.VideoSeconds(story.Plan) ?? story.Plan.TotalSeconds,
            story.Plan.Slides.Select((s, i) => new SlideView(s.Kind, s.Text, s.Label, s.Attribution, s.DurationSeconds,
                At(slideImages, i), s.DurationFixed, s.Image, s.Image is null ? null : links.Media(s.Image),
                At(media?.Slide720Paths, i), At(media?.VerticalSlidePaths, i), OnScreen(i))).ToList(),
            media is null ? null : new MediaView(links.Media(media.Mp4Path), links.Media(media.HlsMasterPath), links.Media(media.ThumbnailPath),
                links.Media(media.CaptionsVttPath), links.Media(media.CaptionsSrtPath), media.VerticalVideoPath is { } vertical ? links.Media(vertical) : null,
                media.CaptionsTtmlPath is { } ttml ? links.Media(ttml) : null, media.TrickPlayHdPath is { } bif ? links.Media(bif) : null),
            new StoryLinks($"/api/stories/{story.Id}", $"/api/stories/{story.Id}/contact-sheet.png"),
            Schedule(story), StoryETags.For(story.Lifecycle.Revision));

        // Media lists belong to the last render; a plan edited since may have more slides than it has pictures.
        string? At(IReadOnlyList<string>? paths, int i) => paths is not null && i < paths.Count ? links.Media(paths[i]) : null;
    }

    public StoryScheduleView Schedule(StoryRecord story)
    {
        var l = story.Lifecycle;
        var zoneId = catalog.Find(story.ChannelId)?.Manifest.TimeZone ?? "UTC";
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        DateTimeOffset? Local(DateTimeOffset? t) => t is { } v ? TimeZoneInfo.ConvertTime(v, zone) : null;
        return new StoryScheduleView(l.PublishAt, l.ExpireAt, l.Priority, l.Tags, l.PublishLatenessMs, l.ExpiredAt, l.RetractedAt, l.RetractReason,
            zoneId, Local(l.PublishAt), Local(l.ExpireAt), Local(story.PublishedAt));
    }
}
