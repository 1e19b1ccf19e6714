using System.Text.RegularExpressions;
using TvNews.Core.Articles;

namespace TvNews.Core.Ingest;

/// <summary>
/// Parses the raw text dumps news sites produce when an article page is copied as text:
/// breadcrumb, headline, photo caption with credit, optional dateline, body, and a footer of site chrome.
/// </summary>
public static partial class RawTextArticleParser
{
    private const int MaxHeadlineLength = 200;
    private const int MaxBreadcrumbLength = 80;

    public static IngestResult Parse(string text, IReadOnlyList<SiteRules> siteRules, string defaultLanguage)
    {
        var rules = siteRules.Prepend(SiteRules.Generic).ToList();
        var boilerplate = rules.SelectMany(r => SiteRules.Compile(r.BoilerplateLines, wholeLine: true)).ToArray();
        var footers = rules.SelectMany(r => SiteRules.Compile(r.FooterStarts, wholeLine: true)).ToArray();
        var credits = rules.SelectMany(r => SiteRules.Compile(r.CreditPatterns, wholeLine: false)).ToArray();

        var blocks = SplitBlocks(text, boilerplate, footers);
        if (blocks.Count == 0) return IngestResult.Fail("The article has no text once site boilerplate is removed.");

        // Above the headline: breadcrumbs and metadata lines (timestamps, news codes, reporter ids) in any order.
        string? section = null, category = null, byline = null;
        DateTimeOffset? publishedAt = null;
        for (var guard = 0; guard < 8 && blocks.Count > 1; guard++)
        {
            if (ConsumeMetadata(blocks[0], ref byline, ref publishedAt))
            {
                blocks.RemoveAt(0);
            }
            else if (section is null && ParseBreadcrumb(blocks[0], blocks.Count > 1 ? blocks[1] : null) is { } crumbs)
            {
                section = crumbs[0];
                category = crumbs.Length > 1 ? crumbs[^1] : null;
                blocks.RemoveAt(0);
            }
            else
            {
                break;
            }
        }
        if (blocks.Count == 0) return IngestResult.Fail("The article has a breadcrumb but no headline or body.");

        string headline;
        var headlineDerived = false;
        if (LooksLikeHeadline(blocks[0]) && blocks.Count > 1)
        {
            headline = blocks[0];
            blocks.RemoveAt(0);
        }
        else
        {
            headline = Headlines.Derive(blocks[0]);
            headlineDerived = true;
        }

        // Under the headline: more metadata, a reporter block, the headline repeated as a caption line.
        while (blocks.Count > 1 && (ConsumeMetadata(blocks[0], ref byline, ref publishedAt) || SameText(blocks[0], headline)))
            blocks.RemoveAt(0);

        string? caption = null, credit = null;
        // The caption, when there is one, sits right under the headline, before the body.
        for (var i = 0; i < Math.Min(2, blocks.Count); i++)
        {
            var m = credits.Select(c => c.Match(blocks[i])).FirstOrDefault(m => m.Success);
            if (m is null) continue;
            credit = m.Groups["credit"].Value.Trim();
            caption = blocks[i][..m.Index].Trim();
            blocks.RemoveAt(i);
            break;
        }

        // A caption line that only repeats the headline is not a caption; nor is a reporter block further down.
        blocks.RemoveAll(b => SameText(b, headline));
        for (var i = 0; i < Math.Min(3, blocks.Count); i++)
        {
            if (blocks.Count > 1 && ConsumeMetadata(blocks[i], ref byline, ref publishedAt)) blocks.RemoveAt(i--);
        }
        if (blocks.Count == 0) return IngestResult.Fail("The article has a headline but no body paragraphs.");

        var (dateline, lead) = Datelines.Split(blocks[0]);
        blocks[0] = lead;

        var people = PersonIndex.Build(caption is null ? blocks : blocks.Prepend(caption));
        var quotes = QuoteExtractor.Extract(blocks, people);

        return IngestResult.Ok(new Article
        {
            Headline = headline,
            HeadlineDerived = headlineDerived,
            Section = section,
            Category = category,
            Byline = byline,
            Dateline = dateline,
            PublishedAt = publishedAt,
            LeadImage = string.IsNullOrEmpty(caption) && string.IsNullOrEmpty(credit)
                ? null
                : new ArticleImage(null, string.IsNullOrEmpty(caption) ? null : caption, string.IsNullOrEmpty(credit) ? null : credit),
            Paragraphs = blocks,
            Quotes = quotes,
            Language = LanguageDetector.Detect(string.Join(' ', blocks), defaultLanguage),
        });
    }

    /// <summary>Paragraphs separated by blank lines, with wrapped lines joined and site chrome removed.</summary>
    private static List<string> SplitBlocks(string text, Regex[] boilerplate, Regex[] footers)
    {
        var blocks = new List<string>();
        var current = new List<string>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = Whitespace().Replace(raw, " ").Trim();
            if (footers.Any(f => f.IsMatch(line)))
            {
                break;
            }
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            if (boilerplate.Any(b => b.IsMatch(line))) continue;
            // Above the story, a metadata line stays its own block even without a blank line around it.
            if (blocks.All(b => b.Length < 150) && IsMetadataLine(line))
            {
                Flush();
                blocks.Add(line);
                continue;
            }
            current.Add(line);
        }
        Flush();
        return blocks;

