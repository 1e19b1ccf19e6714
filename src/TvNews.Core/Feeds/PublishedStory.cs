namespace TvNews.Core.Feeds;

/// <summary>What the device feeds need to know about one published story. Media paths are relative to the media root URL.</summary>
public sealed record PublishedStory
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> Paragraphs { get; init; }
    public string? Section { get; init; }
    public string? Category { get; init; }
    public required string Language { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public required double DurationSeconds { get; init; }
    public required StoryMedia Media { get; init; }
}

public sealed record StoryMedia(
    string Mp4Path,
    string HlsMasterPath,
    string ThumbnailPath,
    string CaptionsSrtPath,
    string CaptionsVttPath,
    int Mp4BitrateKbps,
    int Height,
    IReadOnlyList<string> SlideImagePaths);
