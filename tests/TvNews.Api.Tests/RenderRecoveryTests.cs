using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Rendering;

namespace TvNews.Api.Tests;

/// <summary>What happens to a render when time, other workers or ffmpeg get in the way: leases, takeovers, retries.</summary>
public sealed class RenderRecoveryTests
{
    /// <summary>
    /// The real encoder behind a hook that runs first: a long stall (progress stands still, as in a long encode) or
    /// corrupt input. The real one is built by the container, so it is whatever the app would use.
    /// </summary>
    private sealed class HookedEncoder(Func<EncodeRequest, CancellationToken, Task<EncodeRequest>> before) : IStoryVideoEncoder
    {
        public IStoryVideoEncoder Real { get; set; } = null!;
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<EncodedStory> EncodeAsync(EncodeRequest request, CancellationToken ct)
        {
            Entered.TrySetResult();
            try
            {
                request = await before(request, ct);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
            return await Real.EncodeAsync(request, ct);
        }

        public Task EncodeVerticalAsync(IReadOnlyList<VideoSlide> slides, string? audioPath, string outputFile, CancellationToken ct) =>
            Real.EncodeVerticalAsync(slides, audioPath, outputFile, ct);

        public Action<IServiceCollection> Install => services => services.Replace(ServiceDescriptor.Singleton<IStoryVideoEncoder>(sp =>
        {
            Real = Hosting.CreateVideoEncoder(sp);
            return this;
        }));

        public static HookedEncoder Stalling(TimeSpan stall) => new(async (request, ct) =>
        {
            await Task.Delay(stall, ct);
            return request;
        });
    }

    /// <summary>A slide whose still frame is garbage bytes where the BMP should be; in a cache folder of its own, so nothing is reused.</summary>
    private sealed class GarbageSlide : ISlideSource
    {
        public bool HasMotion => false;

        public Task WriteStillAsync(Stream output, CancellationToken ct) =>
            output.WriteAsync(System.Text.Encoding.ASCII.GetBytes(new string('x', 4096)), ct).AsTask();

        public KenBurns CreateMotion() => throw new NotSupportedException();
    }

    private static async Task<Guid> IngestAsync(TvNewsApp app)
    {
        var response = await app.PostTextAsync(TestArticles.Small, publish: true);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IngestDto>())!.StoryId;
    }

    private static async Task<JobDto> OnlyJobAsync(TvNewsApp app, Guid storyId) =>
        Assert.Single((await app.Producer().GetFromJsonAsync<JobListDto>($"/api/jobs?storyId={storyId}"))!.Jobs);

    [Fact]
    public async Task ARenderThatStandsStillLongerThanItsLeaseKeepsItWhileAnotherWorkerWaits()
    {
        // The encode stalls for more than two leases with no progress; only the renewal timer keeps the job. (A lease of a
        // few seconds leaves room for a loaded test machine: renewals come every second.)
        var settings = new Dictionary<string, string> { ["Render:Lease"] = "00:00:03", ["Render:ProgressInterval"] = "00:00:00.050" };
        var stall = TimeSpan.FromSeconds(7);
        var first = HookedEncoder.Stalling(stall);
        var second = HookedEncoder.Stalling(stall);
        await using var app = await TvNewsApp.StartAsync(settings: settings, services: first.Install);
        await using var otherWorker = await TvNewsApp.StartAsync(settings: new Dictionary<string, string>(settings) { ["TvNews:Role"] = "Worker" },
            services: second.Install, sharedWith: app);

        var storyId = await IngestAsync(app);
        await Task.WhenAny(first.Entered.Task, second.Entered.Task).WaitAsync(TimeSpan.FromMinutes(2));
        var leases = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var running = await OnlyJobAsync(app, storyId);
            Assert.Equal("running", running.State);
            leases.Add(running.LeaseUntil!.Value);
        }
        Assert.Equal(leases.Order(), leases);
        Assert.Equal(3, leases.Distinct().Count());

