using TvNews.Core.Channels;
using TvNews.Rendering;

namespace TvNews.Rendering.Tests;

internal static class TestMedia
{
    /// <summary>The repository root: the first folder above the test binaries that holds TvNews.sln.</summary>
    public static string RepoRoot => TvNews.Testing.TestRepository.Root;

    public static string MediaRoot => Path.Combine(RepoRoot, "media");

    public static ChannelBranding Branding { get; } = new()
    {
        PrimaryColor = "#0B2545",
        AccentColor = "#E4572E",
        TextColor = "#FFFFFF",
        Background = "backgrounds/sample-news.jpg",
        Font = "fonts/NotoSans-Regular.ttf",
        BoldFont = "fonts/NotoSans-Bold.ttf",
        Tagline = "News that fits your screen",
    };

    public static SlideTheme LoadTheme(ChannelBranding? branding = null) =>
        SlideTheme.Load(branding ?? Branding, MediaRoot, "TvNews Daily");

    public static string CreateTempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "tvnews-rendering-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
