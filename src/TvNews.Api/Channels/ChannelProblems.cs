using Microsoft.AspNetCore.Http.HttpResults;

namespace TvNews.Api.Channels;

/// <summary>The one answer for a channel id that no manifest defines, so every endpoint words it alike.</summary>
public static class ChannelProblems
{
    public static ProblemHttpResult Unknown(string channelId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown channel", detail: $"There is no channel '{channelId}'.");
}
