using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TvNews.Ingest.Tests.Comparison;

/// <summary>One file for tools/readability/extract.mjs: an absolute path, the charset its bytes are in, and the page URL.</summary>
public sealed record ReadabilityInput(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("charset")] string? Charset,
    [property: JsonPropertyName("url")] string? Url);

/// <summary>What Readability extracted; <see cref="Error"/> is set when it found nothing or the file could not be read.</summary>
public sealed record ReadabilityOutput(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("paragraphs")] IReadOnlyList<string> Paragraphs,
    [property: JsonPropertyName("textContent")] string? TextContent,
    [property: JsonPropertyName("error")] string? Error);

/// <summary>
/// Runs Mozilla Readability (tools/readability, pinned with package-lock.json) on many HTML files in one node
/// process: the input list goes to extract.mjs on stdin, one JSON object per file comes back per line.
/// Missing node or node_modules is an error, never a skip: run <c>npm ci --prefix tools/readability</c>.
/// </summary>
public static class ReadabilityBaseline
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static IReadOnlyDictionary<string, ReadabilityOutput> Run(IReadOnlyList<ReadabilityInput> inputs)
    {
        var tools = RepoPaths.ReadabilityTools;
        var script = Path.Combine(tools, "extract.mjs");
        foreach (var package in new[] { Path.Combine("@mozilla", "readability", "package.json"), Path.Combine("jsdom", "package.json") })
        {
            var path = Path.Combine(tools, "node_modules", package);
            if (!File.Exists(path))
                throw new InvalidOperationException(
                    $"The Readability baseline is not installed ({path} is missing): run `npm ci --prefix tools/readability` from the repository root.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = tools,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(script);
        start.Environment["NO_COLOR"] = "1";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "Node.js (`node`) is not on PATH; the Readability comparison needs Node 20.19+ and `npm ci --prefix tools/readability`.", e);
        }

        using (process)
        {
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) stdout.Append(e.Data).Append('\n'); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.Append(e.Data).Append('\n'); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.StandardInput.Write(JsonSerializer.Serialize(inputs));
            process.StandardInput.Close();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node extract.mjs did not finish {inputs.Count} files within {Timeout}.");
            }
            process.WaitForExit(); // drains the redirected streams
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"node extract.mjs failed (exit {process.ExitCode}):\n{stderr}");

            var results = new Dictionary<string, ReadabilityOutput>(StringComparer.Ordinal);
            foreach (var line in stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var output = JsonSerializer.Deserialize<ReadabilityOutput>(line)
                    ?? throw new InvalidOperationException($"extract.mjs printed a null result: {line}");
                results[output.Id] = output with { Paragraphs = output.Paragraphs ?? [] };
            }
            var missing = inputs.Select(i => i.Id).Where(id => !results.ContainsKey(id)).ToList();
            if (missing.Count > 0)
                throw new InvalidOperationException($"extract.mjs printed no result for {string.Join(", ", missing)}.\nstderr:\n{stderr}");
            return results;
        }
    }
}
