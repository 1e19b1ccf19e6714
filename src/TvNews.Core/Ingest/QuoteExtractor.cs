using System.Text.RegularExpressions;
using TvNews.Core.Articles;

namespace TvNews.Core.Ingest;

/// <summary>
/// Finds quotations and who said them: quoted spans attributed after ("…,” Lavrov said), before
/// ("Blinken said it was “…”"), by pronoun ("he said", resolved to the last person mentioned) or by
/// description ("the Russian foreign minister said"), and unquoted first-person paragraphs that end
/// with an attribution ("We will …, Lavrov said.").
/// </summary>
public static partial class QuoteExtractor
{
    // Shorter quoted spans are scare quotes ("constructive"), not statements.
    private const int MinQuoteWords = 4;

    public static IReadOnlyList<Quote> Extract(IReadOnlyList<string> paragraphs, PersonIndex people)
    {
        var quotes = new List<Quote>();
        var before = new System.Text.StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            var spans = QuotedSpan().Matches(paragraph);
            if (spans.Count > 0)
            {
                foreach (Match span in spans)
                {
                    var text = CleanQuote(span.Groups["q"].Value);
                    if (CountWords(text) < MinQuoteWords) continue;
                    var context = before + " " + paragraph[..span.Index];
                    var speaker = SpeakerAfter(paragraph[(span.Index + span.Length)..], context, people)
                        ?? SpeakerBefore(paragraph[..span.Index], context, people);
                    var partial = char.IsLower(text[0]) || !StartsSentence(paragraph, span.Index);
                    quotes.Add(new Quote(text, speaker?.Name, speaker?.Role, partial));
                }
            }
            else if (TrailingAttribution().Match(paragraph) is { Success: true } trailing &&
                     FirstPerson().IsMatch(trailing.Groups["q"].Value))
            {
                var speaker = ResolveSpeaker(trailing.Groups["who"].Value, before.ToString(), people);
                var text = trailing.Groups["q"].Value.Trim().TrimEnd(',') + ".";
                quotes.Add(new Quote(text, speaker?.Name, speaker?.Role, Partial: false));
            }
            before.Append(' ').Append(paragraph);
        }
        return quotes;
    }

    private sealed record Speaker(string Name, string? Role);

    private static Speaker? SpeakerAfter(string after, string context, PersonIndex people)
    {
        var m = AttributionAfter().Match(after);
        if (!m.Success) m = InvertedAttributionAfter().Match(after);
        return m.Success ? ResolveSpeaker(m.Groups["who"].Value, context, people) : null;
    }

    private static Speaker? SpeakerBefore(string before, string context, PersonIndex people)
    {
        var sentenceStart = SentenceEnd().Matches(before) is { Count: > 0 } ends ? ends[^1].Index + ends[^1].Length : 0;
        var m = AttributionBefore().Match(before[sentenceStart..]);
        return m.Success ? ResolveSpeaker(m.Groups["who"].Value, context, people) : null;
    }

    private static Speaker? ResolveSpeaker(string who, string context, PersonIndex people)
    {
        who = who.Trim();
        if (Pronoun().IsMatch(who))
        {
            var last = people.LastMentionedIn(context);
            return last is null ? null : new Speaker(last.FullName, last.Role);
        }
        var person = people.Resolve(who);
        if (person is not null) return new Speaker(person.FullName, person.Role);
        // An unknown capitalised name is still a useful attribution; an unresolved description is kept as written.
        return who.Length is > 0 and <= 60 ? new Speaker(who, null) : null;
    }

    private static bool StartsSentence(string paragraph, int index)
    {
        var prefix = paragraph[..index].TrimEnd();
        return prefix.Length == 0 || prefix[^1] is '.' or '!' or '?' or ':';
    }

    private static string CleanQuote(string text) => text.Trim().TrimEnd(',', ' ');

    private static int CountWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex("[\u201C\"](?<q>[^\u201C\u201D\"]+)[\u201D\"]")]
    private static partial Regex QuotedSpan();

    private const string Verbs = @"(?:said|says|added|stated|noted|stressed|told\s+[\w\s]{1,30}?|wrote|tweeted|declared|warned|explained|was\s+quoted\s+as\s+saying)";

    [GeneratedRegex(@"^\s*,?\s*(?<who>[^,.;:\u201C\u201D""]{1,80}?)\s+" + Verbs + @"\b")]
    private static partial Regex AttributionAfter();

    [GeneratedRegex(@"^\s*,?\s*(?:said|says|added)\s+(?<who>(?:the\s+)?[A-Z][^,.;]{1,60}?)\s*[,.]")]
    private static partial Regex InvertedAttributionAfter();

    [GeneratedRegex(@"^\s*(?<who>(?:[Tt]he\s+)?[A-Z][\w'-]*(?:\s+[\w'-]+){0,4}?)(?:,[^,]{1,40},)?\s+" + Verbs + @"\b")]
    private static partial Regex AttributionBefore();

    [GeneratedRegex(@"^(?<q>.+),\s+(?<who>(?:he|she|they|(?:the\s+)?[A-Z][\w'-]*(?:\s+[\w'-]+){0,3}?))\s+(?:said|added|says)\.\s*$", RegexOptions.Singleline)]
    private static partial Regex TrailingAttribution();

    [GeneratedRegex(@"\b(?:I|we|our|my|us|me)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"^(?:he|she|they)$", RegexOptions.IgnoreCase)]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"[.!?][\u201D""]?\s+")]
    private static partial Regex SentenceEnd();
}
