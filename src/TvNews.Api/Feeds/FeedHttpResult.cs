using System.Globalization;
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

    public Task ExecuteAsync(HttpContext httpContext)
    {
        // This is the hot path of the whole service (every device polls it), so it allocates nothing per request:
        // the header values were made with the feed version and the request headers are read as spans.
        var request = httpContext.Request;
        var response = httpContext.Response;
        var (encoding, body, tag) = Choose(request.Headers.AcceptEncoding);
        var headers = response.Headers;
        headers.CacheControl = CacheControl;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlExposeHeaders = ExposedHeaders;
        headers.ETag = tag;
        headers.LastModified = feeds.LastModifiedHeader;

        if (NotModified(request))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = file.ContentType;
        if (encoding is not null) headers.ContentEncoding = encoding;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    private const string ExposedHeaders = "ETag, Last-Modified";

    private bool NotModified(HttpRequest request)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            // Weak comparison (RFC 9110 13.1.2): any representation of this version matches, whatever its encoding.
            foreach (var value in ifNoneMatch)
            {
                var rest = (value ?? "").AsSpan();
                foreach (var range in rest.Split(','))
                {
                    var t = rest[range].Trim();
                    if (t.StartsWith("W/")) t = t[2..];
                    if (t is "*" || t.SequenceEqual(file.BrotliTag) || t.SequenceEqual(file.GzipTag) || t.SequenceEqual(file.IdentityTag)) return true;
                }
            }
            return false;
        }
        return request.Headers.IfModifiedSince.Count > 0 && request.GetTypedHeaders().IfModifiedSince is { } since &&
               feeds.LastModified.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }

    /// <summary>Brotli, else gzip, else identity, honouring q=0 refusals (and <c>*</c>).</summary>
    private (string? Encoding, byte[] Body, string Tag) Choose(Microsoft.Extensions.Primitives.StringValues acceptEncoding)
    {
        double br = -1, gzip = -1, any = -1;
        foreach (var value in acceptEncoding)
        {
            var header = (value ?? "").AsSpan();
            foreach (var part in header.Split(','))
            {
                var coding = header[part];
                var weight = 1.0;
                var semicolon = coding.IndexOf(';');
                if (semicolon >= 0)
                {
                    var parameters = coding[(semicolon + 1)..];
                    coding = coding[..semicolon];
                    foreach (var p in parameters.Split(';'))
                    {
                        var parameter = parameters[p].Trim();
                        if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase) &&
                            double.TryParse(parameter[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w))
                            weight = w;
                    }
                }
                coding = coding.Trim();
                if (coding.Equals("br", StringComparison.OrdinalIgnoreCase)) br = weight;
                else if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase)) gzip = weight;
                else if (coding is "*") any = weight;
            }
        }
        // An unnamed coding takes the weight of *, else it is not acceptable.
        if (br < 0) br = Math.Max(any, 0);
        if (gzip < 0) gzip = Math.Max(any, 0);
        if (br > 0 && br >= gzip) return ("br", file.Brotli, file.BrotliTag);
        if (gzip > 0) return ("gzip", file.Gzip, file.GzipTag);
        return (null, file.Identity, file.IdentityTag);
    }
}
