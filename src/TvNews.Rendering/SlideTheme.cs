using System.Globalization;
using SkiaSharp;
using TvNews.Core.Channels;

namespace TvNews.Rendering;

/// <summary>
/// A channel's look, loaded once per channel: typefaces, the decoded background, the logo and colors.
/// Owns native Skia objects, so dispose it when the channel is unloaded.
/// </summary>
public sealed record SlideTheme : IDisposable
{
    private readonly FontFallback _regularFonts;
    private readonly FontFallback _boldFonts;

    private SlideTheme(
        string channelName,
        string? tagline,
        SKColor primary,
        SKColor accent,
        SKColor text,
        SKImage background,
        SKImage? logo,
        ShapedFace regular,
        ShapedFace bold,
        ShapedFace? rtlRegular,
        ShapedFace? rtlBold,
        ShapedFace? cjkRegular,
        ShapedFace? cjkBold)
    {
        ChannelName = channelName;
        Tagline = tagline;
        PrimaryColor = primary;
        AccentColor = accent;
        TextColor = text;
        Background = background;
        Logo = logo;
        Regular = regular;
        Bold = bold;
        RtlRegular = rtlRegular;
        RtlBold = rtlBold;
        CjkRegular = cjkRegular;
        CjkBold = cjkBold;
        _regularFonts = new FontFallback(regular, rtlRegular, cjkRegular);
        _boldFonts = new FontFallback(bold, rtlBold, cjkBold);
    }

    public string ChannelName { get; }

    public string? Tagline { get; }

    public SKColor PrimaryColor { get; }

    public SKColor AccentColor { get; }

    public SKColor TextColor { get; }

    /// <summary>The branded background, decoded once into a raster image (a lazy image re-decodes on every draw).</summary>
    public SKImage Background { get; }

    public SKImage? Logo { get; }

    /// <summary>
    /// Finished backdrops (background plus wash) per frame: the same for every text slide of a channel, so drawing and
    /// scrim-sizing them once saves both on every later slide.
    /// </summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<(int Width, int Height, bool Wash), SKImage> Backdrops { get; } = new();

    public LowerThirdStyle LowerThird { get; init; }

    public TickerStrip? Ticker { get; init; }

    /// <summary>
    /// The color for emphasis text (attributions) on the primary backdrop: the accent when it is readable there with room
    /// to spare for the scrim's texture, else the text color. Brand reds and oranges often fail 4.5:1 on navy.
    /// </summary>
    public SKColor AccentTextColor => Scrim.Contrast(AccentColor, PrimaryColor) >= ColorContrast.MinimumText + 0.5 ? AccentColor : TextColor;

    /// <summary>Text on an accent fill (kicker pills, the ticker label): whichever of the channel's or plain colors reads best.</summary>
    public SKColor OnAccentColor
    {
        get
        {
            foreach (var color in new[] { PrimaryColor, TextColor })
            {
                if (Scrim.Contrast(color, AccentColor) >= ColorContrast.MinimumText + 0.1)
                {
                    return color;
                }
            }

            // One of black and white always reaches 4.5:1 against any color.
            return Scrim.Contrast(SKColors.Black, AccentColor) >= Scrim.Contrast(SKColors.White, AccentColor) ? SKColors.Black : SKColors.White;
        }
    }

    internal ShapedFace Regular { get; }

    internal ShapedFace Bold { get; }

    /// <summary>Arabic-script fallback faces, used when the branding font lacks the glyphs of a text.</summary>
    internal ShapedFace? RtlRegular { get; }

    internal ShapedFace? RtlBold { get; }

    /// <summary>Chinese, Japanese and Korean fallback faces (subsets of Noto Sans CJK, see media/fonts/subset-cjk.sh).</summary>
    internal ShapedFace? CjkRegular { get; }

    internal ShapedFace? CjkBold { get; }

