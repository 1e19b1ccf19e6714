using SkiaSharp;

namespace TvNews.Rendering;

/// <summary>Roku's safe zones (developer.roku.com "Safe zones"): text must stay inside title safe.</summary>
public static class SafeArea
{
    public const int FrameWidth = 1920;
    public const int FrameHeight = 1080;

    /// <summary>FHD title safe zone: 1534x866 at (192, 106), the 80% rectangle that no TV overscans.</summary>
    public static SKRectI TitleSafe { get; } = SKRectI.Create(192, 106, 1534, 866);

    /// <summary>FHD action safe zone: 1726x970 at (96, 53), for important non-text visuals.</summary>
    public static SKRectI ActionSafe { get; } = SKRectI.Create(96, 53, 1726, 970);

    /// <summary>
    /// Portrait 1080x1920 text zone: 10% margins at the sides and top, and the bottom 20% left clear because social
    /// apps draw captions, names and buttons there.
    /// </summary>
    public static SKRectI VerticalTitleSafe { get; } = SKRectI.Create(108, 192, 864, 1344);

    /// <summary>Portrait graphics zone: 5% margins, bottom 15% clear.</summary>
    public static SKRectI VerticalActionSafe { get; } = SKRectI.Create(54, 96, 972, 1536);

    /// <summary>The centered 80% rectangle of any canvas, used for artwork of arbitrary sizes.</summary>
    public static SKRect TitleSafeFor(int width, int height) =>
        SKRect.Create(width * 0.1f, height * 0.1f, width * 0.8f, height * 0.8f);
}
