using TvNews.Core.Live;

namespace TvNews.Core.Tests.Live;

public sealed class LiveScheduleTests
{
    internal static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly LiveTiming Timing = LiveTiming.Default;

    internal static long Ticks(double seconds) => (long)Math.Round(seconds * LiveTime.Clock);

    /// <summary>A clip cut like a render: 6 s segments and the rest.</summary>
    internal static LiveClip Clip(string name, double seconds)
    {
        var ticks = new List<long>();
        for (var left = seconds; left > 0.0001; left -= 6) ticks.Add(Ticks(Math.Min(6, left)));
        return new LiveClip(Guid.NewGuid(), "Headline " + name, $"stories/{name}/r1a1-00000000/hls", ticks) { Description = "Lead of " + name };
    }

    internal static readonly LiveClip Ident = Clip("ident", 4);

    /// <summary>A log kept as the store keeps it: each plan applied in turn.</summary>
    internal sealed class Log
    {
        public List<AsRunProgramme> Rows { get; } = [];

        public LivePlan Advance(LiveLineup lineup, DateTimeOffset now)
        {
            var aired = lineup.Breaking is { } b && Rows.Any(r => r.BreakingId == b.Id);
            var plan = LiveSchedule.Advance(Rows.TakeLast(12).ToList(), aired ? lineup with { Breaking = null } : lineup, now, Timing);
            if (plan.Cut is { } cut) Rows[Rows.FindIndex(r => r.Sequence == cut.Sequence)] = cut;
            Rows.AddRange(plan.Added);
            return plan;
        }

        public string? Playlist(DateTimeOffset now, string rung = "360p") =>
            LivePlaylists.Media(Rows, rung, now, Timing, path => "https://tv.test/media/" + path);
    }

