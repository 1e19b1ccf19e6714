using Microsoft.AspNetCore.Http.HttpResults;
using TvNews.Api.Auth;
using TvNews.Api.Breaking;
using TvNews.Api.Channels;
using TvNews.Api.Live;
using TvNews.Core.Rundowns;
using TvNews.Data.Breaking;
using TvNews.Data.Rundowns;

namespace TvNews.Api.Rundowns;

public static class RundownsApi
{
    public const int MaxItems = 200;

    /// <summary>Longest planned duration of one item: six hours.</summary>
    public const double MaxPlannedSeconds = 6 * 3600;

    /// <param name="Id">The item's id (stable while its story stays in the rundown); the breaking news id for the breaking item.</param>
    /// <param name="Breaking">The active breaking news, on top while it lasts (not part of what PUT writes).</param>
    /// <param name="StartsAt">UTC; null for a floated item, as <paramref name="EndsAt"/>.</param>
    /// <param name="StartsAtLocal">The same instant on the channel's clock (manifest <c>timeZone</c>).</param>
    public sealed record RundownItemView(string Id, string StoryId, string Headline, double PlannedSeconds, bool Floated, bool Breaking,
        DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, DateTimeOffset? StartsAtLocal, DateTimeOffset? EndsAtLocal);

    /// <param name="StartsAt">The stored start, else now (the rundown runs from the moment it is read).</param>
    /// <param name="EndsAt">The on-air end of the last item that runs (back-timing).</param>
    public sealed record RundownView(string ChannelId, long Version, string TimeZone, DateTimeOffset StartsAt, DateTimeOffset StartsAtLocal,
        bool StartsNow, double TotalSeconds, DateTimeOffset EndsAt, DateTimeOffset EndsAtLocal, IReadOnlyList<RundownItemView> Items);

    /// <param name="StoryId">A story of the channel, as 32 hex digits or a dashed GUID.</param>
    /// <param name="PlannedSeconds">Omitted: the story's video duration, else its plan's reading time.</param>
    public sealed record RundownItemRequest(string? StoryId, double? PlannedSeconds, bool? Floated);

    /// <param name="StartsAt">Omitted: the rundown runs from whenever it is read.</param>
    public sealed record RundownRequest(DateTimeOffset? StartsAt, IReadOnlyList<RundownItemRequest?>? Items);

