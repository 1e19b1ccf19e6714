namespace TvNews.Core.Tests;

/// <summary>Finds checked-in inputs (media/, channel-manifests/, site-rules/) from the test's bin folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = TvNews.Testing.TestRepository.Root;

    public static string Media => Path.Combine(Root, "media");
    public static string SeedArticle => Path.Combine(Media, "samples", "000_9234341cac6e6bb5.txt");

}
