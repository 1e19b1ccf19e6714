using System.IO.Compression;
using System.Text;
using System.Text.Json;
using TvNews.Core.Packaging;

namespace TvNews.Core.Tests.Roku;

public sealed class RokuPackageBuilderTests
{
    private static readonly string[] RequiredKeys =
    [
        "title", "major_version", "minor_version", "build_version",
        "mm_icon_focus_fhd", "mm_icon_focus_hd", "splash_screen_fhd", "splash_screen_hd", "splash_screen_sd",
        "ui_resolutions", "splash_color", "splash_min_time", "rsg_version", "supports_input_launch", "FEED_URL",
    ];

    private static readonly Dictionary<string, (int Width, int Height)> RequiredImageSizes = new()
    {
        ["mm_icon_focus_fhd"] = (540, 405),
        ["mm_icon_focus_hd"] = (290, 218),
        ["splash_screen_fhd"] = (1920, 1080),
        ["splash_screen_hd"] = (1280, 720),
        ["splash_screen_sd"] = (720, 480),
    };

    private static readonly Lazy<byte[]> Package = new(() =>
        RokuPackageBuilder.Build(TestChannels.Metro(), TestChannels.FeedUrl, (w, h) => TestPng.Solid(w, h)));

    [Fact]
    public void ThePackageHasTheManifestAtTheZipRootWithEveryRequiredKeyAndTheFeedUrl()
    {
        using var zip = OpenPackage();
        var entry = zip.GetEntry("manifest");
        Assert.NotNull(entry);
        var text = ReadText(entry);

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        var manifest = ParseManifest(text);
        foreach (var key in RequiredKeys)
            Assert.True(manifest.ContainsKey(key), $"manifest lacks {key}");

        Assert.Equal("Metro News", manifest["title"]);
        Assert.Equal("2", manifest["major_version"]);
        Assert.Equal("3", manifest["minor_version"]);
        Assert.Equal("00042", manifest["build_version"]);
        Assert.Equal("fhd,hd", manifest["ui_resolutions"]);
        Assert.False(manifest.ContainsKey("CHANGES_URL"), "no changes URL was given");
        Assert.Equal("1.2", manifest["rsg_version"]);
        Assert.Equal("1", manifest["supports_input_launch"]);
        Assert.Equal("#0F1724", manifest["splash_color"]);
        Assert.Equal(TestChannels.FeedUrl.AbsoluteUri, manifest["FEED_URL"]);
    }

    [Fact]
    public void EveryManifestImageIsInThePackageAsAPngOfTheSizeRokuRequires()
    {
        using var zip = OpenPackage();
        var manifest = ParseManifest(ReadText(zip.GetEntry("manifest")!));

        foreach (var (key, size) in RequiredImageSizes)
        {
            var uri = manifest[key];
            Assert.StartsWith("pkg:/images/", uri, StringComparison.Ordinal);
            var entry = zip.GetEntry(uri["pkg:/".Length..]);
            Assert.True(entry is not null, $"{key} points at {uri}, which is not in the package");
            Assert.Equal(size, TestPng.ReadSize(ReadBytes(entry)));
        }
    }

