using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TvNews.Api.Auth;
using TvNews.Api.Channels;
using TvNews.Core.Articles;

namespace TvNews.Api.Articles;

public static class ArticlesApi
{
    public sealed record IngestResponse(Guid StoryId, bool Created, int ArticleVersion, string State, string RenderState, Article Article, string StoryUrl);

    public static IEndpointRouteBuilder MapArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/channels/{channelId}/articles")
            .WithTags("Producers")
            .RequireAuthorization(Policies.Producer);
        group.MapPost("/", IngestAsync)
            .Accepts<ArticleInput>("application/json", "text/plain", "text/html");
        return app;
    }

    /// <summary>
    /// POST a raw text dump (text/plain) or JSON. Validation happens before anything is stored, and the store
    /// is one transaction, so a rejected article leaves no trace.
    /// </summary>
    private static async Task<Results<Created<IngestResponse>, Ok<IngestResponse>, ProblemHttpResult>> IngestAsync(
        string channelId, bool? publish, HttpRequest request, ChannelCatalog catalog, ArticleIngest ingest,
        ArticleSources sources, IOptions<TvNewsOptions> options, IAuthorizationService authorization,
        CancellationToken ct)
    {
        // Drafts are a producer's; putting a story on air is an editor's call.
        if (publish == true && !(await authorization.AuthorizeAsync(request.HttpContext.User, Policies.Editor)).Succeeded)
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", "Publishing (?publish=true) needs the editor role; a producer may ingest drafts.");

        var channel = catalog.Find(channelId);
        if (channel is null)
            return ChannelProblems.Unknown(channelId);

        var limit = options.Value.MaxArticleBytes;
        if (request.ContentLength > limit)
            return TooLarge(limit);
        var body = await ReadBodyAsync(request.Body, limit, ct);
        if (body is null) return TooLarge(limit);
        if (body.Length == 0)
            return Problem(StatusCodes.Status400BadRequest, "Empty article", "The request body is empty: send the article text or JSON.");

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) && request.ContentType is not null)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", $"'{request.ContentType}' is not a media type.");
        var read = await sources.ReadAsync(channel, contentType?.MediaType.Value ?? "text/plain", contentType?.Charset.Value, body, ct);
        if (read.Article is null) return Problem(read.Status, read.Title!, read.Detail!);
        var article = read.Article;

        var (outcome, stored) = await ingest.StoreWithArticleAsync(channel, article, publish ?? false, request.HttpContext.User.ToAuditActor(), ct);
        var self = $"/api/stories/{outcome.StoryId}";
        var response = new IngestResponse(outcome.StoryId, outcome.Created, outcome.ArticleVersion, outcome.State, outcome.RenderState, stored, self);
        return outcome.Created ? TypedResults.Created(self, response) : TypedResults.Ok(response);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger (so a huge body is never buffered whole).</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Article too large", $"Articles are limited to {limit / 1024} KiB.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
