using Microsoft.AspNetCore.Http.HttpResults;

namespace TvNews.Api.Stories;

public static class StoriesApi
{
    public static IEndpointRouteBuilder MapStories(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/stories").WithTags("Producers").RequireAuthorization();
        group.MapGet("/{storyId:guid}", GetAsync);
        group.MapGet("/{storyId:guid}/versions", VersionsAsync);
        // Locking is an editor's call in the full role model (issue 6); any producer key may do it until then.
        group.MapPut("/{storyId:guid}/lock", (Guid storyId, TvNews.Data.Stories.StoryStore stories, TimeProvider clock, CancellationToken ct) => SetLockAsync(storyId, true, stories, clock, ct))
            .RequireAuthorization(p => p.RequireRole(Auth.Roles.CanIngest));
        group.MapPut("/{storyId:guid}/slides", SetSlidesAsync).RequireAuthorization(p => p.RequireRole(Auth.Roles.CanIngest));
        group.MapDelete("/{storyId:guid}/slides", async (Guid storyId, TvNews.Data.Stories.StoryStore stories, TimeProvider clock, CancellationToken ct) =>
                await stories.ClearPlanOverrideAsync(storyId, clock.GetUtcNow(), ct)
                    ? Results.NoContent()
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown story", detail: $"There is no story '{storyId}'."))
            .RequireAuthorization(p => p.RequireRole(Auth.Roles.CanIngest));
        group.MapDelete("/{storyId:guid}/lock", (Guid storyId, TvNews.Data.Stories.StoryStore stories, TimeProvider clock, CancellationToken ct) => SetLockAsync(storyId, false, stories, clock, ct))
            .RequireAuthorization(p => p.RequireRole(Auth.Roles.CanIngest));
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetLockAsync(Guid storyId, bool locked, TvNews.Data.Stories.StoryStore stories, TimeProvider clock, CancellationToken ct) =>
        await stories.SetLockedAsync(storyId, locked, clock.GetUtcNow(), ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown story", detail: $"There is no story '{storyId}'.");

    public sealed record SlideEdit(TvNews.Core.Slides.SlideKind Kind, string? Text, string? Label, string? Attribution, double DurationSeconds);

    public sealed record SlidesEdit(IReadOnlyList<SlideEdit>? Slides);

    /// <summary>
    /// A producer's slide plan: reorder, edit, drop or add slides and set durations in one call. It stays in force over
    /// re-ingests of the article until removed with DELETE; a story on air is re-rendered with it.
    /// </summary>
    private static async Task<Results<Ok<StoryView>, ValidationProblem, ProblemHttpResult>> SetSlidesAsync(Guid storyId, SlidesEdit edit,
        TvNews.Data.Stories.StoryStore stories, StoryViews views, Channels.ChannelCatalog catalog, Rendering.RenderSignal signal, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (edit.Slides is not { Count: > 0 and <= 40 }) errors["slides"] = ["Send 1 to 40 slides."];
        for (var i = 0; i < (edit.Slides?.Count ?? 0); i++)
        {
            var slide = edit.Slides![i];
            if (!Enum.IsDefined(slide.Kind)) errors[$"slides[{i}].kind"] = ["Unknown slide kind."];
            if (string.IsNullOrWhiteSpace(slide.Text) || slide.Text.Length > 600) errors[$"slides[{i}].text"] = ["Text is required, at most 600 characters."];
            if (slide.DurationSeconds is < 1 or > 60 || double.IsNaN(slide.DurationSeconds)) errors[$"slides[{i}].durationSeconds"] = ["Duration must be 1-60 seconds."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The slide plan is not valid");

        var story = await stories.GetAsync(storyId, ct);
        if (story is null || catalog.Find(story.ChannelId) is not { } channel)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown story", detail: $"There is no story '{storyId}'.");
        var plan = new TvNews.Core.Slides.SlidePlan(edit.Slides!.Select(s => new TvNews.Core.Slides.Slide(s.Kind, s.Text!.Trim(), s.Label, s.Attribution, s.DurationSeconds)
        {
            // An edited image slide keeps the picture the planner chose.
            Image = s.Kind == TvNews.Core.Slides.SlideKind.Image ? story.Plan.Slides.FirstOrDefault(p => p.Kind == TvNews.Core.Slides.SlideKind.Image)?.Image : null,
        }).ToList());
        var (_, queued) = await stories.SetPlanOverrideAsync(storyId, plan, Articles.ArticleIngest.PlanHash(plan, channel.Manifest), clock.GetUtcNow(), ct);
        if (queued) signal.Wake();
        return TypedResults.Ok((await views.GetAsync(storyId, ct))!);
    }

    public sealed record ArticleVersionView(int Version, DateTimeOffset CreatedAt, TvNews.Core.Articles.Article Article);

    /// <summary>Every version the story's article has had, oldest first.</summary>
    private static async Task<Results<Ok<List<ArticleVersionView>>, ProblemHttpResult>> VersionsAsync(Guid storyId, TvNews.Data.Stories.StoryStore stories, CancellationToken ct)
    {
        var versions = await stories.ListVersionsAsync(storyId, ct);
        return versions.Count == 0
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown story", detail: $"There is no story '{storyId}'.")
            : TypedResults.Ok(versions.Select(v => new ArticleVersionView(v.Version, v.CreatedAt, v.Article)).ToList());
    }

    private static async Task<Results<Ok<StoryView>, ProblemHttpResult>> GetAsync(Guid storyId, StoryViews views, CancellationToken ct)
    {
        var story = await views.GetAsync(storyId, ct);
        return story is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown story", detail: $"There is no story '{storyId}'.")
            : TypedResults.Ok(story);
    }
}
