using System.Net;
using System.Net.Http.Headers;

namespace TvNews.Ingest.Web;

public enum FetchOutcome
{
    Ok,
    NotModified,
    Refused,
    TooLarge,
    HttpError,
    Unreachable,
    TimedOut,
}

public sealed record FetchResult(
    FetchOutcome Outcome,
    byte[]? Body,
    string? MediaType,
    string? Charset,
    Uri? FinalUrl,
    string? ETag,
    DateTimeOffset? LastModified,
    int? StatusCode,
    string? Error)
{
    public bool IsOk => Outcome == FetchOutcome.Ok;
}

/// <summary>Conditional GET validators from the previous fetch of the same URL.</summary>
public sealed record Validators(string? ETag, DateTimeOffset? LastModified);

/// <summary>
/// Outbound fetches of pages, feeds and images, through the guarded handler (no private addresses unless allowed)
/// and the resilience pipeline configured on the HttpClient (timeouts, retries). Bodies are read up to a limit.
/// </summary>
public sealed class WebFetcher(HttpClient http)
{
    public async Task<FetchResult> GetAsync(Uri url, long maxBytes, IReadOnlySet<string> allowedHosts, Validators? validators, CancellationToken ct)
    {
        if (url.Scheme is not ("http" or "https"))
            return Fail(FetchOutcome.Refused, $"Only http and https URLs can be fetched, not '{url.Scheme}'.");

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Options.Set(GuardedHandler.AllowedHostsKey, allowedHosts);
        if (validators?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
        if (validators?.LastModified is { } since) request.Headers.IfModifiedSince = since;

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception e) when (BlockedAddressException.FindIn(e) is { } blocked)
        {
            return Fail(FetchOutcome.Refused, blocked.Message);
        }
        catch (Exception e) when (e is TaskCanceledException or TimeoutException || e.InnerException is TimeoutException ||
                                  e.GetType().Name == "TimeoutRejectedException")
        {
            if (ct.IsCancellationRequested) throw;
            return Fail(FetchOutcome.TimedOut, $"{url.Host} did not answer in time.");
        }
        catch (HttpRequestException e)
        {
            return Fail(FetchOutcome.Unreachable, $"{url.Host} could not be reached: {e.Message}");
        }

        using (response)
        {
            var finalUrl = response.RequestMessage?.RequestUri ?? url;
            var etagOut = response.Headers.ETag?.ToString();
            var lastModified = response.Content.Headers.LastModified;
            if (response.StatusCode == HttpStatusCode.NotModified)
                return new FetchResult(FetchOutcome.NotModified, null, null, null, finalUrl, etagOut ?? validators?.ETag, lastModified ?? validators?.LastModified, 304, null);
            if (!response.IsSuccessStatusCode)
                return new FetchResult(FetchOutcome.HttpError, null, null, null, finalUrl, null, null, (int)response.StatusCode,
                    $"{finalUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            if (response.Content.Headers.ContentLength > maxBytes)
                return Fail(FetchOutcome.TooLarge, $"{finalUrl} is {response.Content.Headers.ContentLength} bytes; the limit is {maxBytes}.");

            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes) return Fail(FetchOutcome.TooLarge, $"{finalUrl} is larger than the {maxBytes}-byte limit.");
                buffer.Write(chunk, 0, read);
            }
            var contentType = response.Content.Headers.ContentType;
            return new FetchResult(FetchOutcome.Ok, buffer.ToArray(), contentType?.MediaType, contentType?.CharSet, finalUrl, etagOut, lastModified,
                (int)response.StatusCode, null);
        }
    }

    private static FetchResult Fail(FetchOutcome outcome, string error) => new(outcome, null, null, null, null, null, null, null, error);
}
