using System.Text.Json;
using System.Text.RegularExpressions;

namespace TvNews.Core.Ingest;

public static class SiteRulesReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static (SiteRules? Rules, IReadOnlyList<string> Problems) Read(string fileName, string json)
    {
        SiteRules? rules;
        try
        {
            rules = JsonSerializer.Deserialize<SiteRules>(json, Options);
        }
        catch (JsonException e)
        {
            return (null, [$"{fileName}: not valid site rules: {e.Message}"]);
        }
        if (rules is null) return (null, [$"{fileName}: the file is empty"]);
        var problems = new List<string>();
        foreach (var pattern in rules.BoilerplateLines.Concat(rules.FooterStarts).Concat(rules.CreditPatterns))
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                problems.Add($"{fileName}: pattern '{pattern}' is not a valid regular expression: {e.Message}");
            }
        }
        foreach (var pattern in rules.CreditPatterns.Where(p => !p.Contains("(?<credit>", StringComparison.Ordinal)))
            problems.Add($"{fileName}: credit pattern '{pattern}' needs a (?<credit>...) group");
        foreach (var domain in rules.Domains.Where(d => Uri.CheckHostName(d) != UriHostNameType.Dns))
            problems.Add($"{fileName}: domain '{domain}' is not a host name");
        if (Path.GetFileNameWithoutExtension(fileName) != rules.Name)
            problems.Add($"{fileName}: name '{rules.Name}' must match the file name");
        return (problems.Count == 0 ? rules : null, problems);
    }
}
