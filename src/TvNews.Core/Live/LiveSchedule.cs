namespace TvNews.Core.Live;

/// <summary>How the live timeline is laid out.</summary>
/// <param name="Window">Media playlists list at least this much of the most recent segments (at least 60 s).</param>
/// <param name="TargetDurationSeconds">EXT-X-TARGETDURATION: the longest segment a clip may have (the renders' 6 s GOP).</param>
/// <param name="MaxGap">A log that ended longer ago than this (nothing ran the channel) starts afresh instead of filling the gap.</param>
public sealed record LiveTiming(TimeSpan Window, int TargetDurationSeconds, TimeSpan MaxGap)
{
    public static readonly LiveTiming Default = new(TimeSpan.FromSeconds(90), 6, TimeSpan.FromMinutes(10));

    /// <summary>A fresh timeline starts this long before the first request, so the first playlist already has a full window.</summary>
    public TimeSpan Lead => Window + TimeSpan.FromSeconds(TargetDurationSeconds);
}

/// <summary>What to write to the as-run log: a programme cut short (the row to update) and the programmes to append.</summary>
public sealed record LivePlan(AsRunProgramme? Cut, IReadOnlyList<AsRunProgramme> Added)
{
    public bool IsEmpty => Cut is null && Added.Count == 0;
}

/// <summary>
/// The live channel's schedule arithmetic. Pure: the log, the lineup and the time are parameters. Only what has
/// started is committed (the playing programme), so a rundown edit takes effect at the next programme boundary;
/// breaking news cuts the playing programme at its next segment boundary, plays, and the loop resumes where it was
/// (the cut story's remaining segments, after the ident).
/// </summary>
public static class LiveSchedule
{
    public const string CutForBreaking = "breaking";
    public const string CutWithdrawn = "withdrawn";

    /// <summary>
    /// What the log needs at <paramref name="now"/>: programmes appended until one covers now, and breaking news or a
    /// withdrawn story applied to the one playing. <paramref name="tail"/> is the end of the log in order (the last
    /// few programmes are enough); <paramref name="lineup"/>'s breaking news is passed only while it has not aired.
    /// </summary>
    public static LivePlan Advance(IReadOnlyList<AsRunProgramme> tail, LiveLineup lineup, DateTimeOffset now, LiveTiming timing)
    {
        var history = tail.ToList();
        var added = new List<AsRunProgramme>();
        AsRunProgramme? cut = null;

        if (history.Count == 0 || history[^1].EndsAt < now - timing.MaxGap)
        {
            // A new channel, or one nobody ran for a while: start just far enough back that a player gets a full window.
            var first = Next(history, lineup, LiveTime.Microseconds(now - timing.Lead), restart: true);
            if (first is null) return new LivePlan(null, []);
            history.Add(first);
            added.Add(first);
        }

        Fill(history, added, lineup, now);

        var current = history[^1];
        if (current.EndsAt > now && current.StartsAt <= now)
        {
            var takeover = lineup.Breaking is { Clip: not null } && current.Kind != ProgrammeKind.Breaking;
            var withdrawn = lineup.Withdrawn.Contains(current.StoryId);
            if (takeover || withdrawn)
            {
                // The segment on air finishes (it may already be listed as the playlists grow); nothing after it plays.
                var keep = Math.Max(1, Enumerable.Range(0, current.SegmentTicks.Count).Count(i => current.SegmentStart(i) < now));
                if (keep < current.SegmentTicks.Count)
                {
                    var shortened = current.CutAfter(keep, takeover ? CutForBreaking : CutWithdrawn);
                    history[^1] = shortened;
                    var appended = added.FindIndex(p => p.Sequence == shortened.Sequence);
                    if (appended >= 0) added[appended] = shortened;
                    else cut = shortened;
                    current = shortened;
                }
                if (takeover)
                {
                    var breaking = lineup.Breaking!;
                    var programme = Programme(history, ProgrammeKind.Breaking, breaking.Clip!, current.EndsAt, 0, null) with
                    {
                        BreakingId = breaking.Id,
                        Title = breaking.Headline,
                    };
                    history.Add(programme);
                    added.Add(programme);
                }
            }
        }
        return new LivePlan(cut, added);
    }

