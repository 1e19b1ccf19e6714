using System.Text.RegularExpressions;

namespace TvNews.Core.Ingest;

/// <summary>A person named in an article with the title the text gives them ("Russian Foreign Minister").</summary>
public sealed record Person(string FullName, string Surname, string? Role);

/// <summary>
/// The people an article names, so that later references ("Blinken", "the Russian foreign minister", "he") resolve
/// to one full name. Latin and Cyrillic names are runs of capitalised words; Arabic and Persian names (no capitals)
/// are the two words after a title or between commas after one.
/// </summary>
public sealed partial class PersonIndex
{
    private readonly List<Person> _people = [];

    public IReadOnlyList<Person> People => _people;

    public static PersonIndex Build(IEnumerable<string> texts)
    {
        var index = new PersonIndex();
        var all = texts.ToList();
        foreach (var text in all)
        {
            foreach (Match m in TitledName().Matches(text))
                index.Add(m.Groups["name"].Value, m.Groups["role"].Value.Trim());
            foreach (Match m in ArabicTitledName().Matches(text))
                index.Add(m.Groups["name"].Value, m.Groups["role"].Value.Trim());
            foreach (Match m in CommaName().Matches(text))
                index.Add(m.Groups["name"].Value, null);
            foreach (Match m in NamedName().Matches(text))
                index.Add(m.Groups["name"].Value, null);
            foreach (Match m in NameThenTitle().Matches(text))
                index.Add(m.Groups["name"].Value, m.Groups["role"].Value);
        }
        // Untitled names second, so a titled introduction keeps its role.
        foreach (var text in all)
        {
            foreach (Match m in CapitalisedName().Matches(text))
            {
                var name = m.Value;
                var words = name.Split(' ');
                if (words.Any(w => NotNameWords.Contains(w))) continue;
                index.Add(name, null);
            }
        }
        return index;
    }

    private void Add(string name, string? role)
    {
        name = name.Trim().TrimEnd('،', ',', ':');
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Arabic given names do not take the article: "المستثمرين السياحيين" is a noun phrase, "سلوى الشريف" a name.
        if (words.Length > 0 && words[0].StartsWith("\u0627\u0644", StringComparison.Ordinal)) return;
        if (words.Any(w => Institutions.Contains(w))) return;
        // Russian: a capitalised word in front of a two-word name is usually a place or title in another case
        // ("России Виктор Кравцов"); three words stay only with a patronymic ("Галина Петровна Лаптева").
        if (words.Length == 4 && IsCyrillic(words[0]))
            words = words[1..];
        if (words.Length == 3 && IsCyrillic(words[0]) && !Patronymic().IsMatch(words[1]))
            words = words[1..];
        name = string.Join(' ', words);
        if (words.Length < 2) return;
        // "Governor Elizabeth Marsh" found untitled is the same person as "Elizabeth Marsh".
        if (_people.Any(p => p.FullName == name || name.EndsWith(" " + p.FullName, StringComparison.Ordinal) || p.FullName.EndsWith(" " + name, StringComparison.Ordinal)))
            return;
        _people.Add(new Person(name, words[^1], string.IsNullOrEmpty(role) ? null : role));
    }

    /// <summary>Resolves a surname, full name, a name with a title in front, or a title description to a known person.</summary>
    public Person? Resolve(string reference)
    {
        var r = reference.Trim().TrimEnd(',', '.', ':', '،');
        if (r.StartsWith("the ", StringComparison.OrdinalIgnoreCase)) r = r[4..];
        if (r.Length == 0) return null;

        var byName = _people.FirstOrDefault(p => string.Equals(p.FullName, r, StringComparison.OrdinalIgnoreCase))
                     ?? _people.FirstOrDefault(p => r.EndsWith(" " + p.FullName, StringComparison.Ordinal))
                     ?? _people.LastOrDefault(p => string.Equals(p.Surname, r, StringComparison.OrdinalIgnoreCase))
                     ?? _people.LastOrDefault(p => r.EndsWith(" " + p.Surname, StringComparison.Ordinal) && r.Split(' ').Length <= 4);
        if (byName is not null) return byName;

        // "the Russian foreign minister" names the person whose title ends with those words.
        var byRole = _people.Where(p => p.Role is not null && p.Role.EndsWith(r, StringComparison.OrdinalIgnoreCase)).ToList();
        return byRole.Count == 1 ? byRole[0] : null;
    }

