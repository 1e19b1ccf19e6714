using System.Text.RegularExpressions;

namespace TvNews.Core.Ingest;

/// <summary>
/// Per-site cleanup rules, loaded from site-rules/*.json. Patterns are .NET regular expressions matched
/// against whole trimmed lines (case-insensitive). Data, not code, so a new site needs no release.
/// </summary>
public sealed record SiteRules
{
    public required string Name { get; init; }

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
            @"share this( article| story)?",
            @"(download|get) (our|the) (app|application).*",
            @".*\b(app store|google play)\b.*",
            @"(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?",
            @"https?://\S+",
            @"(follow|like) us on .*",
            @"(related|more) (news|stories|articles):?",
            @"print|email|tweet|comments?",
        ],
        FooterStarts =
        [
            @".*\bcan also be accessed at\b.*",
            @"(related news|related articles|read more|you may also like):?",
            @"(leave|post) a comment.*",
        ],
        CreditPatterns =
        [
            @"\((?:photo|image|picture|file photo)\s*(?:by|:|credit:?)\s*(?<credit>[^)]+)\)\s*$",
            @"\((?<credit>(?:AFP|AP|Reuters|EPA|Getty Images|IRNA|TASS|Xinhua|Anadolu)[^)]*)\)\s*$",
            @"(?:photo|image)\s*(?:by|:)\s*(?<credit>[A-Z][\w .&/-]{1,60})\s*$",
        ],
    };

    internal static Regex[] Compile(IEnumerable<string> patterns, bool wholeLine) =>
        patterns.Select(p => new Regex(wholeLine ? $"^(?:{p})$" : p,
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200))).ToArray();
}
