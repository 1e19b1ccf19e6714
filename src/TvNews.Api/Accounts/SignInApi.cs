using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using TvNews.Api.Auth;
using TvNews.Data.Auth;

namespace TvNews.Api.Accounts;

public sealed record AntiforgeryView(string Token, string HeaderName);

public sealed record Login(string? Username, string? Password);

public sealed record Session(string Username, string Role);

/// <summary>The web page's sign-in: password → auth cookie; writes then carry the anti-forgery header.</summary>
public static class SignInApi
{
    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Accounts");
        group.MapGet("/antiforgery", Antiforgery).AllowAnonymous();
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", (Func<HttpContext, Task<NoContent>>)LogoutAsync).AllowAnonymous();
        group.MapGet("/me", Me).RequireAuthorization();
        return app;
    }

    /// <summary>Sets the anti-forgery cookie and returns the matching request token, bound to the caller (fetch it again after signing in).</summary>
    private static Ok<AntiforgeryView> Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new AntiforgeryView(tokens.RequestToken!, tokens.HeaderName ?? SignIn.AntiforgeryHeader));
    }

    private static async Task<Results<Ok<Session>, ProblemHttpResult>> LoginAsync(Login body, HttpContext http, IAntiforgery antiforgery,
        UserStore users, IPasswordHasher<UserRecord> hasher, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Anti-forgery token missing or invalid",
                detail: $"Send the {SignIn.AntiforgeryHeader} header with the token from GET /api/auth/antiforgery.");
        if (string.IsNullOrWhiteSpace(body.Username) || string.IsNullOrEmpty(body.Password))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-in needs a username and a password",
                detail: "Send {\"username\": \"…\", \"password\": \"…\"}.");

        var found = await users.FindCredentialsAsync(body.Username, ct);
        // Hash even for an unknown name, so the answer's timing does not tell which usernames exist.
        var result = hasher.VerifyHashedPassword(AccountsApi.Placeholder, found?.PasswordHash ?? UnknownUserHash(hasher), body.Password);
        if (found is null || result == PasswordVerificationResult.Failed)
            return Denied("Wrong username or password.");
        if (found.User.Disabled)
            return Denied("This account is disabled.");
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            await users.RehashAsync(found.User.Id, AccountsApi.Hash(hasher, body.Password), ct);

        await http.SignInAsync(SignIn.CookieScheme, SignIn.Principal(found.User));
        return TypedResults.Ok(new Session(found.User.Username, found.User.Role));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http)
    {
        await http.SignOutAsync(SignIn.CookieScheme);
        return TypedResults.NoContent();
    }

    /// <summary>Who the caller is: a signed-in person's username, or an API key's label.</summary>
    private static Ok<Session> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new Session(user.Identity?.Name ?? "", user.FindFirstValue(ClaimTypes.Role) ?? ""));

    private static ProblemHttpResult Denied(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: detail);

    private static string? _unknownUserHash;

    private static string UnknownUserHash(IPasswordHasher<UserRecord> hasher) =>
        _unknownUserHash ??= AccountsApi.Hash(hasher, Guid.NewGuid().ToString("N"));
}
