using TvNews.Core.Articles;
using TvNews.Core.Channels;
using TvNews.Core.Ingest;

namespace TvNews.Core.Tests;

internal static class TestData
{
    public static ChannelManifest SampleChannel { get; } = ChannelManifestReader.Read("sample-news.json",
        File.ReadAllText(Path.Combine(RepoPaths.Root, "channel-manifests", "sample-news.json")), _ => true, _ => true).Manifest!;

    public static Article SeedArticle { get; } = RawTextArticleParser.Parse(File.ReadAllText(RepoPaths.SeedArticle),
        [SiteRulesReader.Read("presstv.json", File.ReadAllText(Path.Combine(RepoPaths.Root, "site-rules", "presstv.json"))).Rules!],
        "en").Article!;
}
