namespace TvNews.Core.Live;

/// <summary>What a programme of the live channel is: a rundown story, the channel ident between stories, or breaking news.</summary>
public enum ProgrammeKind
{
    Story,
    Ident,
    Breaking,
}

/// <summary>
/// Something the live channel can play: a rendered story's HLS folder (relative to the media root) and the durations of
/// its segments on the 90 kHz clock. Every rung of a render is cut at the same IDRs, so one list serves all rungs.
/// </summary>
public sealed record LiveClip(Guid StoryId, string Title, string HlsFolder, IReadOnlyList<long> SegmentTicks)
{
    /// <summary>A line about the story for the programme guide (its lead).</summary>
    public string Description { get; init; } = "";
}

/// <summary>Active breaking news that has not been on the live channel yet; <see cref="Clip"/> is null until its video is rendered.</summary>
public sealed record LiveBreaking(Guid Id, string Headline, LiveClip? Clip);

/// <summary>
/// What the channel may play now: the loop (the rundown's playable stories in order, the active breaking news on top,
/// as the rundown view shows it), the ident between stories, and breaking news waiting to take over.
/// </summary>
public sealed record LiveLineup(IReadOnlyList<LiveClip> Loop, LiveClip? Ident, LiveBreaking? Breaking = null)
{
    /// <summary>Stories that left the air (retracted or expired): one playing now is cut at its next segment boundary.</summary>
    public IReadOnlySet<Guid> Withdrawn { get; init; } = new HashSet<Guid>();

    /// <summary>The clips a player may meet: for the master playlist's bandwidths.</summary>
    public IEnumerable<LiveClip> All => Loop.Concat(Ident is null ? [] : [Ident]).Concat(Breaking?.Clip is { } b ? [b] : []);
}

/// <summary>
/// One row of the as-run log: what played (or plays) on the channel, from when, as which segments. The live playlists
/// are a pure function of these rows and the time, so every instance and every restart serves the same stream.
/// </summary>
/// <param name="Sequence">The programme's number on the channel, from 0.</param>
/// <param name="FirstSegment">The clip's segment file the programme starts with: 0, or where a story resumes after breaking news.</param>
/// <param name="SegmentTicks">The segments this programme plays (fewer than the clip's when it was cut), 90 kHz.</param>
/// <param name="FirstMediaSequence">The channel-wide number of the programme's first segment (EXT-X-MEDIA-SEQUENCE).</param>
/// <param name="DiscontinuitySequence">How many discontinuities precede the programme's first segment.</param>
/// <param name="LoopIndex">The story's place in the loop when it was scheduled (story programmes only).</param>
public sealed record AsRunProgramme(
    long Sequence,
    ProgrammeKind Kind,
    Guid StoryId,
    Guid? BreakingId,
    string Title,
    string HlsFolder,
    int FirstSegment,
    IReadOnlyList<long> SegmentTicks,
    DateTimeOffset StartsAt,
    long FirstMediaSequence,
    long DiscontinuitySequence,
    int? LoopIndex)
{
    /// <summary>Set when breaking news (or the story leaving the air) cut the programme short: the instant it ends.</summary>
    public DateTimeOffset? CutAt { get; init; }

    /// <summary>Why it was cut: "breaking" or "withdrawn".</summary>
    public string? CutReason { get; init; }

    /// <summary>The programme guide's line about it.</summary>
    public string Description { get; init; } = "";

    public long DurationTicks => SegmentTicks.Sum();

    public DateTimeOffset EndsAt => LiveTime.After(StartsAt, DurationTicks);

    public long NextMediaSequence => FirstMediaSequence + SegmentTicks.Count;

    /// <summary>When segment <paramref name="index"/> (of this programme, from 0) starts.</summary>
    public DateTimeOffset SegmentStart(int index) => LiveTime.After(StartsAt, SegmentTicks.Take(index).Sum());

    /// <summary>The programme kept to its first <paramref name="segments"/> segments.</summary>
    public AsRunProgramme CutAfter(int segments, string reason)
    {
        var kept = SegmentTicks.Take(segments).ToList();
        return this with { SegmentTicks = kept, CutAt = LiveTime.After(StartsAt, kept.Sum()), CutReason = reason };
    }
}

/// <summary>Instants of the live timeline: whole microseconds, as PostgreSQL stores them, so a row read back is the row written.</summary>
public static class LiveTime
{
    public const long Clock = 90_000;

    public static DateTimeOffset After(DateTimeOffset start, long ticks) =>
        Microseconds(start.AddTicks(ticks * TimeSpan.TicksPerSecond / Clock));

    public static DateTimeOffset Microseconds(DateTimeOffset t)
    {
        var utc = t.UtcTicks;
        return new DateTimeOffset(utc - (utc % 10), TimeSpan.Zero);
    }

    public static double Seconds(long ticks) => (double)ticks / Clock;
}
