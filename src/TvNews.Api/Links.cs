using Microsoft.Extensions.Options;

namespace TvNews.Api;

/// <summary>Absolute URLs for devices, all built from the configured public base so a real Roku on the LAN can follow them.</summary>
public sealed class Links(IOptions<TvNewsOptions> options)
{
    public Uri Base => options.Value.PublicBase;

    public Uri MediaBase => options.Value.MediaBase;

    public string RokuFeed(string channelId) => new Uri(Base, $"channels/{Uri.EscapeDataString(channelId)}/feeds/roku.json").AbsoluteUri;

    /// <summary>The long-poll devices use for live updates (Live/LiveApi).</summary>
    public string Changes(string channelId) => new Uri(Base, $"channels/{Uri.EscapeDataString(channelId)}/changes").AbsoluteUri;

    public string Package(string channelId) => new Uri(Base, $"channels/{Uri.EscapeDataString(channelId)}/package.zip").AbsoluteUri;

    public string Media(string relativePath) =>
        new Uri(MediaBase, string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString))).AbsoluteUri;
}
