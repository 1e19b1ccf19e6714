namespace TvNews.Rendering;

internal static class TextDirection
{
    // Hebrew, Arabic, Syriac, Thaana, NKo ... plus the Arabic presentation forms.
    public static bool IsStrongRtl(char c) =>
        c is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');

    public static bool ContainsRtl(string text) => text.Any(IsStrongRtl);

    /// <summary>True when the first strong character is right-to-left (the paragraph direction rule of UAX #9, simplified).</summary>
    public static bool IsRtlParagraph(string text)
    {
        foreach (var c in text)
        {
            if (IsStrongRtl(c))
            {
                return true;
            }

            if (char.IsLetter(c))
            {
                return false;
            }
        }

        return false;
    }
}