    [Fact]
    public void EveryPkgPathInTheManifestExistsInThePackage()
    {
        using var zip = OpenPackage();
        var manifest = ParseManifest(ReadText(zip.GetEntry("manifest")!));

        var pkgPaths = manifest.Values.Where(v => v.StartsWith("pkg:/", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, pkgPaths.Count);
        Assert.All(pkgPaths, p => Assert.NotNull(zip.GetEntry(p["pkg:/".Length..])));
    }

    [Fact]
    public void ThePackageContainsTheSceneGraphAppWithForwardSlashPaths()
    {
        using var zip = OpenPackage();
        var names = zip.Entries.Select(e => e.FullName).ToList();

        Assert.Equal("manifest", names[0]);
        Assert.Contains("source/main.brs", names);
        Assert.Contains("components/MainScene.xml", names);
        Assert.Contains("components/MainScene.brs", names);
        Assert.Contains("components/FeedTask.xml", names);
        Assert.Contains("components/FeedTask.brs", names);
        Assert.Contains("components/FeedParser.brs", names);
        Assert.DoesNotContain(names, n => n.Contains('\\', StringComparison.Ordinal) || n.StartsWith("RokuApp", StringComparison.Ordinal));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void BuildingTheSameChannelTwiceGivesIdenticalBytes()
    {
        var again = RokuPackageBuilder.Build(TestChannels.Metro(), TestChannels.FeedUrl, (w, h) => TestPng.Solid(w, h));

        Assert.Equal(Package.Value, again);
        using var zip = OpenPackage();
        Assert.All(zip.Entries, e => Assert.Equal(RokuPackageBuilder.EntryTimestamp.DateTime, e.LastWriteTime.DateTime));
    }

    [Fact]
    public void ANewlineInTheChannelTitleCannotInjectManifestKeys()
    {
        var channel = TestChannels.Metro("Metro News\nFEED_URL=https://evil.example/feed.json\r\nbs_libs_required=roku_ads_lib");

        var text = RokuPackageBuilder.BuildManifest(channel, TestChannels.FeedUrl);

        var lines = text.TrimEnd('\n').Split('\n');
        var keys = lines.Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)]).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("bs_libs_required", keys);
        Assert.Single(lines, l => l.StartsWith("FEED_URL=", StringComparison.Ordinal));
        Assert.Equal("FEED_URL=" + TestChannels.FeedUrl.AbsoluteUri, lines.Single(l => l.StartsWith("FEED_URL=", StringComparison.Ordinal)));
        Assert.StartsWith("title=Metro News FEED_URL=https://evil.example/feed.json", lines[0], StringComparison.Ordinal);
    }

    private static readonly Uri ChangesUrl = new("https://news.example.org/channels/metro/changes");

    private static byte[] Font(int bytes, byte fill = 7) => Enumerable.Repeat(fill, bytes).ToArray();

    private static byte[] BuildBranded(TvNews.Core.Channels.ChannelManifest channel, RokuBrandingFiles branding) =>
        RokuPackageBuilder.Build(channel, TestChannels.FeedUrl, (w, h) => TestPng.Solid(w, h), ChangesUrl, branding);

    private static JsonElement Config(ZipArchive zip)
    {
        var entry = zip.GetEntry(RokuPackageBuilder.ConfigPath);
        Assert.NotNull(entry);
        return JsonDocument.Parse(ReadBytes(entry)).RootElement.Clone();
    }

    [Fact]
    public void TheManifestNamesTheLongPollForLiveUpdates()
    {
        var manifest = ParseManifest(RokuPackageBuilder.BuildManifest(TestChannels.Metro(), TestChannels.FeedUrl, ChangesUrl));

        Assert.Equal(ChangesUrl.AbsoluteUri, manifest["CHANGES_URL"]);
        Assert.Throws<ArgumentException>(() =>
            RokuPackageBuilder.BuildManifest(TestChannels.Metro(), TestChannels.FeedUrl, new Uri("ftp://news.example.org/changes")));
    }

    [Fact]
    public void TheAppConfigCarriesTheChannelsLanguageDirectionColorsAndPackagedLogoAndFonts()
    {
        var logo = TestPng.Solid(400, 90);
        var branding = new RokuBrandingFiles(logo, new RokuFontFile(".ttf", Font(1000, 1)), new RokuFontFile("OTF", Font(2000, 2)));
        using var zip = new ZipArchive(new MemoryStream(BuildBranded(TestChannels.Metro(), branding)), ZipArchiveMode.Read);
        var config = Config(zip);

        Assert.Equal("metro", config.GetProperty("id").GetString());
        Assert.Equal("en", config.GetProperty("language").GetString());
        Assert.Equal("ltr", config.GetProperty("direction").GetString());
        Assert.Equal("#0F1724", config.GetProperty("colors").GetProperty("primary").GetString());
        Assert.Equal("#E63946", config.GetProperty("colors").GetProperty("accent").GetString());
        Assert.Equal("#FFFFFF", config.GetProperty("colors").GetProperty("text").GetString());
        Assert.Equal("pkg:/images/logo.png", config.GetProperty("logo").GetString());
        Assert.Equal("pkg:/fonts/regular.ttf", config.GetProperty("fonts").GetProperty("regular").GetString());
        Assert.Equal("pkg:/fonts/bold.otf", config.GetProperty("fonts").GetProperty("bold").GetString());
        Assert.Equal(logo, ReadBytes(zip.GetEntry("images/logo.png")!));
        Assert.Equal(Font(1000, 1), ReadBytes(zip.GetEntry("fonts/regular.ttf")!));
        Assert.Equal(Font(2000, 2), ReadBytes(zip.GetEntry("fonts/bold.otf")!));
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("fa", "rtl")]
    [InlineData("ru", "ltr")]
    public void ArabicAndPersianChannelsAreLaidOutRightToLeft(string language, string direction)
    {
        using var zip = new ZipArchive(new MemoryStream(BuildBranded(TestChannels.Metro() with { Language = language }, RokuBrandingFiles.None)), ZipArchiveMode.Read);

        Assert.Equal(direction, Config(zip).GetProperty("direction").GetString());
        Assert.Equal(language, Config(zip).GetProperty("language").GetString());
    }

    [Fact]
    public void BrandingThatWouldNotFitOrCannotBeShownIsLeftOutSoTheAppFallsBackToTheIconAndSystemFont()
    {
        var branding = new RokuBrandingFiles(
            LogoPng: Font(5000), // not a PNG
            Regular: new RokuFontFile(".ttf", Font(RokuPackageBuilder.MaxFontBytes + 1)),
            Bold: new RokuFontFile(".woff2", Font(1000)));
        using var zip = new ZipArchive(new MemoryStream(BuildBranded(TestChannels.Metro(), branding)), ZipArchiveMode.Read);
        var config = Config(zip);

        Assert.False(config.TryGetProperty("logo", out _));
        Assert.Empty(config.GetProperty("fonts").EnumerateObject());
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("fonts/", StringComparison.Ordinal) || e.FullName == "images/logo.png");
    }

    [Fact]
    public void EveryChannelManifestBuildsAPackageWithItsOwnBrandingUnderRokusFourMegabytes()
    {
        var media = Path.Combine(RokuToolchain.RepoRoot, "media");
        foreach (var file in Directory.GetFiles(Path.Combine(RokuToolchain.RepoRoot, "channel-manifests"), "*.json"))
        {
            var (channel, problems) = TvNews.Core.Channels.ChannelManifestReader.Read(Path.GetFileName(file), File.ReadAllText(file),
                p => File.Exists(Path.Combine(media, p)), _ => true);
            Assert.True(channel is not null, string.Join('\n', problems));
            var branding = new RokuBrandingFiles(
                channel.Branding.Logo is { } logo ? File.ReadAllBytes(Path.Combine(media, logo)) : null,
                new RokuFontFile(Path.GetExtension(channel.Branding.Font), File.ReadAllBytes(Path.Combine(media, channel.Branding.Font))),
                new RokuFontFile(Path.GetExtension(channel.Branding.BoldFont), File.ReadAllBytes(Path.Combine(media, channel.Branding.BoldFont))));
            // The fonts are what weighs: the rendered artwork's share is checked on the served package (ChannelPackageTests).
            var zip = RokuPackageBuilder.Build(channel, TestChannels.FeedUrl, (w, h) => TestPng.Solid(w, h), ChangesUrl, branding);

            Assert.True(zip.Length <= RokuPackageBuilder.MaxPackageBytes, $"{file}: the package is {zip.Length} bytes");
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            var config = Config(archive);
            foreach (var uri in config.GetProperty("fonts").EnumerateObject().Select(p => p.Value.GetString()!)
                         .Concat(config.TryGetProperty("logo", out var l) ? [l.GetString()!] : []))
                Assert.NotNull(archive.GetEntry(uri["pkg:/".Length..]));
        }
    }

    [Fact]
    public void ArtworkOfTheWrongSizeIsRejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            RokuPackageBuilder.Build(TestChannels.Metro(), TestChannels.FeedUrl, (w, h) => TestPng.Solid(w + 1, h)));

        Assert.Contains("540x405", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARelativeFeedUrlIsRejected()
    {
        Assert.Throws<ArgumentException>(() =>
            RokuPackageBuilder.BuildManifest(TestChannels.Metro(), new Uri("/feeds/metro.json", UriKind.Relative)));
    }

    internal static byte[] BuildTestPackage() => Package.Value;

    private static ZipArchive OpenPackage() => new(new MemoryStream(Package.Value), ZipArchiveMode.Read);

    private static Dictionary<string, string> ParseManifest(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    private static string ReadText(ZipArchiveEntry entry) => Encoding.UTF8.GetString(ReadBytes(entry));

    private static byte[] ReadBytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
