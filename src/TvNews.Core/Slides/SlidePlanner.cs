using System.Text.RegularExpressions;
using TvNews.Core.Articles;
using TvNews.Core.Channels;

namespace TvNews.Core.Slides;

/// <summary>
/// Turns a cleaned article into a deck: title, captioned image, extractive key points, quotes, outro.
/// Key points are chosen from the article's own sentences (no external service), so nothing is invented.
/// </summary>
public static partial class SlidePlanner
{
    private const int MaxKeyPoints = 4;
    private const int MinKeyPoints = 3;
    private const int MaxQuotes = 2;
    private const int MaxSlideWords = 30;

    /// <param name="airTimeText">The title slide's time line, already formatted in the channel's time zone.</param>
    public static SlidePlan Plan(Article article, ChannelManifest channel, string airTimeText)
    {
        var pacing = channel.Pacing;
        var slides = new List<Slide>
        {
            Timed(new Slide(SlideKind.Title, article.Headline, (article.Category ?? article.Section)?.ToUpperInvariant(), airTimeText, 0), pacing, extraSeconds: 1),
        };

        // The seed names a photo but ships no file: the slide still carries caption and credit over the branded background.
        if (article.LeadImage is { Caption: not null } image)
            slides.Add(Timed(new Slide(SlideKind.Image, Shorten(image.Caption, 40), image.Credit, null, 0) { Image = image.StoredPath }, pacing));

        foreach (var point in KeyPoints(article))
            slides.Add(Timed(new Slide(SlideKind.KeyPoint, point, null, null, 0), pacing));

        foreach (var quote in article.Quotes.Where(q => q.Speaker is not null)
                     .OrderBy(q => q.Partial).ThenBy(q => Math.Abs(CountWords(q.Text) - 25)).Take(MaxQuotes))
        {
            var attribution = quote.SpeakerRole is null ? quote.Speaker : $"{quote.Speaker}, {quote.SpeakerRole}";
            slides.Add(Timed(new Slide(SlideKind.Quote, Shorten(quote.Text, MaxSlideWords + 10), null, attribution, 0), pacing));
        }

        slides.Add(new Slide(SlideKind.Outro, channel.Name, channel.Branding.Tagline, null, pacing.MinSlideSeconds));
        return new SlidePlan(slides);
    }

    /// <summary>Reading time at the channel's pace, plus a beat for the viewer to find the text, clamped.</summary>
    private static Slide Timed(Slide slide, SlidePacing pacing, double extraSeconds = 0)
    {
        var words = CountWords(slide.Text) + CountWords(slide.Label) + CountWords(slide.Attribution);
        var seconds = words * 60.0 / pacing.WordsPerMinute + 1.5 + extraSeconds;
        seconds = Math.Clamp(seconds, pacing.MinSlideSeconds, pacing.MaxSlideSeconds);
        return slide with { DurationSeconds = Math.Round(seconds * 2, MidpointRounding.AwayFromZero) / 2 };
    }

    /// <summary>Scores every non-quote sentence by position, numbers, names and length; keeps the best in story order.</summary>
    public static IReadOnlyList<string> KeyPoints(Article article)
    {
        var candidates = new List<(string Text, double Score, int Order)>();
        var order = 0;
        for (var p = 0; p < article.Paragraphs.Count; p++)
        {
            foreach (var sentence in Sentences(article.Paragraphs[p]))
            {
                order++;
                // A sentence carrying a real quotation belongs on a quote slide; scare quotes ("constructive") do not count.
                if (QuotedStatement().IsMatch(sentence)) continue;
                var words = CountWords(sentence);
                if (words < 8) continue;
                // First-person text is an unquoted quotation ("We will prepare …"); it belongs on a quote slide.
                if (FirstPerson().IsMatch(sentence)) continue;
                double score = 3.0 / (1 + p);
                if (Number().IsMatch(sentence)) score += 0.6;
                score += 0.3 * Math.Min(3, ProperName().Count(sentence));
                if (words > 45) score -= 1;
                candidates.Add((sentence, score, order));
            }
        }

        var take = Math.Clamp(candidates.Count, Math.Min(MinKeyPoints, candidates.Count), MaxKeyPoints);
        return candidates.OrderByDescending(c => c.Score).Take(take)
            .OrderBy(c => c.Order).Select(c => Shorten(c.Text, MaxSlideWords)).ToList();
    }

    /// <summary>Shortens at a clause boundary (comma, semicolon, "but", "and") before the word limit; never inside a word.</summary>
    public static string Shorten(string text, int maxWords)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= maxWords) return text;
        for (var i = maxWords - 1; i >= maxWords / 2; i--)
        {
            if (words[i].EndsWith(',') || words[i].EndsWith(';'))
                return string.Join(' ', words[..(i + 1)]).TrimEnd(',', ';') + ".";
            if (words[i] is "but" or "and" or "which" or "while" or "including")
                return string.Join(' ', words[..i]).TrimEnd(',', ';') + ".";
        }
        return string.Join(' ', words[..maxWords]).TrimEnd(',', ';', '.') + "\u2026";
    }

    public static IEnumerable<string> Sentences(string paragraph)
    {
        var start = 0;
        foreach (Match m in SentenceEnd().Matches(paragraph))
        {
            var before = paragraph[start..m.Index];
            // "U.S. President", "Mr. Smith": a period after an abbreviation does not end the sentence.
            if (Abbreviation().IsMatch(before)) continue;
            var sentence = paragraph[start..(m.Index + 1)].Trim();
            if (sentence.Length > 0) yield return sentence;
            start = m.Index + m.Length;
        }
        var rest = paragraph[start..].Trim();
        if (rest.Length > 0) yield return rest;
    }

    public static int CountWords(string? text) =>
        text is null ? 0 : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"[.!?][\u201D""]?\s+(?=[A-Z\u201C""\u0400-\u04FF])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?:\b[A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No|Gen|Col|Lt|Sgt))$")]
    private static partial Regex Abbreviation();

    // An opening quote, four or more words, the closing quote.
    [GeneratedRegex("[\u201C\"][^\\s\u201D\"]+(?:\\s+[^\\s\u201D\"]+){3,}\\s*[\u201D\"]")]
    private static partial Regex QuotedStatement();

    [GeneratedRegex(@"^(?:We|I|Our|My)\b")]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\d")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?<!^)\b[A-Z][a-z]+\b")]
    private static partial Regex ProperName();
}
