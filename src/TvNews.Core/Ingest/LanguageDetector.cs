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
        return FrenchOrEnglish(text, fallback);
    }

    /// <summary>Latin script: function words tell French from English; other Latin languages keep the fallback.</summary>
    private static string FrenchOrEnglish(string text, string fallback)
    {
        int fr = 0, en = 0;
        foreach (var w in text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (w is "le" or "la" or "les" or "des" or "du" or "une" or "est" or "dans" or "pour" or "qui" or "sur" or "avec" or "et" or "au" or "aux") fr++;
            else if (w is "the" or "and" or "of" or "to" or "is" or "that" or "with" or "for" or "on" or "was" or "by" or "from") en++;
        }
        if (fr > en * 2 && fr >= 3) return "fr";
        if (en > fr * 2 && en >= 3) return "en";
        // Undecided: keep a Latin-script fallback (the channel's language); a non-Latin one cannot describe Latin text.
        return fallback is "" or "ar" or "fa" or "ru" or "he" or "ur" ? "en" : fallback;
    }
}
