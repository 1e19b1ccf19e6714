using Microsoft.Extensions.Diagnostics.HealthChecks;
using TvNews.Api.Channels;

namespace TvNews.Api.Health;

/// <summary>A worker needs espeak-ng only when a loaded channel narrates; then its absence fails readiness, not the first render.</summary>
public sealed class EspeakHealthCheck(ChannelCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var narrating = catalog.All.Where(c => c.Manifest.Outputs.Narration.Enabled).Select(c => c.Manifest.Id).ToList();
        if (narrating.Count == 0) return Task.FromResult(HealthCheckResult.Healthy("no channel narrates"));
        return Task.FromResult(FfmpegHealthCheck.FindOnPath("espeak-ng") is not null
            ? HealthCheckResult.Healthy("espeak-ng found")
            : HealthCheckResult.Unhealthy($"espeak-ng not found on PATH (apt-get install espeak-ng); channels narrating: {string.Join(", ", narrating)}"));
    }
}
