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
        group.MapDelete("/{storyId:guid}/lock", (Guid storyId, TvNews.Data.Stories.StoryStore stories, TimeProvider clock, CancellationToken ct) => SetLockAsync(storyId, false, stories, clock, ct))
            .RequireAuthorization(p => p.RequireRole(Auth.Roles.CanIngest));
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetLockAsync(Guid storyId, bool locked, TvNews.Data.Stories.StoryStore stories, TimeProvider clock, CancellationToken ct) =>
        await stories.SetLockedAsync(storyId, locked, clock.GetUtcNow(), ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown story", detail: $"There is no story '{storyId}'.");

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
