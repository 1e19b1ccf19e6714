using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using TvNews.Api.Channels;
using TvNews.Core.Feeds;
using TvNews.Data.Breaking;
using TvNews.Data.Channels;
using TvNews.Data.Rundowns;
using TvNews.Data.Stories;

namespace TvNews.Api.Feeds;

/// <summary>One feed file of one feed version, with its bytes already compressed both ways.</summary>
public sealed record FeedFile(string Name, string ContentType, byte[] Identity, byte[] Gzip, byte[] Brotli, string ETagValue)
{
    // The header values are made once per feed version, not per request.
    public string IdentityTag { get; } = $"\"{ETagValue}\"";
    public string GzipTag { get; } = $"\"{ETagValue}-gz\"";
    public string BrotliTag { get; } = $"\"{ETagValue}-br\"";
}

/// <summary>All feed files of a channel at one feed version.</summary>
public sealed record ChannelFeeds(string ChannelId, long Version, DateTimeOffset LastModified, IReadOnlyDictionary<string, FeedFile> Files)
{
    /// <summary><see cref="LastModified"/> as the header writes it (IMF-fixdate).</summary>
    public string LastModifiedHeader { get; } = LastModified.ToString("R");
}

/// <summary>
/// Every feed of a channel, built (and compressed) once per feed version and then served from memory, so a warm
/// request costs no database query. Correctness rests on <see cref="FeedListener"/>: a NOTIFY for the channel drops
/// its entry; while the listener is not connected nothing is cached (a change could not be heard), and each
/// (re)connect drops everything, since notifications sent while it was away are lost.
/// </summary>
public sealed class FeedCache(ChannelCatalog catalog, ChannelStore channels, StoryStore stories, BreakingNewsStore breaking, RundownStore rundowns, Links links,
    ILogger<FeedCache> logger)
{
    /// <summary>The feed files and their builders; every file of a channel is built together from one snapshot.</summary>
    public static readonly IReadOnlyList<(string Name, string ContentType, Func<FeedInput, byte[]> Build)> Builders =
    [
        ("roku.json", "application/json; charset=utf-8", input => RokuFeedBuilder.Serialize(RokuFeedBuilder.Build(input))),
        ("search.json", "application/json; charset=utf-8", input => SearchFeedBuilder.Serialize(SearchFeedBuilder.Build(input))),
        ("mrss.xml", "application/rss+xml; charset=utf-8", MrssFeedBuilder.Build),
        ("slides.json", "application/json; charset=utf-8", input => SlideFeedBuilder.Serialize(SlideFeedBuilder.Build(input))),
        (SlideFeedBuilder.SchemaFile, "application/schema+json", _ => SlideFeedBuilder.Schema),
    ];

    private readonly ConcurrentDictionary<string, Lazy<Task<ChannelFeeds?>>> _entries = new(StringComparer.Ordinal);
    private volatile bool _live;
    private long _builds;

    /// <summary>How many snapshots were built from the database (tests assert a warm request adds none).</summary>
    public long Builds => Interlocked.Read(ref _builds);

    /// <summary>True while the listener holds LISTEN, i.e. while entries are kept.</summary>
    public bool IsLive => _live;

    /// <summary>Null when the channel is unknown.</summary>
    public ValueTask<ChannelFeeds?> GetAsync(string channelId, CancellationToken ct)
    {
        // The warm path, taken by nearly every request: no state machine, no closure, no task.
        // Result is read only once the task has completed successfully, so it cannot block.
#pragma warning disable RS0030
        if (_live && _entries.TryGetValue(channelId, out var cached) && cached.IsValueCreated &&
            cached.Value.IsCompletedSuccessfully && cached.Value.Result is { } feeds)
            return ValueTask.FromResult<ChannelFeeds?>(feeds);
#pragma warning restore RS0030
        return new ValueTask<ChannelFeeds?>(GetSlowAsync(channelId, ct));
    }

    private async Task<ChannelFeeds?> GetSlowAsync(string channelId, CancellationToken ct)
    {
        if (catalog.Find(channelId) is null) return null;
        if (!_live) return await BuildAsync(channelId, ct);
        // The entry goes in before the snapshot is read, so a NOTIFY that arrives while it is built removes it
        // and the next request builds again rather than keeping a snapshot older than the change.
        var lazy = _entries.GetOrAdd(channelId, id => new Lazy<Task<ChannelFeeds?>>(() => BuildAsync(id, CancellationToken.None)));
        try
        {
            var feeds = await lazy.Value.WaitAsync(ct);
            if (feeds is null) _entries.TryRemove(KeyValuePair.Create(channelId, lazy));
            return feeds;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            _entries.TryRemove(KeyValuePair.Create(channelId, lazy));
            throw;
        }
    }

    public void Invalidate(string channelId) => _entries.TryRemove(channelId, out _);

    /// <summary>The listener holds LISTEN again: what was cached may have missed notifications.</summary>
    public void Connected()
    {
        _entries.Clear();
        _live = true;
    }

    public void Disconnected()
    {
        _live = false;
        _entries.Clear();
    }

    private async Task<ChannelFeeds?> BuildAsync(string channelId, CancellationToken ct)
    {
        Interlocked.Increment(ref _builds);
        var channel = catalog.Find(channelId);
        // The version is read before the stories: a change committed in between makes the snapshot newer than its
        // label (harmless, its NOTIFY follows), never older.
        var row = channel is null ? null : await channels.GetAsync(channelId, ct);
        if (channel is null || row is null) return null;
        var published = await stories.ListPublishedAsync(channelId, ct);
        var active = await breaking.GetActiveAsync(channelId, ct);
        var rundown = await rundowns.StoryIdsAsync(channelId, ct);
        var input = new FeedInput(channel.Manifest, published, links.Base, links.MediaBase, row.FeedUpdatedAt, row.FeedVersion,
            active?.OnAirStoryId.ToString("N"),
            active is null ? null : new BreakingTicker(active.Headline, active.OnAirStoryId.ToString("N"), active.StartedAt, active.ExpiresAt))
        {
            RundownStoryIds = rundown.Select(id => id.ToString("N")).ToList(),
        };
        var files = Builders.ToDictionary(b => b.Name, b => Compress(b.Name, b.ContentType, b.Build(input), row.FeedVersion), StringComparer.Ordinal);
        logger.LogDebug("Built feeds of {ChannelId} at version {Version}", channelId, row.FeedVersion);
        return new ChannelFeeds(channelId, row.FeedVersion, row.FeedUpdatedAt, files);
    }

    /// <summary>Highest compression levels: the cost is paid once per feed version, the saving on every request.</summary>
    public static FeedFile Compress(string name, string contentType, byte[] identity, long version)
    {
        using var gzip = new MemoryStream();
        using (var z = new GZipStream(gzip, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(identity);
        using var brotli = new MemoryStream();
        using (var b = new BrotliStream(brotli, CompressionLevel.SmallestSize, leaveOpen: true)) b.Write(identity);
        // The content hash is in the tag, so a change that keeps the version (a new public base URL after a restart)
        // still changes it.
        var hash = Convert.ToHexStringLower(SHA256.HashData(identity).AsSpan(0, 8));
        return new FeedFile(name, contentType, identity, gzip.ToArray(), brotli.ToArray(), $"v{version}-{hash}");
    }
}
