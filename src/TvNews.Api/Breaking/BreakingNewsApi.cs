using Microsoft.AspNetCore.Http.HttpResults;
using TvNews.Api.Auth;
using TvNews.Api.Channels;
using TvNews.Api.Stories;
using TvNews.Data.Breaking;

namespace TvNews.Api.Breaking;

public static class BreakingNewsApi
{
    public const int MaxHeadline = 200;

    /// <param name="StoryId">Optional: the story the breaking news is about. With video, it goes on top itself; else a card does.</param>
    /// <param name="DurationMinutes">How long it stays on top (1-1440); omitted: <c>Breaking:DefaultDuration</c>.</param>
    public sealed record BreakingRequest(string? Headline, string? StoryId, double? DurationMinutes);

    /// <param name="RenderState">The card's render (none, queued, rendering, ready, failed).</param>
    public sealed record CardView(string StoryId, string RenderState, string State, MediaView? Media);

    /// <param name="OnAirStoryId">What is on top of the feed and the rundown: the card, else the named story.</param>
    public sealed record BreakingView(string Id, string ChannelId, string Headline, string? StoryId, string OnAirStoryId, DateTimeOffset StartedAt,
        DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt, string? EndReason, string StartedBy, CardView? Card);

    public static IEndpointRouteBuilder MapBreakingNews(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/channels/{channelId}/breaking").WithTags("Producers");
        group.MapGet("/", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapPost("/", StartAsync).RequireAuthorization(Policies.Editor);
        group.MapDelete("/", EndAsync).RequireAuthorization(Policies.Editor);
        return app;
    }

    /// <summary>The channel's active breaking news; 204 when there is none.</summary>
    private static async Task<Results<Ok<BreakingView>, NoContent, ProblemHttpResult>> GetAsync(string channelId, ChannelCatalog catalog,
        BreakingNewsStore store, StoryViews views, CancellationToken ct)
    {
        if (catalog.Find(channelId) is null) return ChannelProblems.Unknown(channelId);
        return await store.GetActiveAsync(channelId, ct) is { } active ? TypedResults.Ok(await ViewAsync(active, views, ct)) : TypedResults.NoContent();
    }

    /// <summary>Starts breaking news: a card rendered at once (or the named story with video) on top of the feed and the rundown.</summary>
    private static async Task<Results<Created<BreakingView>, ValidationProblem, ProblemHttpResult>> StartAsync(string channelId, BreakingRequest request,
        ChannelCatalog catalog, BreakingNews breaking, StoryViews views, HttpContext http, CancellationToken ct)
    {
        if (catalog.Find(channelId) is not { } channel) return ChannelProblems.Unknown(channelId);
        var errors = new Dictionary<string, string[]>();
        var headline = request.Headline?.Trim();
        if (string.IsNullOrEmpty(headline) || headline.Length > MaxHeadline) errors["headline"] = [$"A headline is required, at most {MaxHeadline} characters."];
        Guid? storyId = null;
        if (request.StoryId is not null)
        {
            if (Guid.TryParse(request.StoryId, out var parsed)) storyId = parsed;
            else errors["storyId"] = [$"'{request.StoryId}' is not a story id."];
        }
        if (request.DurationMinutes is { } minutes && (!double.IsFinite(minutes) || minutes is < 1 or > 1440))
            errors["durationMinutes"] = ["The duration is 1-1440 minutes, or omitted for the default."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The breaking news is not valid");

        var duration = request.DurationMinutes is { } m ? TimeSpan.FromMinutes(m) : breaking.DefaultDuration;
        var outcome = await breaking.StartAsync(channel, headline!, storyId, duration, http.User.ToAuditActor(), ct);
        return outcome switch
        {
            BreakingStart.Started started => TypedResults.Created($"/api/channels/{channelId}/breaking", await ViewAsync(started.Item, views, ct)),
            BreakingStart.AlreadyActive active => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Breaking news is already on air",
                detail: $"'{active.Active.Headline}' (id {active.Active.Id:N}) is on air until {active.Active.ExpiresAt:O}; end it first with DELETE /api/channels/{channelId}/breaking."),
            BreakingStart.UnknownStory => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["storyId"] = [$"There is no story '{storyId:N}'."] },
                title: "The breaking news is not valid"),
            BreakingStart.StoryOfAnotherChannel other => TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["storyId"] = [$"Story '{storyId:N}' belongs to channel '{other.ChannelId}', not '{channelId}'."],
                }, title: "The breaking news is not valid"),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}"),
        };
    }

    /// <summary>Ends the channel's breaking news now; everything returns to normal.</summary>
    private static async Task<Results<Ok<BreakingView>, ProblemHttpResult>> EndAsync(string channelId, ChannelCatalog catalog, BreakingNews breaking,
        StoryViews views, HttpContext http, CancellationToken ct)
    {
        if (catalog.Find(channelId) is null) return ChannelProblems.Unknown(channelId);
        return await breaking.EndActiveAsync(channelId, http.User.ToAuditActor(), ct) is { } ended
            ? TypedResults.Ok(await ViewAsync(ended.Item, views, ct))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No breaking news", detail: $"Channel '{channelId}' has no breaking news on air.");
    }

    private static async Task<BreakingView> ViewAsync(BreakingNewsItem item, StoryViews views, CancellationToken ct)
    {
        CardView? card = null;
        if (item.CardStoryId is { } cardId && await views.GetAsync(cardId, ct) is { } story)
            card = new CardView(cardId.ToString("N"), story.RenderState, story.State, story.Media);
        return new BreakingView(item.Id.ToString("N"), item.ChannelId, item.Headline, item.StoryId?.ToString("N"), item.OnAirStoryId.ToString("N"),
            item.StartedAt, item.ExpiresAt, item.EndedAt, item.EndReason, item.ActorName, card);
    }
}
