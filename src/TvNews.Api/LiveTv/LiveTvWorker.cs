using Microsoft.Extensions.Options;
using TvNews.Api.Channels;

namespace TvNews.Api.LiveTv;

/// <summary>
/// Keeps every live channel's as-run log current, so what played is recorded whether or not a player is asking and
/// breaking news takes over on time; and has each channel's ident rendered (at start, then every few minutes, which
/// also picks up a changed manifest). Any number of instances may run one: the log is written under a per-channel
/// lock. Playlist requests advance the log too, so a stream never waits for this worker. Catches everything, never dies.
/// </summary>
internal sealed class LiveTvWorker(ChannelCatalog catalog, LiveChannel live, IOptions<LiveTvOptions> options, TimeProvider clock,
    ILogger<LiveTvWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdentCheck = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var identsChecked = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var checkIdents = now - identsChecked >= IdentCheck;
            foreach (var channel in catalog.All.Where(c => c.Manifest.Live.Enabled))
            {
                try
                {
                    if (checkIdents) await live.EnsureIdentAsync(channel, stoppingToken);
                    await live.AdvanceAsync(channel, clock.GetUtcNow(), stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Could not advance the live channel {ChannelId}; retrying after {Interval}", channel.Manifest.Id, options.Value.PollInterval);
                }
            }
            if (checkIdents) identsChecked = now;
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
