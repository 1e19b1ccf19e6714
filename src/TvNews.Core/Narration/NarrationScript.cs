using System.Text;
using TvNews.Core.Slides;

namespace TvNews.Core.Narration;

/// <summary>
/// What the voice says on each slide, cut into chunks that are each spoken as one clip and shown as one caption cue.
/// <see cref="Slides"/> has one entry per slide of the plan, in order; a slide with nothing to say has no chunks.
/// </summary>
public sealed record NarrationScript(IReadOnlyList<IReadOnlyList<string>> Slides)
{
    /// <summary>Two caption lines of about 40 characters: what a viewer reads at once while it is spoken.</summary>
    public const int MaxChunkChars = 80;

    public IEnumerable<string> Chunks => Slides.SelectMany(s => s);

    public static NarrationScript Build(SlidePlan plan) =>
        new(plan.Slides.Select(s => (IReadOnlyList<string>)Chunk(SpokenText(s))).ToList());

    /// <summary>
    /// The words read on a slide. The title reads the headline (not the kicker or time line); a quote is read as
    /// "{Speaker} said: {quote}", the speaker being the attribution without its role ("Sergei Lavrov, Foreign
    /// Minister" → "Sergei Lavrov"); an image reads its caption (not the credit); the outro reads its text (the
    /// channel's name). Empty means the slide is silent.
    /// </summary>
    public static string SpokenText(Slide slide)
    {
        var text = Clean(slide.Text);
        if (text.Length == 0) return string.Empty;
        if (slide.Kind == SlideKind.Quote)
        {
            var quote = text.Trim('"', '\u201C', '\u201D', '\u00AB', '\u00BB', '\u201E').Trim();
            var speaker = Clean(slide.Attribution?.Split(',')[0]);
            return speaker.Length == 0 ? quote : $"{speaker} said: {quote}";
        }
        // A closing mark so the voice drops at the end instead of running on into the next clip.
        return slide.Kind == SlideKind.Outro && !EndsSentence(text) ? text + "." : text;
    }

    /// <summary>
    /// Splits spoken text into chunks of at most <see cref="MaxChunkChars"/> characters: whole sentences where they
    /// fit (short neighbours share a chunk), else clauses (after a comma, semicolon, colon or dash), else balanced runs
    /// of words. Never inside a word: a single word longer than the limit is a chunk of its own.
    /// </summary>
    public static IReadOnlyList<string> Chunk(string text, int maxChars = MaxChunkChars)
    {
        text = Clean(text);
        if (text.Length == 0) return [];
        var pieces = new List<string>();
        foreach (var sentence in SlidePlanner.Sentences(text))
        {
            if (sentence.Length <= maxChars) pieces.Add(sentence);
            else pieces.AddRange(Pack(Clauses(sentence).SelectMany(c => c.Length <= maxChars ? [c] : Balanced(c, maxChars)), maxChars));
        }
        return Pack(pieces, maxChars);
    }

    /// <summary>Joins neighbouring pieces while the result still fits.</summary>
    private static List<string> Pack(IEnumerable<string> pieces, int maxChars)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var piece in pieces)
        {
            if (current.Length > 0 && current.Length + 1 + piece.Length > maxChars)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0) current.Append(' ');
            current.Append(piece);
        }
        if (current.Length > 0) chunks.Add(current.ToString());
        return chunks;
    }

    private static IEnumerable<string> Clauses(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = 0;
        for (var i = 0; i < words.Length - 1; i++)
        {
            var w = words[i];
            var breaksAfter = w.EndsWith(',') || w.EndsWith(';') || w.EndsWith(':') || w.EndsWith('\u060C') || w.EndsWith('\u061B');
            // A dash opens the next clause: break before it.
            var dashNext = words[i + 1] is "\u2014" or "\u2013" or "-";
            if (breaksAfter || dashNext)
            {
                yield return string.Join(' ', words[start..(i + 1)]);
                start = i + 1;
            }
        }
        yield return string.Join(' ', words[start..]);
    }

    /// <summary>
    /// Cuts a clause with no usable punctuation into near-equal runs of whole words: each run is filled up to a little
    /// over an even share, so a 90-character clause becomes two of about 45 rather than 80 and 10.
    /// </summary>
    private static List<string> Balanced(string clause, int maxChars)
    {
        var parts = (int)Math.Ceiling(clause.Length / (double)maxChars);
        var cap = Math.Min(maxChars, (int)Math.Ceiling(clause.Length / (double)parts) + 8);
        return Pack(clause.Split(' ', StringSplitOptions.RemoveEmptyEntries), cap);
    }

    private static bool EndsSentence(string text) => text[^1] is '.' or '!' or '?' or '\u2026' or '\u061F' or '\u06D4';

    /// <summary>One line, single spaces, no control characters: the same text goes to espeak-ng and to the captions.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (isSpace) { if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' '); }
            else sb.Append(c);
        }
        return sb.ToString().Trim();
    }
}
