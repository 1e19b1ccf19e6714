using Spectre.Console;
using Spectre.Console.Cli;

namespace TvNews.Cli;

public static class CliApp
{
    /// <summary>Runs one command line; exit code 0 on success, 1 when the server or the input said no, 2 on bad usage.</summary>
    public static async Task<int> RunAsync(string[] args, IBackend backend, IAnsiConsole console, CancellationToken ct)
    {
        var registrar = new Registrar();
        registrar.RegisterInstance(typeof(IBackend), backend);
        registrar.RegisterInstance(typeof(IAnsiConsole), console);
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("tvnews");
            config.Settings.Console = console;
            config.Settings.ExceptionHandler = (ex, _) =>
            {
                console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
                return ex is CommandParseException or CommandRuntimeException ? 2 : 1;
            };
            config.AddCommand<IngestCommand>("ingest").WithDescription("Ingest an article from a file (.txt, .html, .json) or a URL.")
                .WithExample("ingest", "media/samples/000_9234341cac6e6bb5.txt", "--channel", "sample-news", "--publish");
            config.AddCommand<RenderCommand>("render").WithDescription("Render a story as it stands, with a progress bar.");
            config.AddCommand<PackageCommand>("package").WithDescription("Download a channel's sideloadable Roku package.");
            config.AddCommand<ValidateCommand>("validate").WithDescription("Check every channel manifest and site-rules file (offline).");
            config.AddBranch<ServerSettings>("keys", keys =>
            {
                keys.SetDescription("API keys (admin).");
                keys.AddCommand<KeysCreateCommand>("create").WithDescription("Create a key; it is shown once.");
                keys.AddCommand<KeysListCommand>("list").WithDescription("List keys (never their secrets).");
                keys.AddCommand<KeysRevokeCommand>("revoke").WithDescription("Revoke a key.");
            });
            config.AddBranch<ServerSettings>("users", users =>
            {
                users.SetDescription("People who sign in to the producer page (admin).");
                users.AddCommand<UsersCreateCommand>("create").WithDescription("Create a user (the first admin, for example).");
                users.AddCommand<UsersListCommand>("list").WithDescription("List users.");
            });
        });
        return await app.RunAsync(args, ct);
    }
}
