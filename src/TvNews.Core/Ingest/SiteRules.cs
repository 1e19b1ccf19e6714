using System.Text.RegularExpressions;

namespace TvNews.Core.Ingest;

/// <summary>
/// Per-site cleanup rules, loaded from site-rules/*.json. Patterns are .NET regular expressions matched
/// against whole trimmed lines (case-insensitive). Data, not code, so a new site needs no release.
/// </summary>
public sealed record SiteRules
{
    public required string Name { get; init; }

    /// <summary>Source domains these rules belong to ("presstv.ir" also covers "www.presstv.ir"); a page fetched from one gets them.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    public bool AppliesTo(Uri url) =>
        Domains.Any(d => url.Host.Equals(d, StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));

    /// <summary>Lines matching any of these are removed.</summary>
    public IReadOnlyList<string> BoilerplateLines { get; init; } = [];

    /// <summary>The first line matching any of these ends the article: it and everything after are footer.</summary>
    public IReadOnlyList<string> FooterStarts { get; init; } = [];

    /// <summary>Patterns with a named group <c>credit</c> that find a photo credit at the end of a caption paragraph.</summary>
    public IReadOnlyList<string> CreditPatterns { get; init; } = [];

    /// <summary>Rules every source gets, whatever its site: the generic heuristics as data.</summary>
    public static SiteRules Generic { get; } = new()
    {
        Name = "generic",
        BoilerplateLines =
        [
            @"share( this)?( article| story| on \w+)?|partager( cet article)?|поделиться|اشتراک ?گذاری|شارك|مشاركة",
            @"(download|get) (our|the) (app|application).*",
            @".*\b(app store|google play)\b.*",
            @"(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?",
            @"https?://\S+",
            @"(follow|like) us on .*|suivez-nous.*|подписывайтесь.*|ما را در .* دنبال کنید",
            @"print|email|e-mail|tweet|whatsapp|telegram|facebook|twitter|imprimer|печать|چاپ|طباعة",
            @"advertisement|publicité|реклама|تبلیغات|إعلان|sponsored",
            @"(read|see) (also|more)\b.*|lire aussi.*|à lire aussi.*|читайте также.*|بیشتر بخوانید.*|اقرأ أيضا.*",
            @"(sign up|subscribe)( to| for)? (our|the) newsletter.*|inscrivez-vous.*|подпишитесь.*",
            @"©.*|copyright .*|all rights reserved.*|tous droits réservés.*|все права защищены.*|کلیه حقوق.*|جميع الحقوق محفوظة.*",
            @"captcha|security code|code de sécurité|код с картинки|کد امنیتی|رمز التحقق",
            @"(your )?(name|email|e-mail|comment|message)\s*\*?:?|send|submit|envoyer|отправить|ارسال|إرسال|نام|ایمیل",
        ],
        FooterStarts =
        [
            @".*\bcan also be accessed at\b.*",
            @"(related( news| articles| stories| content)?|read more|more (news|stories)|you may also like|most read|most popular):?",
            @"(articles similaires|sur le même sujet|les plus lus|à lire aussi):?",
            @"(похожие новости|по теме|читайте также|самое читаемое|другие новости):?",
            @"(اخبار مرتبط|مطالب مرتبط|خبرهای مرتبط|پربازدیدترین ها|پربازدیدترین‌ها|پربیننده ترین|نظرات|نظر شما|ارسال نظر):?",
            @"(أخبار ذات صلة|مواضيع ذات صلة|الأكثر قراءة|التعليقات|أضف تعليق|اقرأ أيضا):?",
            @"(leave|post|add|write|send) (a |your )?(comment|reply).*|your comment:?|comments?( \(\d+\))?:?",
            @"(laisser|ajouter) un commentaire.*|commentaires?( \(\d+\))?:?|комментарии( \(\d+\))?:?|оставить комментарий.*",
        ],
        CreditPatterns =
        [
            @"\((?:photo|image|picture|file photo|photo credit|crédit photo|фото|عکس|صورة|الصورة)\s*(?:by|:|credit:?|par)?\s*(?<credit>[^)]+)\)\s*$",
            @"\((?<credit>(?:AFP|AP|Reuters|EPA|Getty Images|IRNA|ISNA|TASS|ТАСС|РИА Новости|Xinhua|Anadolu|ایرنا|ایسنا|رويترز|فرانس برس)[^)]*)\)\s*$",
            @"(?:^|[.!?]\s+|\s[|–—-]\s)(?:photo|image|crédit photo|фото|عکس|صورة)\s*(?:by|:|-|©)\s*(?<credit>[\p{L}][\p{L}\p{M} .&/'’-]{1,60})\s*$",
            @"\s(?:Photo|Image|Фото|Crédit photo)\s*:\s*(?<credit>\p{Lu}[\p{L}\p{M} .&/'’-]{1,60})\s*$",
        ],
    };

    // Rules are data loaded once, but parsed against every article: build each pattern's Regex once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), Regex> Cache = new();

    public static Regex[] Compile(IEnumerable<string> patterns, bool wholeLine) =>
        patterns.Select(p => Cache.GetOrAdd((p, wholeLine), key => new Regex(Anchor(key.Item1, key.Item2),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(200)))).ToArray();

    // ".*\bfoo\b.*" as a whole-line match is the same as searching for "\bfoo\b", without the backtracking.
    private static string Anchor(string pattern, bool wholeLine)
    {
        if (!wholeLine) return pattern;
        if (pattern.StartsWith(".*", StringComparison.Ordinal) && pattern.EndsWith(".*", StringComparison.Ordinal) &&
            pattern.Length > 4 && !HasTopLevelAlternation(pattern))
            return pattern[2..^2];
        return $"^(?:{pattern})$";
    }

    private static bool HasTopLevelAlternation(string pattern)
    {
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\': i++; break;
                case '(': depth++; break;
                case ')': depth--; break;
                case '|' when depth == 0: return true;
            }
        }
        return false;
    }
}
