using System.Text;
using System.Text.RegularExpressions;

namespace TvNews.Ingest.Text;

/// <param name="Text">The decoded text, or null when it does not decode.</param>
/// <param name="Charset">The charset actually used (web name).</param>
/// <param name="Error">Why the body was refused.</param>
public sealed record DecodeResult(string? Text, string? Charset, string? Error);

/// <summary>
/// Decodes a body by its declared charset: a BOM first, then the Content-Type charset, then (for HTML) a
/// <c>&lt;meta charset&gt;</c> in the first 2 KB, else UTF-8. Real Arabic, Persian and Russian pages often come as
/// windows-1256 or windows-1251. Only a body that does not decode in that charset is refused; nothing is guessed.
/// </summary>
public static partial class TextDecoding
{
    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DecodeResult Decode(byte[] body, string? declaredCharset, bool sniffHtml)
    {
        var (bomEncoding, bomLength) = DetectBom(body);
        string? charset = bomEncoding?.WebName ?? Clean(declaredCharset);
        if (charset is null && sniffHtml) charset = SniffMetaCharset(body);
        charset ??= "utf-8";

        Encoding encoding;
        try
        {
            encoding = bomEncoding ?? Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return new DecodeResult(null, charset, $"The charset '{charset}' is not supported.");
        }

        var strict = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            return new DecodeResult(strict.GetString(body, bomLength, body.Length - bomLength), encoding.WebName, null);
        }
        catch (DecoderFallbackException e)
        {
            return new DecodeResult(null, encoding.WebName,
                $"The body is not valid {encoding.WebName} (bad byte near offset {bomLength + Math.Max(0, e.Index)}); declare its real charset.");
        }
    }

    private static (Encoding? Encoding, int Length) DetectBom(byte[] body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false), 3),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => (null, 0),
    };

    private static string? Clean(string? charset)
    {
        var c = charset?.Trim().Trim('"', '\'').ToLowerInvariant();
        return string.IsNullOrEmpty(c) ? null : c;
    }

    /// <summary>The charset a page declares in its first 2 KB (as HTML5's prescan does), read as ASCII.</summary>
    private static string? SniffMetaCharset(byte[] body)
    {
        var head = Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 2048));
        var m = MetaCharset().Match(head);
        return m.Success ? Clean(m.Groups["cs"].Value) : null;
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?(?<cs>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
