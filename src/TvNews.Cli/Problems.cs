using System.Text.Json;
using Spectre.Console;

namespace TvNews.Cli;

internal static class Problems
{
    /// <summary>Prints the server's problem document (title, detail, each invalid field) and returns exit code 1.</summary>
    public static async Task<int> ReportAsync(IAnsiConsole console, HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        string title = response.ReasonPhrase ?? "Request failed", detail = "";
        var fields = new List<string>();
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.TryGetProperty("title", out var t)) title = t.GetString() ?? title;
            if (root.TryGetProperty("detail", out var d)) detail = d.GetString() ?? "";
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                foreach (var field in errors.EnumerateObject())
                    fields.AddRange(field.Value.EnumerateArray().Select(m => $"{field.Name}: {m.GetString()}"));
        }
        catch (JsonException)
        {
            detail = text.Length > 300 ? text[..300] : text;
        }
        console.MarkupLineInterpolated($"[red]{(int)response.StatusCode} {title}[/]");
        if (detail.Length > 0) console.WriteLine(detail);
        foreach (var field in fields) console.MarkupLineInterpolated($"  [yellow]{field}[/]");
        return 1;
    }
}
