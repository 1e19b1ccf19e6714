using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace TvNews.Ingest.Html;

/// <summary>
/// The JSON some sites embed for their client app (<c>__NEXT_DATA__</c>, <c>window.__INITIAL_STATE__ = {...}</c>).
/// Several keep image captions and credits only there, next to the image URL.
/// </summary>
internal sealed partial class EmbeddedState
{
    private static readonly string[] CaptionKeys = ["caption", "captionText", "description", "alt", "altText", "title"];
    private static readonly string[] CreditKeys = ["credit", "credits", "creditText", "copyright", "source", "photographer", "byline", "author"];

    private readonly List<JsonElement> _roots;

    private EmbeddedState(List<JsonElement> roots) => _roots = roots;

    public static EmbeddedState Read(IDocument document)
    {
        var roots = new List<JsonElement>();
        foreach (var script in document.QuerySelectorAll("script"))
        {
            var text = script.TextContent;
            string? json = null;
            if (script.GetAttribute("type") == "application/json") json = text;
            else if (StateAssignment().Match(text) is { Success: true } m) json = m.Groups["json"].Value;
            if (json is null) continue;
            try
            {
                using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
                roots.Add(doc.RootElement.Clone());
            }
            catch (JsonException)
            {
                // Not JSON after all (or truncated): nothing to learn from it.
            }
        }
        return new EmbeddedState(roots);
    }

    /// <summary>Caption and credit stored beside an image URL (matched whole, or by file name).</summary>
    public (string? Caption, string? Credit)? FindImage(string imageUrl)
    {
        var fileName = Path.GetFileName(new Uri(imageUrl).AbsolutePath);
        foreach (var root in _roots)
        {
            if (Find(root, imageUrl, fileName, depth: 0) is { } found) return found;
        }
        return null;
    }

    private static (string? Caption, string? Credit)? Find(JsonElement e, string url, string fileName, int depth)
    {
        if (depth > 40) return null;
        if (e.ValueKind == JsonValueKind.Object)
        {
            // Images keyed by their URL: { "https://…/photo.jpg": { "caption": …, "credit": … } }
            foreach (var p in e.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Object && (p.Name == url || (fileName.Length > 4 && p.Name.EndsWith(fileName, StringComparison.Ordinal))))
                {
                    var caption = CaptionKeys.Select(k => PageMetadata.String(p.Value, k)).FirstOrDefault(v => v is not null);
                    var credit = CreditKeys.Select(k => PageMetadata.String(p.Value, k)).FirstOrDefault(v => v is not null);
                    if (caption is not null || credit is not null) return (caption, credit);
                }
            }
            var mentionsImage = e.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.String &&
                p.Value.GetString() is { } s && (s == url || (fileName.Length > 4 && s.EndsWith(fileName, StringComparison.Ordinal))));
            if (mentionsImage)
            {
                var caption = CaptionKeys.Select(k => PageMetadata.String(e, k)).FirstOrDefault(v => v is not null);
                var credit = CreditKeys.Select(k => PageMetadata.String(e, k)).FirstOrDefault(v => v is not null);
                if (caption is not null || credit is not null) return (caption, credit);
            }
            foreach (var p in e.EnumerateObject())
            {
                if (Find(p.Value, url, fileName, depth + 1) is { } found) return found;
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                if (Find(item, url, fileName, depth + 1) is { } found) return found;
            }
        }
        return null;
    }

    [GeneratedRegex(@"window\.__(?:INITIAL|PRELOADED|APP|NUXT)_?(?:STATE|DATA)?__\s*=\s*(?<json>\{[\s\S]*\})\s*;?\s*$")]
    private static partial Regex StateAssignment();
}
