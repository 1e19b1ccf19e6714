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

        string? section = null, category = null;
        if (ParseBreadcrumb(blocks[0]) is { } crumbs)
        {
            section = crumbs[0];
            category = crumbs[^1];
            blocks.RemoveAt(0);
        }
        if (blocks.Count == 0) return IngestResult.Fail("The article has a breadcrumb but no headline or body.");

        string headline;
        var headlineDerived = false;
        if (LooksLikeHeadline(blocks[0]))
        {
            headline = blocks[0];
            blocks.RemoveAt(0);
        }
        else
        {
            headline = DeriveHeadline(blocks[0]);
            headlineDerived = true;
        }

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

        // A caption line that only repeats the headline is not a caption.
        blocks.RemoveAll(b => string.Equals(b, headline, StringComparison.Ordinal));
        if (blocks.Count == 0) return IngestResult.Fail("The article has a headline but no body paragraphs.");

        string? dateline = null;
        if (Dateline().Match(blocks[0]) is { Success: true } d)
        {
            dateline = d.Groups["dateline"].Value.Trim();
            blocks[0] = blocks[0][(d.Index + d.Length)..].Trim();
        }

        var people = PersonIndex.Build(caption is null ? blocks : blocks.Prepend(caption));
        var quotes = QuoteExtractor.Extract(blocks, people);

        return IngestResult.Ok(new Article
        {
            Headline = headline,
            HeadlineDerived = headlineDerived,
            Section = section,
            Category = category,
            Dateline = dateline,
            LeadImage = string.IsNullOrEmpty(caption) && string.IsNullOrEmpty(credit)
                ? null
                : new LeadImage(null, string.IsNullOrEmpty(caption) ? null : caption, string.IsNullOrEmpty(credit) ? null : credit),
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

    private static string[]? ParseBreadcrumb(string block)
    {
        if (block.Length > MaxBreadcrumbLength || !BreadcrumbSeparator().IsMatch(block)) return null;
        var parts = BreadcrumbSeparator().Split(block).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        if (parts.Length is < 2 or > 4 || parts.Any(p => p.Length > 30 || p.EndsWith('.'))) return null;
        return parts;
    }

    private static bool LooksLikeHeadline(string block) =>
        block.Length <= MaxHeadlineLength && !block.EndsWith('.') && CountSentences(block) <= 1;

    private static int CountSentences(string text) => SentenceBoundary().Count(text) + 1;

    /// <summary>No headline in the source: use the lead's first sentence, cut at a word boundary.</summary>
    private static string DeriveHeadline(string lead)
    {
        var first = SentenceBoundary().Split(lead)[0].Trim().TrimEnd('.');
        if (first.Length <= 120) return first;
        var cut = first.LastIndexOf(' ', 117);
        return first[..(cut > 40 ? cut : 117)] + "\u2026";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // "Gulf.After": a sentence glued to the next across a lost line break (lowercase word, period, capitalised word).
    [GeneratedRegex(@"([a-z]{2})\.([A-Z][a-z]+)")]
    private static partial Regex GluedSentence();

    [GeneratedRegex(@"\s*(?:/|>|»|\|)\s*")]
    private static partial Regex BreadcrumbSeparator();

    [GeneratedRegex(@"[.!?]\s+(?=[A-Z\u201C""])")]
    private static partial Regex SentenceBoundary();

    // MOSCOW (AP) —   TEHRAN, Aug. 05 (MNA) –   LONDON, May 19 —
    [GeneratedRegex(@"^(?<dateline>[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([A-Za-z]{2,12}\))?)\s*[\u2014\u2013-]{1,2}\s+")]
    private static partial Regex Dateline();
}

public sealed record IngestResult(Article? Article, string? Error)
{
    public static IngestResult Ok(Article article) => new(article, null);
    public static IngestResult Fail(string error) => new(null, error);
}
