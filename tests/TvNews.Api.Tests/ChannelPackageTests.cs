using System.IO.Compression;
using TvNews.Api.Tests.Infrastructure;
using TvNews.Core.Tests.Roku;

namespace TvNews.Api.Tests;

/// <summary>The sideloadable Roku channel as served to a developer's browser.</summary>
[Collection(PublishedSeedCollection.Name)]
public sealed class ChannelPackageTests(PublishedSeed seed)
{
    private static readonly Dictionary<string, (int Width, int Height)> Artwork = new()
    {
        ["mm_icon_focus_fhd"] = (540, 405),
        ["mm_icon_focus_hd"] = (290, 218),
        ["splash_screen_fhd"] = (1920, 1080),
        ["splash_screen_hd"] = (1280, 720),
        ["splash_screen_sd"] = (720, 480),
    };

    private async Task<ZipArchive> DownloadAsync()
    {
        var response = await seed.App.CreateClient().GetAsync($"/channels/{TvNewsApp.ChannelId}/package.zip");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        return new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    private static Dictionary<string, string> Manifest(ZipArchive zip)
    {
        using var reader = new StreamReader(zip.GetEntry("manifest")!.Open());
        var text = reader.ReadToEnd();
        Assert.EndsWith("\n", text);
        return text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }

    [Fact]
    public async Task TheManifestIsAtTheZipRootWithEveryRequiredKey()
    {
        using var zip = await DownloadAsync();
        var manifest = Manifest(zip);
        Assert.Equal("Sample News 24", manifest["title"]);
        foreach (var key in new[] { "major_version", "minor_version", "build_version" })
            Assert.Matches("^[0-9]+$", manifest[key]);
        Assert.Equal("fhd,hd", manifest["ui_resolutions"]);
        Assert.Equal("1", manifest["supports_input_launch"]);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", manifest["splash_color"]);
        Assert.Equal("http://tv.test/channels/sample-news/feeds/roku.json", manifest["FEED_URL"]);
        Assert.Equal("http://tv.test/channels/sample-news/changes", manifest["CHANGES_URL"]);
        Assert.Contains(zip.Entries, e => e.FullName == "source/main.brs");
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("components/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePackageCarriesTheChannelsBrandingAndStaysWithinRokusFourMegabytes()
    {
        var bytes = await seed.App.CreateClient().GetByteArrayAsync($"/channels/{TvNewsApp.ChannelId}/package.zip");
        Assert.True(bytes.Length <= 4 * 1024 * 1024, $"the package is {bytes.Length} bytes; certification allows 4 MB");
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var config = System.Text.Json.JsonDocument.Parse(zip.GetEntry("config/channel.json")!.Open());
        var root = config.RootElement;

        Assert.Equal(("en", "ltr"), (root.GetProperty("language").GetString(), root.GetProperty("direction").GetString()));
        Assert.Equal("#0B1F3A", root.GetProperty("colors").GetProperty("primary").GetString());
        Assert.Equal("pkg:/images/logo.png", root.GetProperty("logo").GetString());
        Assert.Equal("pkg:/fonts/regular.ttf", root.GetProperty("fonts").GetProperty("regular").GetString());
        Assert.Equal("pkg:/fonts/bold.ttf", root.GetProperty("fonts").GetProperty("bold").GetString());
        var font = zip.GetEntry("fonts/regular.ttf")!;
        Assert.Equal(new FileInfo(Path.Combine(RepoPaths.Root, "media", "fonts", "NotoSans-Regular.ttf")).Length, font.Length);
        Assert.NotNull(zip.GetEntry("images/logo.png"));
    }

    [Fact]
    public async Task ArtworkIsRenderedAtExactlyTheSizesRokuRequires()
    {
        using var zip = await DownloadAsync();
        var manifest = Manifest(zip);
        foreach (var (key, (width, height)) in Artwork)
        {
            Assert.StartsWith("pkg:/", manifest[key]);
            var entry = zip.GetEntry(manifest[key]["pkg:/".Length..]);
            Assert.NotNull(entry);
            using var stream = entry.Open();
            var header = new byte[24];
            stream.ReadExactly(header);
            Assert.Equal(0x89, header[0]);
            Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)));
            Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
        }
    }

    [Fact]
    public async Task TheServedPackageCompilesWithBscWithZeroDiagnostics()
    {
        using var zip = await DownloadAsync();
        var folder = Directory.CreateTempSubdirectory("tvnews-pkg-").FullName;
        try
        {
            zip.ExtractToDirectory(folder);
            var result = RokuToolchain.CompileWithBsc(folder);
            Assert.True(result.ExitCode == 0 && result.Diagnostics.Count == 0, result.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AnUnknownChannelPackageIs404()
    {
        var response = await seed.App.CreateClient().GetAsync("/channels/nope/package.zip");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
