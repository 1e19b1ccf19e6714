using Npgsql;
using TvNews.Data.Rendering;

namespace TvNews.Api.Live;

/// <summary>
/// Relays render progress from whichever process renders to the producers connected to this process's hub. Workers
/// announce each progress write with NOTIFY on <see cref="RenderQueue.ProgressChannel"/> (in the same statement as
/// the write); every process that serves the hub LISTENs on one dedicated connection and pushes what arrives to the
/// channel's producer group.
/// This is the only path for RenderProgress, also when the worker runs in this very process (role All): one path means
/// each event is pushed exactly once per hub with no origin bookkeeping, and the single-process setup exercises the
/// same code as a scaled one. The price is a database round trip per event, which the progress interval keeps rare.
/// Notifications sent while the connection is down are lost; progress is ephemeral and the next write supersedes it.
/// </summary>
internal sealed class RenderProgressListener(NpgsqlDataSource db, LiveEvents live, TimeProvider clock, ILogger<RenderProgressListener> logger)
    : PostgresListener(db, clock, logger)
{
    protected override string Channel => RenderQueue.ProgressChannel;

    protected override string Name => "Render progress listener";

    protected override async Task ReceivedAsync(IReadOnlyList<string> payloads, CancellationToken ct)
    {
        foreach (var payload in payloads) await RelayAsync(payload);
    }

    private async Task RelayAsync(string payload)
    {
        try
        {
            var n = RenderQueue.ReadProgressNotice(payload);
            await live.RenderProgressAsync(new RenderProgressEvent(n.JobId, n.StoryId.ToString("N"), n.ChannelId, n.Stage, n.Progress));
        }
        catch (Exception e)
        {
            // One bad payload or a failed push must not stop the relay.
            logger.LogWarning(e, "Could not relay render progress {Payload}", payload);
        }
    }
}
