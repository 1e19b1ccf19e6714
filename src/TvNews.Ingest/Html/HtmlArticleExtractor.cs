using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using TvNews.Core.Articles;
using TvNews.Core.Ingest;

namespace TvNews.Ingest.Html;

/// <summary>
/// Extracts the article from a news page: metadata from JSON-LD and meta tags, the body from the element whose
/// paragraphs carry the most non-link text (after page chrome is removed), and the lead image with its caption
/// and credit from figure/figcaption, JSON-LD or the page's embedded JSON state.
/// </summary>
public static partial class HtmlArticleExtractor
{
    private const int MinParagraphChars = 25;

    public static IngestResult Extract(string html, Uri? pageUrl, IReadOnlyList<SiteRules> siteRules, string defaultLanguage)
    {
        if (string.IsNullOrWhiteSpace(html)) return IngestResult.Fail("The page is empty.");
        var document = new HtmlParser().ParseDocument(html);
        var meta = PageMetadata.Read(document);
        var rules = siteRules.Prepend(SiteRules.Generic).ToList();
        var boilerplate = rules.SelectMany(r => SiteRules.Compile(r.BoilerplateLines, wholeLine: true)).ToArray();
        var footers = rules.SelectMany(r => SiteRules.Compile(r.FooterStarts, wholeLine: true)).ToArray();
        var creditPatterns = rules.SelectMany(r => SiteRules.Compile(r.CreditPatterns, wholeLine: false)).ToArray();

        // Read what cleanup would destroy: headings, bylines, breadcrumbs, the lead figure and embedded state.
        var h1 = Clean(document.QuerySelector("article h1, main h1, h1")?.TextContent);
        var byline = ReadByline(document, meta);
        var crumbs = meta.Breadcrumbs.Count > 0 ? meta.Breadcrumbs : ReadBreadcrumbs(document);
        var baseUrl = pageUrl ?? (Uri.TryCreate(meta.Canonical, UriKind.Absolute, out var canonical) ? canonical : null);
        var state = EmbeddedState.Read(document);

        RemoveChrome(document);
        var content = FindContent(document);
        if (content is null) return IngestResult.Fail("No article text was found on the page.");

        var figure = ReadLeadFigure(content, document, baseUrl, meta.ImageUrl, creditPatterns);
        var imageUrl = Absolute(baseUrl, meta.ImageUrl) ?? figure.Url;
        var bodyFigures = ReadBodyFigures(content, document, baseUrl, [imageUrl, figure.Url], state, creditPatterns);
        var (paragraphs, subheads, figurePositions) = ReadBody(content, boilerplate, footers);
        if (paragraphs.Count == 0) return IngestResult.Fail("No article paragraphs were found on the page.");

        var (dateline, lead) = Datelines.Split(paragraphs[0]);
        paragraphs[0] = lead;

        var headline = ChooseHeadline(meta, h1);
        var derived = headline is null;
        headline ??= Headlines.Derive(paragraphs[0]);

        var caption = figure.Caption ?? meta.ImageCaption;
        var credit = figure.Credit ?? meta.ImageCredit;
        if (imageUrl is not null && (caption is null || credit is null) && state.FindImage(imageUrl) is { } fromState)
        {
            caption ??= fromState.Caption;
            credit ??= fromState.Credit;
        }
        if (caption is not null && credit is null && SplitCredit(caption, creditPatterns) is { } split)
            (caption, credit) = split;

        var text = string.Join(' ', paragraphs);
        var language = ChooseLanguage(meta.Language, text, defaultLanguage);
        var people = PersonIndex.Build(caption is null ? paragraphs : paragraphs.Prepend(caption));
        string? section = null, category = null;
        if (crumbs.Count > 0)
        {
            section = crumbs[0];
            category = crumbs.Count > 1 ? crumbs[^1] : null;
        }
        else if (meta.Section is not null)
        {
            section = meta.Section;
        }

        return IngestResult.Ok(new Article
        {
            Headline = headline,
            HeadlineDerived = derived,
            Section = section,
            Category = category,
            Byline = byline,
            Dateline = dateline,
            PublishedAt = meta.Published,
            Language = language,
            LeadImage = imageUrl is null && caption is null ? null : new ArticleImage(imageUrl, caption, credit),
            Images = PlaceBodyImages(bodyFigures, figurePositions),
            Paragraphs = paragraphs,
            Subheads = subheads,
            Quotes = QuoteExtractor.Extract(paragraphs, people),
            SourceUrl = Absolute(baseUrl, meta.Canonical) ?? pageUrl?.AbsoluteUri,
        });
    }