    /// <summary>
    /// What the channel will play from <paramref name="now"/> until <paramref name="until"/> if nothing changes: the log
    /// as <see cref="Advance"/> would leave it, then the loop played on. The programme guide is built from this.
    /// </summary>
    public static IReadOnlyList<AsRunProgramme> Project(IReadOnlyList<AsRunProgramme> tail, LiveLineup lineup, DateTimeOffset now,
        DateTimeOffset until, LiveTiming timing)
    {
        var plan = Advance(tail, lineup, now, timing);
        var history = tail.Select(p => plan.Cut is { } c && c.Sequence == p.Sequence ? c : p).Concat(plan.Added).ToList();
        var settled = lineup with { Breaking = null };
        while (history.Count > 0 && history[^1].EndsAt < until)
        {
            var next = Next(history, settled, history[^1].EndsAt, restart: false);
            if (next is null) break;
            history.Add(next);
        }
        var first = history.FindIndex(p => p.EndsAt > now);
        if (first < 0) return [];
        // An ident playing now belongs to the story before it (the guide shows that story until the next one starts).
        if (first > 0 && history[first].Kind == ProgrammeKind.Ident) first--;
        return history.Skip(first).Where(p => p.StartsAt < until).ToList();
    }

    private static void Fill(List<AsRunProgramme> history, List<AsRunProgramme> added, LiveLineup lineup, DateTimeOffset now)
    {
        while (history[^1].EndsAt <= now)
        {
            var next = Next(history, lineup, history[^1].EndsAt, restart: false);
            if (next is null) return;
            history.Add(next);
            added.Add(next);
        }
    }

    /// <summary>The programme after <paramref name="history"/>, starting at <paramref name="start"/>; null when there is nothing to play.</summary>
    private static AsRunProgramme? Next(List<AsRunProgramme> history, LiveLineup lineup, DateTimeOffset start, bool restart)
    {
        var previous = history.Count > 0 && !restart ? history[^1] : null;
        // The ident between stories (and between breaking news and the story it interrupted).
        if (previous is not null && previous.Kind != ProgrammeKind.Ident && lineup.Ident is { } ident)
            return Programme(history, ProgrammeKind.Ident, ident, start, 0, null);

        if (Resume(history, lineup) is var (clip, from, index))
            return Programme(history, ProgrammeKind.Story, clip, start, from, index);
        if (lineup.Loop.Count > 0)
        {
            var at = NextIndex(history, lineup.Loop);
            return Programme(history, ProgrammeKind.Story, lineup.Loop[at], start, 0, at);
        }
        // Nothing in the rundown to play: the ident runs on its own, so the stream never stops.
        return lineup.Ident is { } alone ? Programme(history, ProgrammeKind.Ident, alone, start, 0, null) : null;
    }

    /// <summary>
    /// After breaking news that cut a story short, the rest of that story, when it is still in the loop with the same
    /// render: (clip, first segment, loop index).
    /// </summary>
    private static (LiveClip Clip, int From, int Index)? Resume(List<AsRunProgramme> history, LiveLineup lineup)
    {
        var last = history.FindLastIndex(p => p.Kind != ProgrammeKind.Ident);
        if (last < 1 || history[last].Kind != ProgrammeKind.Breaking) return null;
        var cut = history[last - 1];
        if (cut.Kind != ProgrammeKind.Story || cut.CutReason != CutForBreaking) return null;
        var index = lineup.Loop.ToList().FindIndex(c => c.StoryId == cut.StoryId && c.HlsFolder == cut.HlsFolder);
        if (index < 0) return null;
        var from = cut.FirstSegment + cut.SegmentTicks.Count;
        return from < lineup.Loop[index].SegmentTicks.Count ? (lineup.Loop[index], from, index) : null;
    }

    /// <summary>The loop item after the last story played: found by id, else (the story left the rundown) at its old place.</summary>
    private static int NextIndex(List<AsRunProgramme> history, IReadOnlyList<LiveClip> loop)
    {
        var last = history.FindLast(p => p.Kind == ProgrammeKind.Story);
        if (last is null) return 0;
        for (var i = 0; i < loop.Count; i++)
        {
            if (loop[i].StoryId == last.StoryId) return (i + 1) % loop.Count;
        }
        return (last.LoopIndex ?? 0) % loop.Count;
    }

    private static AsRunProgramme Programme(List<AsRunProgramme> history, ProgrammeKind kind, LiveClip clip, DateTimeOffset start, int from,
        int? loopIndex)
    {
        var previous = history.Count > 0 ? history[^1] : null;
        // Every programme starts its own timestamps (each render's clock starts at 1.4 s): a discontinuity each time.
        return new AsRunProgramme(
            previous is null ? 0 : previous.Sequence + 1,
            kind,
            clip.StoryId,
            null,
            clip.Title,
            clip.HlsFolder,
            from,
            clip.SegmentTicks.Skip(from).ToList(),
            start,
            previous?.NextMediaSequence ?? 0,
            previous is null ? 0 : previous.DiscontinuitySequence + 1,
            loopIndex)
        {
            Description = clip.Description,
        };
    }
}
