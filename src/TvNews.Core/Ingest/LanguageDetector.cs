namespace TvNews.Core.Ingest;

/// <summary>Language from the dominant script; enough to pick fonts and text direction.</summary>
public static class LanguageDetector
{
    public static string Detect(string text, string fallback)
    {
        int arabic = 0, persianOnly = 0, cyrillic = 0, hebrew = 0, latin = 0;
        foreach (var c in text)
        {
            if (c is >= '\u0600' and <= '\u06FF')
            {
                arabic++;
                if (c is '\u067E' or '\u0686' or '\u0698' or '\u06AF' or '\u06A9' or '\u06CC') persianOnly++;
            }
            else if (c is >= '\u0400' and <= '\u04FF') cyrillic++;
            else if (c is >= '\u0590' and <= '\u05FF') hebrew++;
            else if (char.IsAsciiLetter(c)) latin++;
        }
        var max = new[] { arabic, cyrillic, hebrew, latin }.Max();
        if (max == 0) return fallback;
        if (max == arabic) return persianOnly > arabic / 50 ? "fa" : "ar";
        if (max == cyrillic) return "ru";
        if (max == hebrew) return "he";
        return fallback.Length > 0 && fallback != "ar" && fallback != "fa" && fallback != "ru" ? fallback : "en";
    }
}
