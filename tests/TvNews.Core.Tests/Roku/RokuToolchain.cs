using System.Diagnostics;
using System.Text;

namespace TvNews.Core.Tests.Roku;

/// <summary>Result of one bsc run; <see cref="Diagnostics"/> are the reported lines, any severity.</summary>
public sealed record BscResult(int ExitCode, string Output, TimeSpan Elapsed)
{
    public const string DiagnosticPrefix = "DIAG|";

    public IReadOnlyList<string> Diagnostics =>
        Output.Split('\n').Where(l => l.StartsWith(DiagnosticPrefix, StringComparison.Ordinal)).ToList();
}

/// <summary>
/// Runs the pinned Node tooling in tools/roku (brighterscript's bsc and the @rokucommunity/brs
/// interpreter). Missing tooling is an error, never a skip: run <c>npm ci --prefix tools/roku</c>.
/// </summary>
public static class RokuToolchain
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string RepoRoot { get; } = TvNews.Testing.TestRepository.Root;

    public static string ToolsFolder => Path.Combine(RepoRoot, "tools", "roku");

    public static string AppSourceFolder => Path.Combine(RepoRoot, "src", "TvNews.Core", "Packaging", "RokuApp");

    /// <summary>Compiles an unzipped channel (manifest at its root) with tools/roku/bsconfig.json, which has no diagnostic filters.</summary>
    public static BscResult CompileWithBsc(string appFolder)
    {
        var bsc = RequireTool(Path.Combine("brighterscript", "dist", "cli.js"));
        var stopwatch = Stopwatch.StartNew();
        var (exitCode, stdout, stderr) = RunNode(ToolsFolder,
            bsc,
            "--project", Path.Combine(ToolsFolder, "bsconfig.json"),
            "--root-dir", Path.GetFullPath(appFolder),
            "--log-level", "error",
            "--diagnostic-reporters", BscResult.DiagnosticPrefix + "{severity}|{file}|{line}|{code}|{message}");
        return new BscResult(exitCode, stdout + stderr, stopwatch.Elapsed);
    }

    /// <summary>
    /// Runs ParseRokuFeed from the app source in brs on a feed file and returns the harness output
    /// (see tools/roku/harness/feed_parser_test.brs). brs has no roUrlTransfer, so a feed on the
    /// web must be downloaded to a file first. Throws when brs fails or the run stops early.
    /// </summary>
    public static string RunFeedParser(string feedJsonPath)
    {
        var root = Directory.CreateTempSubdirectory("tvnews-brs-");
        try
        {
            // pkg:/ is the --root folder; brs passes no arguments to Main, so the path is fixed.
            File.Copy(feedJsonPath, Path.Combine(root.FullName, "feed.json"));
            var (exitCode, stdout, stderr) = RunBrs(root.FullName,
                Path.Combine(ToolsFolder, "harness", "feed_parser_test.brs"),
                Path.Combine(AppSourceFolder, "components", "FeedParser.brs"));

            // brs exits 0 after a BrightScript runtime error, so the harness's last line is the real signal.
            if (exitCode != 0 || !stdout.Split('\n').Contains("DONE"))
                throw new InvalidOperationException(
                    $"brs did not finish the feed parser run (exit {exitCode}).\nstdout:\n{stdout}\nstderr:\n{stderr}");
            return stdout;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Runs BrightScript files in brs with <paramref name="root"/> as pkg:/. brs calls Main (if any)
    /// without arguments; it exits 1 on a syntax error but 0 after a runtime error.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) RunBrs(string root, params string[] brsFiles)
    {
        var brs = RequireTool(Path.Combine("@rokucommunity", "brs", "bin", "cli.js"));
        return RunNode(ToolsFolder, [brs, "--no-color", "--root", root, .. brsFiles]);
    }

    /// <summary>Same as <see cref="RunFeedParser"/> for feed text given inline.</summary>
    public static string RunFeedParserOnText(string feedJson)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tvnews-feed-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, feedJson, new UTF8Encoding(false));
        try
        {
            return RunFeedParser(file);
        }
        finally
        {
            File.Delete(file);
        }
    }


    private static string RequireTool(string relativeToNodeModules)
    {
        var path = Path.Combine(ToolsFolder, "node_modules", relativeToNodeModules);
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"Roku tooling is not installed ({path} is missing). Run `npm ci --prefix tools/roku` from the repository root.");
        return path;
    }

    private static (int ExitCode, string Stdout, string Stderr) RunNode(string workingDirectory, params string[] arguments) =>
        TvNews.Testing.NodeProcess.Run(workingDirectory, arguments, stdin: null, Timeout,
            "the Roku tests need Node 20+ and `npm ci --prefix tools/roku`");
}
