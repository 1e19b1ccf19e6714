using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using TvNews.Api.Auth;
using TvNews.Data.Stories;

namespace TvNews.Api.Stories;

/// <summary>
/// Optimistic concurrency for story writes: GET returns the story's revision as a strong ETag; a write that sends
/// If-Match is applied only while the story is still at that revision (checked under the row lock), else 412.
/// A write without If-Match is unconditional.
/// </summary>
internal static class StoryETags
{
    public static string For(int revision) => $"\"{revision}\"";

    /// <summary>The revisions If-Match names; null when it is absent or <c>*</c> (any current story).</summary>
    public static IReadOnlyCollection<int>? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0) return null;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
            return []; // matches nothing: a malformed precondition fails rather than being ignored
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any))) return null;
        var revisions = new HashSet<int>();
        foreach (var tag in tags)
        {
            // If-Match compares strongly: a weak tag never matches.
            if (!tag.IsWeak && int.TryParse(tag.Tag.AsSpan().Trim('"'), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var revision))
                revisions.Add(revision);
        }
        return revisions;
    }

    public static void Set(HttpResponse response, int revision) => response.Headers.ETag = For(revision);

    /// <summary>The view's ETag goes in the header too, so the body and the precondition for the next write agree.</summary>
    public static StoryView WithETag(StoryView view, HttpResponse response)
    {
        if (view.ETag is not null) response.Headers.ETag = view.ETag;
        return view;
    }

    public static bool IsEditor(HttpContext http) => Roles.AtLeast(Roles.Editor).Any(http.User.IsInRole);

    /// <summary>The problem for a write the store refused; null when it was done.</summary>
    public static ProblemHttpResult? Problem(Guid storyId, StoryWrite write, HttpResponse response)
    {
        if (write.Status != StoryWriteStatus.NotFound) Set(response, write.Revision);
        return write.Status switch
        {
            StoryWriteStatus.Done => null,
            StoryWriteStatus.NotFound => StoryProblems.Unknown(storyId),
            StoryWriteStatus.Stale => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
                title: "The story has changed", detail: write.Detail),
            StoryWriteStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: write.Detail),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not possible in the story's state", detail: write.Detail),
        };
    }
}
