using System.Text;
using System.Text.RegularExpressions;

namespace TvNews.Ingest.Text;

/// <summary>Decoded text and the charset actually used; <see cref="Text"/> is null when <see cref="Error"/> is set.</summary>
public sealed record DecodeResult(string? Text, string? Charset, string? Error);

/// <summary>
/// PLACEHOLDER (branch readability): just enough for the Readability comparison test to compile and run.
/// Replaced by the real implementation on merge: BOM, then the declared charset, then (HTML) a meta charset
/// in the first 1024 bytes, else UTF-8.
/// </summary>
public static partial class TextDecoding
{
    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static DecodeResult Decode(byte[] body, string? declaredCharset, bool sniffHtml)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.AsSpan().StartsWith("\xEF\xBB\xBF"u8))
            return new DecodeResult(Encoding.UTF8.GetString(body, 3, body.Length - 3), "utf-8", null);

        var charset = declaredCharset;
        if (string.IsNullOrWhiteSpace(charset) && sniffHtml)
        {
            var head = Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 1024));
            var meta = MetaCharset().Match(head);
            if (meta.Success) charset = meta.Groups["cs"].Value;
        }
        charset = string.IsNullOrWhiteSpace(charset) ? "utf-8" : charset.Trim();
        try
        {
            var encoding = Encoding.GetEncoding(charset);
            return new DecodeResult(encoding.GetString(body), encoding.WebName, null);
        }
        catch (ArgumentException)
        {
            return new DecodeResult(null, null, $"Unknown charset '{charset}'.");
        }
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?(?<cs>[A-Za-z0-9_.:-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
