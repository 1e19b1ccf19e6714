namespace TvNews.Cli;

// The operators' and producers' command line: a thin client of the TvNews HTTP API (so roles and the audit log apply),
// plus offline manifest validation.
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await CliApp.RunAsync(args, Backend.Http, Spectre.Console.AnsiConsole.Console, cancel.Token);
    }
}
