using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using TvNews.Data.Auth;

namespace TvNews.Api.Auth;

/// <summary>
/// People sign in to the web page with a password and get an auth cookie; tools send <c>X-Api-Key</c>. The default
/// scheme picks one per request: the key when the header is there, else the cookie.
/// </summary>
public static class SignIn
{
    public const string DefaultScheme = "KeyOrCookie";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "tvnews.auth";
    public const string AntiforgeryHeader = "X-XSRF-TOKEN";
    public const string AntiforgeryCookie = "tvnews.xsrf";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    public static ClaimsPrincipal Principal(UserRecord user) => new(new ClaimsIdentity([
        new Claim(ClaimTypes.NameIdentifier, UserActorId(user.Id)),
        new Claim(ClaimTypes.Name, user.Username),
        new Claim(ClaimTypes.Role, user.Role),
    ], CookieScheme));

    public static string UserActorId(long id) => "user:" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The user id of a signed-in person's principal; null for API keys and anonymous callers.</summary>
    public static long? UserId(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && id.StartsWith("user:", StringComparison.Ordinal) &&
        long.TryParse(id.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = SessionLifetime;
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = ValidateAsync;
        // An API answers 401/403 problems, never a redirect to a login page.
        o.Events.OnRedirectToLogin = c => WriteProblem(c.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required", "Sign in first.");
        o.Events.OnRedirectToAccessDenied = c => WriteProblem(c.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "Your role may not do that.");
    }

    public static void ConfigureAntiforgery(AntiforgeryOptions o)
    {
        o.HeaderName = AntiforgeryHeader;
        o.Cookie.Name = AntiforgeryCookie;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }

    /// <summary>
    /// Every cookie request re-reads the user, so disabling an account or changing its role takes effect at once, not
    /// when the cookie expires. One indexed lookup per request, which only people at the web page make.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal || UserId(principal) is not { } id)
        {
            context.RejectPrincipal();
            return;
        }
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var user = await users.GetAsync(id, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }
        if (user.Role != principal.FindFirstValue(ClaimTypes.Role) || user.Username != principal.Identity?.Name)
        {
            context.ReplacePrincipal(Principal(user));
            context.ShouldRenew = true;
        }
    }

    private static Task WriteProblem(HttpContext http, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);

    /// <summary>
    /// Cookie-authenticated writes under /api must carry the anti-forgery header (a cross-site form cannot). Requests with
    /// <c>X-Api-Key</c> need none: a browser never adds that header by itself. Sign-in checks its token itself.
    /// </summary>
    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) ||
                             HttpMethods.IsTrace(request.Method));
        if (unsafeMethod && request.Path.StartsWithSegments("/api") && !request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) &&
            http.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme })
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                await WriteProblem(http, StatusCodes.Status400BadRequest, "Anti-forgery token missing or invalid",
                    $"A signed-in write must send the {AntiforgeryHeader} header with the token from GET /api/auth/antiforgery (fetched after signing in).");
                return;
            }
        }
        await next(http);
    });
}
