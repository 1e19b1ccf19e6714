using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TvNews.Api.Auth;
using TvNews.Data.Audit;

namespace TvNews.Api.Audit;

/// <param name="Details">What the action stored about itself (JSON), or null.</param>
public sealed record AuditEntryView(long Id, DateTimeOffset At, string ActorId, string ActorName, string? ActorRole, string Action,
    string? TargetType, string? TargetId, string? ChannelId, JsonElement? Details);

public sealed record AuditList(IReadOnlyList<AuditEntryView> Entries);

public static class AuditApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/audit").WithTags("Accounts").RequireAuthorization(Policies.Admin).MapGet("/", ListAsync);
        return app;
    }

    /// <summary>Newest first; the next page is <c>?before={last id}</c>. Filters arrive as strings so a bad one names its field.</summary>
    private static async Task<Results<Ok<AuditList>, ValidationProblem>> ListAsync(string? limit, string? before, string? targetType, string? targetId,
        AuditStore audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
            errors["limit"] = [$"The limit is 1-{MaxLimit}."];
        long? beforeId = null;
        if (before is not null)
        {
            if (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) beforeId = id;
            else errors["before"] = ["Before is the id of the last entry of the previous page."];
        }
        if (targetId is not null && targetType is null) errors["targetId"] = ["A targetId needs its targetType (story, user, apikey)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The audit filter is not valid");

        var entries = await audit.ListAsync(take, beforeId, targetType, targetId, ct);
        return TypedResults.Ok(new AuditList(entries.Select(e => new AuditEntryView(e.Id, e.At, e.ActorId, e.ActorName, e.ActorRole, e.Action,
            e.TargetType, e.TargetId, e.ChannelId, Parse(e.Details))).ToList()));
    }

    private static JsonElement? Parse(string? json)
    {
        if (json is null) return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
