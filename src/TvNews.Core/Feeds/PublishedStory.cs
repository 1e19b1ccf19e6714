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

    /// <summary>When the story leaves the air (Roku's validityPeriodEnd); null when it stays until retracted.</summary>
    public DateTimeOffset? ExpireAt { get; init; }

    /// <summary>The producers' tags (besides section and category), which category queries match too.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The slides as planned (text and reading-time durations), for the native slide feed.</summary>
    public IReadOnlyList<Slides.Slide> Slides { get; init; } = [];
}

/// <summary>The active breaking news, as the slide feed's ticker shows it.</summary>
public sealed record BreakingTicker(string Headline, string? StoryId, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Everything one feed version of a channel is built from; every builder is a pure function of it.
/// </summary>
/// <param name="FirstStoryId">Listed first whatever its age: the active breaking news (issue 6).</param>
public sealed record FeedInput(
    Channels.ChannelManifest Channel,
    IReadOnlyList<PublishedStory> Stories,
    Uri PublicBase,
    Uri MediaBase,
    DateTimeOffset LastUpdated,
    long Version,
    string? FirstStoryId = null,
    BreakingTicker? Breaking = null)
{
    private IReadOnlyList<PublishedStory>? _listed;

    /// <summary>The producers' rundown in order (story ids, published or not): the "rundown" playlist.</summary>
    public IReadOnlyList<string> RundownStoryIds { get; init; } = [];

    /// <summary>Breaking news first, then newest first: the order every feed lists stories in.</summary>
    public IEnumerable<PublishedStory> Ordered =>
        Stories.OrderByDescending(s => s.Id == FirstStoryId).ThenByDescending(s => s.PublishedAt);

    /// <summary><see cref="Ordered"/> cut down by the channel's feed policy (<see cref="FeedSelection"/>): what every feed lists.</summary>
    public IReadOnlyList<PublishedStory> Listed => _listed ??= FeedSelection.Select(this);

    public string FeedUrl(string file) =>
        new Uri(PublicBase, $"channels/{Uri.EscapeDataString(Channel.Id)}/feeds/{file}").AbsoluteUri;

    /// <summary>A file of the channel's live stream (<c>channels/{id}/live/…</c>): the master playlist, the poster.</summary>
    public string LiveUrl(string file) =>
        new Uri(PublicBase, $"channels/{Uri.EscapeDataString(Channel.Id)}/live/{file}").AbsoluteUri;

    public string MediaUrl(string relativePath) =>
        new Uri(MediaBase, string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString))).AbsoluteUri;
}

public sealed record StoryMedia(
    string Mp4Path,
    string HlsMasterPath,
    string ThumbnailPath,
    string CaptionsSrtPath,
    string CaptionsVttPath,
    int Mp4BitrateKbps,
    int Height,
    IReadOnlyList<string> SlideImagePaths)
{
    /// <summary>
    /// The name of segment <paramref name="index"/> of rendition <paramref name="rung"/> in a render's HLS folder
    /// (<c>720p_003.ts</c>): the render writes these names and the live channel lists them.
    /// </summary>
    public static string HlsSegmentFile(string rung, int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rung}_{index:000}.ts");

    /// <summary>The same slides at 1280x720 as JPEG, for HD devices drawing slides natively.</summary>
    public IReadOnlyList<string> Slide720Paths { get; init; } = [];

    /// <summary>1080x1920 slides, when the channel turns the vertical deck on.</summary>
    public IReadOnlyList<string> VerticalSlidePaths { get; init; } = [];

    /// <summary>The portrait MP4 for social video, when the channel turns it on.</summary>
    public string? VerticalVideoPath { get; init; }

    /// <summary>TTML captions, the sidecar Roku lists for MP4. Null for renders made before it existed.</summary>
    public string? CaptionsTtmlPath { get; init; }

    /// <summary>Roku BIF trick-play frames at HD size (320 px wide). Null for renders made before it existed.</summary>
    public string? TrickPlayHdPath { get; init; }

    /// <summary>
    /// Seconds each slide is on screen in the video. Narration sets them from the speech, so they can differ from the
    /// plan's reading-time durations. Empty for renders made before narration (the plan's durations were used).
    /// </summary>
    public IReadOnlyList<double> SlideSeconds { get; init; } = [];

    /// <summary>The video's length: <see cref="SlideSeconds"/> when the render recorded them, else the plan's.</summary>
    public double VideoSeconds(Slides.SlidePlan plan) => SlideSeconds.Count > 0 ? SlideSeconds.Sum() : plan.TotalSeconds;
}