    public static IEndpointRouteBuilder MapRundowns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/channels/{channelId}/rundown").WithTags("Producers");
        group.MapGet("/", GetAsync).RequireAuthorization(Policies.Viewer);
        group.MapPut("/", PutAsync).RequireAuthorization(Policies.Editor);
        return app;
    }

    public static string ETag(long version) => $"\"rundown-{version}\"";

    private static async Task<Results<Ok<RundownView>, ProblemHttpResult>> GetAsync(string channelId, ChannelCatalog catalog, RundownStore rundowns,
        BreakingNewsStore breaking, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (catalog.Find(channelId) is not { } channel) return ChannelProblems.Unknown(channelId);
        var view = await ViewAsync(channel, rundowns, breaking, clock.GetUtcNow(), ct);
        http.Response.Headers.ETag = ETag(view.Version);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(view);
    }

    /// <summary>
    /// The whole ordered list in one call (reorder, insert, remove), on the ETag the editor read (If-Match). A stale ETag
    /// is 412; a bad item is a validation problem naming the field; either way nothing is written.
    /// </summary>
    private static async Task<Results<Ok<RundownView>, ValidationProblem, ProblemHttpResult>> PutAsync(string channelId, RundownRequest request,
        ChannelCatalog catalog, RundownStore rundowns, BreakingNewsStore breaking, LiveEvents live, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (catalog.Find(channelId) is not { } channel) return ChannelProblems.Unknown(channelId);
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Send the rundown's ETag (from GET) in If-Match, or * to overwrite whatever is there.");
        long? expected = ifMatch == "*" ? null : ParseETag(ifMatch) ?? -1;

        var errors = new Dictionary<string, string[]>();
        if (request.Items is null) errors["items"] = ["The whole ordered list is required (an empty list clears the rundown)."];
        else if (request.Items.Count > MaxItems) errors["items"] = [$"A rundown has at most {MaxItems} items."];
        var edits = new List<RundownItemEdit>();
        var seen = new Dictionary<Guid, int>();
        for (var i = 0; i < (request.Items?.Count ?? 0); i++)
        {
            var item = request.Items![i];
            if (item is null)
            {
                errors[$"items[{i}]"] = ["An item is required."];
                continue;
            }
            Guid? parsed = Guid.TryParse(item.StoryId, out var storyId) ? storyId : null;
            if (string.IsNullOrWhiteSpace(item.StoryId))
                errors[$"items[{i}].storyId"] = ["A story id is required."];
            else if (parsed is null)
                errors[$"items[{i}].storyId"] = [$"'{item.StoryId}' is not a story id."];
            else if (seen.TryGetValue(storyId, out var first))
                errors[$"items[{i}].storyId"] = [$"Story '{storyId:N}' is already in the rundown at items[{first}]."];
            else seen[storyId] = i;
            if (item.PlannedSeconds is { } seconds && (!double.IsFinite(seconds) || seconds < 1 || seconds > MaxPlannedSeconds))
                errors[$"items[{i}].plannedSeconds"] = [$"Planned seconds are 1-{MaxPlannedSeconds:0}, or omitted for the story's own duration."];
            if (parsed is { } id) edits.Add(new RundownItemEdit(id, item.PlannedSeconds, item.Floated ?? false));
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The rundown is not valid");

        var saved = await rundowns.ReplaceAsync(channelId, expected, request.StartsAt?.ToUniversalTime(), edits, http.User.ToAuditActor(), clock.GetUtcNow(), ct);
        switch (saved)
        {
            case RundownSave.Stale stale:
                http.Response.Headers.ETag = ETag(stale.CurrentVersion);
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The rundown has changed",
                    detail: $"The rundown is at {ETag(stale.CurrentVersion)}, not {ifMatch}: someone changed it since you read it. GET it again and reapply your change.");
            case RundownSave.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: "The rundown is not valid");
            case RundownSave.Saved ok:
                await live.RundownChangedAsync(channelId, ok.Version);
                break;
        }
        var view = await ViewAsync(channel, rundowns, breaking, clock.GetUtcNow(), ct);
        http.Response.Headers.ETag = ETag(view.Version);
        return TypedResults.Ok(view);
    }

    private static long? ParseETag(string value)
    {
        var v = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        const string prefix = "\"rundown-";
        return v.StartsWith(prefix, StringComparison.Ordinal) && v.EndsWith('"') && long.TryParse(v[prefix.Length..^1], out var n) ? n : null;
    }

    /// <summary>The stored list with the active breaking news on top (its story is not listed twice), timed from the start.</summary>
    internal static async Task<RundownView> ViewAsync(Channel channel, RundownStore rundowns, BreakingNewsStore breaking, DateTimeOffset now, CancellationToken ct)
    {
        var channelId = channel.Manifest.Id;
        var stored = await rundowns.GetAsync(channelId, ct);
        var rows = new List<(string Id, string StoryId, string Headline, double Seconds, bool Floated, bool Breaking)>();
        if (await breaking.GetActiveAsync(channelId, ct) is { } active && await rundowns.StoryTimingAsync(active.OnAirStoryId, ct) is { } timing)
            rows.Add((active.Id.ToString("N"), active.OnAirStoryId.ToString("N"), active.Headline, timing.Seconds, false, true));
        var onTop = rows.Count > 0 ? rows[0].StoryId : null;
        rows.AddRange(stored.Items.Where(i => i.StoryId.ToString("N") != onTop)
            .Select(i => (i.Id.ToString("N"), i.StoryId.ToString("N"), i.Headline, i.PlannedSeconds ?? i.DefaultSeconds, i.Floated, false)));

        var startsAt = stored.StartsAt ?? now;
        var zone = channel.Manifest.TimeZone;
        var timingOf = RundownTimes.Compute(startsAt, rows.Select(r => new RundownEntry(r.Seconds, r.Floated)).ToList());
        DateTimeOffset? Local(DateTimeOffset? t) => t is { } v ? RundownTimes.InZone(v, zone) : null;
        var items = rows.Select((r, i) => new RundownItemView(r.Id, r.StoryId, r.Headline, r.Seconds, r.Floated, r.Breaking,
            timingOf.Slots[i].StartsAt, timingOf.Slots[i].EndsAt, Local(timingOf.Slots[i].StartsAt), Local(timingOf.Slots[i].EndsAt))).ToList();
        return new RundownView(channelId, stored.Version, zone, startsAt, RundownTimes.InZone(startsAt, zone), stored.StartsAt is null,
            timingOf.TotalSeconds, timingOf.EndsAt, RundownTimes.InZone(timingOf.EndsAt, zone), items);
    }
}
