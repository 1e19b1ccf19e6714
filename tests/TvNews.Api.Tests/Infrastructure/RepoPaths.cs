namespace TvNews.Api.Tests.Infrastructure;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SeedArticle => Path.Combine(Root, "media", "samples", "000_9234341cac6e6bb5.txt");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TvNews.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("TvNews.sln not found above " + AppContext.BaseDirectory);
    }
}