        var story = await app.WaitForRenderAsync(storyId, TimeSpan.FromMinutes(3));
        Assert.Equal("ready", story.RenderState);
        var job = await OnlyJobAsync(app, storyId);
        Assert.Equal("done", job.State);
        Assert.Equal(1, job.Attempts);
        // Exactly one worker ever got to encode.
        Assert.NotEqual(first.Entered.Task.IsCompleted, second.Entered.Task.IsCompleted);
    }

    [Fact]
    public async Task AWorkerThatFindsItsJobTakenOverStopsItsRenderAndRecordsNothing()
    {
        var stalled = HookedEncoder.Stalling(Timeout.InfiniteTimeSpan);
        await using var app = await TvNewsApp.StartAsync(
            settings: new Dictionary<string, string> { ["Render:Lease"] = "00:00:01.500", ["Render:ProgressInterval"] = "00:00:00.050" },
            services: stalled.Install);
        var storyId = await IngestAsync(app);
        await stalled.Entered.Task.WaitAsync(TimeSpan.FromMinutes(2));

        // What a claim by another worker does once it sees an expired lease (say this one was paused longer than it).
        await using (var connection = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var takeOver = new NpgsqlCommand("""
                update render_jobs set attempts = attempts + 1, worker_id = 'other-host:1', lease_until = now() + interval '1 hour',
                       progress = 0, stage = null
                 where story_id = @storyId and state = 'running'
                """, connection);
            takeOver.Parameters.AddWithValue("storyId", storyId);
            Assert.Equal(1, await takeOver.ExecuteNonQueryAsync());
        }

        // The renewal timer (a third of the lease) notices and cancels the render.
        await stalled.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(500); // the worker's catch runs; nothing it does may show
        var job = await OnlyJobAsync(app, storyId);
        Assert.Equal(("running", 2, "other-host:1", 0.0, (string?)null, (string?)null),
            (job.State, job.Attempts, job.WorkerId, job.Progress, job.Stage, job.LastError));
        var story = (await app.Producer().GetFromJsonAsync<StoryDto>($"/api/stories/{storyId}"))!;
        Assert.Equal("rendering", story.RenderState);
        Assert.Null(story.Media);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AFailingStillEncodeEndsWithTheJobFailedAndItsReasonStoredAfterItsRetries(bool inProcessStills)
    {
        // Every slide's frame becomes garbage, every attempt, so the real still encoder (libx264 in process) fails on
        // it. Fresh cache folders: no cached encode of a good slide may stand in for it.
        var corrupt = new HookedEncoder((request, _) => Task.FromResult(request with
        {
            Slides = request.Slides.Select(s => s with
            {
                Source = new GarbageSlide(),
                CacheFolder = Directory.CreateTempSubdirectory("tvnews-garbage-slide-").FullName,
            }).ToList(),
        }));
        await using var app = await TvNewsApp.StartAsync(
            settings: new Dictionary<string, string>
            {
                ["Render:MaxAttempts"] = "2",
                ["Render:RetryBackoff"] = "00:00:00.100",
                ["Render:InProcessStills"] = inProcessStills ? "true" : "false",
            },
            services: corrupt.Install);
        var storyId = await IngestAsync(app);

        var story = await app.WaitForRenderAsync(storyId, TimeSpan.FromMinutes(3));
        Assert.Equal("failed", story.RenderState);
        var job = await OnlyJobAsync(app, storyId);
        Assert.Equal("failed", job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(2, job.MaxAttempts);
        Assert.NotNull(job.FinishedAt);
        Assert.Null(job.NextAttemptAt);
        Assert.Equal(job, await app.Producer().GetFromJsonAsync<JobDto>($"/api/jobs/{job.Id}"));

        // The step, then the encoder's own reason (ffmpeg's stderr tail, or the in-process reader's), no .NET stack trace.
        var error = job.LastError!;
        if (inProcessStills)
        {
            Assert.Matches(@"^The still encode failed on slide 1\.\r?\n", error);
            Assert.Contains("A still is not a BMP", error);
        }
        else
        {
            Assert.Matches(@"^ffmpeg [a-zA-Z0-9 ]+ failed with exit code \d+", error);
            Assert.Contains("Invalid data found when processing input", error);
            Assert.Contains("Conversion failed!", error);
        }

        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
        Assert.True(error.Length <= 4000, $"{error.Length} characters");

        // Nothing went on air.
        Assert.NotEqual("published", story.State);
        Assert.Null(story.PublishedAt);
        Assert.Null(story.Media);
        var feed = await app.CreateClient().GetStringAsync($"/channels/{TvNewsApp.ChannelId}/feeds/roku.json");
        Assert.DoesNotContain(storyId.ToString("N"), feed);
    }
}
