using System.Diagnostics;
using System.Text;

namespace TvNews.Testing;

/// <summary>Checked-in inputs (media/, channel-manifests/, site-rules/, tests/corpus/, tools/) found from the test binaries.</summary>
internal static class TestRepository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TvNews.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"TvNews.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>Runs a Node.js tool from tools/ and captures its output. A missing node is an error with a fix, never a skip.</summary>
internal static class NodeProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, IEnumerable<string> arguments, string? stdin,
        TimeSpan timeout, string whatNeedsNode, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            StandardInputEncoding = stdin is null ? null : new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Node.js (`node`) is not on PATH; {whatNeedsNode}.", e);
        }

        using (process)
        {
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) stdout.Append(e.Data).Append('\n'); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.Append(e.Data).Append('\n'); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {string.Join(' ', arguments)} did not finish within {timeout}.");
            }
            process.WaitForExit();
            return (process.ExitCode, stdout.ToString(), stderr.ToString());
        }
    }
}
