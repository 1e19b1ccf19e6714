using System.IO.Compression;
using Xunit.Abstractions;

namespace TvNews.Core.Tests.Roku;

/// <summary>The app source run through the real BrightScript tools: bsc for the whole package, brs for the feed parser.</summary>
public sealed class RokuAppToolchainTests(ITestOutputHelper output)
{
    private static string FixtureFeed =>
        Path.Combine(RokuToolchain.RepoRoot, "tests", "TvNews.Core.Tests", "Roku", "Fixtures", "direct-publisher-feed.json");

    [Fact]
    public void TheUnzippedPackageCompilesWithBscWithZeroDiagnostics()
    {
        var folder = Directory.CreateTempSubdirectory("tvnews-roku-package-");
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(RokuPackageBuilderTests.BuildTestPackage()), ZipArchiveMode.Read))
                zip.ExtractToDirectory(folder.FullName);

            var result = RokuToolchain.CompileWithBsc(folder.FullName);

            output.WriteLine($"bsc took {result.Elapsed.TotalMilliseconds:F0} ms");
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Empty(result.Diagnostics);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheBscConfigSuppressesNoDiagnostics()
    {
        using var config = System.Text.Json.JsonDocument.Parse(
            File.ReadAllText(Path.Combine(RokuToolchain.ToolsFolder, "bsconfig.json")));
        var root = config.RootElement;

        Assert.Equal(0, root.GetProperty("diagnosticFilters").GetArrayLength());
        Assert.Equal(0, root.GetProperty("ignoreErrorCodes").GetArrayLength());
        Assert.Equal("hint", root.GetProperty("diagnosticLevel").GetString());
        Assert.False(root.GetProperty("createPackage").GetBoolean());
    }

    [Fact]
    public void BscReportsABrokenAppSoAZeroDiagnosticRunMeansSomething()
    {
        var folder = Directory.CreateTempSubdirectory("tvnews-roku-broken-");
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(RokuPackageBuilderTests.BuildTestPackage()), ZipArchiveMode.Read))
                zip.ExtractToDirectory(folder.FullName);
            File.AppendAllText(Path.Combine(folder.FullName, "components", "FeedParser.brs"),
                "\nfunction brokenOnPurpose() as Object\n    return notDefinedAnywhere()\nend function\n");

            var result = RokuToolchain.CompileWithBsc(folder.FullName);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains(result.Diagnostics, d => d.Contains("notDefinedAnywhere", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ParseRokuFeedReturnsEveryStoryWithItsHlsUrlAndCaptions()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var lines = RokuToolchain.RunFeedParser(FixtureFeed).Split('\n');
        output.WriteLine($"brs took {started.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal("RESULT|true|", lines[0]);
        Assert.Equal("EMPTY|false", lines[1]);
        Assert.Equal("ROW|All stories|3", lines[2]);
        var allStories = RowItems(lines, "All stories");
        Assert.Equal(
        [
            "ITEM|story-0001|Parliament passes the budget|https://cdn.example.org/stories/story-0001/master.m3u8|hls|74|2026-03-01",
            "ITEM|story-0002|New telescope sends first images|https://cdn.example.org/stories/story-0002/master.m3u8|hls|58|2026-03-02",
            "ITEM|story-0003|Home side wins the derby|https://cdn.example.org/stories/story-0003/video.mp4|mp4|91|2026-02-28",
        ], allStories);
        Assert.Contains("CAPTION|story-0002|https://cdn.example.org/stories/story-0002/captions.fr.vtt|fr", lines);
        Assert.Contains("CAPTION|story-0001|https://cdn.example.org/stories/story-0001/captions.en.vtt|en", lines);
    }

    [Fact]
    public void ParseRokuFeedBuildsOneRowPerCategoryFromAndOnlyAndOrOnlyTagQueries()
    {
        var lines = RokuToolchain.RunFeedParser(FixtureFeed).Split('\n');

        Assert.Equal(["story-0001"], RowItems(lines, "Politics").Select(Id));
        Assert.Equal(["story-0002"], RowItems(lines, "Science & Tech").Select(Id));
        Assert.Equal(["story-0003"], RowItems(lines, "Local sport").Select(Id));
        Assert.DoesNotContain(lines, l => l.StartsWith("ROW|Mixed", StringComparison.Ordinal));
        Assert.Contains("ROWS|4", lines);
    }

    [Fact]
    public void ParseRokuFeedReportsMalformedJsonWithoutCrashing()
    {
        var lines = RokuToolchain.RunFeedParserOnText("{\"shortFormVideos\": [ {\"id\": ").Split('\n');

        Assert.StartsWith("RESULT|false|", lines[0], StringComparison.Ordinal);
        Assert.Equal("EMPTY|false", lines[1]);
        Assert.Contains("ROWS|0", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("ITEM|", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData("{\"shortFormVideos\": []}", true)]
    [InlineData("{\"shortFormVideos\": \"not a list\", \"categories\": 5}", true)]
    [InlineData("{\"shortFormVideos\": [ {\"id\": \"a\"}, {\"title\": \"b\"}, 7, null ]}", true)]
    [InlineData("", false)]
    [InlineData("[]", false)]
    public void ParseRokuFeedReturnsNoStoriesForAnEmptyOrUnusableFeedWithoutCrashing(string feed, bool readableButEmpty)
    {
        var lines = RokuToolchain.RunFeedParserOnText(feed).Split('\n');

        Assert.StartsWith("RESULT|false|", lines[0], StringComparison.Ordinal);
        Assert.Equal(readableButEmpty ? "EMPTY|true" : "EMPTY|false", lines[1]);
        Assert.True(lines[0].Length > "RESULT|false|".Length, "a failed parse explains itself");
        Assert.Contains("ROWS|0", lines);
    }

    // main.brs is left out: brs calls Main without the launch arguments and has no Task node,
    // so the whole app cannot run off-device; bsc checks it above.
    [Theory]
    [InlineData("components/FeedParser.brs")]
    [InlineData("components/FeedTask.brs")]
    [InlineData("components/MainScene.brs")]
    [InlineData("components/StoryTile.brs")]
    public void EveryComponentScriptParsesInTheBrsInterpreter(string file)
    {
        // An empty root keeps brs from loading the XML components (it has no Task node and says so).
        var root = Directory.CreateTempSubdirectory("tvnews-brs-parse-");
        try
        {
            var (exitCode, stdout, stderr) = RokuToolchain.RunBrs(root.FullName, Path.Combine(RokuToolchain.AppSourceFolder, file));

            Assert.True(exitCode == 0 && stderr.Length == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void EveryAppScriptIsCoveredByTheBrsParseCheck()
    {
        var scripts = Directory.GetFiles(RokuToolchain.AppSourceFolder, "*.brs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RokuToolchain.AppSourceFolder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            ["components/FeedParser.brs", "components/FeedTask.brs", "components/MainScene.brs", "components/StoryTile.brs", "source/main.brs"],
            scripts);
    }

    private static List<string> RowItems(string[] lines, string rowTitle)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith($"ROW|{rowTitle}|", StringComparison.Ordinal));
        Assert.True(start >= 0, $"no row {rowTitle}");
        return lines.Skip(start + 1)
            .TakeWhile(l => l.StartsWith("ITEM|", StringComparison.Ordinal) || l.StartsWith("CAPTION|", StringComparison.Ordinal))
            .Where(l => l.StartsWith("ITEM|", StringComparison.Ordinal))
            .ToList();
    }

    private static string Id(string itemLine) => itemLine.Split('|')[1];
}
