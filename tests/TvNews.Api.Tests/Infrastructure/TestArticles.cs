namespace TvNews.Api.Tests.Infrastructure;

internal static class TestArticles
{
    /// <summary>A small text dump: three body paragraphs and one quote render in a few seconds.</summary>
    public const string Small = """
        World / Europe

        Ferry service resumes after storm

        Ferries between the islands resumed on Tuesday after three days of storms, the port authority said.

        "We expect full service by the weekend," Port Director Anna Berg said.

        More than 4,000 passengers had been stranded since Saturday, officials said.
        """;
}
