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

        var (exitCode, stdout, stderr) = TvNews.Testing.NodeProcess.Run(tools, [script], JsonSerializer.Serialize(inputs), Timeout,
            "the Readability comparison needs Node 20.19+ and `npm ci --prefix tools/readability`");
        if (exitCode != 0)
            throw new InvalidOperationException($"node extract.mjs failed (exit {exitCode}):\n{stderr}");

        var results = new Dictionary<string, ReadabilityOutput>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
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
