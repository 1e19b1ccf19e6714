using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using TvNews.Core.Articles;
using TvNews.Core.Channels;

namespace TvNews.Core.Packaging;

/// <summary>One manifest image: the key that names it, its file under images/, and its required size.</summary>
public sealed record RokuArtwork(string ManifestKey, string FileName, int Width, int Height)
{
    public string ZipPath => "images/" + FileName;
    public string PackageUri => "pkg:/images/" + FileName;
}

/// <summary>A font file for the app (pkg:/fonts/), as the channel's branding names it; the extension is "ttf" or "otf".</summary>
public sealed record RokuFontFile(string Extension, byte[] Content);

/// <summary>
/// The channel's branding files, read by the host from media/ (Core does no I/O). Any of them may be missing: the app
/// then uses the channel icon as its logo and the system font.
/// </summary>
public sealed record RokuBrandingFiles(byte[]? LogoPng = null, RokuFontFile? Regular = null, RokuFontFile? Bold = null)
{
    public static readonly RokuBrandingFiles None = new();
}

/// <summary>
/// Builds a sideloadable Roku channel zip: <c>manifest</c> at the root, the SceneGraph app embedded
/// in this assembly (Packaging/RokuApp), the manifest artwork rendered by the caller, the channel's
/// branding (config/channel.json: language, direction, colors; its logo and fonts when they fit).
/// </summary>
public static class RokuPackageBuilder
{
    /// <summary>Every zip entry gets this time, so the same input always yields the same bytes.</summary>
    public static readonly DateTimeOffset EntryTimestamp = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const int SplashMinTimeMilliseconds = 1000;

    /// <summary>Roku certification 3.7: "The app's file size must be 4 MB or less."</summary>
    public const int MaxPackageBytes = 4 * 1024 * 1024;

    /// <summary>A font larger than this is left out (the app uses the system font), so two fonts never crowd the 4 MB.</summary>
    public const int MaxFontBytes = 1024 * 1024;

    /// <summary>A logo larger than this is left out (the app shows the channel icon).</summary>
    public const int MaxLogoBytes = 512 * 1024;

    public const string ConfigPath = "config/channel.json";
    public const string LogoPath = "images/logo.png";

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
    /// <param name="changesUrl">The channel's long-poll endpoint (GET /channels/{id}/changes) for live updates; none: the app
    /// shows what it loaded until the viewer reopens it.</param>
    /// <param name="branding">Logo and fonts from the channel's branding.</param>
    public static byte[] Build(ChannelManifest channel, Uri feedUrl, Func<int, int, byte[]> renderArtworkPng, Uri? changesUrl = null,
        RokuBrandingFiles? branding = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(feedUrl);
        ArgumentNullException.ThrowIfNull(renderArtworkPng);
        branding ??= RokuBrandingFiles.None;

        var manifest = BuildManifest(channel, feedUrl, changesUrl);
        var files = BrandingEntries(branding);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddEntry(zip, "manifest", Encoding.UTF8.GetBytes(manifest));

            foreach (var (path, content) in ReadAppFiles())
                AddEntry(zip, path, content);

            AddEntry(zip, ConfigPath, BuildConfig(channel, files));
            foreach (var (path, content) in files)
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
    public static string BuildManifest(ChannelManifest channel, Uri feedUrl, Uri? changesUrl = null)
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
        if (changesUrl is not null && (!changesUrl.IsAbsoluteUri || (changesUrl.Scheme != Uri.UriSchemeHttps && changesUrl.Scheme != Uri.UriSchemeHttp)))
            throw new ArgumentException("The changes URL must be an absolute http(s) URL.", nameof(changesUrl));

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
        // Both listed: the OS does not scale the UI, the app lays itself out for FHD or HD (Layout.brs).
        lines.Add(("ui_resolutions", "fhd,hd"));
        lines.Add(("rsg_version", "1.2"));
        lines.Add(("supports_input_launch", "1"));
        lines.Add(("FEED_URL", SingleLine(feedUrl.AbsoluteUri)));
        if (changesUrl is not null) lines.Add(("CHANGES_URL", SingleLine(changesUrl.AbsoluteUri)));

        var text = new StringBuilder();
        foreach (var (key, value) in lines)
            text.Append(key).Append('=').Append(value).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// pkg:/config/channel.json: what the app needs from the channel manifest at run time. The direction is
    /// <see cref="TextDirection"/>'s, so the app mirrors its layout exactly for the languages the slides do.
    /// </summary>
    public static byte[] BuildConfig(ChannelManifest channel, IReadOnlyList<(string Path, byte[] Content)> brandingEntries)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(brandingEntries);
        string? Packaged(string prefix) => brandingEntries.Select(e => e.Path).FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal)) is { } p ? "pkg:/" + p : null;

        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("id", channel.Id);
            json.WriteString("name", SingleLine(channel.Name));
            json.WriteString("language", channel.Language);
            json.WriteString("direction", TextDirection.For(channel.Language));
            json.WriteStartObject("colors");
            json.WriteString("primary", channel.Branding.PrimaryColor);
            json.WriteString("accent", channel.Branding.AccentColor);
            json.WriteString("text", channel.Branding.TextColor);
            json.WriteEndObject();
            if (Packaged(LogoPath) is { } logo) json.WriteString("logo", logo);
            json.WriteStartObject("fonts");
            if (Packaged("fonts/regular.") is { } regular) json.WriteString("regular", regular);
            if (Packaged("fonts/bold.") is { } bold) json.WriteString("bold", bold);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The branding files that go into the package: a PNG logo and TTF/OTF fonts within their size limits.</summary>
    public static List<(string Path, byte[] Content)> BrandingEntries(RokuBrandingFiles branding)
    {
        ArgumentNullException.ThrowIfNull(branding);
        var entries = new List<(string Path, byte[] Content)>();
        if (branding.LogoPng is { Length: > 0 and <= MaxLogoBytes } logo && logo.AsSpan().StartsWith(PngSignature))
            entries.Add((LogoPath, logo));
        foreach (var (name, font) in new[] { ("regular", branding.Regular), ("bold", branding.Bold) })
        {
            if (font is null || font.Content.Length is 0 or > MaxFontBytes) continue;
            var extension = font.Extension.TrimStart('.').ToLowerInvariant();
            if (extension is "ttf" or "otf") entries.Add(($"fonts/{name}.{extension}", font.Content));
        }
        return entries;
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
