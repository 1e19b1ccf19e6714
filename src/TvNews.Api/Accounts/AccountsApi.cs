using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using TvNews.Api.Auth;
using TvNews.Data.Auth;

namespace TvNews.Api.Accounts;

public sealed record KeyCreate(string? Label, string? Role);

/// <param name="Key">The key itself: shown in this response only (only its hash is stored).</param>
public sealed record KeyCreated(long Id, string Key, string Label, string Role, DateTimeOffset CreatedAt);

public sealed record KeyView(long Id, string Label, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record KeyList(IReadOnlyList<KeyView> Keys);

public sealed record UserCreate(string? Username, string? Password, string? Role);

public sealed record UserUpdate(string? Role, string? Password, bool? Disabled);

public sealed record UserCreated(long Id, string Username, string Role, DateTimeOffset CreatedAt);

public sealed record UserView(long Id, string Username, string Role, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record UserList(IReadOnlyList<UserView> Users);

/// <summary>API keys and people: admins only. Every change is audited in its own transaction.</summary>
public static class AccountsApi
{
    public const int MinPassword = 10;
    public const int MaxPassword = 256;

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        keys.MapPost("/", CreateKeyAsync);
        keys.MapGet("/", ListKeysAsync);
        keys.MapDelete("/{id:long}", RevokeKeyAsync);

        var users = app.MapGroup("/api/users").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        users.MapPost("/", CreateUserAsync);
        users.MapGet("/", ListUsersAsync);
        users.MapPut("/{id:long}", UpdateUserAsync);
        return app;
    }

    private static async Task<Results<Created<KeyCreated>, ValidationProblem>> CreateKeyAsync(KeyCreate body, ClaimsPrincipal caller,
        ApiKeyStore keys, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var label = body.Label?.Trim();
        if (string.IsNullOrEmpty(label) || label.Length > 100) errors["label"] = ["A label (who or what uses the key) is required, at most 100 characters."];
        if (!Roles.IsKnown(body.Role)) errors["role"] = [RoleMessage];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The key is not valid");

        var key = ApiKeyStore.NewKey();
        var created = await keys.CreateAsync(key, body.Role!, label!, caller.ToAuditActor(), clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/keys/{created.Id}", new KeyCreated(created.Id, key, created.Label, created.Role, created.CreatedAt));
    }

    private static async Task<Ok<KeyList>> ListKeysAsync(ApiKeyStore keys, CancellationToken ct) =>
        TypedResults.Ok(new KeyList((await keys.ListAsync(ct)).Select(k => new KeyView(k.Id, k.Label, k.Role, k.CreatedAt, k.RevokedAt)).ToList()));

    /// <summary>Revoked at once on this instance; other instances stop accepting it within <see cref="ApiKeyRoles.Ttl"/>.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(long id, ClaimsPrincipal caller, ApiKeyStore keys, ApiKeyRoles cache,
        TimeProvider clock, CancellationToken ct)
    {
        var revoked = await keys.RevokeAsync(id, caller.ToAuditActor(), clock.GetUtcNow(), ct);
        if (revoked is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown API key", detail: $"There is no API key {id}.");
        cache.Forget(id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Created<UserCreated>, ValidationProblem, ProblemHttpResult>> CreateUserAsync(UserCreate body, ClaimsPrincipal caller,
        UserStore users, IPasswordHasher<UserRecord> hasher, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (UsernameError(body.Username) is { } usernameError) errors["username"] = [usernameError];
        if (PasswordError(body.Password) is { } passwordError) errors["password"] = [passwordError];
        if (!Roles.IsKnown(body.Role)) errors["role"] = [RoleMessage];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The user is not valid");

        var (result, user) = await users.CreateAsync(body.Username!, Hash(hasher, body.Password!), body.Role!, caller.ToAuditActor(), clock.GetUtcNow(), ct);
        if (result == UserCreateResult.UsernameTaken)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Username taken",
                detail: $"There is already a user '{UserStore.Normalize(body.Username!)}'.");
        return TypedResults.Created($"/api/users/{user!.Id}", new UserCreated(user.Id, user.Username, user.Role, user.CreatedAt));
    }

    private static async Task<Ok<UserList>> ListUsersAsync(UserStore users, CancellationToken ct) =>
        TypedResults.Ok(new UserList((await users.ListAsync(ct)).Select(View).ToList()));

    private static async Task<Results<Ok<UserView>, ValidationProblem, ProblemHttpResult>> UpdateUserAsync(long id, UserUpdate body, ClaimsPrincipal caller,
        UserStore users, IPasswordHasher<UserRecord> hasher, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.Role is null && body.Password is null && body.Disabled is null)
            errors["body"] = ["Send at least one of role, password, disabled."];
        if (body.Role is not null && !Roles.IsKnown(body.Role)) errors["role"] = [RoleMessage];
        if (body.Password is not null && PasswordError(body.Password) is { } passwordError) errors["password"] = [passwordError];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The change is not valid");

        // An admin cannot lock themselves out by accident (another admin can still do it).
        if (SignIn.UserId(caller) == id && (body.Disabled == true || body.Role is { } role && role != Roles.Admin))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot demote yourself",
                detail: "Signed-in admins may not disable their own account or take away their own admin role.");

        var change = new UserChange(body.Role, body.Password is null ? null : Hash(hasher, body.Password), body.Disabled);
        var user = await users.UpdateAsync(id, change, caller.ToAuditActor(), clock.GetUtcNow(), ct);
        return user is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown user", detail: $"There is no user {id}.")
            : TypedResults.Ok(View(user));
    }

    private static UserView View(UserRecord u) => new(u.Id, u.Username, u.Role, u.Disabled, u.CreatedAt, u.UpdatedAt);

    private static readonly string RoleMessage = $"The role is one of {string.Join(", ", Roles.Ladder)}.";

    public static string? UsernameError(string? username)
    {
        var name = username?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 64) return "A username is required, at most 64 characters.";
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@')
            ? null
            : "A username has letters, digits and . - _ @ only.";
    }

    public static string? PasswordError(string? password) =>
        password is null || password.Length < MinPassword || password.Length > MaxPassword
            ? $"A password is {MinPassword}-{MaxPassword} characters."
            : null;

    public static string Hash(IPasswordHasher<UserRecord> hasher, string password) => hasher.HashPassword(Placeholder, password);

    // PasswordHasher ignores the user it is given; it only needs one of the right type.
    internal static readonly UserRecord Placeholder = new(0, "", Roles.Viewer, false, default, default);
}
