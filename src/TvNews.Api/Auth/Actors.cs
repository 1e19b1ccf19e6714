using System.Security.Claims;
using TvNews.Data.Audit;

namespace TvNews.Api.Auth;

public static class Actors
{
    /// <summary>The audit actor of an authenticated request: its <c>key:{id}</c> or <c>user:{id}</c>, name and role.</summary>
    public static AuditActor ToAuditActor(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new AuditActor(id, user.Identity?.Name ?? id, user.FindFirstValue(ClaimTypes.Role))
            : throw new InvalidOperationException("Audited actions need an authenticated caller.");
}
