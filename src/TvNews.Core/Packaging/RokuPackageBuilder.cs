using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using TvNews.Core.Channels;

namespace TvNews.Core.Packaging;

/// <summary>One manifest image: the key that names it, its file under images/, and its required size.</summary>
public sealed record RokuArtwork(string ManifestKey, string FileName, int Width, int Height)
{
    public string ZipPath => "images/" + FileName;
    public string PackageUri => "pkg:/images/" + FileName;
}

/// <summary>
/// Builds a sideloadable Roku channel zip: <c>manifest</c> at the root, the SceneGraph app embedded
/// in this assembly (Packaging/RokuApp), and the manifest artwork rendered by the caller.
/// </summary>
public static class RokuPackageBuilder
{
    /// <summary>Every zip entry gets this time, so the same input always yields the same bytes.</summary>
    public static readonly DateTimeOffset EntryTimestamp = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const int SplashMinTimeMilliseconds = 1000;

    /// <summary>The five images the manifest references, at the sizes Roku requires.</summary>
    public static IReadOnlyList<RokuArtwork> Artwork { get; } =
    [
        new("mm_icon_focus_fhd", "icon_focus_fhd.png", 540, 405),
        new("mm_icon_focus_hd", "icon_focus_hd.png", 290, 218),
        new("splash_screen_fhd", "splash_fhd.png", 1920, 1080),
        new("splash_screen_hd", "splash_hd.png", 1280, 720),
        new("splash_screen_sd", "splash_sd.png", 720, 480),
    ];

    private const string AppResourcePrefix = "RokuApp/";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Returns the zip bytes. <paramref name="renderArtworkPng"/> is called once per entry of
    /// <see cref="Artwork"/> with (width, height) and must return a PNG of exactly that size.
    /// </summary>
    public static byte[] Build(ChannelManifest channel, Uri feedUrl, Func<int, int, byte[]> renderArtworkPng)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(feedUrl);
        ArgumentNullException.ThrowIfNull(renderArtworkPng);

        var manifest = BuildManifest(channel, feedUrl);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddEntry(zip, "manifest", Encoding.UTF8.GetBytes(manifest));

            foreach (var (path, content) in ReadAppFiles())
                AddEntry(zip, path, content);

            foreach (var artwork in Artwork)
            {
                var png = renderArtworkPng(artwork.Width, artwork.Height);
                EnsurePngOfSize(png, artwork);
                AddEntry(zip, artwork.ZipPath, png);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The manifest text: <c>name=value</c> lines, each ending with <c>\n</c>.</summary>
    public static string BuildManifest(ChannelManifest channel, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(feedUrl);

        var roku = channel.Roku;
        var title = SingleLine(roku.Title);
        if (title.Length == 0)
            throw new ArgumentException($"Channel '{channel.Id}' has an empty Roku title.", nameof(channel));
        if (roku.MajorVersion < 0 || roku.MinorVersion < 0 || roku.BuildVersion < 0)
            throw new ArgumentException($"Channel '{channel.Id}' has a negative Roku version number.", nameof(channel));
        if (!IsHexColor(roku.SplashColor))
            throw new ArgumentException($"Channel '{channel.Id}' splash color '{SingleLine(roku.SplashColor)}' is not #RRGGBB.", nameof(channel));
        if (!feedUrl.IsAbsoluteUri || (feedUrl.Scheme != Uri.UriSchemeHttps && feedUrl.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException("The feed URL must be an absolute http(s) URL.", nameof(feedUrl));

        var lines = new List<(string Key, string Value)>
        {
            ("title", title),
            ("major_version", roku.MajorVersion.ToString(CultureInfo.InvariantCulture)),
            ("minor_version", roku.MinorVersion.ToString(CultureInfo.InvariantCulture)),
            ("build_version", roku.BuildVersion.ToString("D5", CultureInfo.InvariantCulture)),
        };
        lines.AddRange(Artwork.Select(a => (a.ManifestKey, a.PackageUri)));
        lines.Add(("splash_color", roku.SplashColor));
        lines.Add(("splash_min_time", SplashMinTimeMilliseconds.ToString(CultureInfo.InvariantCulture)));
        lines.Add(("ui_resolutions", "fhd"));
        lines.Add(("rsg_version", "1.2"));
        lines.Add(("supports_input_launch", "1"));
        lines.Add(("FEED_URL", SingleLine(feedUrl.AbsoluteUri)));

        var text = new StringBuilder();
        foreach (var (key, value) in lines)
            text.Append(key).Append('=').Append(value).Append('\n');
        return text.ToString();
    }

    /// <summary>The app source files embedded from Packaging/RokuApp, as zip paths in ordinal order.</summary>
    private static List<(string Path, byte[] Content)> ReadAppFiles()
    {
        var assembly = typeof(RokuPackageBuilder).Assembly;
        var files = new List<(string Path, byte[] Content)>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var normalized = name.Replace('\\', '/');
            if (!normalized.StartsWith(AppResourcePrefix, StringComparison.Ordinal))
                continue;
            files.Add((normalized[AppResourcePrefix.Length..], ReadResource(assembly, name)));
        }

        if (files.Count == 0)
            throw new InvalidOperationException("The Roku app source is not embedded in TvNews.Core (Packaging/RokuApp).");
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void AddEntry(ZipArchive zip, string path, byte[] content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTimestamp;
        using var stream = entry.Open();
        stream.Write(content);
    }

    /// <summary>Manifest values are single lines; a newline in channel data would start a new key.</summary>
    private static string SingleLine(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
            text.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        return text.ToString().Trim();
    }

    private static bool IsHexColor(string value) =>
        value.Length == 7 && value[0] == '#' && value.Skip(1).All(char.IsAsciiHexDigit);

    private static void EnsurePngOfSize(byte[] png, RokuArtwork artwork)
    {
        // Signature, then the IHDR chunk: length (4), type (4), width (4), height (4), big-endian.
        var ok = png is { Length: >= 24 }
            && png.AsSpan(0, 8).SequenceEqual(PngSignature)
            && png.AsSpan(12, 4).SequenceEqual("IHDR"u8)
            && BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)) == artwork.Width
            && BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)) == artwork.Height;
        if (!ok)
            throw new InvalidOperationException(
                $"The artwork renderer must return a {artwork.Width}x{artwork.Height} PNG for {artwork.ManifestKey}.");
    }
}
