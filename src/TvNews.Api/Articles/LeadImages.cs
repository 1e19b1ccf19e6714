using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TvNews.Api.Channels;
using TvNews.Core.Articles;
using TvNews.Ingest.Web;
using TvNews.Rendering;

namespace TvNews.Api.Articles;

/// <summary>
/// Downloads an article's lead image into media storage: at most <see cref="OutboundOptions.MaxImageBytes"/>, type
/// sniffed from the bytes, decode verified. Stored by content hash, so the same picture is kept once. A picture that
/// cannot be had leaves the article without one (the slide falls back to the channel background); it never fails ingest.
/// </summary>
public sealed class LeadImages(WebFetcher fetcher, ArticleSources sources, IOptions<OutboundOptions> options, AppPaths paths, ILogger<LeadImages> logger)
{
    public async Task<Article> DownloadAsync(Channel channel, Article article, CancellationToken ct)
    {
        if (article.LeadImage is not { Url: { } url, StoredPath: null } image || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return article;

        var fetched = await fetcher.GetAsync(uri, options.Value.MaxImageBytes, sources.AllowedHosts(channel), null, ct);
        if (!fetched.IsOk)
        {
            logger.LogWarning("Lead image {Url} not downloaded: {Error}", url, fetched.Error);
            return article;
        }
        var verified = ImageCheck.Verify(fetched.Body!);
        if (verified is null)
        {
            logger.LogWarning("Lead image {Url} is not a JPEG, PNG, GIF or WebP picture that decodes", url);
            return article;
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
        return article with { LeadImage = image with { StoredPath = relative } };
    }
}
