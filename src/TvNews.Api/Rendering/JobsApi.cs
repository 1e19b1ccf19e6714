using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TvNews.Data.Rendering;

namespace TvNews.Api.Rendering;

/// <param name="NextAttemptAt">When a queued job is due (the backoff after a failed attempt); null otherwise.</param>
/// <param name="LeaseUntil">When a running job's worker loses it to another unless it finishes; null otherwise.</param>
/// <param name="DurationSeconds">Of the latest attempt: until it finished, or until now while running.</param>
public sealed record JobView(long Id, Guid StoryId, string ChannelId, string State, int Attempts, int MaxAttempts, string? LastError,
    double Progress, string? Stage, string? WorkerId, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    double? DurationSeconds, DateTimeOffset? NextAttemptAt, DateTimeOffset? LeaseUntil);

public sealed record JobList(IReadOnlyList<JobView> Jobs);

public static class JobsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private static readonly string[] States = ["queued", "running", "done", "failed"];

    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Producers").RequireAuthorization(Auth.Policies.Viewer);
        group.MapGet("/", ListAsync);
        group.MapGet("/{jobId:long}", GetAsync);
        app.MapPost("/api/stories/{storyId:guid}/render", RenderAsync).WithTags("Producers").RequireAuthorization(Auth.Policies.Producer);
        return app;
    }

    public sealed record RenderRequested(Guid StoryId, long? JobId, bool Current);

    /// <summary>
    /// Renders the story as it stands: 202 with the job (follow it at <c>/api/jobs/{jobId}</c> or by RenderProgress on the
    /// hub), or 200 when its media is already current. A draft stays a draft; a story on air is refreshed.
    /// </summary>
    private static async Task<Results<Accepted<RenderRequested>, Ok<RenderRequested>, ProblemHttpResult>> RenderAsync(Guid storyId,
        System.Security.Claims.ClaimsPrincipal user, RenderQueue queue, RenderSignal signal, TimeProvider clock, CancellationToken ct)
    {
        if (await queue.RequestRenderAsync(storyId, Auth.Actors.ToAuditActor(user), clock.GetUtcNow(), ct) is not { } request)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown story", detail: $"There is no story {storyId}.");
        if (request.JobId is not { } jobId) return TypedResults.Ok(new RenderRequested(storyId, null, Current: true));
        if (request.Queued) signal.Wake();
        return TypedResults.Accepted($"/api/jobs/{jobId}", new RenderRequested(storyId, jobId, Current: false));
    }

    // Filters arrive as strings so a bad one is a validation problem naming the field, not a bare 400.
    private static async Task<Results<Ok<JobList>, ValidationProblem>> ListAsync(string? state, string? storyId, string? limit,
        RenderQueue queue, IOptions<RenderOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is not null && !States.Contains(state)) errors["state"] = [$"The state is one of {string.Join(", ", States)}."];
        Guid? story = null;
        if (storyId is not null)
        {
            if (Guid.TryParse(storyId, out var id)) story = id;
            else errors["storyId"] = ["The story id is a GUID."];
        }
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
            errors["limit"] = [$"The limit is 1-{MaxLimit}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The job filter is not valid");

        var now = clock.GetUtcNow();
        var jobs = await queue.ListAsync(state, story, take, ct);
        return TypedResults.Ok(new JobList(jobs.Select(j => View(j, now, options.Value.MaxAttempts)).ToList()));
    }

    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetAsync(long jobId, RenderQueue queue, IOptions<RenderOptions> options,
        TimeProvider clock, CancellationToken ct) =>
        await queue.GetAsync(jobId, ct) is { } job
            ? TypedResults.Ok(View(job, clock.GetUtcNow(), options.Value.MaxAttempts))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown job", detail: $"There is no render job {jobId}.");

    private static JobView View(RenderJobStatus j, DateTimeOffset now, int maxAttempts)
    {
        var running = j.State == "running";
        var end = j.FinishedAt ?? (running ? now : null);
        double? duration = j.StartedAt is { } start && end is { } e ? Math.Max(0, (e - start).TotalSeconds) : null;
        return new JobView(j.Id, j.StoryId, j.ChannelId, j.State, j.Attempts, maxAttempts, j.LastError,
            Math.Round(j.Progress, 4), j.Stage, j.WorkerId, j.CreatedAt, j.StartedAt, j.FinishedAt, duration,
            j.State == "queued" ? j.RunAfter : null, running ? j.LeaseUntil : null);
    }
}
