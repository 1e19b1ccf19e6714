using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using TvNews.Core.Articles;

namespace TvNews.Ingest.Html;

public static partial class HtmlArticleExtractor
{
    /// <summary>At most this many in-body pictures are kept per article (each is downloaded at ingest).</summary>
    public const int MaxBodyImages = 4;

    /// <summary>Declared sizes below these are icons, avatars, pixels and thumbnails, never a TV picture.</summary>
    private const int MinDeclaredWidth = 200;
    private const int MinDeclaredHeight = 120;

    private const string FigureMarker = "tvnews-figure";

    /// <summary>An in-body picture found in the content, and the marker left where it stood.</summary>
    private sealed record BodyFigure(Figure Figure, IElement Marker);

    /// <summary>
    /// The pictures inside the article body besides the lead: each figure (img with figcaption or a caption block and a
    /// credit; a gallery counts once, as its first picture with the gallery's caption), or a bare img whose alt text
    /// describes it. Icons, logos, avatars, tracking pixels, tiny images,
    /// pictures that link to other pages (promos) and repeats of the lead are skipped. Each picture block is replaced by
    /// a marker, so its caption never leaks into the paragraphs and <see cref="ReadBody"/> learns where it stood.
    /// </summary>
    private static List<BodyFigure> ReadBodyFigures(IElement content, IDocument document, Uri? baseUrl, IEnumerable<string?> leadUrls,
        EmbeddedState state, Regex[] creditPatterns)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var url in leadUrls)
            seen.UnionWith(ImageKeys(url));
        var figures = new List<BodyFigure>();
        foreach (var img in content.QuerySelectorAll("img").ToList())
        {
            if (!content.Contains(img)) continue; // inside a block already taken (a gallery's second picture)
            var url = ImageSource(img, baseUrl);
            if (url is null || IsDecoration(img, url, content)) continue;
            var block = FigureBlock(img, content);
            var keys = ImageKeys(url).ToList();
            if (keys.Any(seen.Contains) || figures.Count == MaxBodyImages)
            {
                // A repeat of the lead, or past the cap: its caption must still not become a paragraph.
                block.Remove();
                continue;
            }
            seen.UnionWith(keys);

            var (caption, credit) = ReadCaption(block, creditPatterns);
            caption ??= DescriptiveAlt(img.GetAttribute("alt"));
            if ((caption is null || credit is null) && state.FindImage(url) is { } fromState)
            {
                caption ??= fromState.Caption;
                credit ??= fromState.Credit;
            }
            var marker = document.CreateElement(FigureMarker);
            block.Replace(marker);
            figures.Add(new BodyFigure(new Figure(url, caption, credit), marker));
        }
        return figures;
    }

    /// <summary>The figure (or caption-holding wrapper) a body picture sits in; the picture itself when it has none.</summary>
    private static IElement FigureBlock(IElement img, IElement content)
    {
        if (img.Closest("figure") is { } figure && content.Contains(figure) && figure != content)
        {
            // A gallery's pictures sit in captionless figures inside the captioned one: the gallery is one picture, its first.
            while (figure.QuerySelector("figcaption, [class*='caption']") is null && figure.ParentElement?.Closest("figure") is { } outer &&
                   content.Contains(outer) && outer != content)
                figure = outer;
            return figure;
        }
        var block = img.ParentElement?.LocalName == "picture" ? img.ParentElement : img;
        for (var (up, level) = (block.ParentElement, 0); up is not null && up != content && level < 3; up = up.ParentElement, level++)
        {
            if (up.QuerySelectorAll("img").Length != 1) break;
            if (up.QuerySelector("figcaption, [class*='caption'], [class*='credit']") is not null) return up;
        }
        // A picture alone in a paragraph or link: the wrapper goes with it (it holds nothing else).
        while (block.ParentElement is { } parent && parent != content && parent.LocalName is "p" or "a" or "div" or "span" &&
               parent.Children.Length == 1 && string.IsNullOrWhiteSpace(parent.TextContent))
            block = parent;
        return block;
    }

    private static (string? Caption, string? Credit) ReadCaption(IElement block, Regex[] creditPatterns)
    {
        var captionElement = block.QuerySelector("figcaption") ?? block.QuerySelector("[class*='caption']");
        string? caption = null, credit = null;
        if (captionElement is not null)
        {
            var creditElement = captionElement.QuerySelector(".credit, .copyright, .photo-credit, [class*='credit'], [itemprop='copyrightHolder'], small, cite");
            if (creditElement is not null)
            {
                credit = StripCreditPrefix(Clean(creditElement.TextContent));
                creditElement.Remove();
            }
            caption = Clean(captionElement.TextContent);
            if (caption is not null && credit is null && SplitCredit(caption, creditPatterns) is { } split)
                (caption, credit) = split;
        }
        if (credit is null && block.QuerySelector("[class*='credit'], .copyright") is { } looseCredit)
            credit = StripCreditPrefix(Clean(looseCredit.TextContent));
        return (caption, credit);
    }

    /// <summary>
    /// The picture's address: src, else the lazy-loading attributes, else the widest srcset candidate. A data: URI is a
    /// lazy-loading placeholder, never the picture.
    /// </summary>
    private static string? ImageSource(IElement img, Uri? baseUrl)
    {
        foreach (var name in new[] { "src", "data-src", "data-lazy-src", "data-original" })
        {
            var value = img.GetAttribute(name);
            if (!string.IsNullOrWhiteSpace(value) && !value.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                return Absolute(baseUrl, value);
        }
        var srcset = img.GetAttribute("srcset") ?? img.GetAttribute("data-srcset");
        if (string.IsNullOrWhiteSpace(srcset)) return null;
        var widest = srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length > 0)
            .MaxBy(parts => parts.Length > 1 && parts[1].EndsWith('w') && int.TryParse(parts[1][..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0);
        return widest is null ? null : Absolute(baseUrl, widest[0]);
    }

    /// <summary>Icons, logos, avatars, tracking pixels, tiny images and in-body promos for other stories.</summary>
    private static bool IsDecoration(IElement img, string url, IElement content)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ico", StringComparison.OrdinalIgnoreCase)) return true;
        if (DecorationPath().IsMatch(path)) return true;
        if (Declared(img, "width") is < MinDeclaredWidth || Declared(img, "height") is < MinDeclaredHeight) return true;
        if (DecorationWords().IsMatch(img.GetAttribute("alt") ?? "")) return true;
        for (var (e, level) = (img, 0); e is not null && e != content && level < 4; e = e.ParentElement, level++)
        {
            if (DecorationToken().IsMatch((e.ClassName ?? "") + " " + (e.Id ?? ""))) return true;
        }
        // A picture that links to another page is a teaser for that page; one that links to its own full size is not.
        var link = img.Closest("a")?.GetAttribute("href");
        return link is not null && !link.StartsWith('#') && !ImageFile().IsMatch(link.Split('?', '#')[0]);
    }

    /// <summary>A width or height given in the attribute or inline style, in CSS pixels; null when not declared.</summary>
    private static int? Declared(IElement img, string dimension)
    {
        var value = img.GetAttribute(dimension);
        if (value is null && img.GetAttribute("style") is { } style)
            value = StyleSize().Matches(style).FirstOrDefault(m => m.Groups["name"].Value.Equals(dimension, StringComparison.OrdinalIgnoreCase))?.Groups["value"].Value;
        return value is not null && int.TryParse(value.Trim().TrimEnd('x', 'p'), NumberStyles.None, CultureInfo.InvariantCulture, out var px) ? px : null;
    }

    /// <summary>An alt text worth showing as a caption: a few words, not a file name or a bare "photo".</summary>
    private static string? DescriptiveAlt(string? alt)
    {
        var text = Clean(alt);
        if (text is null || text.Split(' ').Length < 3 || ImageFile().IsMatch(text)) return null;
        return text;
    }

    /// <summary>Ways one picture's address is recognised again: the full path and the file name without extension.</summary>
    private static IEnumerable<string> ImageKeys(string? url)
    {
        if (url is null) yield break;
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host + uri.AbsolutePath : url.Split('?', '#')[0];
        yield return path;
        var stem = Path.GetFileNameWithoutExtension(path);
        if (stem.Length > 3) yield return "name:" + stem;
    }

    private static List<ArticleImage> PlaceBodyImages(List<BodyFigure> figures, IReadOnlyDictionary<IElement, int> positions) =>
        figures.Where(f => positions.ContainsKey(f.Marker))
            .Select(f => new ArticleImage(f.Figure.Url, f.Figure.Caption, f.Figure.Credit) { BeforeParagraph = positions[f.Marker] })
            .ToList();

    [GeneratedRegex(@"(?:^|[\s_-])(?:icons?|logos?|avatars?|sprites?|pixel|tracking|tracker|spacer|badges?|emoji|gravatar|headshot|mugshot|author|byline|profile|beacon|placeholder|spinner|loader|share|social|button|ads?|advert\w*|sponsor\w*)(?:$|[\s_\-\d])", RegexOptions.IgnoreCase)]
    private static partial Regex DecorationToken();

    [GeneratedRegex(@"(?:^|[/_.-])(?:icons?|logos?|avatars?|sprites?|pixel|tracking|spacer|badges?|emoji|gravatar|beacon|placeholder|blank|1x1)(?:$|[/_.\-\d])", RegexOptions.IgnoreCase)]
    private static partial Regex DecorationPath();

    [GeneratedRegex(@"\b(?:logo|icon|avatar|emoji)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DecorationWords();

    [GeneratedRegex(@"\.(?:jpe?g|png|gif|webp|avif)$", RegexOptions.IgnoreCase)]
    private static partial Regex ImageFile();

    [GeneratedRegex(@"(?:^|;)\s*(?<name>width|height)\s*:\s*(?<value>\d+)px", RegexOptions.IgnoreCase)]
    private static partial Regex StyleSize();
}
