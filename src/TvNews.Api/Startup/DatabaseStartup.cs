using Microsoft.Extensions.Options;
using Npgsql;
using TvNews.Api.Channels;
using TvNews.Data;
using TvNews.Data.Auth;
using TvNews.Data.Channels;
using TvNews.Data.Feeds;

namespace TvNews.Api.Startup;

/// <summary>
/// Runs before the server accepts traffic: migrations, the channels from channel-manifests/, and the producer key.
/// </summary>
internal sealed class DatabaseStartup(NpgsqlDataSource db, ChannelCatalog catalog, ChannelStore channels, FeedSourceStore feedSources, ApiKeyStore keys,
    IOptions<TvNewsOptions> options, TimeProvider clock, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await Database.MigrateAsync(db, logger, ct);
        var now = clock.GetUtcNow();
        foreach (var channel in catalog.All)
        {
            await channels.UpsertAsync(channel.Manifest, now, ct);
            await feedSources.SyncAsync(channel.Manifest.Id, channel.Manifest.Ingest.Sources, now, ct);
            logger.LogInformation("Channel {ChannelId} loaded: {Name}", channel.Manifest.Id, channel.Manifest.Name);
        }

        var configured = options.Value.ApiKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await keys.AddAsync(configured.Trim(), "admin", "configured key (TVNEWS_API_KEY)", now, ct);
        }
        else if (!await keys.AnyAsync(ct))
        {
            var key = ApiKeyStore.NewKey();
            await keys.AddAsync(key, "admin", "generated on first run", now, ct);
            // Shown once: only its hash is stored.
            Console.WriteLine();
            Console.WriteLine("  Producer API key (shown once, stored hashed; send it as X-Api-Key):");
            Console.WriteLine("  " + key);
            Console.WriteLine();
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