    /// <summary>
    /// The page title often carries the site name ("Headline | Site"); JSON-LD's headline does not. Prefer it,
    /// then og:title, then the h1, then the title, each with a site-name suffix removed.
    /// </summary>
    private static string? ChooseHeadline(PageMetadata meta, string? h1)
    {
        foreach (var candidate in new[] { meta.JsonLdHeadline, meta.OgTitle, h1, meta.Title })
        {
            var cleaned = StripSiteName(Clean(candidate), meta.SiteName, h1);
            if (!string.IsNullOrWhiteSpace(cleaned)) return cleaned;
        }
        return null;
    }

    private static string? StripSiteName(string? title, string? siteName, string? h1)
    {
        if (title is null) return null;
        if (h1 is not null && title.StartsWith(h1, StringComparison.Ordinal) && title.Length > h1.Length) return h1;
        var m = SiteSuffix().Match(title);
        if (m.Success)
        {
            var suffix = m.Groups["site"].Value;
            var isSite = siteName is not null
                ? suffix.Contains(siteName, StringComparison.OrdinalIgnoreCase) || siteName.Contains(suffix, StringComparison.OrdinalIgnoreCase)
                : suffix.Split(' ').Length <= 4;
            if (isSite) return title[..m.Index].Trim();
        }
        return title;
    }

    private static string ChooseLanguage(string? declared, string text, string fallback)
    {
        var declaredCode = declared?.Split('-', '_')[0].Trim().ToLowerInvariant();
        var detected = LanguageDetector.Detect(text, declaredCode is { Length: 2 } ? declaredCode : fallback);
        // Trust the page's lang when the script agrees (it tells French from English); the script wins otherwise.
        return declaredCode is { Length: 2 } && LanguageDetector.Detect(text, declaredCode) == declaredCode ? declaredCode : detected;
    }

    private static string? ReadByline(IDocument document, PageMetadata meta)
    {
        var raw = meta.Authors.Count > 0
            ? string.Join(" and ", meta.Authors)
            : document.QuerySelector("meta[name='author']")?.GetAttribute("content")
              ?? document.QuerySelector("[rel='author'], [itemprop='author'], .byline, .author, .article-author, .story-author")?.TextContent;
        var byline = Clean(raw);
        if (byline is null) return null;
        byline = BylinePrefix().Replace(byline, "").Trim();
        return byline.Length is > 0 and <= 100 ? byline : null;
    }

    private static IReadOnlyList<string> ReadBreadcrumbs(IDocument document)
    {
        var container = document.QuerySelector("nav[aria-label*='readcrumb'], [itemtype*='BreadcrumbList'], .breadcrumb, .breadcrumbs, ol.crumbs");
        if (container is null) return [];
        var items = container.QuerySelectorAll("li, a").Select(e => Clean(e.TextContent)).OfType<string>()
            .Where(t => t.Length is > 0 and <= 40 && !HomeCrumb().IsMatch(t)).Distinct().ToList();
        return items;
    }

    /// <summary>Removes everything that is not article: scripts, navigation, share, newsletter, cookie, related, comments, ads.</summary>
    private static void RemoveChrome(IDocument document)
    {
        foreach (var e in document.QuerySelectorAll(
                     "script, style, noscript, template, iframe, svg, form, button, input, select, textarea, nav, aside, footer, " +
                     "[role='navigation'], [role='banner'], [role='complementary'], [role='contentinfo'], [hidden], [aria-hidden='true']").ToList())
            e.Remove();
        foreach (var e in document.QuerySelectorAll("header").ToList())
        {
            // A page header is chrome; an article's own header only holds the headline, read already.
            e.Remove();
        }
        foreach (var e in document.All.Where(IsChrome).ToList())
            e.Remove();
    }

    private static bool IsChrome(IElement e)
    {
        if (e.LocalName is "html" or "body" or "article" or "main") return false;
        var tokens = (e.ClassName ?? "") + " " + (e.Id ?? "");
        if (tokens.Length <= 1) return false;
        return ChromeToken().IsMatch(tokens) && !ContentToken().IsMatch(tokens);
    }

