using System.Text.RegularExpressions;
using TvNews.Core.Articles;

namespace TvNews.Core.Ingest;

/// <summary>
/// Finds quotations and who said them, in English, French, Russian, Arabic and Persian. A quoted span's speaker is
/// the person named nearest the speech verb in its own sentence ("…,” Lavrov said; « … », a déclaré Mme Martineau;
/// «…», — заявил министр Виктор Кравцов; وقال وزير الإسكان عادل منصور: «…»), a pronoun resolves to the last person
/// mentioned, and a quote standing alone (a pull quote, a blockquote) takes the person the next or previous paragraph
/// names. Unquoted first-person paragraphs ending with an attribution ("We will …, Lavrov said.") count too.
/// </summary>
public static partial class QuoteExtractor
{
    // Shorter quoted spans are scare quotes ("constructive"), not statements.
    private const int MinQuoteWords = 4;

    public static IReadOnlyList<Quote> Extract(IReadOnlyList<string> paragraphs, PersonIndex people)
    {
        var quotes = new List<Quote>();
        var before = new System.Text.StringBuilder();
        var allText = string.Join(' ', paragraphs);
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var paragraph = paragraphs[i];
            var spans = QuotedSpan().Matches(paragraph);
            string? lastSpeakerHere = null;
            string? lastRoleHere = null;
            if (spans.Count > 0)
            {
                foreach (Match span in spans)
                {
                    var text = CleanQuote(span.Groups["q"].Value);
                    if (CountWords(text) < MinQuoteWords) continue;
                    var context = before + " " + paragraph[..span.Index];
                    var speaker = Attribute(paragraph, span, context, allText, people);
                    var standsAlone = paragraph.Length - span.Length < 25;
                    if (speaker is null && lastSpeakerHere is not null) speaker = new Speaker(lastSpeakerHere, lastRoleHere);
                    if (speaker is null && standsAlone) speaker = FromNeighbours(paragraphs, i, people);
                    var partial = char.IsLower(text[0]) || !StartsSentence(paragraph, span.Index);
                    quotes.Add(new Quote(text, speaker?.Name, speaker?.Role, partial));
                    if (speaker is not null) (lastSpeakerHere, lastRoleHere) = (speaker.Name, speaker.Role);
                }
            }
            else if (TrailingAttribution().Match(paragraph) is { Success: true } trailing && FirstPerson().IsMatch(trailing.Groups["q"].Value))
            {
                var speaker = ResolveWho(trailing.Groups["who"].Value, before.ToString(), people);
                var text = trailing.Groups["q"].Value.Trim().TrimEnd(',') + ".";
                quotes.Add(new Quote(text, speaker?.Name, speaker?.Role, Partial: false));
            }
            before.Append(' ').Append(paragraph);
        }
        return quotes;
    }

    private sealed record Speaker(string Name, string? Role);

    /// <summary>The speech verb in the quote's sentence (after the quote first, then before it) and the person named nearest to it.</summary>
    private static Speaker? Attribute(string paragraph, Match span, string context, string allText, PersonIndex people)
    {
        var end = span.Index + span.Length;
        var nextQuote = QuotedSpan().Match(paragraph, end);
        var afterLimit = nextQuote.Success ? nextQuote.Index : paragraph.Length;
        var after = paragraph[end..afterLimit];
        var sentenceEnd = SentenceEnd().Match(after);
        if (sentenceEnd.Success) after = after[..(sentenceEnd.Index + 1)];

        var prefix = paragraph[..span.Index];
        var ends = SentenceEnd().Matches(prefix);
        var sentenceStart = ends.Count > 0 ? ends[^1].Index + ends[^1].Length : 0;
        var quoteBefore = QuoteClose().Matches(prefix);
        if (quoteBefore.Count > 0) sentenceStart = Math.Max(sentenceStart, quoteBefore[^1].Index + 1);
        var beforeClause = prefix[sentenceStart..];

        foreach (var (clause, verbAfterQuote) in new[] { (after, true), (beforeClause, false) })
        {
            var verbs = SpeechVerb().Matches(clause);
            if (verbs.Count == 0) continue;
            var verb = verbAfterQuote ? verbs[0] : verbs[^1];
            var mentions = people.Mentions(clause);
            if (mentions.Count > 0)
            {
                var nearest = mentions.MinBy(m => Math.Abs(m.At - verb.Index))!.Person;
                return new Speaker(nearest.FullName, nearest.Role);
            }
            // "the Russian foreign minister said": a description that matches one person's title.
            var description = verbAfterQuote ? clause[..verb.Index] : clause[(verb.Index + verb.Length)..];
            if (people.Resolve(description.Trim(' ', ',', '\u2014', '-', ':')) is { } described)
                return new Speaker(described.FullName, described.Role);
            // A pronoun, or a description nobody's title matches ("the customs chief", "le vainqueur"), points back to
            // the person the story was just talking about.
            // Arabic/Persian: the family name alone next to the verb ("وقال الزياني", "تقوی گفت").
            foreach (var candidate in verbAfterQuote ? [] : new[] { AdjacentWord(clause, verb), FirstWord(clause, verb) })
            {
                if (candidate is not null && people.ResolveFamilyName(candidate, allText) is { } family)
                    return new Speaker(family.FullName, family.Role);
            }
            if (!verbAfterQuote && IsArabicScript(verb.Value) && people.ResolveLeadingName(clause, allText) is { } leading)
                return new Speaker(leading.FullName, leading.Role);
            // A title with no name ("سخنگوی وزارت خارجه … گفت") is the official the story has been quoting.
            if (!verbAfterQuote && IsArabicScript(verb.Value) && ArabicTitle().IsMatch(clause[..verb.Index]) && people.LastMentionedIn(context) is { } official)
                return new Speaker(official.FullName, official.Role);
            // French and Russian put the speaker after the verb (« … », a confié le vainqueur); Arabic and Persian
            // often leave the subject implicit (وقال: «…»).
            var afterVerb = clause[(verb.Index + verb.Length)..];
            var implicitSubject = IsArabicScript(verb.Value) && afterVerb.TrimStart().StartsWith(':');
            if (Pronoun().IsMatch(clause) || verb.Value.Contains("-t-", StringComparison.Ordinal) || Description().IsMatch(description) ||
                (verbAfterQuote && Description().IsMatch(afterVerb)) || implicitSubject)
            {
                var last = people.LastMentionedIn(context);
                return last is null ? null : new Speaker(last.FullName, last.Role);
            }
            // An unknown name next to the verb is still an attribution.
            if (UnknownName().Match(clause, verb.Index) is { Success: true } unknown && unknown.Index - verb.Index < 40)
                return new Speaker(unknown.Value, null);
            if (UnknownName().Matches(clause[..verb.Index]) is { Count: > 0 } ahead)
                return new Speaker(ahead[^1].Value, null);
        }
        return null;
    }

    /// <summary>The word right after an Arabic verb ("قال الزياني") or right before a Persian one ("تقوی گفت").</summary>
    private static string? AdjacentWord(string clause, Match verb)
    {
        if (verb.Value.Length == 0 || verb.Value[0] is < '\u0600' or > '\u06FF') return null;
        var persian = verb.Value is "گفت" or "افزود" || verb.Value.Contains(' ', StringComparison.Ordinal) && !verb.Value.StartsWith('و');
        var words = persian
            ? clause[..verb.Index].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : clause[(verb.Index + verb.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        var word = (persian ? words[^1] : words[0]).Trim('،', ',', ':', '.');
        return word.Length >= 3 ? word : null;
    }

    /// <summary>A Persian sentence often opens with the speaker's family name ("جعفری درباره این دیدار گفت").</summary>
    private static string? FirstWord(string clause, Match verb)
    {
        if (!IsArabicScript(verb.Value)) return null;
        var first = clause.TrimStart().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim('،', ',', ':', '.');
        return first is { Length: >= 3 } && !first.StartsWith('و') ? first : null;
    }

    [GeneratedRegex("^\\s*(?:و?(?:وزير|وزيرة|رئيس|رئيسة|المتحدث|الناطق|مدير|مديرة)|وزیر|رئیس|سخنگوی|مدیر|مدیرعامل|سرمربی|استاندار|شهردار|معاون|سفیر)")]
    private static partial Regex ArabicTitle();

    private static bool IsArabicScript(string s) => s.Length > 0 && s[0] is >= '\u0600' and <= '\u06FF';

    /// <summary>A quote on its own: the person the next paragraph names first, else the one the previous paragraph names last.</summary>
    private static Speaker? FromNeighbours(IReadOnlyList<string> paragraphs, int i, PersonIndex people)
    {
        var previous = i > 0 ? paragraphs[i - 1] : "";
        var person = previous.TrimEnd().EndsWith(':') ? people.LastMentionedIn(previous) : null;
        person ??= i + 1 < paragraphs.Count ? people.FirstMentionedIn(FirstSentence(paragraphs[i + 1])) : null;
        person ??= people.LastMentionedIn(previous);
        return person is null ? null : new Speaker(person.FullName, person.Role);
    }

    private static Speaker? ResolveWho(string who, string context, PersonIndex people)
    {
        who = who.Trim();
        if (Pronoun().IsMatch(who))
        {
            var last = people.LastMentionedIn(context);
            return last is null ? null : new Speaker(last.FullName, last.Role);
        }
        var person = people.Resolve(who);
        if (person is not null) return new Speaker(person.FullName, person.Role);
        return who.Length is > 0 and <= 60 ? new Speaker(who, null) : null;
    }

    private static string FirstSentence(string paragraph)
    {
        var m = SentenceEnd().Match(paragraph);
        return m.Success ? paragraph[..(m.Index + 1)] : paragraph;
    }

    private static bool StartsSentence(string paragraph, int index)
    {
        var prefix = paragraph[..index].TrimEnd();
        return prefix.Length == 0 || prefix[^1] is '.' or '!' or '?' or ':' or '؟' or '—';
    }

    private static string CleanQuote(string text) => text.Replace('\u00A0', ' ').Trim().TrimEnd(',', ' ', '،');

    private static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex("\u201C(?<q>[^\u201C\u201D]+)\u201D|\u00AB(?<q>[^\u00AB\u00BB]+)\u00BB|\u201E(?<q>[^\u201E\u201C]+)\u201C|\"(?<q>[^\"]+)\"")]
    private static partial Regex QuotedSpan();

    [GeneratedRegex("[\u201D\u00BB\"]")]
    private static partial Regex QuoteClose();

    [GeneratedRegex(@"\b(?:said|says|say|added|adds|told|tells|stated|noted|stressed|warned|explained|declared|wrote|tweeted|asked|insisted|argued|recalled|according to|came from|was quoted as saying)\b|(?:a|ont|avait)\s+(?:déclaré|dit|affirmé|expliqué|ajouté|souligné|estimé|indiqué|assuré|précisé|lancé|reconnu|salué|confié|raconté|promis|réagi|prévenu|insisté|martelé|rappelé|résumé|glissé|répondu|annoncé|averti|jugé|regretté|admis|confirmé|commenté)|\b(?:déclare|explique|ajoute|souligne|estime|raconte|selon|confie|reconnaît|affirme|assure|résume|prévient|insiste|rappelle|regrette)\b|a-t-(?:il|elle)\s+\p{L}+|(?:заявил|сказал|отметил|подчеркнул|добавил|сообщил|пояснил|рассказал|признал|считает|говорит|назвал|уверен|объяснил|уточнил|заметил|ответил|напомнил|пообещал|предупредил|поделил)(?:а|и|ась|ся|ся|ись)?|по словам|(?:و?(?:قال|قالت|أضاف|أضافت|أكد|أكدت|صرح|صرحت|أوضح|أوضحت|ذكر|ذكرت|يقول|تقول|مضيفا|مضيفة|موضحا|موضحة|مؤكدا|مؤكدة|تابع|تابعت))|وفقا ل|بحسب|گفت|افزود|اظهار داشت|اظهار کرد|تاکید کرد|تأکید کرد|عنوان کرد|بیان کرد|به گفته|می‌گوید|توضیح داد", RegexOptions.IgnoreCase)]
    private static partial Regex SpeechVerb();

    [GeneratedRegex(@"^(?<q>.+),\s+(?<who>(?:he|she|they|(?:the\s+)?[A-Z][\w'-]*(?:\s+[\w'-]+){0,3}?))\s+(?:said|added|says)\.\s*$", RegexOptions.Singleline)]
    private static partial Regex TrailingAttribution();

    [GeneratedRegex(@"\b(?:I|we|our|my|us|me)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"(?:^|\s)(?:he|she|they|il|elle|ils|он|она|они|وی|او)(?:\s|[.,]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2}")]
    private static partial Regex UnknownName();

    [GeneratedRegex(@"^\s*(?:the|le|la|l'|l’|les)\s+\p{Ll}", RegexOptions.IgnoreCase)]
    private static partial Regex Description();

    [GeneratedRegex(@"[.!?؟][\u201D\u00BB""]?\s+")]
    private static partial Regex SentenceEnd();
}
