using TvNews.Core.Ingest;

namespace TvNews.Core.Tests.Ingest;

public sealed class SiteRulesDomainTests
{
    private static readonly SiteRules PressTv = SiteRulesReader.Read("presstv.json",
        File.ReadAllText(Path.Combine(RepoPaths.Root, "site-rules", "presstv.json"))).Rules!;

    [Theory]
    [InlineData("https://www.presstv.ir/Detail/2021/05/19/1", true)]
    [InlineData("https://presstv.co.uk/x", true)]
    [InlineData("https://notpresstv.ir/x", false)]
    [InlineData("https://presstv.ir.evil.test/x", false)]
    public void RulesApplyToTheirDomainsAndSubdomainsOnly(string url, bool applies) =>
        Assert.Equal(applies, PressTv.AppliesTo(new Uri(url)));

    [Fact]
    public void ADomainThatIsNotAHostNameIsReported()
    {
        var (rules, problems) = SiteRulesReader.Read("x.json", """{ "name": "x", "domains": [ "not a host/" ] }""");
        Assert.Null(rules);
        Assert.Contains(problems, p => p.Contains("not a host name", StringComparison.Ordinal));
    }
}