    /// <summary>
    /// The element that holds the article: an explicit articleBody, else the best-scoring container, where each
    /// paragraph gives its text length (less its link text) to its parent and half to its grandparent.
    /// </summary>
    private static IElement? FindContent(IDocument document)
    {
        var explicitBody = document.QuerySelector("[itemprop='articleBody'], [data-component='text-block'] ~ *, .article-body, .story-body, .entry-content, .article__text, .article-text, .post-content");
        if (explicitBody is not null && Score(explicitBody) > 200) return explicitBody;

        var scores = new Dictionary<IElement, double>();
        foreach (var p in document.QuerySelectorAll("p"))
        {
            var text = Clean(p.TextContent);
            if (text is null || text.Length < MinParagraphChars) continue;
            var value = NonLinkLength(p) + Math.Min(3, Punctuation().Count(text)) * 10;
            if (p.ParentElement is { } parent)
            {
                scores[parent] = scores.GetValueOrDefault(parent) + value;
                if (parent.ParentElement is { } grand)
                {
                    scores[grand] = scores.GetValueOrDefault(grand) + value / 2;
                    // Live blogs wrap every paragraph in its own entry: the feed holding them is three levels up.
                    if (grand.ParentElement is { } great) scores[great] = scores.GetValueOrDefault(great) + value / 3;
                }
            }
        }
        if (scores.Count == 0) return document.Body;
        var best = scores.MaxBy(kv => kv.Value).Key;
        // Bodies split by ads or inline boxes: climb while the parent holds much more article text than the winner.
        while (best.ParentElement is { } parent && parent.LocalName != "body" && scores.GetValueOrDefault(parent) > scores[best] * 1.2 &&
               Score(parent) > Score(best) * 1.15)
            best = parent;
        return best;
    }

    private static double Score(IElement element) =>
        element.QuerySelectorAll("p").Select(p => (p, t: Clean(p.TextContent))).Where(x => x.t is { Length: >= MinParagraphChars })
            .Sum(x => NonLinkLength(x.p));

    private static double NonLinkLength(IElement e)
    {
        var total = e.TextContent.Length;
        var links = e.QuerySelectorAll("a").Sum(a => a.TextContent.Length);
        return Math.Max(0, total - 2 * links);
    }

    /// <summary>
    /// The paragraphs and subheads in reading order, and how many paragraphs came before each in-body picture marker
    /// (a marker after the story's footer line is not reached: that picture is not the story's).
    /// </summary>
    private static (List<string> Paragraphs, List<Subhead> Subheads, Dictionary<IElement, int> FigurePositions) ReadBody(IElement content,
        Regex[] boilerplate, Regex[] footers)
    {
        var paragraphs = new List<string>();
        var subheads = new List<Subhead>();
        var figures = new Dictionary<IElement, int>();
        foreach (var e in content.QuerySelectorAll("p, h2, h3, li, blockquote, " + FigureMarker))
        {
            if (e.LocalName == FigureMarker)
            {
                figures[e] = paragraphs.Count;
                continue;
            }
            if (e.Closest("figure, figcaption, table") is not null) continue;
            // Nested matches (a <p> inside a <blockquote> or <li>) are read once, as the innermost element.
            if (e.LocalName is "blockquote" or "li" && e.QuerySelector("p") is not null) continue;
            if (e.LocalName == "li" && e.Closest("ul, ol")?.QuerySelectorAll("a").Length > 0 && NonLinkLength(e) < 40) continue;
            var text = Clean(e.TextContent);
            if (text is null) continue;
            if (footers.Any(f => f.IsMatch(text))) break;
            if (boilerplate.Any(b => b.IsMatch(text))) continue;
            if (e.LocalName is "h2" or "h3")
            {
                if (paragraphs.Count > 0 && text.Length <= 120) subheads.Add(new Subhead(paragraphs.Count, text));
                continue;
            }
            if (text.Length < MinParagraphChars && !EndsLikeSentence(text)) continue;
            var total = e.TextContent.Length;
            if (total > 0 && e.QuerySelectorAll("a").Sum(a => a.TextContent.Length) > total * 0.6) continue;
            if (e.LocalName == "li" && e.ParentElement?.LocalName == "ul" && !EndsLikeSentence(text)) continue;
            paragraphs.Add(text);
        }
        // A subhead after the last paragraph is page furniture ("Related"), not part of the story.
        subheads.RemoveAll(s => s.BeforeParagraph >= paragraphs.Count);
        return (paragraphs, subheads, figures);
    }

    private static bool EndsLikeSentence(string text) => text[^1] is '.' or '!' or '?' or '»' or '”' or '"' or '؟' or '。';

    private sealed record Figure(string? Url, string? Caption, string? Credit);

