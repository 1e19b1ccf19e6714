using System.Collections.Concurrent;
using System.Diagnostics;

namespace TvNews.Api.Tests.Infrastructure;

/// <summary>
/// The real server as a separate OS process (<c>dotnet TvNews.Api.dll</c>), configured by environment variables as a
/// deployment would, so a test can SIGKILL it. It runs the TvNews.Api.dll that the test project references, copied
/// into the test's own bin folder with its deps and runtimeconfig, so it is always the build under test. Disposing
/// kills it (with any ffmpeg it started) if it is still running: it never outlives the test.
/// </summary>
public sealed class ChildServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildServer(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <param name="settings">Configuration keys (<c>Render:Lease</c>), passed as environment variables (<c>Render__Lease</c>).</param>
    /// <param name="urls">Where it listens; a fixed port when the test must know it before start (a browser, PublicBaseUrl).</param>
    public static ChildServer Start(string connectionString, string mediaOutput, IReadOnlyDictionary<string, string> settings,
        string urls = "http://127.0.0.1:0")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "TvNews.Api.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("TvNews.Api.dll is not beside the tests; build the test project.", dll);
        // The SDK tells its child processes which dotnet runs them; outside it, the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList = { dll, "--contentRoot", Path.Combine(RepoPaths.Root, "src", "TvNews.Api"), "--urls", urls },
            WorkingDirectory = Path.Combine(RepoPaths.Root, "src", "TvNews.Api"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings:TvNews"] = connectionString,
            ["TvNews:ApiKey"] = TvNewsApp.ApiKey,
            ["TvNews:MediaOutput"] = mediaOutput,
            ["TvNews:PublicBaseUrl"] = "http://tv.test/",
            ["TvNews:IngestSamplesOnStart"] = "false",
            ["Sources:Worker"] = "false",
            ["LiveTv:Worker"] = "false",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return new ChildServer(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dotnet} {dll}"));
    }

    /// <summary>kill -9: no shutdown hooks, no lease release, files left as they are. ffmpeg goes with it, as in a container.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
