using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace TvNews.Api.Health;

public sealed class DatabaseHealthCheck(NpgsqlDataSource db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = db.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL reachable");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable: " + e.Message);
        }
    }
}

public sealed class FfmpegHealthCheck : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = new[] { "ffmpeg", "ffprobe" }.Where(tool => FindOnPath(tool) is null).ToList();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy("ffmpeg and ffprobe found")
            : HealthCheckResult.Unhealthy("not found on PATH: " + string.Join(", ", missing)));
    }

    public static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
}

public sealed class MediaOutputHealthCheck(AppPaths paths) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(paths.MediaOutput, $".health-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(paths.MediaOutput);
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy("media output writable");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"media output {paths.MediaOutput} not writable: {e.Message}");
        }
    }
}
