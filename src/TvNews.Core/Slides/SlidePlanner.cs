using System.Text.RegularExpressions;
using TvNews.Core.Articles;
using TvNews.Core.Channels;

namespace TvNews.Core.Slides;

/// <summary>
/// Turns a cleaned article into a deck: title, captioned pictures, extractive key points, quotes, outro.
/// Key points are chosen from the article's own sentences (no external service), so nothing is invented.
/// </summary>
public static partial class SlidePlanner
{
    private const int MaxKeyPoints = 4;
    private const int MinKeyPoints = 3;
    private const int MaxQuotes = 2;

    // "A few lines" at the renderer's key-point size: it auto-fits, but a slide is read in seconds, not studied.
    private const int MaxSlideWords = 30;
    private const int MaxSlideChars = 200;
    private const int MaxQuoteWords = 40;
    private const int MaxQuoteChars = 260;

    // A caption sits on a lower third over the picture, so it is held shorter than a key point.
    private const int MaxCaptionWords = 28;
    private const int MaxCaptionChars = 180;

    /// <summary>A key point and the paragraph it was taken from (so pictures can sit next to the text they illustrated).</summary>
    public sealed record KeyPoint(string Text, int Paragraph);

    /// <param name="airTimeText">The title slide's time line, already formatted in the channel's time zone.</param>
    public static SlidePlan Plan(Article article, ChannelManifest channel, string airTimeText)
    {
        var slides = new List<Slide>
        {
            new(SlideKind.Title, article.Headline, (article.Category ?? article.Section)?.ToUpperInvariant(), airTimeText, 0),
        };

        if (ImageSlide(article.LeadImage) is { } lead) slides.Add(lead);

        // In-body pictures go before the first key point taken from the paragraph they preceded (or a later one);
        // a picture past the last key point, or with no known place (feeds, JSON), closes the key points.
        var pictures = article.Images
            .Select(image => (Position: image.BeforeParagraph ?? int.MaxValue, Slide: ImageSlide(image)))
            .Where(p => p.Slide is not null)
            .OrderBy(p => p.Position)
            .ToList();
        var next = 0;
        foreach (var point in RankedKeyPoints(article))
        {
            while (next < pictures.Count && pictures[next].Position <= point.Paragraph) slides.Add(pictures[next++].Slide!);
            slides.Add(new Slide(SlideKind.KeyPoint, point.Text, null, null, 0));
        }
        while (next < pictures.Count) slides.Add(pictures[next++].Slide!);

        foreach (var quote in article.Quotes.Where(q => q.Speaker is not null)
                     .OrderBy(q => q.Partial).ThenBy(q => Math.Abs(CountWords(q.Text) - 25)).Take(MaxQuotes))
        {
            var attribution = quote.SpeakerRole is null ? quote.Speaker : $"{quote.Speaker}, {quote.SpeakerRole}";
            slides.Add(new Slide(SlideKind.Quote, Shorten(quote.Text, MaxQuoteWords, MaxQuoteChars), null, attribution, 0));
        }

        slides.Add(new Slide(SlideKind.Outro, channel.Name, channel.Branding.Tagline, null, 0));
        return SlideDurations.Apply(new SlidePlan(slides), channel.Pacing);
    }

    /// <summary>
    /// A captioned-image slide for a usable picture: one whose verified copy is stored, or (text dumps) one the source
    /// names without a link, whose caption and credit then show over the channel background. A picture the source
    /// links but that could not be stored (failed, not a picture, too small) is not shown. Neither is one without a
    /// caption: extraction already falls back to the alt text, and a picture with no words says nothing on air.
    /// </summary>
    private static Slide? ImageSlide(ArticleImage? image)
    {
        if (image is not { Caption: { } caption }) return null;
        if (image.Url is not null && image.StoredPath is null) return null;
        return new Slide(SlideKind.Image, Shorten(caption, MaxCaptionWords, MaxCaptionChars), image.Credit, null, 0) { Image = image.StoredPath };
    }

