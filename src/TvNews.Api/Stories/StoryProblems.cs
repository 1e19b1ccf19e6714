using Microsoft.AspNetCore.Http.HttpResults;

namespace TvNews.Api.Stories;

internal static class StoryProblems
{
    /// <summary>The 404 every story endpoint answers for an id it does not know.</summary>
    public static ProblemHttpResult Unknown(Guid storyId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown story", detail: $"There is no story '{storyId}'.");
}
