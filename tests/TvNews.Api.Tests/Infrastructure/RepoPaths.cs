namespace TvNews.Api.Tests.Infrastructure;

internal static class RepoPaths
{
    public static string Root { get; } = TvNews.Testing.TestRepository.Root;

    public static string SeedArticle => Path.Combine(Root, "media", "samples", "000_9234341cac6e6bb5.txt");

}
