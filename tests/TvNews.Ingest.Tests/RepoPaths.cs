namespace TvNews.Ingest.Tests;

/// <summary>Finds checked-in inputs (tests/corpus/, site-rules/, tools/) from the test's bin folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = TvNews.Testing.TestRepository.Root;

    public static string Corpus => Path.Combine(Root, "tests", "corpus");
    public static string SiteRules => Path.Combine(Root, "site-rules");
    public static string ReadabilityTools => Path.Combine(Root, "tools", "readability");
    public static string TestResults => Path.Combine(Root, "TestResults");

}
