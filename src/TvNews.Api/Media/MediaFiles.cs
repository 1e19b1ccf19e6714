using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace TvNews.Api.Media;

/// <summary>Rendered media over HTTP at /media: correct content types, range requests (StaticFiles), read-only.</summary>
public static class MediaFiles
{
    public static IApplicationBuilder UseMediaFiles(this IApplicationBuilder app, AppPaths paths)
    {
        Directory.CreateDirectory(paths.MediaOutput);
        var retracted = app.ApplicationServices.GetRequiredService<TvNews.Api.Feeds.RetractedMedia>();
        // A retracted story's files stay on disk (for the audit trail) but are gone for devices and CDNs: 410, not 404,
        // so caches drop them rather than retry. The set is in memory (FeedListener refreshes it), so this costs no query.
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/media/stories", out var rest) &&
                rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var storyId, ..] && retracted.Contains(storyId))
            {
                http.Response.StatusCode = StatusCodes.Status410Gone;
                http.Response.Headers.AccessControlAllowOrigin = "*";
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status410Gone, Title = "Story retracted", Detail = $"Story {storyId} was retracted; its media is no longer served." },
                });
                return;
            }
            await next(http);
        });
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".m3u8"] = "application/vnd.apple.mpegurl";
        types.Mappings[".ts"] = "video/mp2t";
        types.Mappings[".vtt"] = "text/vtt; charset=utf-8";
        types.Mappings[".srt"] = "application/x-subrip; charset=utf-8";
        types.Mappings[".ttml"] = "application/ttml+xml";
        types.Mappings[".bif"] = "application/octet-stream";
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/media",
            FileProvider = new PhysicalFileProvider(paths.MediaOutput),
            ContentTypeProvider = types,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = ctx =>
            {
                // Render folders are never rewritten (a new render gets a new folder), so media can be cached long.
                ctx.Context.Response.Headers.CacheControl = "public, max-age=86400";
                ctx.Context.Response.Headers.AccessControlAllowOrigin = "*";
            },
        });
    }
}
