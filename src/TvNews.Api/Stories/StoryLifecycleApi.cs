using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TvNews.Api.Auth;
using TvNews.Api.Channels;
using TvNews.Api.Live;
using TvNews.Api.Rendering;
using TvNews.Data.Stories;

namespace TvNews.Api.Stories;

/// <summary>
/// The story lifecycle: list, edit (PATCH), schedule, publish, retract and history. Every write honours If-Match with
/// the story's ETag (412 on a stale one) and leaves an audit entry naming who did it.
/// </summary>
internal static class StoryLifecycleApi
{
    public static readonly string[] States = ["draft", "scheduled", "published", "expired", "retracted"];

    public static RouteGroupBuilder MapLifecycle(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Viewer);
        group.MapGet("/{storyId:guid}/history", HistoryAsync).RequireAuthorization(Policies.Viewer);
        group.MapPatch("/{storyId:guid}", EditAsync).RequireAuthorization(Policies.Producer);
        group.MapPost("/{storyId:guid}/schedule", ScheduleAsync).RequireAuthorization(Policies.Producer);
        group.MapPost("/{storyId:guid}/publish", PublishAsync).RequireAuthorization(Policies.Editor);
        group.MapPost("/{storyId:guid}/retract", RetractAsync).RequireAuthorization(Policies.Editor);
        return group;
    }

    public sealed record StorySummary(Guid Id, string ChannelId, string State, string Headline, string? Category, int Priority, IReadOnlyList<string> Tags,
        DateTimeOffset? PublishAt, DateTimeOffset? ExpireAt, DateTimeOffset? PublishedAt, string RenderState,
        [property: System.Text.Json.Serialization.JsonPropertyName("etag")] string ETag, StoryScheduleView Schedule, string Self);

    public sealed record StoryList(IReadOnlyList<StorySummary> Stories);

    /// <summary>Stories, highest priority first, then the most recent; narrowed by channel and state when given.</summary>
    private static async Task<Results<Ok<StoryList>, ProblemHttpResult>> ListAsync(string? channelId, string? state, int? limit,
        StoryStore stories, StoryViews views, Channels.ChannelCatalog catalog, CancellationToken ct)
    {
        if (channelId is not null && catalog.Find(channelId) is null)
            return ChannelProblems.Unknown(channelId);
        if (state is not null && !States.Contains(state))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown state",
                detail: $"state is one of {string.Join(", ", States)}.");
        if (limit is < 1 or > 500)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad limit", detail: "limit is 1-500 (default 100).");
        var list = await stories.ListAsync(channelId, state, limit ?? 100, ct);
        return TypedResults.Ok(new StoryList(list.Select(s => new StorySummary(s.Id, s.ChannelId, s.State, s.Article.Headline, s.Article.Category,
            s.Lifecycle.Priority, s.Lifecycle.Tags, s.Lifecycle.PublishAt, s.Lifecycle.ExpireAt, s.PublishedAt, s.RenderState,
            StoryETags.For(s.Lifecycle.Revision), views.Schedule(s), $"/api/stories/{s.Id}")).ToList()));
    }

    public sealed record HistoryActor(string Id, string Name, string? Role);

    public sealed record HistoryEntry(long Id, DateTimeOffset At, HistoryActor Actor, string Action, JsonElement? Details);

    public sealed record StoryHistory(Guid StoryId, IReadOnlyList<HistoryEntry> Entries);

    /// <summary>Who changed what, when: the story's audit entries, oldest first.</summary>
    private static async Task<Results<Ok<StoryHistory>, ProblemHttpResult>> HistoryAsync(Guid storyId, StoryStore stories, CancellationToken ct)
    {
        if (await stories.GetAsync(storyId, ct) is null) return StoryProblems.Unknown(storyId);
        var entries = await stories.HistoryAsync(storyId, 1000, ct);
        return TypedResults.Ok(new StoryHistory(storyId, entries.Select(e => new HistoryEntry(e.Id, e.At, new HistoryActor(e.ActorId, e.ActorName, e.ActorRole),
            e.Action, e.Details is null ? null : JsonDocument.Parse(e.Details).RootElement.Clone())).ToList()));
    }

    /// <summary>
    /// Edits text (headline, paragraphs, category) and metadata (tags, priority, publishAt, expireAt). Fields left out
    /// stay; <c>null</c> clears category, publishAt (not of a scheduled story) and expireAt. A producer may edit drafts
    /// and scheduled stories; a story on air (or off air) needs an editor.
    /// </summary>
    private static async Task<Results<Ok<StoryView>, ValidationProblem, ProblemHttpResult>> EditAsync(Guid storyId, JsonElement body, HttpContext http,
        StoryStore stories, StoryViews views, Channels.ChannelCatalog catalog, StorySchedulerSignal scheduler, RenderSignal render, TimeProvider clock,
        CancellationToken ct)
    {
        var (edit, errors) = ReadEdit(body);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The edit is not valid");
        var story = await stories.GetAsync(storyId, ct);
        if (story is null || catalog.Find(story.ChannelId) is not { } channel) return StoryProblems.Unknown(storyId);

        var write = await stories.EditAsync(storyId, StoryETags.IfMatch(http.Request), edit!, StoryETags.IsEditor(http),
            (article, firstSeen) => Articles.ArticleIngest.Plan(article, channel.Manifest, firstSeen), http.User.ToAuditActor(), clock.GetUtcNow(), ct);
        if (StoryETags.Problem(storyId, write, http.Response) is { } problem) return problem;
        if (write.RenderQueued) render.Wake();
        if (edit!.PublishAt is not null || edit.ExpireAt is not null) scheduler.Wake();
        return TypedResults.Ok(StoryETags.WithETag((await views.GetAsync(storyId, ct))!, http.Response));
    }

    private static readonly HashSet<string> EditFields = ["headline", "paragraphs", "category", "tags", "priority", "publishAt", "expireAt"];

    private static (StoryEdit? Edit, Dictionary<string, string[]> Errors) ReadEdit(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors[""] = ["Send a JSON object with the fields to change."];
            return (null, errors);
        }
        string? headline = null;
        List<string>? paragraphs = null, tags = null;
        Change<string?>? category = null;
        int? priority = null;
        Change<DateTimeOffset?>? publishAt = null, expireAt = null;
        foreach (var field in body.EnumerateObject())
        {
            var v = field.Value;
            switch (field.Name)
            {
                case "headline":
                    if (v.ValueKind != JsonValueKind.String || v.GetString()!.Trim() is not { Length: > 0 and <= 300 } h)
                        errors["headline"] = ["A headline is text, 1-300 characters."];
                    else headline = h;
                    break;
                case "paragraphs":
                    if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() is < 1 or > 200
                        || v.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String || p.GetString()!.Trim() is not { Length: > 0 and <= 5000 }))
                        errors["paragraphs"] = ["Paragraphs are 1-200 non-empty texts of at most 5000 characters."];
                    else paragraphs = v.EnumerateArray().Select(p => p.GetString()!.Trim()).ToList();
                    break;
                case "category":
                    if (v.ValueKind == JsonValueKind.Null) category = new(null);
                    else if (v.ValueKind != JsonValueKind.String || v.GetString()!.Trim() is not { Length: > 0 and <= 100 } c)
                        errors["category"] = ["A category is text of at most 100 characters, or null."];
                    else category = new(c);
                    break;
                case "tags":
                    if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() > 30
                        || v.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String || t.GetString()!.Trim() is not { Length: > 0 and <= 50 }))
                        errors["tags"] = ["Tags are at most 30 non-empty texts of at most 50 characters."];
                    else tags = v.EnumerateArray().Select(t => t.GetString()!.Trim()).ToList();
                    break;
                case "priority":
                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var pr) || pr is < -1000 or > 1000)
                        errors["priority"] = ["Priority is a whole number from -1000 to 1000 (higher first)."];
                    else priority = pr;
                    break;
                case "publishAt":
                case "expireAt":
                    Change<DateTimeOffset?>? time = null;
                    if (v.ValueKind == JsonValueKind.Null) time = new(null);
                    else if (v.ValueKind == JsonValueKind.String && Instant(v.GetString()) is { } t) time = new(t);
                    else errors[field.Name] = ["A time is an ISO 8601 date and time with its offset (2026-12-24T18:00:00Z), or null."];
                    if (field.Name == "publishAt") publishAt = time;
                    else expireAt = time;
                    break;
                default:
                    errors[field.Name] = [$"'{field.Name}' cannot be changed here; the fields are {string.Join(", ", EditFields)}."];
                    break;
            }
        }
        return (new StoryEdit(headline, paragraphs, category, tags, priority, publishAt, expireAt), errors);
    }

    /// <summary>An instant with an explicit offset; a time without one is ambiguous across the channel's zone and UTC.</summary>
    internal static DateTimeOffset? Instant(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var kind) || kind.Kind == DateTimeKind.Unspecified)
            return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.ToUniversalTime() : null;
    }

    /// <param name="PublishAt">When the story goes on air: ISO 8601 with an offset. A time already past is due at once.</param>
    /// <param name="ExpireAt">When it leaves the air (optional; replaces the story's expiry when given).</param>
    public sealed record ScheduleRequest(string? PublishAt, string? ExpireAt);

    /// <summary>Schedules a draft (or moves a scheduled story); it is rendered now so it is ready by then.</summary>
    private static async Task<Results<Ok<StoryView>, ValidationProblem, ProblemHttpResult>> ScheduleAsync(Guid storyId, ScheduleRequest request,
        HttpContext http, StoryStore stories, StoryViews views, StorySchedulerSignal scheduler, RenderSignal render, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var publishAt = Instant(request.PublishAt);
        if (publishAt is null) errors["publishAt"] = ["publishAt is required: an ISO 8601 date and time with its offset (2026-12-24T18:00:00Z)."];
        var expireAt = Instant(request.ExpireAt);
        if (request.ExpireAt is not null && expireAt is null) errors["expireAt"] = ["expireAt is an ISO 8601 date and time with its offset, or left out."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The schedule is not valid");

        var write = await stories.ScheduleAsync(storyId, StoryETags.IfMatch(http.Request), publishAt!.Value, expireAt, http.User.ToAuditActor(), clock.GetUtcNow(), ct);
        if (StoryETags.Problem(storyId, write, http.Response) is { } problem) return problem;
        if (write.RenderQueued) render.Wake();
        scheduler.Wake();
        return TypedResults.Ok(StoryETags.WithETag((await views.GetAsync(storyId, ct))!, http.Response));
    }

    /// <summary>
    /// Puts a draft or scheduled story on air now: 200 when it went on air; 202 when it is rendered first (it then shows
    /// as scheduled for now and goes on air when the render completes, with that lateness recorded).
    /// </summary>
    private static async Task<Results<Ok<StoryView>, Accepted<StoryView>, ProblemHttpResult>> PublishAsync(Guid storyId, HttpContext http,
        StoryStore stories, StoryViews views, RenderSignal render, TimeProvider clock, CancellationToken ct)
    {
        var write = await stories.PublishNowAsync(storyId, StoryETags.IfMatch(http.Request), http.User.ToAuditActor(), clock.GetUtcNow(), ct);
        if (StoryETags.Problem(storyId, write, http.Response) is { } problem) return problem;
        if (write.RenderQueued) render.Wake();
        var view = StoryETags.WithETag((await views.GetAsync(storyId, ct))!, http.Response);
        return write.Published is null ? TypedResults.Accepted($"/api/stories/{storyId}", view) : TypedResults.Ok(view);
    }

    public sealed record RetractRequest(string? Reason);

    /// <summary>Takes a published or scheduled story off air for a stated reason; the Roku feed drops it at once.</summary>
    private static async Task<Results<Ok<StoryView>, ValidationProblem, ProblemHttpResult>> RetractAsync(Guid storyId, RetractRequest request,
        HttpContext http, StoryStore stories, StoryViews views, TimeProvider clock, CancellationToken ct)
    {
        if (request.Reason?.Trim() is not { Length: > 0 and <= 500 } reason)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["A reason is required, at most 500 characters."] },
                title: "The retraction is not valid");
        var write = await stories.RetractAsync(storyId, StoryETags.IfMatch(http.Request), reason, http.User.ToAuditActor(), clock.GetUtcNow(), ct);
        if (StoryETags.Problem(storyId, write, http.Response) is { } problem) return problem;
        return TypedResults.Ok(StoryETags.WithETag((await views.GetAsync(storyId, ct))!, http.Response));
    }
}
