namespace TvNews.Api.Live;

/// <summary>Live updates: the event log's retention and the device endpoints' timings (section "Live").</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>How long public events stay in the log; a client further behind gets ResyncRequired.</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the cleanup worker deletes events past the retention.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest a long-poll may park (its wait parameter is refused above this).</summary>
    public int LongPollMaxWaitSeconds { get; set; } = 25;

    /// <summary>How often an idle SSE stream sends a comment, so proxies and clients see it is alive.</summary>
    public TimeSpan SseHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>At most this many events per long-poll answer or replay page (a client then asks again from the last seq).</summary>
    public int MaxEventsPerAnswer { get; set; } = 500;
}
