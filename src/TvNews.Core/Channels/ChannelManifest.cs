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
    public ChannelOutputs Outputs { get; init; } = new();
    public FeedSettings Feed { get; init; } = new();
    public LiveSettings Live { get; init; } = new();
}

/// <summary>The channel as a 24/7 live TV channel: its rundown looped as one HLS stream with a programme guide.</summary>
public sealed record LiveSettings
{
    /// <summary>Every channel is also a live channel unless this is false (no stream, no guide, no liveFeeds entry).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The programme guide (epg.xml): one programme per story played, or one per block of the clock.</summary>
    public EpgMode Epg { get; init; } = EpgMode.Story;

    /// <summary>Length of a guide block when <see cref="Epg"/> is block: a divisor of a day, blocks start at local midnight.</summary>
    public int BlockMinutes { get; init; } = 30;

    /// <summary>Length of the channel ident (the outro card with the channel's name) played between stories.</summary>
    public double IdentSeconds { get; init; } = 4;

    /// <summary>The live stream's title in the Roku feed and the guide; default "{name} Live".</summary>
    public string? Title { get; init; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EpgMode>))]
public enum EpgMode
{
    Story,
    Block,
}

/// <summary>Optional renditions beyond the 1920x1080 master, its 1280x720 copy and the thumbnail, which every story gets.</summary>
public sealed record ChannelOutputs
{
    /// <summary>A 1080x1920 portrait deck (slides and an MP4) for social video.</summary>
    public bool Vertical { get; init; }

    /// <summary>A voice reads the story (espeak-ng); off means a silent audio track.</summary>
    public NarrationSettings Narration { get; init; } = new();

    /// <summary>A slow Ken Burns move on the picture layer of image slides; the text stays still.</summary>
    public bool KenBurns { get; init; }
}

/// <summary>Text to speech for the channel's stories, normalised to a loudness target.</summary>
public sealed record NarrationSettings
{
    public bool Enabled { get; init; }

    /// <summary>An espeak-ng voice (e.g. "en-us", "ar"); null means the channel's language.</summary>
    public string? Voice { get; init; }

    public int WordsPerMinute { get; init; } = 165;

    /// <summary>Integrated loudness of the narration in LUFS: -16 for streaming, -23 for EBU R128 broadcast.</summary>
    public double LoudnessLufs { get; init; } = -16;
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

    /// <summary>How captions and credits sit over pictures: a full-width band or a boxed panel inside action safe.</summary>
    public LowerThirdStyle LowerThird { get; init; } = LowerThirdStyle.Band;

    /// <summary>A strip along the bottom of every story slide; absent means no ticker.</summary>
    public TickerStrip? Ticker { get; init; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LowerThirdStyle>))]
public enum LowerThirdStyle
{
    Band,
    Box,
}

/// <summary>The ticker: a short label on an accent block (e.g. "LIVE") and a line of channel text beside it.</summary>
public sealed record TickerStrip(string Label, string Text);

/// <summary>A Roku feed category: <see cref="Query"/> is a tag expression (AND-only or OR-only).</summary>
/// <summary>
/// A row of the channel: stories whose tags match <see cref="Query"/> (tags joined by AND or by OR, roku-specs.md 1.10),
/// or the stories of a feed playlist in its own order (<see cref="PlaylistName"/>, order "manual"). Exactly one is set.
/// </summary>
public sealed record ChannelCategory(string Name, string? Query = null, string Order = "most_recent")
{
    public string? PlaylistName { get; init; }
}

/// <summary>How the device feeds are kept small and what they advertise (roku-specs.md 1.6, 1.13).</summary>
public sealed record FeedSettings
{
    /// <summary>At most this many stories in a feed, newest first (breaking news always).</summary>
    public int MaxStories { get; init; } = 200;

    /// <summary>A story is listed only while some category it belongs to has fewer than this many, so no row is crowded out.</summary>
    public int PerCategory { get; init; } = 50;

    /// <summary>Ad break time codes in each video; none unless configured.</summary>
    public AdBreakSettings? AdBreaks { get; init; }
}

/// <param name="PreRoll">A break at 00:00:00.</param>
/// <param name="MidRollEverySeconds">A break at the slide boundary nearest each multiple of this, never in the last
/// <see cref="AdBreakSettings.MinTailSeconds"/> seconds; 0 for none.</param>
public sealed record AdBreakSettings(bool PreRoll = true, int MidRollEverySeconds = 0)
{
    public const int MinTailSeconds = 10;
}

public sealed record RokuPackageSettings
{
    public required string Title { get; init; }
    public int MajorVersion { get; init; } = 1;
    public int MinorVersion { get; init; }
    public int BuildVersion { get; init; } = 1;
    public required string SplashColor { get; init; }

    /// <summary>
    /// Where Roku Search offers the stories (search.json's defaultAvailabilityCountries): lowercase ISO 3166 alpha-2 codes
    /// from the countries Roku Search serves. Empty, the default, means all of them: news is not region-licensed.
    /// </summary>
    public IReadOnlyList<string> SearchCountries { get; init; } = [];
}

/// <summary>Reading-speed pacing for slide durations when no producer duration or narration applies.</summary>
public sealed record SlidePacing
{
    public int WordsPerMinute { get; init; } = 160;
    public double MinSlideSeconds { get; init; } = 4;
    public double MaxSlideSeconds { get; init; } = 10;
}
