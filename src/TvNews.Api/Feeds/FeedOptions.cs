namespace TvNews.Api.Feeds;

public sealed class FeedOptions
{
    public const string SectionName = "Feeds";

    /// <summary>A silent LISTEN connection is pinged this often, so a dead one is noticed and replaced.</summary>
    public TimeSpan ListenerPingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between reconnect attempts (starting at a second, doubling).</summary>
    public TimeSpan ListenerMaxRetry { get; set; } = TimeSpan.FromSeconds(30);
}
