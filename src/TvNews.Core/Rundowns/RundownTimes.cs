namespace TvNews.Core.Rundowns;

/// <summary>One entry of a rundown as the timing sees it: how long it runs and whether it is floated (skipped).</summary>
public sealed record RundownEntry(double PlannedSeconds, bool Floated);

/// <summary>When one entry is on air; null for a floated entry.</summary>
public sealed record RundownSlot(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

/// <summary>A rundown's timing: each entry's slot, the total of the entries that run, and the on-air end (back-timing).</summary>
public sealed record RundownTiming(IReadOnlyList<RundownSlot> Slots, double TotalSeconds, DateTimeOffset EndsAt);

/// <summary>Rundown arithmetic. Pure: the start time is a parameter.</summary>
public static class RundownTimes
{
    public static RundownTiming Compute(DateTimeOffset startsAt, IReadOnlyList<RundownEntry> entries)
    {
        var slots = new RundownSlot[entries.Count];
        var offset = 0d;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Floated)
            {
                slots[i] = new RundownSlot(null, null);
                continue;
            }
            var start = startsAt + TimeSpan.FromSeconds(offset);
            offset += entries[i].PlannedSeconds;
            slots[i] = new RundownSlot(start, startsAt + TimeSpan.FromSeconds(offset));
        }
        return new RundownTiming(slots, offset, startsAt + TimeSpan.FromSeconds(offset));
    }

    /// <summary>A time as the channel's clock shows it (IANA zone id, as in the manifest's <c>timeZone</c>).</summary>
    public static DateTimeOffset InZone(DateTimeOffset time, string timeZone) =>
        TimeZoneInfo.ConvertTime(time, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
}
