using Microsoft.Net.Http.Headers;

namespace TvNews.Api.Feeds;

/// <summary>
/// Serves one cached feed file as a CDN would want it: a strong ETag per representation, Last-Modified, 304 on
/// If-None-Match (which wins over If-Modified-Since, RFC 9110 13.2.2), the pre-compressed bytes chosen from
/// Accept-Encoding, and CORS open so browser apps can read it.
/// </summary>
public sealed class FeedHttpResult(ChannelFeeds feeds, FeedFile file) : IResult
{
    public const string CacheControl = "public, max-age=30, stale-while-revalidate=60";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        var request = http.Request;
        var response = http.Response;
        var (encoding, body) = Choose(request.Headers.AcceptEncoding.ToString());
        var headers = response.Headers;
        headers.CacheControl = CacheControl;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlExposeHeaders = "ETag, Last-Modified";
        headers.ETag = Tag(encoding);
        headers.LastModified = feeds.LastModified.ToString("R");

        if (NotModified(request))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = file.ContentType;
        if (encoding is not null) headers.ContentEncoding = encoding;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    private string Tag(string? encoding) => encoding switch
    {
        "br" => $"\"{file.ETagValue}-br\"",
        "gzip" => $"\"{file.ETagValue}-gz\"",
        _ => $"\"{file.ETagValue}\"",
    };

    private bool NotModified(HttpRequest request)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            // Weak comparison (RFC 9110 13.1.2): any representation of this version matches, whatever its encoding.
            var current = new[] { Tag(null), Tag("gzip"), Tag("br") };
            return ifNoneMatch.SelectMany(v => (v ?? "").Split(',')).Select(t => t.Trim())
                .Any(t => t == "*" || current.Contains(t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t, StringComparer.Ordinal));
        }
        return request.GetTypedHeaders().IfModifiedSince is { } since &&
               feeds.LastModified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }

    /// <summary>Brotli, else gzip, else identity, honouring q=0 refusals (and <c>*</c>).</summary>
    private (string? Encoding, byte[] Body) Choose(string acceptEncoding)
    {
        var q = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in acceptEncoding.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var weight = 1.0;
            foreach (var p in pieces.Skip(1))
                if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase) &&
                    double.TryParse(p[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var w))
                    weight = w;
            q[pieces[0]] = weight;
        }
        double Weight(string coding) => q.TryGetValue(coding, out var w) ? w : q.TryGetValue("*", out var any) ? any : 0;
        var br = Weight("br");
        var gzip = Weight("gzip");
        if (br > 0 && br >= gzip) return ("br", file.Brotli);
        if (gzip > 0) return ("gzip", file.Gzip);
        return (null, file.Identity);
    }
}
