using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;

namespace TvNews.Ingest.Html;

/// <summary>What a page says about itself in JSON-LD and meta tags, read before any cleanup touches the DOM.</summary>
internal sealed record PageMetadata
{
    public string? JsonLdHeadline { get; init; }
    public string? OgTitle { get; init; }
    public string? SiteName { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public DateTimeOffset? Published { get; init; }
    public string? Section { get; init; }
    public string? Language { get; init; }
    public string? Canonical { get; init; }
    public string? ImageUrl { get; init; }
    public string? ImageCaption { get; init; }
    public string? ImageCredit { get; init; }
    public IReadOnlyList<string> Breadcrumbs { get; init; } = [];

    public static PageMetadata Read(IDocument document)
    {
        string? Meta(string key) =>
            document.QuerySelector($"meta[property='{key}'], meta[name='{key}'], meta[itemprop='{key}']")?.GetAttribute("content")?.Trim() is { Length: > 0 } v ? v : null;

        var article = JsonLdArticles(document).Select(e => (JsonElement?)e).FirstOrDefault();
        var image = article is { } a && a.TryGetProperty("image", out var img) ? FirstObjectOrString(img) : default;

        return new PageMetadata
        {
            JsonLdHeadline = article is { } a1 ? String(a1, "headline") : null,
            OgTitle = Meta("og:title") ?? Meta("twitter:title"),
            SiteName = Meta("og:site_name") ?? Meta("application-name"),
            Title = document.Title?.Trim(),
            Authors = article is { } a2 ? Names(a2, "author") : [],
            Published = ParseTime(article is { } a3 ? String(a3, "datePublished") : null)
                        ?? ParseTime(Meta("article:published_time"))
                        ?? ParseTime(Meta("datePublished"))
                        ?? ParseTime(document.QuerySelector("article time[datetime], time[datetime]")?.GetAttribute("datetime")),
            Section = (article is { } a4 ? String(a4, "articleSection") : null) ?? Meta("article:section"),
            Language = document.DocumentElement.GetAttribute("lang") ?? (article is { } a5 ? String(a5, "inLanguage") : null),
            Canonical = document.QuerySelector("link[rel='canonical']")?.GetAttribute("href") ?? Meta("og:url"),
            ImageUrl = image.Kind switch
            {
                JsonValueKind.String => image.Value.GetString(),
                JsonValueKind.Object => String(image.Value, "url") ?? String(image.Value, "contentUrl"),
                _ => null,
            } ?? Meta("og:image") ?? Meta("twitter:image"),
            ImageCaption = image.Kind == JsonValueKind.Object ? String(image.Value, "caption") ?? String(image.Value, "description") : null,
            ImageCredit = image.Kind == JsonValueKind.Object
                ? String(image.Value, "creditText") ?? String(image.Value, "copyrightHolder") ?? FirstName(image.Value, "author")
                : null,
            Breadcrumbs = JsonLdBreadcrumbs(document),
        };
    }

    /// <summary>JSON-LD objects of an article type, including those inside @graph.</summary>
    private static IEnumerable<JsonElement> JsonLdArticles(IDocument document)
    {
        foreach (var node in JsonLdNodes(document))
        {
            if (TypeIs(node, "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "WebPage") &&
                node.TryGetProperty("headline", out _))
                yield return node;
        }
    }

    private static IReadOnlyList<string> JsonLdBreadcrumbs(IDocument document)
    {
        var list = JsonLdNodes(document).FirstOrDefault(n => TypeIs(n, "BreadcrumbList"));
        if (list.ValueKind != JsonValueKind.Object || !list.TryGetProperty("itemListElement", out var items) || items.ValueKind != JsonValueKind.Array)
            return [];
        return items.EnumerateArray()
            .Select(i => String(i, "name") ?? (i.TryGetProperty("item", out var item) && item.ValueKind == JsonValueKind.Object ? String(item, "name") : null))
            .OfType<string>().ToList();
    }

    private static IEnumerable<JsonElement> JsonLdNodes(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                root = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                continue; // a broken block on the page is the site's problem, not a reason to fail
            }
            foreach (var node in Flatten(root)) yield return node;
        }
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                foreach (var n in Flatten(item)) yield return n;
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            if (element.TryGetProperty("@graph", out var graph))
                foreach (var n in Flatten(graph)) yield return n;
        }
    }

    private static bool TypeIs(JsonElement node, params string[] types)
    {
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty("@type", out var t)) return false;
        return t.ValueKind switch
        {
            JsonValueKind.String => types.Contains(t.GetString()),
            JsonValueKind.Array => t.EnumerateArray().Any(x => x.ValueKind == JsonValueKind.String && types.Contains(x.GetString())),
            _ => false,
        };
    }

    private static (JsonValueKind Kind, JsonElement Value) FirstObjectOrString(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => e.GetArrayLength() > 0 ? FirstObjectOrString(e[0]) : (JsonValueKind.Undefined, e),
        JsonValueKind.Object or JsonValueKind.String => (e.ValueKind, e),
        _ => (JsonValueKind.Undefined, e),
    };

    internal static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s.Trim()
            : null;

    private static IReadOnlyList<string> Names(JsonElement e, string property)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(property, out var v)) return [];
        IEnumerable<JsonElement> items = v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [v];
        return items.Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : String(i, "name"))
            .Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).ToList();
    }

    private static string? FirstName(JsonElement e, string property) => Names(e, property) is [var first, ..] ? first : null;

    private static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
