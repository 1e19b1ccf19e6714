namespace TvNews.Core.Channels;

/// <summary>One file in channel-manifests/: a channel's identity, look, categories and Roku package settings.</summary>
public sealed record ChannelManifest
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string ShortName { get; init; }
    public required string Language { get; init; }
    public required string TimeZone { get; init; }
    public required string Description { get; init; }
    public required ChannelBranding Branding { get; init; }
    public required IReadOnlyList<ChannelCategory> Categories { get; init; }

    /// <summary>Names of files in site-rules/ whose boilerplate and caption rules apply to this channel's sources.</summary>
    public IReadOnlyList<string> SiteRules { get; init; } = [];

    public required RokuPackageSettings Roku { get; init; }
    public SlidePacing Pacing { get; init; } = new();
    public ChannelIngest Ingest { get; init; } = new();
}

/// <summary>Where the channel's articles come from, and which private hosts its fetches may reach.</summary>
public sealed record ChannelIngest
{
    /// <summary>RSS 2.0, Atom or Media RSS feeds polled on a schedule.</summary>
    public IReadOnlyList<FeedSource> Sources { get; init; } = [];

    /// <summary>Host names fetches may reach even when they resolve to private or loopback addresses (an intranet CMS).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];
}

/// <param name="PollMinutes">How often the feed is fetched (conditional GET, so an unchanged feed costs one 304).</param>
/// <param name="Publish">Render and publish new entries at once, or leave them as drafts for a producer.</param>
public sealed record FeedSource(string Url, int PollMinutes = 10, bool Publish = false);

/// <summary>Colors are #RRGGBB. File paths are relative to the repository's media/ folder.</summary>
public sealed record ChannelBranding
{
    public required string PrimaryColor { get; init; }
    public required string AccentColor { get; init; }
    public required string TextColor { get; init; }
    public required string Background { get; init; }
    public required string Font { get; init; }
    public required string BoldFont { get; init; }
    public string? Logo { get; init; }
    public string? Tagline { get; init; }
}

/// <summary>A Roku feed category: <see cref="Query"/> is a tag expression (AND-only or OR-only).</summary>
public sealed record ChannelCategory(string Name, string Query, string Order = "most_recent");

public sealed record RokuPackageSettings
{
    public required string Title { get; init; }
    public int MajorVersion { get; init; } = 1;
    public int MinorVersion { get; init; }
    public int BuildVersion { get; init; } = 1;
    public required string SplashColor { get; init; }
}

/// <summary>Reading-speed pacing for slide durations when no producer duration or narration applies.</summary>
public sealed record SlidePacing
{
    public int WordsPerMinute { get; init; } = 160;
    public double MinSlideSeconds { get; init; } = 4;
    public double MaxSlideSeconds { get; init; } = 10;
}
