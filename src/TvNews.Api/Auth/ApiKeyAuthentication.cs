using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TvNews.Data.Auth;

namespace TvNews.Api.Auth;

/// <summary>Producers authenticate with the X-Api-Key header; the key's role becomes a role claim.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRoles keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var key = await keys.FindAsync(values.ToString().Trim(), Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("Unknown or revoked API key.");
        var identity = new ClaimsIdentity([
            new Claim(ClaimTypes.NameIdentifier, $"key:{key.Id}"),
            new Claim(ClaimTypes.Name, key.Label),
            new Claim(ClaimTypes.Role, key.Role),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await Problem(StatusCodes.Status401Unauthorized, "Authentication required",
            result.Failure is null ? $"Send an API key in the {HeaderName} header, or sign in (POST /api/auth/login)." : "The API key is not valid (unknown or revoked).");
    }

    // Challenges and forbids of signed-in users come here too (see Hosting.AddProducerAuth), so both speak ProblemDetails.
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden",
            $"The role '{Context.User.FindFirstValue(ClaimTypes.Role) ?? "none"}' may not do that: this needs a higher role (viewer < producer < editor < admin).");

    private Task Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
}

/// <summary>
/// Key → identity, cached for <see cref="Ttl"/> so a busy producer client does not cost a database round trip per request.
/// Only found keys are cached; a revoked key stops working within <see cref="Ttl"/> on other instances, at once on the
/// instance that revoked it (<see cref="Forget"/>).
/// </summary>
public sealed class ApiKeyRoles(ApiKeyStore keys, TimeProvider clock)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ApiKeyIdentity Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<ApiKeyIdentity?> FindAsync(string key, CancellationToken ct)
    {
        var hash = Convert.ToHexString(ApiKeyStore.Hash(key));
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var hit) && hit.Until > now) return hit.Key;
        var found = await keys.FindAsync(key, ct);
        if (found is not null) _cache[hash] = (found, now + Ttl);
        else _cache.TryRemove(hash, out _);
        return found;
    }

    /// <summary>Drops a key from this instance's cache (after revoking it).</summary>
    public void Forget(long keyId)
    {
        foreach (var (hash, entry) in _cache)
            if (entry.Key.Id == keyId) _cache.TryRemove(hash, out _);
    }
}

public static class Roles
{
    public const string Viewer = "viewer";
    public const string Producer = "producer";
    public const string Editor = "editor";
    public const string Admin = "admin";

    /// <summary>Each role may do everything the roles before it may: viewer &lt; producer &lt; editor &lt; admin.</summary>
    public static readonly string[] Ladder = [Viewer, Producer, Editor, Admin];

    public static bool IsKnown(string? role) => role is not null && Array.IndexOf(Ladder, role) >= 0;

    /// <summary>The roles at or above <paramref name="role"/>.</summary>
    public static string[] AtLeast(string role) => Ladder[Array.IndexOf(Ladder, role)..];
}

/// <summary>
/// Authorization policies named after the least role that passes them: <c>RequireAuthorization(Policies.Editor)</c>
/// admits editors and admins.
/// </summary>
public static class Policies
{
    public const string Viewer = Roles.Viewer;
    public const string Producer = Roles.Producer;
    public const string Editor = Roles.Editor;
    public const string Admin = Roles.Admin;

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        foreach (var role in Roles.Ladder)
            options.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(role)));
    }
}
