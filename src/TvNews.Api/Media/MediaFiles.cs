using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace TvNews.Api.Media;

/// <summary>Rendered media over HTTP at /media: correct content types, range requests (StaticFiles), read-only.</summary>
public static class MediaFiles
{
    public static IApplicationBuilder UseMediaFiles(this IApplicationBuilder app, AppPaths paths)
    {
        Directory.CreateDirectory(paths.MediaOutput);
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
