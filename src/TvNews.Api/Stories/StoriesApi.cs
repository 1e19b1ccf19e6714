using Microsoft.AspNetCore.Http.HttpResults;

namespace TvNews.Api.Stories;

public static class StoriesApi
{
    public static IEndpointRouteBuilder MapStories(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/stories").WithTags("Producers").RequireAuthorization();
        group.MapGet("/{storyId:guid}", GetAsync);
        return app;
    }

    private static async Task<Results<Ok<StoryView>, ProblemHttpResult>> GetAsync(Guid storyId, StoryViews views, CancellationToken ct)
    {
        var story = await views.GetAsync(storyId, ct);
        return story is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown story", detail: $"There is no story '{storyId}'.")
            : TypedResults.Ok(story);
    }
}
