using Microsoft.AspNetCore.Http.HttpResults;

namespace TvNews.Api.Stories;

public static class StoriesApi
{
    public static IEndpointRouteBuilder MapStories(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/stories").WithTags("Producers").RequireAuthorization();
        group.MapGet("/{storyId:guid}", GetAsync);
        group.MapGet("/{storyId:guid}/versions", VersionsAsync);
        return app;
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
