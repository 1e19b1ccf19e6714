using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using TvNews.Api.Channels;
using TvNews.Data.Stories;
using TvNews.Rendering;

namespace TvNews.Api.Stories;

/// <summary>The producer's contact sheet: the story's current plan (edits included) drawn as one picture.</summary>
public static class ContactSheetApi
{
    public static IEndpointRouteBuilder MapContactSheet(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/stories").WithTags("Producers").RequireAuthorization(Auth.Policies.Viewer)
            .MapGet("/{storyId:guid}/contact-sheet.png", GetAsync)
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status304NotModified);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        Guid storyId, HttpContext http, StoryStore stories, ChannelCatalog catalog, AppPaths paths, CancellationToken ct)
    {
        var story = await stories.GetAsync(storyId, ct);
        if (story is null || catalog.Find(story.ChannelId) is not { } channel)
            return StoryProblems.Unknown(storyId);

        // The sheet is a pure function of the plan and the channel's look, so their hash is a strong validator.
        var etag = new EntityTagHeaderValue($"\"{Articles.ArticleIngest.PlanHash(story.Plan, channel.Manifest)[..32]}\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "private, no-cache";
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(e => e.Compare(etag, useStrongComparison: false)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        var slides = story.Plan.Slides.Select(paths.WithPictureFile).ToList();
        using var theme = SlideTheme.Load(channel.Manifest.Branding, paths.MediaRoot, channel.Manifest.Name);
        var png = ContactSheet.RenderPng(new SlideRenderer(theme), theme, story.Article.Headline, slides);
        return TypedResults.File(png, "image/png");
    }
}