    /// <summary>
    /// The lead picture: the figure (or picture block) showing the page's declared og:image / JSON-LD image, else the
    /// first one in the article. Its caption and credit come from figcaption or a caption block and a credit element.
    /// </summary>
    private static Figure ReadLeadFigure(IElement content, IDocument document, Uri? baseUrl, string? declaredImage, Regex[] creditPatterns)
    {
        var candidates = document.QuerySelectorAll("figure, [class*='picture'], [class*='media'], [class*='photo'], [class*='image']")
            .Where(e => e.QuerySelector("img") is not null && e.QuerySelector("figure") is null && e.LocalName != "img" && e.LocalName != "picture")
            .ToList();
        var declaredName = declaredImage is null ? null : Path.GetFileNameWithoutExtension(declaredImage.Split('?')[0]);
        var figure = candidates.FirstOrDefault(c => declaredName is { Length: > 3 } &&
                         c.QuerySelectorAll("img, source").Any(i => (i.GetAttribute("src") ?? i.GetAttribute("srcset") ?? "").Contains(declaredName, StringComparison.Ordinal)))
                     ?? candidates.FirstOrDefault(c => c.Closest("article, main") is not null || content.Contains(c))
                     ?? candidates.FirstOrDefault();
        if (figure is null) return new Figure(null, null, null);
        // Climb from a bare image wrapper to the block that also holds the caption.
        while (figure.QuerySelector("figcaption, [class*='caption']") is null && figure.ParentElement is { } up &&
               up.QuerySelectorAll("img").Length == 1 && up.QuerySelector("figcaption, [class*='caption']") is not null)
            figure = up;

        var img = figure.QuerySelector("img");
        var src = img?.GetAttribute("src") ?? img?.GetAttribute("data-src");
        var (caption, credit) = ReadCaption(figure, creditPatterns);
        caption ??= Clean(img?.GetAttribute("alt"));
        figure.Remove();
        return new Figure(Absolute(baseUrl, src), caption, credit);
    }

    private static (string Caption, string Credit)? SplitCredit(string caption, Regex[] creditPatterns)
    {
        foreach (var pattern in creditPatterns)
        {
            var m = pattern.Match(caption);
            if (m.Success && m.Groups["credit"].Success)
            {
                // "… the bridge. Photo: X": the caption keeps its full stop; the credit pattern only starts at it.
                var end = m.Index < caption.Length && caption[m.Index] is '.' or '!' or '?' ? m.Index + 1 : m.Index;
                var rest = caption[..end].Trim();
                return (rest.Length > 0 ? rest : caption, m.Groups["credit"].Value.Trim());
            }
        }
        return null;
    }

    private static string? StripCreditPrefix(string? credit) =>
        credit is null ? null : CreditPrefix().Replace(credit, "").Trim().Trim('(', ')').Trim() is { Length: > 0 } c ? c : null;

    internal static string? Absolute(Uri? baseUrl, string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute.AbsoluteUri;
        return baseUrl is not null && Uri.TryCreate(baseUrl, url.Trim(), out var resolved) ? resolved.AbsoluteUri : null;
    }

    internal static string? Clean(string? text)
    {
        if (text is null) return null;
        var t = Spaces().Replace(text, " ").Trim();
        return t.Length == 0 ? null : t;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+[|\u2013\u2014\-:·]\s+(?<site>[^|\u2013\u2014]{2,60})$")]
    private static partial Regex SiteSuffix();

    [GeneratedRegex(@"^(?:by|par|von|автор:?|текст:?|بقلم:?|نویسنده:?|کد خبرنگار:?)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex BylinePrefix();

    [GeneratedRegex(@"^(?:photo|image|picture|crédit|credit|photo credit|фото|عکس|صورة|تصویر)\s*(?:by|:|-|©)?\s*|©\s*", RegexOptions.IgnoreCase)]
    private static partial Regex CreditPrefix();

    [GeneratedRegex(@"^(?:home|accueil|главная|الرئيسية|خانه|صفحه اصلی|startseite)$", RegexOptions.IgnoreCase)]
    private static partial Regex HomeCrumb();

    [GeneratedRegex(@"[.,;!?،؛]")]
    private static partial Regex Punctuation();

    // Class or id tokens of page chrome.
    [GeneratedRegex(@"(?:^|[\s_-])(?:share|sharing|social|newsletter|subscribe|subscription|signup|cookie|consent|gdpr|related|recommend\w*|more-stories|most-?read|popular|trending|comments?|disqus|advert\w*|ads?|ad-slot|promo|banner|breadcrumbs?|tags?|ticker|breaking-bar|live-header|paywall|outbrain|taboola|sidebar|menu|masthead|site-header|site-footer|footer|toolbar|modal|popup|read-?more|also-read|author-bio|newsletter-box)(?:$|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex ChromeToken();

    // Never remove the article itself because a token like "article-header" appears with a chrome word.
    [GeneratedRegex(@"(?:^|[\s_-])(?:article-?body|story-?body|entry-content|post-content|article__text|articlebody)(?:$|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex ContentToken();
}
