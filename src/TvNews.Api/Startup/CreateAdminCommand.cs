using Microsoft.AspNetCore.Identity;
using Npgsql;
using TvNews.Api.Accounts;
using TvNews.Api.Auth;
using TvNews.Data;
using TvNews.Data.Audit;
using TvNews.Data.Auth;

namespace TvNews.Api.Startup;

/// <summary>
/// <c>TvNews.Api create-admin --username NAME --password-stdin</c>: creates the first signed-in admin without an API key,
/// against the configured database (migrated first), then exits instead of serving. The password is read from the first
/// line of standard input, so it appears in no process list or shell history.
/// </summary>
internal static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    /// <returns>The process exit code: 0 created, 1 refused (bad input, taken name), 2 usage.</returns>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        string? username = null;
        var fromStdin = false;
        var role = Roles.Admin;
        var hostArgs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--username" when i + 1 < args.Length: username = args[++i]; break;
                case "--role" when i + 1 < args.Length: role = args[++i]; break;
                case "--password-stdin": fromStdin = true; break;
                default: hostArgs.Add(args[i]); break; // configuration, e.g. --ConnectionStrings:TvNews=…
            }
        }
        if (username is null || !fromStdin)
        {
            await error.WriteLineAsync($"usage: TvNews.Api {Name} --username NAME --password-stdin [--role admin|editor|producer|viewer]");
            return 2;
        }
        var password = (await input.ReadLineAsync())?.TrimEnd('\r');
        var problems = new[] { AccountsApi.UsernameError(username), AccountsApi.PasswordError(password), Roles.IsKnown(role) ? null : $"Unknown role '{role}'." }
            .OfType<string>().ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems) await error.WriteLineAsync(problem);
            return 1;
        }

        var builder = WebApplication.CreateBuilder(hostArgs.ToArray());
        builder.AddDatabase();
        await using var app = builder.Build();
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        await Database.MigrateAsync(db, app.Logger, CancellationToken.None);
        var hasher = new PasswordHasher<UserRecord>();
        var (result, user) = await app.Services.GetRequiredService<UserStore>().CreateAsync(username, AccountsApi.Hash(hasher, password!), role,
            AuditActor.System, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        if (result == UserCreateResult.UsernameTaken)
        {
            await error.WriteLineAsync($"There is already a user '{UserStore.Normalize(username)}'.");
            return 1;
        }
        await output.WriteLineAsync($"Created user {user!.Id} '{user.Username}' with role {user.Role}.");
        return 0;
    }
}
