using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;
using TvNews.Api.Channels;
using TvNews.Core.Channels;
using TvNews.Core.Packaging;
using TvNews.Rendering;

namespace TvNews.Api.Packages;

public static class PackagesApi
{
    public static IEndpointRouteBuilder MapPackages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/channels/{channelId}/package.zip", Get).WithTags("Devices");
        return app;
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> Get(string channelId, ChannelPackages packages)
    {
        var zip = packages.Get(channelId);
        return zip is null
            ? ChannelProblems.Unknown(channelId)
            : TypedResults.File(zip, "application/zip", $"{channelId}-roku.zip");
    }
}

/// <summary>
/// Sideloadable Roku packages, built once per channel: the package depends only on the manifest file and the
/// public base URL, both fixed for the life of the process.
/// </summary>
public sealed class ChannelPackages(ChannelCatalog catalog, Links links, AppPaths paths)
{
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _cache = new(StringComparer.Ordinal);

    public byte[]? Get(string channelId)
    {
        var channel = catalog.Find(channelId);
        if (channel is null) return null;
        return _cache.GetOrAdd(channelId, _ => new Lazy<byte[]>(() => Build(channel))).Value;
    }

    private byte[] Build(Channel channel)
    {
        var manifest = channel.Manifest;
        using var theme = SlideTheme.Load(manifest.Branding, paths.MediaRoot, manifest.Name);
        var artwork = new ArtworkRenderer();
        return RokuPackageBuilder.Build(manifest, new Uri(links.RokuFeed(manifest.Id)),
            (width, height) => artwork.RenderPng(theme, manifest.Roku.Title, width, height),
            new Uri(links.Changes(manifest.Id)), Branding(manifest.Branding));
    }

    /// <summary>The logo and fonts the manifest names under media/ (checked to exist when the manifest loaded).</summary>
    private RokuBrandingFiles Branding(ChannelBranding branding)
    {
        byte[]? Read(string? relative) => relative is null ? null : File.ReadAllBytes(Path.Combine(paths.MediaRoot, relative));
        RokuFontFile Font(string relative) => new(Path.GetExtension(relative), Read(relative)!);
        return new RokuBrandingFiles(Read(branding.Logo), Font(branding.Font), Font(branding.BoldFont));
    }
}
