using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TvNews.Api.Channels;
using TvNews.Core.Articles;
using TvNews.Ingest.Web;
using TvNews.Rendering;

namespace TvNews.Api.Articles;

/// <summary>
/// Downloads an article's pictures, the lead and the first <see cref="MaxBodyImages"/> in-body ones, into media
/// storage: at most <see cref="OutboundOptions.MaxImageBytes"/> each, through the guarded fetcher, type sniffed from
/// the bytes, decode verified, and at least <see cref="OutboundOptions.MinImageWidth"/> x
/// <see cref="OutboundOptions.MinImageHeight"/> so it fills a TV frame without turning to mush. Stored by content hash,
/// so the same picture is kept once. A picture that cannot be had stays without a stored path, so the planner gives it
/// no slide; it never fails ingest.
/// </summary>
public sealed class ArticleImages(WebFetcher fetcher, ArticleSources sources, IOptions<OutboundOptions> options, AppPaths paths, ILogger<ArticleImages> logger)
{
    /// <summary>In-body pictures downloaded per article (JSON and feeds may name more); later ones get no slide.</summary>
    public const int MaxBodyImages = TvNews.Ingest.Html.HtmlArticleExtractor.MaxBodyImages;

    public async Task<Article> DownloadAsync(Channel channel, Article article, CancellationToken ct)
    {
        var allowed = sources.AllowedHosts(channel);
        // Concurrently: each fetch has its own timeout, and a slow picture should not hold up the others.
        var lead = article.LeadImage is { } image ? StoreAsync(image, allowed, ct) : Task.FromResult<ArticleImage?>(null);
        var body = article.Images.Select((i, n) => n < MaxBodyImages ? StoreAsync(i, allowed, ct) : Task.FromResult<ArticleImage?>(i)).ToList();
        var stored = await Task.WhenAll(body.Prepend(lead));
        return article with { LeadImage = stored[0], Images = stored.Skip(1).Select(i => i!).ToList() };
    }

    private async Task<ArticleImage?> StoreAsync(ArticleImage image, IReadOnlySet<string> allowedHosts, CancellationToken ct)
    {
        if (image is not { Url: { } url, StoredPath: null } || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return image;

        var fetched = await fetcher.GetAsync(uri, options.Value.MaxImageBytes, allowedHosts, null, ct);
        if (!fetched.IsOk)
        {
            logger.LogWarning("Image {Url} not downloaded: {Error}", url, fetched.Error);
            return image;
        }
        var verified = ImageCheck.Verify(fetched.Body!);
        if (verified is null)
        {
            logger.LogWarning("Image {Url} is not a JPEG, PNG, GIF or WebP picture that decodes", url);
            return image;
        }
        if (verified.Width < options.Value.MinImageWidth || verified.Height < options.Value.MinImageHeight)
        {
            logger.LogInformation("Image {Url} is {Width}x{Height}, too small for a slide", url, verified.Width, verified.Height);
            return image;
        }

        var name = Convert.ToHexStringLower(SHA256.HashData(fetched.Body!))[..32] + "." + verified.Extension;
        var relative = "images/" + name;
        var file = Path.Combine(paths.MediaOutput, "images", name);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temp = file + ".tmp-" + Guid.NewGuid().ToString("N");
            await File.WriteAllBytesAsync(temp, fetched.Body!, ct);
            File.Move(temp, file, overwrite: true);
        }
        return image with { StoredPath = relative };
    }
}
