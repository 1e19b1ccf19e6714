using System.IO.Compression;
using Xunit.Abstractions;

namespace TvNews.Core.Tests.Roku;

/// <summary>The app source run through the real BrightScript tools: bsc for the whole package, brs for the feed parser.</summary>
public sealed class RokuAppToolchainTests(ITestOutputHelper output)
{
    internal static string FixtureFeed =>
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
    public void ParseRokuFeedReturnsEveryStoryWithItsHlsUrlDurationAndDate()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var lines = RokuToolchain.RunFeedParser(FixtureFeed).Split('\n');
        output.WriteLine($"brs took {started.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal("RESULT|true||", lines[0]);
        Assert.Equal("EMPTY|false", lines[1]);
        Assert.Contains("STORIES|3", lines);
        Assert.Equal(
        [
            "ITEM|story-0003|Home side wins the derby|https://cdn.example.org/stories/story-0003/video.mp4|mp4|91|2026-02-28",
            "ITEM|story-0001|Parliament passes the budget|https://cdn.example.org/stories/story-0001/master.m3u8|hls|74|2026-03-01",
        ], RowItems(lines, "category|Top Stories"));
        Assert.Contains("ITEM|story-0002|New telescope sends first images|https://cdn.example.org/stories/story-0002/master.m3u8|hls|58|2026-03-02", lines);
    }

    [Fact]
    public void ParseRokuFeedBuildsOneRowPerCategoryFromPlaylistsAndAndOnlyAndOrOnlyTagQueries()
    {
        var lines = RokuToolchain.RunFeedParser(FixtureFeed).Split('\n');

        Assert.Equal(["story-0003", "story-0001"], RowItems(lines, "category|Top Stories").Select(Id));
        Assert.Equal(["story-0001"], RowItems(lines, "category|Politics").Select(Id));
        Assert.Equal(["story-0002"], RowItems(lines, "category|Science & Tech").Select(Id));
        Assert.Equal(["story-0003"], RowItems(lines, "category|Local sport").Select(Id));
        Assert.DoesNotContain(lines, l => l.StartsWith("ROW|category|Mixed", StringComparison.Ordinal));
        // Every story is in some category row, so there is no catch-all row.
        Assert.DoesNotContain(lines, l => l.StartsWith("ROW|all|", StringComparison.Ordinal));
        Assert.Contains("ROWS|5", lines);
    }

