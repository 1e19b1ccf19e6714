using System.Text.RegularExpressions;

namespace TvNews.Core.Ingest;

/// <summary>A person named in an article with the title the text gives them ("Russian Foreign Minister").</summary>
public sealed record Person(string FullName, string Surname, string? Role);

/// <summary>
/// Finds people introduced with a title ("US Secretary of State Antony Blinken") so that later
/// references ("Blinken", "the Russian foreign minister", "he") can be resolved to one name.
/// </summary>
public sealed partial class PersonIndex
{
    private readonly List<Person> _people = [];

    public IReadOnlyList<Person> People => _people;

    public static PersonIndex Build(IEnumerable<string> texts)
    {
        var index = new PersonIndex();
        foreach (var text in texts)
        {
            foreach (Match m in TitledName().Matches(text))
            {
                var name = m.Groups["name"].Value;
                var role = m.Groups["role"].Value.Trim();
                var surname = name.Split(' ')[^1];
                if (index._people.Any(p => p.FullName == name)) continue;
                index._people.Add(new Person(name, surname, role.Length == 0 ? null : role));
            }
        }
        return index;
    }

    /// <summary>Resolves a surname, full name or title description to a known person.</summary>
    public Person? Resolve(string reference)
    {
        var r = reference.Trim();
        if (r.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) r = r[4..];
        if (r.Length == 0) return null;

        var byName = _people.FirstOrDefault(p =>
            string.Equals(p.FullName, r, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(p.Surname, r, StringComparison.OrdinalIgnoreCase));
        if (byName is not null) return byName;

        // "the Russian foreign minister" names the person whose title ends with those words.
        var byRole = _people.Where(p => p.Role is not null &&
            p.Role.EndsWith(r, StringComparison.OrdinalIgnoreCase)).ToList();
        return byRole.Count == 1 ? byRole[0] : null;
    }

    /// <summary>The person mentioned last (by surname or full name) in <paramref name="text"/>.</summary>
    public Person? LastMentionedIn(string text)
    {
        Person? last = null;
        var lastAt = -1;
        foreach (var p in _people)
        {
            var at = text.LastIndexOf(p.Surname, StringComparison.Ordinal);
            if (at > lastAt)
            {
                lastAt = at;
                last = p;
            }
        }
        return last;
    }

    // A title keyword, optionally preceded by up to three capitalised qualifiers ("US", "Russian Foreign"),
    // followed by a two- or three-word capitalised name.
    [GeneratedRegex("""
        (?<role>(?:(?:[A-Z][\w'.-]*|of)\s+){0,3}(?:Secretary\s+of\s+State|Secretary-General|Prime\s+Minister|President|Minister|Secretary|Spokesman|Spokeswoman|Spokesperson|spokesman|spokeswoman|Chancellor|Ambassador|Senator|Governor|Mayor|General|Director|Chairman|Chief|CEO|Leader|leader|King|Queen|Prince|Envoy|envoy|figure|official|Commander|Speaker|Judge|Justice))\s+(?<name>[A-Z][a-z]+(?:[-\s][A-Z][a-z]+){1,2})
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex TitledName();
}
