using TvNews.Core.Channels;
using TvNews.Core.Ingest;

namespace TvNews.Core.Tests.Channels;

/// <summary>Loads every checked-in channel manifest and site-rules file and reports every problem it finds.</summary>
public sealed class ChannelManifestFilesTests
{
    private static string ManifestFolder => Path.Combine(RepoPaths.Root, "channel-manifests");
    private static string SiteRulesFolder => Path.Combine(RepoPaths.Root, "site-rules");

    public static TheoryData<string> ManifestFiles() =>
        new(Directory.GetFiles(ManifestFolder, "*.json").Select(Path.GetFileName).OfType<string>());

    public static TheoryData<string> SiteRulesFiles() =>
        new(Directory.GetFiles(SiteRulesFolder, "*.json").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(ManifestFiles))]
    public void EveryChannelManifestIsValid(string file)
    {
        var (manifest, problems) = ChannelManifestReader.Read(file, File.ReadAllText(Path.Combine(ManifestFolder, file)),
            p => File.Exists(Path.Combine(RepoPaths.Media, p)),
            name => File.Exists(Path.Combine(SiteRulesFolder, name + ".json")));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.NotNull(manifest);
    }

    [Theory]
    [MemberData(nameof(SiteRulesFiles))]
    public void EverySiteRulesFileIsValid(string file)
    {
        var (rules, problems) = SiteRulesReader.Read(file, File.ReadAllText(Path.Combine(SiteRulesFolder, file)));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.NotNull(rules);
    }

    [Fact]
    public void TheSampleChannelExists()
    {
        Assert.Contains("sample-news.json", Directory.GetFiles(ManifestFolder, "*.json").Select(Path.GetFileName));
    }

    [Fact]
    public void ABrokenManifestReportsEveryProblemWithItsFileName()
    {
        const string json = """
            { "id": "Bad Id", "name": "x", "shortName": "x", "language": "english", "timeZone": "Mars/Olympus",
              "description": "d",
              "branding": { "primaryColor": "red", "accentColor": "#000000", "textColor": "#FFFFFF",
                            "background": "../etc/passwd", "font": "fonts/missing.ttf", "boldFont": "fonts/NotoSans-Bold.ttf" },
              "categories": [ { "name": "Mixed", "query": "a AND b OR c", "order": "most_recent" } ],
              "siteRules": [ "nowhere" ],
              "roku": { "title": "x", "splashColor": "#000000" } }
            """;
        var (manifest, problems) = ChannelManifestReader.Read("bad.json", json,
            p => File.Exists(Path.Combine(RepoPaths.Media, p)), _ => false);
        Assert.Null(manifest);
        Assert.All(problems, p => Assert.StartsWith("bad.json: ", p));
        foreach (var expected in new[] { "id 'Bad Id'", "language 'english'", "Mars/Olympus", "primaryColor 'red'",
                     "branding.background must be a path inside media/", "fonts/missing.ttf", "not both", "site rules 'nowhere'" })
        {
            Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("{ \"name\": \"X\", \"playlistName\": \"featured\", \"order\": \"manual\" }", "playlistName 'featured' is not a feed playlist")]
    [InlineData("{ \"name\": \"X\", \"playlistName\": \"rundown\", \"order\": \"most_recent\" }", "order must be manual")]
    [InlineData("{ \"name\": \"X\", \"playlistName\": \"rundown\", \"query\": \"news\", \"order\": \"manual\" }", "set either query or playlistName")]
    [InlineData("{ \"name\": \"X\", \"order\": \"most_recent\" }", "set either query or playlistName")]
    public void ACategoryNamesAQueryOrAKnownPlaylistNotBoth(string category, string expected)
    {
        var json = File.ReadAllText(Path.Combine(ManifestFolder, "sample-news.json"))
            .Replace("{ \"name\": \"Top Stories\", \"playlistName\": \"rundown\", \"order\": \"manual\" }", category, StringComparison.Ordinal);
        var (manifest, problems) = ChannelManifestReader.Read("sample-news.json", json, _ => true, _ => true);
        Assert.Null(manifest);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void FeedLimitsAndAdBreaksAreChecked()
    {
        var json = File.ReadAllText(Path.Combine(ManifestFolder, "sample-news.json"))
            .Replace("\"feed\": { \"maxStories\": 200, \"perCategory\": 50 }",
                "\"feed\": { \"maxStories\": 0, \"perCategory\": 50, \"adBreaks\": { \"midRollEverySeconds\": 5 } }", StringComparison.Ordinal);
        var (manifest, problems) = ChannelManifestReader.Read("sample-news.json", json, _ => true, _ => true);
        Assert.Null(manifest);
        Assert.Contains(problems, p => p.Contains("feed.maxStories", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("feed.adBreaks.midRollEverySeconds", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownPropertyIsReportedNotIgnored()
    {
        var json = File.ReadAllText(Path.Combine(ManifestFolder, "sample-news.json")).Replace("\"shortName\"", "\"shortNmae\"", StringComparison.Ordinal);
        var (manifest, problems) = ChannelManifestReader.Read("sample-news.json", json, _ => true, _ => true);
        Assert.Null(manifest);
        Assert.Contains(problems, p => p.Contains("shortNmae", StringComparison.Ordinal));
    }

    [Fact]
    public void APaletteWhoseTextCannotBeReadOnItsPrimaryColorIsRefused()
    {
        var json = File.ReadAllText(Path.Combine(ManifestFolder, "sample-news.json"))
            .Replace("\"textColor\": \"#FFFFFF\"", "\"textColor\": \"#3A4A6A\"", StringComparison.Ordinal);
        var (manifest, problems) = ChannelManifestReader.Read("sample-news.json", json, _ => true, _ => true);
        Assert.Null(manifest);
        Assert.Contains(problems, p => p.Contains("branding.textColor on branding.primaryColor has contrast", StringComparison.Ordinal));
    }

    [Fact]
    public void TemplateSettingsAreReadAndChecked()
    {
        var sample = File.ReadAllText(Path.Combine(ManifestFolder, "sample-news.json"));
        var (manifest, _) = ChannelManifestReader.Read("sample-news.json", sample, _ => true, _ => true);
        Assert.Equal(LowerThirdStyle.Band, manifest!.Branding.LowerThird);
        Assert.NotNull(manifest.Branding.Ticker);
        Assert.True(manifest.Outputs.Vertical);

        var broken = sample.Replace("\"lowerThird\": \"band\"", "\"lowerThird\": \"banner\"", StringComparison.Ordinal);
        var (none, problems) = ChannelManifestReader.Read("sample-news.json", broken, _ => true, _ => true);
        Assert.Null(none);
        Assert.Contains(problems, p => p.Contains("lowerThird", StringComparison.Ordinal));

        var emptyTicker = sample.Replace("\"label\": \"Live\"", "\"label\": \"\"", StringComparison.Ordinal);
        Assert.Contains(ChannelManifestReader.Read("sample-news.json", emptyTicker, _ => true, _ => true).Problems,
            p => p.Contains("branding.ticker.label", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("#FFFFFF", "#000000", 21.0)]
    [InlineData("#FFFFFF", "#0B1F3A", 16.5)]
    [InlineData("#D62828", "#0B1F3A", 3.3)]
    public void ContrastFollowsWcag(string a, string b, double expected)
    {
        Assert.Equal(expected, ColorContrast.Ratio(a, b), precision: 1);
    }
}
