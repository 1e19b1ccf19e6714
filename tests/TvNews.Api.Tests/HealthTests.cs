using System.Net;
using System.Text.Json;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

public sealed class HealthTests : IAsyncLifetime
{
    private TvNewsApp _app = null!;

    public async Task InitializeAsync() => _app = await TvNewsApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task LivenessAnswersWithoutCheckingDependencies()
    {
        var response = await _app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadinessChecksDatabaseFfmpegAndTheOutputFolder()
    {
        var response = await _app.CreateClient().GetAsync("/health/ready");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var body = JsonDocument.Parse(text);
        var checks = body.RootElement.GetProperty("checks");
        foreach (var name in new[] { "database", "ffmpeg", "espeak-ng", "media-output" })
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
    }
}