    /// <summary>The key points' texts, in story order.</summary>
    public static IReadOnlyList<string> KeyPoints(Article article) => RankedKeyPoints(article).Select(p => p.Text).ToList();

    /// <summary>
    /// Scores every sentence that is not a quotation: its position (early paragraphs, and a paragraph's first sentence,
    /// carry the news), numbers, names (capitalised words inside the sentence, and people quoted in the article), and
    /// length. Quotations are left out here because they get their own slides with the speaker. Keeps the best few in
    /// story order, each shortened to a few lines.
    /// </summary>
    public static IReadOnlyList<KeyPoint> RankedKeyPoints(Article article)
    {
        var speakers = article.Quotes.Select(q => q.Speaker).OfType<string>()
            .Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]).Where(n => n.Length > 2)
            .Distinct(StringComparer.Ordinal).ToList();
        var candidates = new List<(string Text, int Paragraph, double Score, int Order)>();
        var order = 0;
        for (var p = 0; p < article.Paragraphs.Count; p++)
        {
            var first = true;
            foreach (var sentence in Sentences(article.Paragraphs[p]))
            {
                order++;
                var opensParagraph = first;
                first = false;
                // A sentence carrying a real quotation belongs on a quote slide; scare quotes ("constructive") do not count.
                if (QuotedStatement().IsMatch(sentence)) continue;
                var words = CountWords(sentence);
                if (words < 8) continue;
                // First-person text is an unquoted quotation ("We will prepare …"); it belongs on a quote slide.
                if (FirstPerson().IsMatch(sentence)) continue;
                double score = 3.0 / (1 + p);
                if (opensParagraph) score += 0.2;
                if (Number().IsMatch(sentence)) score += 0.6;
                score += 0.3 * Math.Min(3, ProperName().Count(sentence));
                if (speakers.Any(name => sentence.Contains(name, StringComparison.Ordinal))) score += 0.3;
                if (words > 45) score -= 1;
                candidates.Add((sentence, p, score, order));
            }
        }

        var take = Math.Clamp(candidates.Count, Math.Min(MinKeyPoints, candidates.Count), MaxKeyPoints);
        return candidates.OrderByDescending(c => c.Score).Take(take)
            .OrderBy(c => c.Order).Select(c => new KeyPoint(Shorten(c.Text, MaxSlideWords, MaxSlideChars), c.Paragraph)).ToList();
    }

    /// <summary>
    /// Shortens to at most <paramref name="maxWords"/> words and <paramref name="maxChars"/> characters, cutting at a
    /// clause boundary (comma, semicolon, dash, "but", "and", …) in the second half when there is one; never inside a word.
    /// </summary>
    public static string Shorten(string text, int maxWords, int maxChars = int.MaxValue)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= maxWords && text.Length <= maxChars) return text;
        // The word budget shrinks to what fits in the character budget, keeping room for the closing mark.
        var limit = 0;
        var length = -1;
        while (limit < Math.Min(words.Length, maxWords) && length + 1 + words[limit].Length <= maxChars - 1)
            length += 1 + words[limit++].Length;
        if (limit == 0) return words[0];
        for (var i = limit - 1; i >= limit / 2 && i > 0; i--)
        {
            if (words[i].EndsWith(',') || words[i].EndsWith(';'))
                return string.Join(' ', words[..(i + 1)]).TrimEnd(',', ';') + ".";
            if (words[i] is "but" or "and" or "which" or "while" or "including" or "\u2014" or "\u2013")
                return string.Join(' ', words[..i]).TrimEnd(',', ';') + ".";
        }
        return string.Join(' ', words[..limit]).TrimEnd(',', ';', '.', ':') + "\u2026";
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

    // The next sentence starts with a capital, an opening quote, Cyrillic, or a letter of a caseless script (Arabic, Persian).
    [GeneratedRegex(@"[.!?\u061F][\u201D""\u00BB]?\s+(?=[\p{Lu}\p{Lo}\u201C""\u00AB\u0400-\u04FF])")]
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

    [GeneratedRegex(@"(?<!^)\b\p{Lu}\p{Ll}+\b")]
    private static partial Regex ProperName();
}