    [Fact]
    public void ParseRokuFeedReportsMalformedJsonWithoutCrashing()
    {
        var lines = RokuToolchain.RunFeedParserOnText("{\"shortFormVideos\": [ {\"id\": ").Split('\n');

        Assert.StartsWith("RESULT|false|malformed|", lines[0], StringComparison.Ordinal);
        Assert.Equal("EMPTY|false", lines[1]);
        Assert.Contains("ROWS|0", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("ITEM|", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{}", true, "noStories")]
    [InlineData("{\"shortFormVideos\": []}", true, "noStories")]
    [InlineData("{\"shortFormVideos\": \"not a list\", \"categories\": 5, \"liveFeeds\": {}}", true, "noStories")]
    [InlineData("{\"shortFormVideos\": [ {\"id\": \"a\"}, {\"title\": \"b\"}, 7, null ], \"liveFeeds\": [ {\"id\": \"l\"} ]}", true, "noStories")]
    [InlineData("", false, "empty")]
    [InlineData("  \n ", false, "empty")]
    [InlineData("[]", false, "malformed")]
    [InlineData("null", false, "malformed")]
    public void ParseRokuFeedReturnsNoStoriesForAnEmptyOrUnusableFeedWithoutCrashing(string feed, bool readableButEmpty, string errorCode)
    {
        var lines = RokuToolchain.RunFeedParserOnText(feed).Split('\n');

        Assert.StartsWith($"RESULT|false|{errorCode}|", lines[0], StringComparison.Ordinal);
        Assert.Equal(readableButEmpty ? "EMPTY|true" : "EMPTY|false", lines[1]);
        Assert.True(lines[0].Length > $"RESULT|false|{errorCode}|".Length, "a failed parse explains itself");
        Assert.Contains("ROWS|0", lines);
    }

    [Fact]
    public void AFeedOf500KBOrMoreIsRefusedAsTheSdkTemplateRefusesIt()
    {
        // Valid JSON with one story, padded to exactly 500 * 1024 characters: the limit itself is too large.
        var story = "{\"shortFormVideos\":[{\"id\":\"s\",\"title\":\"t\",\"content\":{\"videos\":[{\"url\":\"https://x/v.m3u8\",\"videoType\":\"HLS\"}]}}],\"pad\":\"";
        var atLimit = story + new string('x', (500 * 1024) - story.Length - 2) + "\"}";
        Assert.Equal(500 * 1024, atLimit.Length);
        var justUnder = story + new string('x', (500 * 1024) - story.Length - 3) + "\"}";

        Assert.StartsWith("RESULT|false|tooLarge|", RokuToolchain.RunFeedParserOnText(atLimit).Split('\n')[0], StringComparison.Ordinal);
        Assert.Equal("RESULT|true||", RokuToolchain.RunFeedParserOnText(justUnder).Split('\n')[0]);
    }

    // main.brs is left out: brs calls Main without the launch arguments and has no Task node,
    // so the whole app cannot run off-device; bsc checks it above.
    [Theory]
    [MemberData(nameof(ComponentScripts))]
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

        Assert.Equal(ComponentScriptNames.Append("source/main.brs").Order(StringComparer.Ordinal), scripts);
    }

    private static readonly string[] ComponentScriptNames =
    [
        "components/Bookmarks.brs", "components/BreakingBanner.brs", "components/Changes.brs", "components/ChangesTask.brs",
        "components/ContentBuilder.brs", "components/DeepLink.brs", "components/DetailsView.brs", "components/FeedParser.brs",
        "components/FeedTask.brs", "components/Http.brs", "components/Layout.brs", "components/MainScene.brs",
        "components/StoryTile.brs", "components/Strings.brs",
    ];

    public static TheoryData<string> ComponentScripts => new(ComponentScriptNames);

    [Fact]
    public void EveryLogicScriptTheHarnessLoadsIsFreeOfSceneGraphNodesOtherThanContentNode()
    {
        // The plain functions must run without a scene: only ContentBuilder makes nodes, and only ContentNodes.
        foreach (var script in RokuToolchain.LogicScripts)
        {
            var text = File.ReadAllText(Path.Combine(RokuToolchain.AppSourceFolder, "components", script));
            Assert.DoesNotContain("m.top", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("m.global", text, StringComparison.OrdinalIgnoreCase);
            var nodes = System.Text.RegularExpressions.Regex.Matches(text, "CreateObject\\(\"roSGNode\", \"(\\w+)\"\\)").Select(m => m.Groups[1].Value);
            Assert.All(nodes, n => Assert.Equal("ContentNode", n));
        }
    }

    [Fact]
    public void MainHandsLaunchArgumentsAndRunningDeepLinksToTheSceneAndTheSceneSignalsLaunchOnce()
    {
        // The parts brs cannot run (no roSGScreen event loop, no roInput): checked as text so a refactor cannot drop them.
        var main = File.ReadAllText(Path.Combine(RokuToolchain.AppSourceFolder, "source", "main.brs"));
        Assert.Contains("CreateObject(\"roInput\")", main, StringComparison.Ordinal);
        Assert.Contains("input.SetMessagePort(port)", main, StringComparison.Ordinal);
        Assert.Contains("\"roInputEvent\"", main, StringComparison.Ordinal);
        Assert.Contains("scene.inputArgs = info", main, StringComparison.Ordinal);
        Assert.Contains("scene.launchArgs = args", main, StringComparison.Ordinal);

        var components = Path.Combine(RokuToolchain.AppSourceFolder, "components");
        var scene = System.Xml.Linq.XDocument.Load(Path.Combine(components, "MainScene.xml"));
        var fields = scene.Descendants("field").ToDictionary(f => (string)f.Attribute("id")!, f => (string?)f.Attribute("onChange"));
        Assert.Equal("onLaunchArgs", fields["launchArgs"]);
        Assert.Equal("onInputArgs", fields["inputArgs"]);
        var code = File.ReadAllText(Path.Combine(components, "MainScene.brs"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(code, "signalBeacon\\(\"AppLaunchComplete\"\\)"));
        // The Video node keeps the * options menu: the scene never handles "options".
        Assert.DoesNotContain("\"options\"", code, StringComparison.Ordinal);
        // The breaking banner is drawn last, over the Video node.
        var children = scene.Descendants("children").Single().Elements().Select(e => (string?)e.Attribute("id")).ToList();
        Assert.True(children.IndexOf("banner") > children.IndexOf("video"), string.Join(',', children));
    }

    [Fact]
    public void ComponentsDeclaredInTheSceneGetTheirBrandingAfterTheSceneMadeIt()
    {
        // SceneGraph runs a child's init() before its scene's, so a child declared in MainScene.xml cannot read
        // m.global.brand there: it must style itself when the scene sets brandReady.
        var components = Path.Combine(RokuToolchain.AppSourceFolder, "components");
        var scene = System.Xml.Linq.XDocument.Load(Path.Combine(components, "MainScene.xml"));
        var sceneCode = File.ReadAllText(Path.Combine(components, "MainScene.brs"));
        var custom = scene.Descendants("children").Single().Descendants()
            .Where(e => File.Exists(Path.Combine(components, e.Name.LocalName + ".brs")))
            .ToList();
        Assert.NotEmpty(custom);
        foreach (var child in custom)
        {
            if (!File.ReadAllText(Path.Combine(components, child.Name.LocalName + ".brs")).Contains("m.global.brand", StringComparison.Ordinal)) continue;
            var xml = System.Xml.Linq.XDocument.Load(Path.Combine(components, child.Name.LocalName + ".xml"));
            Assert.Contains(xml.Descendants("field"), f => (string?)f.Attribute("id") == "brandReady" && (string?)f.Attribute("onChange") == "applyBrand");
            Assert.Contains($"m.{(string)child.Attribute("id")!}.brandReady = true", sceneCode, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NetworkCodeRunsOnlyInTaskNodes()
    {
        // roUrlTransfer is not allowed on the render thread: only Http.brs creates one, and only Task components load it.
        var components = Path.Combine(RokuToolchain.AppSourceFolder, "components");
        var users = Directory.GetFiles(components, "*.brs").Where(f => File.ReadAllText(f).Contains("roUrlTransfer", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFileName);
        Assert.Equal(["Http.brs"], users);
        foreach (var xml in Directory.GetFiles(components, "*.xml"))
        {
            var document = System.Xml.Linq.XDocument.Load(xml);
            var loadsHttp = document.Descendants("script").Any(e => (string?)e.Attribute("uri") == "Http.brs");
            if (loadsHttp) Assert.Equal("Task", (string?)document.Root!.Attribute("extends"));
        }
        var mainXml = System.Xml.Linq.XDocument.Load(Path.Combine(components, "MainScene.xml"));
        Assert.DoesNotContain(mainXml.Descendants("script"), e => (string?)e.Attribute("uri") == "Http.brs");
    }

    /// <param name="row">"kind|title" as the harness prints it.</param>
    internal static List<string> RowItems(string[] lines, string row)
    {
        var start = Array.FindIndex(lines, l => l.StartsWith($"ROW|{row}|", StringComparison.Ordinal));
        Assert.True(start >= 0, $"no row {row}");
        return lines.Skip(start + 1).TakeWhile(l => l.StartsWith("ITEM|", StringComparison.Ordinal)).ToList();
    }

    internal static string Id(string itemLine) => itemLine.Split('|')[1];
}
