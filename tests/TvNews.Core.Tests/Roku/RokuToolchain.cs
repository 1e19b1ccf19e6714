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

    /// <summary>The app's plain-function scripts (no SceneGraph), which the harness loads next to app_harness.brs.</summary>
    public static IReadOnlyList<string> LogicScripts { get; } =
        ["FeedParser.brs", "Changes.brs", "DeepLink.brs", "Bookmarks.brs", "Strings.brs", "Layout.brs", "ContentBuilder.brs", "Http.brs"];

    public static string HarnessFolder => Path.Combine(ToolsFolder, "harness");

    /// <summary>
    /// Runs ParseRokuFeed from the app source in brs on a feed file and returns the harness output
    /// (see tools/roku/harness/feed_parser_test.brs). Throws when brs fails or the run stops early.
    /// </summary>
    public static string RunFeedParser(string feedJsonPath)
    {
        var root = Directory.CreateTempSubdirectory("tvnews-brs-");
        try
        {
            // pkg:/ is the --root folder; brs passes no arguments to Main, so the path is fixed.
            File.Copy(feedJsonPath, Path.Combine(root.FullName, "feed.json"));
            var (exitCode, stdout, stderr) = RunBrs(root.FullName,
                Path.Combine(HarnessFolder, "feed_parser_test.brs"),
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
    /// Runs tools/roku/harness/app_harness.brs with the app's logic scripts on <paramref name="scenarioJson"/> (and
    /// <paramref name="feedJson"/> as pkg:/feed.json) and returns its output lines. Throws when brs fails, writes to
    /// stderr (unless <paramref name="allowStderr"/>: brs reports ParseJson failures there, as a device's console
    /// would), or stops before DONE.
    /// </summary>
    /// <param name="registryFile">Where the roRegistrySection double keeps its values between runs.</param>
    public static string[] RunHarness(string scenarioJson, string? feedJson = null, string? registryFile = null, bool allowStderr = false)
    {
        var root = Directory.CreateTempSubdirectory("tvnews-brs-harness-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, "scenario.json"), scenarioJson, new UTF8Encoding(false));
            if (feedJson is not null) File.WriteAllText(Path.Combine(root.FullName, "feed.json"), feedJson, new UTF8Encoding(false));
            var files = HarnessFiles(AppSourceFolder);
            var (exitCode, stdout, stderr) = RunNode(ToolsFolder, [RunBrsScript, "--root", root.FullName, .. files],
                registryFile is null ? null : new Dictionary<string, string> { ["REGISTRY_FILE"] = registryFile });
            var lines = stdout.Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (exitCode != 0 || !lines.Contains("DONE") || (!allowStderr && stderr.Length > 0))
                throw new InvalidOperationException($"the brs harness failed (exit {exitCode}).\nstdout:\n{stdout}\nstderr:\n{stderr}");
            return lines;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>app_harness.brs and the logic scripts from an app folder (the source tree, or an unzipped package).</summary>
    public static string[] HarnessFiles(string appFolder) =>
        [Path.Combine(HarnessFolder, "app_harness.brs"), .. LogicScripts.Select(s => Path.Combine(appFolder, "components", s))];

    /// <summary>tools/roku/harness/run-brs.js: brs with the roUrlTransfer and roRegistrySection doubles.</summary>
    public static string RunBrsScript
    {
        get
        {
            RequireTool(Path.Combine("@rokucommunity", "brs", "bin", "cli.js"));
            return Path.Combine(HarnessFolder, "run-brs.js");
        }
    }

    /// <summary>
    /// Runs BrightScript files in brs (through run-brs.js) with <paramref name="root"/> as pkg:/. brs calls Main (if
    /// any) without arguments; it exits 1 on a syntax error but 0 after a runtime error.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) RunBrs(string root, params string[] brsFiles) =>
        RunNode(ToolsFolder, [RunBrsScript, "--root", root, .. brsFiles]);

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
        RunNode(workingDirectory, arguments, null);

    private static (int ExitCode, string Stdout, string Stderr) RunNode(string workingDirectory, string[] arguments,
        IReadOnlyDictionary<string, string>? environment) =>
        TvNews.Testing.NodeProcess.Run(workingDirectory, arguments, stdin: null, Timeout,
            "the Roku tests need Node 20+ and `npm ci --prefix tools/roku`", environment);
}

/// <summary>
/// The brs harness as a running process whose output lines can be awaited one by one, for a test that acts on the
/// server while the BrightScript code waits in a long-poll. Disposing kills it if it still runs.
/// </summary>
public sealed class BrsHarnessRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BrsHarnessRun(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_gate) _stderr.Append(e.Data).Append('\n');
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts app_harness.brs with the logic scripts of <paramref name="appFolder"/> and <paramref name="root"/> as pkg:/.</summary>
    public static BrsHarnessRun Start(string root, string appFolder)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RokuToolchain.ToolsFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { RokuToolchain.RunBrsScript, "--root", root }.Concat(RokuToolchain.HarnessFiles(appFolder)))
            start.ArgumentList.Add(argument);
        try
        {
            return new BrsHarnessRun(Process.Start(start) ?? throw new InvalidOperationException("node did not start"));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Node.js (`node`) is not on PATH; the Roku tests need Node 20+ and `npm ci --prefix tools/roku`.", e);
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate) return [.. _lines];
        }
    }

    public string Stderr
    {
        get
        {
            lock (_gate) return _stderr.ToString();
        }
    }

    public string Transcript => string.Join('\n', Lines) + "\nstderr:\n" + Stderr;

    /// <summary>The first line (at or after index <paramref name="from"/>) that matches, waiting for it; throws with the transcript on timeout or exit.</summary>
    public async Task<(int Index, string Line)> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, int from = 0)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (var i = from; i < _lines.Count; i++)
                    if (match(_lines[i])) return (i, _lines[i]);
                changed = _changed.Task;
            }
            if (_process.HasExited)
            {
                // Output may still be draining after exit.
                await Task.Delay(200);
                lock (_gate)
                {
                    for (var i = from; i < _lines.Count; i++)
                        if (match(_lines[i])) return (i, _lines[i]);
                }
                throw new InvalidOperationException($"the brs harness exited (code {_process.ExitCode}) before the expected line.\n{Transcript}");
            }
            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"the brs harness did not print the expected line within {timeout}.\n{Transcript}");
            await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1)));
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the brs harness did not finish within {timeout}.\n{Transcript}");
        }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _lines.Add(line.TrimEnd('\r'));
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