    /// <summary>
    /// Arabic and Persian refer back by family name alone ("الزياني", "تقوی"): the full name is that word with the word
    /// before it where the text first uses them together. Adds and returns that person.
    /// </summary>
    public Person? ResolveFamilyName(string word, string text)
    {
        if (word.Length < 3) return null;
        var known = _people.LastOrDefault(p => p.Surname == word);
        if (known is not null) return known;
        // A family name is used more than once: introduced with the given name, then alone.
        if (Regex.Count(text, @"(?<![\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C])" + Regex.Escape(word) + @"(?![\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C])") < 2)
            return null;
        var m = Regex.Match(text, @"(?<first>[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,})\s+" + Regex.Escape(word) + @"(?![\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C])");
        if (!m.Success || StopWords.Contains(m.Groups["first"].Value)) return null;
        Add(m.Groups["first"].Value + " " + word, null);
        return _people.LastOrDefault(p => p.Surname == word);
    }

    /// <summary>
    /// A Persian or Arabic sentence that opens with a full name ("محمدرضا توکلی با اشاره به …"): the first two words,
    /// when the second is used on its own elsewhere in the text as a family name.
    /// </summary>
    public Person? ResolveLeadingName(string clause, string context)
    {
        var words = clause.TrimStart().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3 || StopWords.Contains(words[0]) || StopWords.Contains(words[1]) || words[0].StartsWith('و')) return null;
        var family = words[1].Trim('،', ',', ':');
        if (family.Length < 3) return null;
        var alone = Regex.Count(context, @"(?<![\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]\s)" + Regex.Escape(family) + @"(?![\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C])");
        if (alone == 0) return null;
        Add(words[0] + " " + family, null);
        return _people.LastOrDefault(p => p.Surname == family);
    }

    // Arabic and Persian institution words: a "name" containing one is an office, not a person.
    private static readonly HashSet<string> Institutions = new(StringComparer.Ordinal)
    {
        "وزارت", "وزارة", "امور", "سازمان", "شرکت", "اداره", "جمعية", "هيئة", "شركة", "منظمة", "مجلس", "بلدية", "شهرداری",
        "استانداری", "دانشگاه", "جامعة", "بانک", "بنك", "تیم", "منتخب", "ملی", "خارجه", "الخارجية", "کشور", "البلاد", "حمل‌ونقل",
    };

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "قال", "وقال", "قالت", "وقالت", "أن", "إن", "في", "من", "على", "مع", "عن", "إلى", "الذي", "التي", "كما", "وأضاف",
        "گفت", "که", "در", "از", "به", "با", "این", "آن", "را", "و", "هم", "نیز", "برای", "تا", "او", "وی",
    };

    /// <summary>The person mentioned last (by surname or full name) in <paramref name="text"/>.</summary>
    public Person? LastMentionedIn(string text) => Mentions(text) is { Count: > 0 } m ? m[^1].Person : null;

    /// <summary>The person mentioned first in <paramref name="text"/>.</summary>
    public Person? FirstMentionedIn(string text) => Mentions(text) is { Count: > 0 } m ? m[0].Person : null;

    /// <summary>Every mention of a known person in <paramref name="text"/>, in order, with its position.</summary>
    public IReadOnlyList<(int At, Person Person)> Mentions(string text)
    {
        var found = new List<(int At, Person Person)>();
        foreach (var p in _people)
        {
            foreach (var token in new[] { p.FullName, p.Surname }.Distinct())
            {
                var at = 0;
                while ((at = text.IndexOf(token, at, StringComparison.Ordinal)) >= 0)
                {
                    var end = at + token.Length;
                    var boundaryBefore = at == 0 || !char.IsLetter(text[at - 1]);
                    // Case endings (Лаврова, Кравцову) still name the person.
                    var boundaryAfter = EndsWord(text, end) || (IsCyrillic(token) && (EndsWord(text, end + 1) || EndsWord(text, end + 2)));
                    if (boundaryBefore && boundaryAfter) found.Add((at, p));
                    at = end;
                }
            }
        }
        return found.OrderBy(f => f.At).ToList();
    }

    [GeneratedRegex("(?:вич|вна|ична|чна)$")]
    private static partial Regex Patronymic();

    private static bool EndsWord(string text, int at) => at >= text.Length || !char.IsLetter(text[at]);

    private static bool IsCyrillic(string s) => s.Length > 0 && s[0] is >= '\u0400' and <= '\u04FF';

    private static readonly HashSet<string> NotNameWords = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "In", "On", "At", "For", "And", "But", "If", "It", "We", "Our", "They", "He", "She", "This", "That", "There",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
        "June", "July", "August", "September", "October", "November", "December", "Le", "La", "Les", "Un", "Une", "Des", "Du", "Il",
        "Elle", "Nous", "Vous", "Ils", "Mais", "Et", "Selon", "Pour", "Dans", "Sur", "Avec", "Mme", "En", "Au", "Aux", "Ce", "Cette",
        "Но", "И", "В", "На", "По", "Мы", "Он", "Она", "Они", "Это", "Как", "Для", "При", "С", "По", "Как", "Что", "Все", "Его",
        "Sea", "Street", "Council", "Ministry", "Agency", "University", "Bank", "Republic", "Union", "Party", "News", "Press", "City",
        "North", "South", "East", "West", "National", "International", "United", "States", "Kingdom", "Photo", "Reuters", "AFP", "AP",
        "Minister", "Secretary", "President", "Foreign", "Prime", "Governor", "Mayor", "Director", "Chief", "Inspector", "Professor",
        "Senator", "Ambassador", "General", "Commander", "Deputy", "Head", "Leader", "Chairman", "Spokesman", "Spokeswoman", "Ministry",
        "Department", "Office", "Service", "Committee", "Commission", "Federal", "Central", "Regional", "Region", "Court", "Hall",
        "Summit", "Ministerial", "Engineer", "Officer", "Manager", "Captain", "Coach", "Arctic", "Concert", "Port", "Airport", "Station", "Museum", "Library", "Cup", "League", "Club",
    };

    // A title keyword, optionally preceded by up to three capitalised qualifiers ("US", "Russian Foreign"),
    // followed by a two- or three-word capitalised name.
    [GeneratedRegex("""
        (?<role>(?:(?:\p{Lu}[\w'.-]*|of)\s+){0,3}(?:Secretary\s+of\s+State|Secretary-General|Prime\s+Minister|President|Minister|Secretary|Spokesman|Spokeswoman|Spokesperson|spokesman|spokeswoman|Chancellor|Ambassador|Senator|Governor|Mayor|General|Director|Chairman|Chief|CEO|Leader|leader|King|Queen|Prince|Envoy|envoy|figure|official|Commander|Speaker|Judge|Justice|Inspector|Engineer|engineer|Officer|officer|Manager|manager|Captain|Coach|coach|captain|minister|director|head|professor|Professor|Dr\.?))\s+(?<name>\p{Lu}\p{Ll}+(?:[-\s](?:al-|de\s|van\s|von\s|bin\s)?\p{Lu}[\p{Ll}']+){1,2})
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex TitledName();

    // Two or three capitalised words (Latin or Cyrillic), with name particles.
    [GeneratedRegex(@"(?<![\p{L}-])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?:\s+(?:al-|el-|de\s|van\s|von\s|bin\s|ibn\s)?\p{Lu}[\p{Ll}']+(?:-\p{Lu}\p{Ll}+)?){1,3}(?![\p{L}])")]
    private static partial Regex CapitalisedName();

    // Arabic/Persian: a title word (with up to four qualifying words), then a two-word name ending at a comma,
    // a colon, or a following preposition/time word. Letters only: the Arabic comma is not part of a word.
    [GeneratedRegex(@"(?<role>(?:وزير|وزيرة|رئيس|رئيسة|المتحدث|الناطق|مدير|مديرة|مدرب|محافظ|السفير|الأمين العام|عميد|الدكتور|الخبير|المزارع|حارس|اللاعب|وزیر|رئیس|سخنگوی|مدیر|مدیرعامل|سرمربی|استاندار|شهردار|معاون|سفیر|دبیرکل|کاپیتان|دکتر|کارشناس)(?:\s+[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]+){0,4}?)[،,]?\s+(?<name>[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,}\s+[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,})(?!\s?[،,]\s?[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,}\s+[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,}\s?[،,])(?=\s*[،,:]|\s+(?:خلال|بعد|في|يوم|للصحفيين|لوكالة|أمس|إن|أن|إنه|إنها|إلى|الذي|التي|در|پس|به|درباره|با|که|نیز|گفت)(?:\s|$))")]
    private static partial Regex ArabicTitledName();

    // Persian style: a name set off by commas after its title ("سرمربی تیم ملی، شیرین کاظمی، پس از بازی").
    [GeneratedRegex(@"(?<=[،,]\s?)(?<name>[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,}\s+[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,})(?=\s?[،,])")]
    private static partial Regex CommaName();

    // "سلوى الشريف، رئيسة جمعية …", "نورلان اسماعیلوف، معاون وزیر …": the name first, its title after a comma.
    [GeneratedRegex(@"(?<name>[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,}\s+[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,})\s?[،,]\s?(?<role>(?:وزير|وزيرة|رئيس|رئيسة|المتحدث|الناطق|مدير|مديرة|مدرب|محافظ|السفير|الأمين العام|عميد|الدكتور|الخبير|وزیر|رئیس|سخنگوی|مدیر|مدیرعامل|سرمربی|استاندار|شهردار|معاون|سفیر|دبیرکل|کاپیتان|دکتر|کارشناس)(?:\s+[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]+){0,3})")]
    private static partial Regex NameThenTitle();

    // "به نام نسرین مرادی", "يدعى أحمد علي": a person introduced as "named …".
    [GeneratedRegex(@"(?:به نام|يدعى|تدعى|اسمه|اسمها)\s+(?<name>[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,}\s+[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF\u200C]{2,})")]
    private static partial Regex NamedName();
}
