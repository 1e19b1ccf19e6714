using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace TvNews.Api.Web;

/// <summary>
/// The producers' web page: plain static files (HTML, ES modules, CSS and the vendored SignalR client) from
/// wwwroot/producer, served at /producer/. No build step; the page talks to the same API and hub as every other client.
/// </summary>
public static class ProducerPage
{
    public const string Path = "/producer";

    public static IApplicationBuilder UseProducerPage(this IApplicationBuilder app, IWebHostEnvironment environment)
    {
        var folder = System.IO.Path.Combine(environment.WebRootPath ?? System.IO.Path.Combine(environment.ContentRootPath, "wwwroot"), "producer");
        if (!Directory.Exists(folder)) return app; // an API-only image may ship without the page
        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = ctx =>
            {
                // Revalidate every time (ETag): a deploy must reach producers at their next reload, not tomorrow.
                ctx.Context.Response.Headers.CacheControl = "no-cache";
                ctx.Context.Response.Headers.XContentTypeOptions = "nosniff";
                ctx.Context.Response.Headers["Referrer-Policy"] = "same-origin";
                // Everything the page runs comes from this origin; media and slide images may come from the public media host.
                ctx.Context.Response.Headers.ContentSecurityPolicy =
                    "default-src 'self'; img-src 'self' data: http: https:; media-src 'self' blob: http: https:; connect-src 'self' ws: wss:; " +
                    "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            },
        });
    }

    public static IEndpointRouteBuilder MapProducerPage(this IEndpointRouteBuilder app)
    {
        // "/" has no other owner; send people to the page. (No endpoint under /producer: routing ignores a trailing slash,
        // and a matched endpoint makes the static files step stand aside. UseDefaultFiles adds the slash to "/producer".)
        app.MapGet("/", () => TypedResults.Redirect(Path + "/")).ExcludeFromDescription();
        return app;
    }
}
