using System.Text;
using System.Xml;

namespace TvNews.Core;

public static class XmlText
{
    /// <summary>
    /// Drops what XML 1.0 forbids even as a character reference (C0 controls but tab, CR and LF; U+FFFE, U+FFFF;
    /// unpaired surrogates). XmlWriter escapes markup but refuses these, and one stray control character in an article
    /// must not fail a whole caption file or feed. Markup characters stay: the writer escapes them.
    /// </summary>
    public static string Safe(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) continue;
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) { i++; continue; }
            firstBad = i;
            break;
        }
        if (firstBad < 0) return text;
        var clean = new StringBuilder(text.Length).Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) clean.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) clean.Append(text, i++, 2);
        }
        return clean.ToString();
    }
}