    [Fact]
    public void AFreshChannelStartsAFullWindowBackWithTheIdentBetweenStories()
    {
        var a = Clip("a", 20);
        var b = Clip("b", 14);
        var log = new Log();
        log.Advance(new LiveLineup([a, b], Ident), T0);

        var rows = log.Rows;
        Assert.Equal(T0 - Timing.Lead, rows[0].StartsAt);
        Assert.True(rows[^1].StartsAt <= T0 && rows[^1].EndsAt > T0, "the last programme is the one playing now");
        Assert.Equal([ProgrammeKind.Story, ProgrammeKind.Ident, ProgrammeKind.Story, ProgrammeKind.Ident], rows.Take(4).Select(r => r.Kind));
        Assert.Equal([a.StoryId, Ident.StoryId, b.StoryId, Ident.StoryId, a.StoryId], rows.Take(5).Select(r => r.StoryId));
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].EndsAt, rows[i].StartsAt);
            Assert.Equal(rows[i - 1].Sequence + 1, rows[i].Sequence);
            Assert.Equal(rows[i - 1].NextMediaSequence, rows[i].FirstMediaSequence);
            Assert.Equal(rows[i - 1].DiscontinuitySequence + 1, rows[i].DiscontinuitySequence);
        }
        Assert.Empty(log.Advance(new LiveLineup([a, b], Ident), T0).Added);
    }

    [Fact]
    public void PlaylistsSlideOneSegmentAtATimeWithStableNumbersAndMonotonicSequences()
    {
        var lineup = new LiveLineup([Clip("a", 20), Clip("b", 7.5), Clip("c", 31)], Ident);
        var log = new Log();
        // The ident's files repeat; a media sequence number names one segment for good.
        var seen = new Dictionary<long, (string Uri, long Discontinuity)>();
        long lastMsn = -1, lastDsn = -1;
        for (var t = T0; t < T0.AddMinutes(12); t = t.AddSeconds(1.7))
        {
            log.Advance(lineup, t);
            var playlist = Parse(log.Playlist(t)!);
            Assert.Equal(6, playlist.Target);
            Assert.True(playlist.Msn >= lastMsn && playlist.Dsn >= lastDsn);
            (lastMsn, lastDsn) = (playlist.Msn, playlist.Dsn);
            Assert.True(playlist.Segments.Sum(s => s.Seconds) >= 60, "at least a minute of segments");
            Assert.True(playlist.Segments.Sum(s => s.Seconds) < Timing.Window.TotalSeconds + 6.001);
            Assert.All(playlist.Segments, s => Assert.True(s.Seconds <= 6.0005));
            foreach (var s in playlist.Segments)
            {
                if (seen.TryGetValue(s.Msn, out var before)) Assert.Equal(before, (s.Uri, s.Discontinuity));
                else seen[s.Msn] = (s.Uri, s.Discontinuity);
            }
            // Nothing listed ends after now: the last segment ended at most one segment ago.
            Assert.True(playlist.LastEnd <= t && playlist.LastEnd > t.AddSeconds(-6.001), $"{playlist.LastEnd:O} vs {t:O}");
        }
        Assert.True(seen.Count > 100);
    }

    [Fact]
    public void ARundownEditTakesEffectAtTheNextStoryBoundary()
    {
        var a = Clip("a", 20);
        var b = Clip("b", 20);
        var c = Clip("c", 20);
        var log = new Log();
        log.Advance(new LiveLineup([a, b], Ident), T0);
        if (log.Rows[^1].Kind == ProgrammeKind.Ident) log.Advance(new LiveLineup([a, b], Ident), log.Rows[^1].EndsAt.AddSeconds(1));
        var playing = log.Rows[^1];
        Assert.Equal(ProgrammeKind.Story, playing.Kind);

        // The editor puts c first and drops the playing story: the playing one still ends as scheduled.
        var edited = new LiveLineup([c, b], Ident);
        log.Advance(edited, playing.EndsAt.AddSeconds(-1));
        Assert.Equal(playing, log.Rows.Single(r => r.Sequence == playing.Sequence));
        log.Advance(edited, playing.EndsAt.AddSeconds(8));
        var after = log.Rows.Where(r => r.Sequence > playing.Sequence).ToList();
        Assert.Equal(ProgrammeKind.Ident, after[0].Kind);
        Assert.Equal(playing.EndsAt, after[0].StartsAt);
        // Whichever story was playing (a, now gone, or b, now second), the new first item is next.
        Assert.Equal(c.StoryId, after[1].StoryId);
    }

    [Fact]
    public void BreakingNewsCutsAtTheNextSegmentBoundaryThenTheCutStoryResumesAfterTheIdent()
    {
        var a = Clip("a", 40);
        var b = Clip("b", 20);
        var card = Clip("card", 5);
        var log = new Log();
        var lineup = new LiveLineup([a, b], Ident);
        log.Advance(lineup, T0);
        var playing = log.Rows[^1];
        // Move to 8.5 s into a story programme.
        var now = playing.Kind == ProgrammeKind.Story ? playing.StartsAt.AddSeconds(8.5) : playing.EndsAt.AddSeconds(8.5);
        log.Advance(lineup, now);
        playing = log.Rows[^1];
        Assert.Equal(ProgrammeKind.Story, playing.Kind);
        var story = playing.StoryId == a.StoryId ? a : b;

        var breaking = new LiveBreaking(Guid.NewGuid(), "Earthquake <hits> & more", card);
        var plan = log.Advance(lineup with { Breaking = breaking }, now);
        Assert.NotNull(plan.Cut);
        Assert.Equal(2, plan.Cut.SegmentTicks.Count);
        Assert.Equal(playing.StartsAt.AddSeconds(12), plan.Cut.CutAt);
        Assert.Equal(LiveSchedule.CutForBreaking, plan.Cut.CutReason);
        var takeover = Assert.Single(plan.Added);
        Assert.Equal(ProgrammeKind.Breaking, takeover.Kind);
        Assert.Equal(breaking.Id, takeover.BreakingId);
        Assert.Equal(plan.Cut.CutAt, takeover.StartsAt);
        Assert.Equal(plan.Cut.NextMediaSequence, takeover.FirstMediaSequence);

        // Aired once: asking again changes nothing; then the ident, then the rest of the cut story, then the loop.
        Assert.True(log.Advance(lineup with { Breaking = breaking }, now.AddSeconds(1)).IsEmpty);
        log.Advance(lineup, takeover.EndsAt.AddSeconds(40));
        var after = log.Rows.Where(r => r.Sequence > takeover.Sequence).ToList();
        Assert.Equal(ProgrammeKind.Ident, after[0].Kind);
        Assert.Equal(story.StoryId, after[1].StoryId);
        Assert.Equal(2, after[1].FirstSegment);
        Assert.Equal(story.SegmentTicks.Skip(2), after[1].SegmentTicks);
        Assert.Equal(ProgrammeKind.Ident, after[2].Kind);
        Assert.NotEqual(story.StoryId, after[3].StoryId);

        var text = log.Playlist(takeover.StartsAt.AddSeconds(5.1))!;
        Assert.Contains("#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:" + LivePlaylists.DateTime(takeover.StartsAt) + "\n#EXTINF:5.000000,\nhttps://tv.test/media/stories/card/", text);
    }

    [Fact]
    public void BreakingNewsAtASegmentBoundaryCutsNothingAndStartsThere()
    {
        var a = Clip("a", 12);
        var log = new Log();
        var lineup = new LiveLineup([a], null);
        log.Advance(lineup, T0);
        var playing = log.Rows[^1];
        var boundary = playing.SegmentStart(1);
        var plan = log.Advance(lineup with { Breaking = new LiveBreaking(Guid.NewGuid(), "News", Clip("card", 5)) }, boundary);
        Assert.Single(plan.Cut!.SegmentTicks);
        Assert.Equal(boundary, plan.Added.Single().StartsAt);
    }

    [Fact]
    public void BreakingNewsWithoutItsVideoWaitsForIt()
    {
        var log = new Log();
        var lineup = new LiveLineup([Clip("a", 30)], Ident);
        log.Advance(lineup, T0);
        Assert.True(log.Advance(lineup with { Breaking = new LiveBreaking(Guid.NewGuid(), "News", null) }, T0.AddSeconds(1)).IsEmpty);
    }

    [Fact]
    public void AWithdrawnStoryIsCutAtTheNextSegmentBoundaryAndNotResumed()
    {
        var a = Clip("a", 30);
        var b = Clip("b", 30);
        var log = new Log();
        log.Advance(new LiveLineup([a, b], Ident), T0);
        var playing = log.Rows.Last(r => r.Kind == ProgrammeKind.Story);
        var now = playing.StartsAt.AddSeconds(1);
        log.Rows.RemoveAll(r => r.Sequence > playing.Sequence);
        var rest = new LiveLineup([playing.StoryId == a.StoryId ? b : a], Ident) { Withdrawn = new HashSet<Guid> { playing.StoryId } };
        var plan = log.Advance(rest, now);
        Assert.Equal(LiveSchedule.CutWithdrawn, plan.Cut!.CutReason);
        Assert.Single(plan.Cut.SegmentTicks);
        log.Advance(rest, plan.Cut.EndsAt.AddSeconds(5));
        var after = log.Rows.Where(r => r.Sequence > playing.Sequence).ToList();
        Assert.Equal(ProgrammeKind.Ident, after[0].Kind);
        Assert.Equal(rest.Loop[0].StoryId, after[1].StoryId);
        Assert.Equal(0, after[1].FirstSegment);
    }

    [Fact]
    public void AnEmptyRundownLoopsTheIdentAndNothingAtAllPlaysNothing()
    {
        var log = new Log();
        log.Advance(new LiveLineup([], Ident), T0);
        Assert.All(log.Rows, r => Assert.Equal(ProgrammeKind.Ident, r.Kind));
        Assert.True(log.Rows[^1].EndsAt > T0);
        Assert.NotNull(log.Playlist(T0));

        var empty = new Log();
        Assert.True(empty.Advance(new LiveLineup([], null), T0).IsEmpty);
        Assert.Null(empty.Playlist(T0));
    }

    [Fact]
    public void ALogLeftLongerThanTheMaximumGapRestartsWithANewDiscontinuityAndContinuingNumbers()
    {
        var lineup = new LiveLineup([Clip("a", 20)], Ident);
        var log = new Log();
        log.Advance(lineup, T0);
        var last = log.Rows[^1];
        var later = T0 + Timing.MaxGap + TimeSpan.FromMinutes(5);
        var plan = log.Advance(lineup, later);
        Assert.Equal(later - Timing.Lead, plan.Added[0].StartsAt);
        Assert.Equal(last.NextMediaSequence, plan.Added[0].FirstMediaSequence);
        Assert.Equal(last.DiscontinuitySequence + 1, plan.Added[0].DiscontinuitySequence);

        // A short gap (a restart) is filled as if the channel had played on.
        var filled = new Log();
        filled.Advance(lineup, T0);
        filled.Advance(lineup, T0.AddMinutes(3));
        for (var i = 1; i < filled.Rows.Count; i++) Assert.Equal(filled.Rows[i - 1].EndsAt, filled.Rows[i].StartsAt);
    }

    [Fact]
    public void TheProjectionIsWhatAdvancingLaterWritesWhenNothingChanges()
    {
        var lineup = new LiveLineup([Clip("a", 20), Clip("b", 9), Clip("c", 13)], Ident);
        var log = new Log();
        log.Advance(lineup, T0);
        var projected = LiveSchedule.Project(log.Rows, lineup, T0, T0.AddMinutes(10), Timing);
        for (var t = T0; t < T0.AddMinutes(10); t = t.AddSeconds(7)) log.Advance(lineup, t);
        foreach (var p in projected.Where(p => p.EndsAt < T0.AddMinutes(9)))
        {
            var row = log.Rows.Single(r => r.Sequence == p.Sequence);
            Assert.Equal((p.StoryId, p.StartsAt, p.FirstMediaSequence, p.SegmentTicks.Sum()), (row.StoryId, row.StartsAt, row.FirstMediaSequence, row.SegmentTicks.Sum()));
        }
    }

    [Fact]
    public void InstantsAreWholeMicroseconds()
    {
        var after = LiveTime.After(T0, 3000); // one frame at 30 fps
        Assert.Equal(0, after.UtcTicks % 10);
        Assert.Equal(T0.AddTicks(333_330), after);
    }

    internal sealed record ParsedSegment(string Uri, double Seconds, long Msn, long Discontinuity);

    internal sealed record ParsedPlaylist(int Target, long Msn, long Dsn, IReadOnlyList<ParsedSegment> Segments, DateTimeOffset LastEnd);

    /// <summary>A strict reader of what LivePlaylists writes: every line is known, in its place.</summary>
    internal static ParsedPlaylist Parse(string text)
    {
        var lines = text.Split('\n');
        Assert.Equal("#EXTM3U", lines[0]);
        Assert.Equal("", lines[^1]);
        int? target = null;
        long? msn = null, dsn = null;
        var segments = new List<ParsedSegment>();
        double? pending = null;
        var discontinuities = 0;
        DateTimeOffset? date = null, lastEnd = null;
        foreach (var line in lines[1..^1])
        {
            string Value(string tag) => line[(tag.Length + 1)..];
            if (line.StartsWith("#EXT-X-TARGETDURATION:", StringComparison.Ordinal)) target = int.Parse(Value("#EXT-X-TARGETDURATION"));
            else if (line.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal)) msn = long.Parse(Value("#EXT-X-MEDIA-SEQUENCE"));
            else if (line.StartsWith("#EXT-X-DISCONTINUITY-SEQUENCE:", StringComparison.Ordinal)) dsn = long.Parse(Value("#EXT-X-DISCONTINUITY-SEQUENCE"));
            else if (line is "#EXT-X-VERSION:3" or "#EXT-X-START:TIME-OFFSET=-30.000") continue;
            else if (line == "#EXT-X-DISCONTINUITY") discontinuities++;
            else if (line.StartsWith("#EXT-X-PROGRAM-DATE-TIME:", StringComparison.Ordinal))
            {
                var d = DateTimeOffset.Parse(Value("#EXT-X-PROGRAM-DATE-TIME"), System.Globalization.CultureInfo.InvariantCulture);
                if (lastEnd is { } e) Assert.True(Math.Abs((d - e).TotalMilliseconds) <= 1, "programme dates follow on");
                date = d;
            }
            else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal)) pending = double.Parse(Value("#EXTINF").TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture);
            else
            {
                Assert.False(line.StartsWith('#'), $"unexpected tag {line}");
                Assert.NotNull(pending);
                Assert.NotNull(date);
                segments.Add(new ParsedSegment(line, pending.Value, msn!.Value + segments.Count, dsn!.Value + discontinuities));
                date = date.Value.AddSeconds(pending.Value);
                lastEnd = date;
                pending = null;
            }
        }
        Assert.Null(pending);
        return new ParsedPlaylist(target!.Value, msn!.Value, dsn!.Value, segments, lastEnd!.Value);
    }
}