    /// <summary>
    /// Loads the theme. <paramref name="mediaRoot"/> is the absolute media/ folder that branding paths are relative to.
    /// Throws <see cref="FileNotFoundException"/> naming the file when a font, background or logo is missing.
    /// </summary>
    public static SlideTheme Load(ChannelBranding branding, string mediaRoot, string channelName)
    {
        ArgumentNullException.ThrowIfNull(branding);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        if (!Path.IsPathRooted(mediaRoot))
        {
            throw new ArgumentException($"Media root must be an absolute path: {mediaRoot}", nameof(mediaRoot));
        }

        var primary = ParseColor(branding.PrimaryColor, nameof(branding.PrimaryColor));
        var accent = ParseColor(branding.AccentColor, nameof(branding.AccentColor));
        var text = ParseColor(branding.TextColor, nameof(branding.TextColor));

        // Build up owned objects one by one so a failure half-way disposes what was already loaded.
        var owned = new List<IDisposable>();
        try
        {
            var regular = Own(owned, ShapedFace.Load(Path.Combine(mediaRoot, branding.Font)));
            var bold = Own(owned, ShapedFace.Load(Path.Combine(mediaRoot, branding.BoldFont)));
            var rtlRegular = LoadOptionalFace(owned, Path.Combine(mediaRoot, "fonts", "NotoNaskhArabic-Regular.ttf"));
            var rtlBold = LoadOptionalFace(owned, Path.Combine(mediaRoot, "fonts", "NotoNaskhArabic-Bold.ttf")) ?? rtlRegular;
            var cjkRegular = LoadOptionalFace(owned, Path.Combine(mediaRoot, "fonts", "NotoSansCJK-Regular.subset.otf"));
            var cjkBold = LoadOptionalFace(owned, Path.Combine(mediaRoot, "fonts", "NotoSansCJK-Bold.subset.otf")) ?? cjkRegular;
            var background = Own(owned, DecodeImage(Path.Combine(mediaRoot, branding.Background)));
            var logo = branding.Logo is { Length: > 0 } logoPath
                ? Own(owned, DecodeImage(Path.Combine(mediaRoot, logoPath)))
                : null;
            return new SlideTheme(channelName, branding.Tagline, primary, accent, text, background, logo, regular, bold, rtlRegular, rtlBold, cjkRegular, cjkBold)
            {
                LowerThird = branding.LowerThird,
                Ticker = branding.Ticker,
            };
        }
        catch
        {
            foreach (var item in owned)
            {
                item.Dispose();
            }

            throw;
        }
    }

    /// <summary>The faces a text of this weight may use, tried per character (see <see cref="FontFallback"/>).</summary>
    internal FontFallback FontsFor(bool bold) => bold ? _boldFonts : _regularFonts;

    public void Dispose()
    {
        foreach (var backdrop in Backdrops.Values)
        {
            backdrop.Dispose();
        }

        Backdrops.Clear();
        Background.Dispose();
        Logo?.Dispose();
        Regular.Dispose();
        Bold.Dispose();
        if (RtlBold is not null && !ReferenceEquals(RtlBold, RtlRegular))
        {
            RtlBold.Dispose();
        }

        RtlRegular?.Dispose();
        if (CjkBold is not null && !ReferenceEquals(CjkBold, CjkRegular))
        {
            CjkBold.Dispose();
        }

        CjkRegular?.Dispose();
    }

    private static T Own<T>(List<IDisposable> owned, T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }

    private static ShapedFace? LoadOptionalFace(List<IDisposable> owned, string path) =>
        File.Exists(path) ? Own(owned, ShapedFace.Load(path)) : null;

    private static SKImage DecodeImage(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Image file not found: {path}", path);
        }

        // Decode once into pixels we own; SKImage.FromEncodedData would stay lazy and re-decode per draw.
        using var bitmap = SKBitmap.Decode(path)
            ?? throw new InvalidDataException($"Image file could not be decoded: {path}");
        return SKImage.FromBitmap(bitmap)
            ?? throw new InvalidDataException($"Image could not be converted: {path}");
    }

    private static SKColor ParseColor(string value, string name)
    {
        if (value is ['#', _, _, _, _, _, _]
            && uint.TryParse(value.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            return new SKColor((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        }

        throw new FormatException($"Branding {name} must be #RRGGBB, got '{value}'.");
    }
}
