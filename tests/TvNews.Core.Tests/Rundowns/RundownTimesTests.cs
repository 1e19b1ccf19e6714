using TvNews.Core.Rundowns;

namespace TvNews.Core.Tests.Rundowns;

public sealed class RundownTimesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ItemsRunBackToBackFromTheStartAndTheEndIsTheStartPlusTheTotal()
    {
        var timing = RundownTimes.Compute(Start, [new RundownEntry(90, false), new RundownEntry(30.5, false), new RundownEntry(45, false)]);

        Assert.Equal(165.5, timing.TotalSeconds);
        Assert.Equal(Start.AddSeconds(165.5), timing.EndsAt);
        Assert.Equal([Start, Start.AddSeconds(90), Start.AddSeconds(120.5)], timing.Slots.Select(s => s.StartsAt!.Value));
        Assert.Equal([Start.AddSeconds(90), Start.AddSeconds(120.5), Start.AddSeconds(165.5)], timing.Slots.Select(s => s.EndsAt!.Value));
    }

    [Fact]
    public void AFloatedItemCountsNothingAndHasNoTimes()
    {
        var timing = RundownTimes.Compute(Start, [new RundownEntry(60, false), new RundownEntry(600, true), new RundownEntry(30, false)]);

        Assert.Equal(90, timing.TotalSeconds);
        Assert.Equal(new RundownSlot(null, null), timing.Slots[1]);
        Assert.Equal(Start.AddSeconds(60), timing.Slots[2].StartsAt);
        Assert.Equal(Start.AddSeconds(90), timing.EndsAt);
    }

    [Fact]
    public void AnEmptyRundownEndsWhenItStarts()
    {
        var timing = RundownTimes.Compute(Start, []);
        Assert.Equal(0, timing.TotalSeconds);
        Assert.Equal(Start, timing.EndsAt);
    }

    [Fact]
    public void TimesAreShownOnTheChannelsClock()
    {
        var local = RundownTimes.InZone(Start, "Asia/Tehran");
        Assert.Equal(TimeSpan.FromHours(3.5), local.Offset);
        Assert.Equal(Start, local);
    }
}