        void Flush()
        {
            if (current.Count == 0) return;
            blocks.Add(GluedSentence().Replace(string.Join(' ', current), "$1. $2"));
            current.Clear();
        }
    }

    /// <summary>
    /// "News / Russia", "Home  >  World  >  Europe", "سیاسی | بین الملل": one to three crumbs (a leading Home is
    /// dropped). A single word counts only when a headline-like line follows it, so a short headline is not mistaken.
    /// </summary>
    private static string[]? ParseBreadcrumb(string block, string? next)
    {
        if (block.Length > MaxBreadcrumbLength || EndsSentence(block)) return null;
        var parts = BreadcrumbSeparator().Split(block).Select(p => p.Trim()).Where(p => p.Length > 0 && !HomeCrumb().IsMatch(p)).ToArray();
        var separated = BreadcrumbSeparator().IsMatch(block);
        if (parts.Length == 0 || parts.Length > 4 || parts.Any(p => p.Length > 30 || p.Split(' ').Length > 4)) return null;
        if (!separated && (parts[0].Split(' ').Length > 2 || next is null || !LooksLikeHeadline(next))) return null;
        return parts;
    }

    /// <summary>Timestamps, news codes, journalist ids, reporter and editor lines: read what is useful, drop the line.</summary>
    private static bool ConsumeMetadata(string block, ref string? byline, ref DateTimeOffset? publishedAt)
    {
        if (block.Length > 120) return false;
        if (Reporter().Match(block) is { Success: true } reporter)
        {
            byline ??= reporter.Groups["name"].Value.Trim();
            return true;
        }
        if (MetadataLine().IsMatch(block)) return true;
        if (Timestamp().IsMatch(block) || Timestamps.IsDateLine(block))
        {
            publishedAt ??= Timestamps.Parse(block);
            return true;
        }
        return false;
    }

    private static bool IsMetadataLine(string line) =>
        line.Length <= 120 && (Reporter().IsMatch(line) || MetadataLine().IsMatch(line) || Timestamp().IsMatch(line) || Timestamps.IsDateLine(line));

    private static bool SameText(string a, string b) =>
        string.Equals(Normalise(a), Normalise(b), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string s) => Whitespace().Replace(s, " ").Trim().TrimEnd('.', ' ');

    private static bool EndsSentence(string text) => text.Length > 0 && text[^1] is '.' or '!' or '?' or '؟';

    private static bool LooksLikeHeadline(string block) =>
        block.Length is > 3 and <= MaxHeadlineLength && !block.EndsWith('.') && CountSentences(block) <= 1 && block.Split(' ').Length >= 3;

    private static int CountSentences(string text) => Headlines.CountSentences(text);


    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // "Gulf.After": a sentence glued to the next across a lost line break (lowercase word, period, capitalised word).
    [GeneratedRegex(@"(\p{Ll}{2}|[\u0600-\u06FF]{2})\.(\p{Lu}\p{Ll}+|[\u0600-\u06FF]{2})")]
    private static partial Regex GluedSentence();

    [GeneratedRegex(@"\s*(?:/|>|»|›|\||\\)\s*")]
    private static partial Regex BreadcrumbSeparator();

    [GeneratedRegex(@"^(?:home|accueil|главная|الرئيسية|خانه|صفحه اصلی|startseite)$", RegexOptions.IgnoreCase)]
    private static partial Regex HomeCrumb();

    // "Reporter: Jane Doe", "By Jane Doe", "Par Jean Dupont", "Автор: ...", "خبرنگار: ...", "بقلم ..."
    [GeneratedRegex(@"^(?:reporter|reported by|correspondent|written by|by|par|auteur|автор|корреспондент|خبرنگار|گزارشگر|نویسنده|بقلم|المراسل|مراسل)\s*[:：-]?\s+(?<name>[\p{L}][\p{L}\p{M} .'’-]{1,60})$", RegexOptions.IgnoreCase)]
    private static partial Regex Reporter();

    // News codes, journalist ids, editor codes, tag lists, view counts, reading time.
    [GeneratedRegex(@"^(?:news code|news id|journalist id|editor|editor code|edited by|translated by|code|tags?|keywords?|views?|reading time|source|کد خبر|کد خبرنگار|شناسه خبر|کد مطلب|برچسب ها|برچسب‌ها|منبع|رمز الخبر|الوسوم|كلمات مفتاحية|المصدر|код новости|теги|метки|источник|mots-clés|étiquettes|source)\s*[:：#-]\s*\S.{0,110}$", RegexOptions.IgnoreCase)]
    private static partial Regex MetadataLine();

    // A line that is only a date and/or time: "12 March 2025 - 14:05", "2025-03-12 14:05", "14:05 GMT", "۱۴۰۳/۱۲/۲۲ - ۱۴:۰۵".
    [GeneratedRegex(@"^(?:\p{L}+,?\s+)?(?:" + Timestamps.Date + @"(?:[\s,|–—-]+" + Timestamps.Time + ")?|" + Timestamps.Time + @"(?:[\s,|–—-]+" + Timestamps.Date + ")?)" + Timestamps.Zone + "$")]
    private static partial Regex Timestamp();


}

public sealed record IngestResult(Article? Article, string? Error)
{
    public static IngestResult Ok(Article article) => new(article, null);
    public static IngestResult Fail(string error) => new(null, error);
}
