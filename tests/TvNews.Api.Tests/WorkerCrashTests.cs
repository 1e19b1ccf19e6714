using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TvNews.Api.Tests.Infrastructure;

namespace TvNews.Api.Tests;

/// <summary>A worker process killed mid-render (kill -9) loses nothing: the job completes after a restart.</summary>
public sealed class WorkerCrashTests
{
    private sealed record JobRow(string State, float Progress, int Attempts, string? WorkerId);

    [Fact]
    public async Task AWorkerKilledMidRenderLosesNothingTheJobCompletesAfterARestart()
    {
        var lease = new Dictionary<string, string> { ["Render:Lease"] = "00:00:02" };
        // Producers' side: the API takes the article and shows the job; it renders nothing itself.
        await using var api = await TvNewsApp.StartAsync(settings: new Dictionary<string, string>(lease) { ["TvNews:Role"] = "Api" });
        await using var child = ChildServer.Start(api.Database.ConnectionString, api.MediaOutput, new Dictionary<string, string>(lease)
        {
            ["TvNews:Role"] = "Worker",
            ["Render:PollInterval"] = "00:00:00.100",
            ["Render:ProgressInterval"] = "00:00:00.050",
        });

        var response = await api.PostTextAsync(TestArticles.Small, publish: true);
        response.EnsureSuccessStatusCode();
        var storyId = (await response.Content.ReadFromJsonAsync<IngestDto>())!.StoryId;
        var jobId = Assert.Single((await api.Producer().GetFromJsonAsync<JobListDto>($"/api/jobs?storyId={storyId}"))!.Jobs).Id;

        // Caught in the act: the child holds the job and has drawn at least one slide.
        var childWorker = $"{Environment.MachineName}:{child.ProcessId}";
        var waited = Stopwatch.StartNew();
        JobRow row;
        while ((row = await ReadJobAsync(api, jobId)) is not { State: "running", Progress: > 0f } || row.WorkerId != childWorker)
        {
            Assert.False(child.HasExited, $"the worker process exited on its own:\n{child.Output}");
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"the worker process never got going ({row}):\n{child.Output}");
            await Task.Delay(20);
        }
        await child.KillAsync();

        var crashed = await ReadJobAsync(api, jobId);
        Assert.True(crashed is { State: "running", Attempts: 1, Progress: < 1f }, $"the render finished before the kill: {crashed}");
        var storyFolder = Path.Combine(api.MediaOutput, "stories", storyId.ToString("N"));
        var crashedFolder = Assert.Single(Directory.GetDirectories(storyFolder, $"r{jobId}a1-*"));
        Assert.False(File.Exists(Path.Combine(crashedFolder, "video.mp4")), "the crashed attempt was not half-written");

        // The restart: a fresh worker takes the job once the dead one's lease runs out and renders it from scratch.
        await using var worker = await TvNewsApp.StartAsync(sharedWith: api, settings: new Dictionary<string, string>(lease) { ["TvNews:Role"] = "Worker" });
        var story = await api.WaitForRenderAsync(storyId, TimeSpan.FromMinutes(3));
        Assert.Equal("ready", story.RenderState);
        Assert.Equal("published", story.State);
        var job = (await api.Producer().GetFromJsonAsync<JobDto>($"/api/jobs/{jobId}"))!;
        Assert.Equal(("done", 2, (string?)null), (job.State, job.Attempts, job.LastError));
        Assert.NotEqual(childWorker, job.WorkerId);

        // Playable output from the second attempt in its own folder; the crashed attempt's half is gone.
        var mp4 = Path.Combine(api.MediaOutput, new Uri(story.Media!.Mp4).AbsolutePath["/media/".Length..]);
        var folder = Assert.Single(Directory.GetDirectories(storyFolder, $"r{jobId}a*"));
        Assert.Equal(folder, Path.GetDirectoryName(mp4));
        Assert.EndsWith($"r{jobId}a2-", folder[..(folder.LastIndexOf('-') + 1)], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "frames")));
        Assert.Equal(story.Slides.Count, Directory.GetFiles(Path.Combine(folder, "slides"), "*.jpg").Length);
        var probe = await ProbeAsync(mp4);
        var video = Assert.Single(probe.GetProperty("streams").EnumerateArray(), s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.True(double.Parse(probe.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 1);
    }

    private static async Task<JobRow> ReadJobAsync(TvNewsApp app, long jobId)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select state, progress, attempts, worker_id from render_jobs where id = @jobId", connection);
        command.Parameters.AddWithValue("jobId", jobId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new JobRow(reader.GetString(0), reader.GetFloat(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private static async Task<JsonElement> ProbeAsync(string file)
    {
        var run = await TvNews.Testing.Tool.RunAsync("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", file);
        Assert.True(run.ExitCode == 0, run.StandardError);
        var json = run.Text;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
