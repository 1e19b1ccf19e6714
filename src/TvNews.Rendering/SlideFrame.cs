using SkiaSharp;

namespace TvNews.Rendering;

/// <summary>
/// An output size for a slide. Landscape frames are laid out on a 1920x1080 design grid and scaled, so a 720p slide
/// is the same picture drawn with crisp vectors rather than a downscaled bitmap; the portrait frame has its own grid.
/// </summary>
public sealed record SlideFrame
{
    private SlideFrame(string name, int width, int height, float scale, bool portrait)
    {
        Name = name;
        Width = width;
        Height = height;
        Scale = scale;
        Portrait = portrait;
    }

    /// <summary>The 1920x1080 master every video is encoded from.</summary>
    public static SlideFrame Hd1080 { get; } = new("1080p", 1920, 1080, 1f, portrait: false);

    public static SlideFrame Hd720 { get; } = new("720p", 1280, 720, 2f / 3f, portrait: false);

    /// <summary>1080x1920 for social video, where the platform's own buttons cover the bottom and the right.</summary>
    public static SlideFrame Vertical { get; } = new("vertical", 1080, 1920, 1f, portrait: true);

    public string Name { get; }

    /// <summary>Output size in pixels.</summary>
    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels per design unit.</summary>
    public float Scale { get; }

    public bool Portrait { get; }

    public float DesignWidth => Width / Scale;

    public float DesignHeight => Height / Scale;

    /// <summary>Where text may go, in design units.</summary>
    public SKRect TitleSafe => Portrait ? SafeArea.VerticalTitleSafe : SafeArea.TitleSafe;

    /// <summary>Where graphics may go, in design units.</summary>
    public SKRect ActionSafe => Portrait ? SafeArea.VerticalActionSafe : SafeArea.ActionSafe;

    /// <summary>Any 16:9 landscape size (thumbnails, contact-sheet tiles), drawn on the 1920x1080 grid.</summary>
    public static SlideFrame Landscape(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        if (Math.Abs((width * 9) - (height * 16)) > 16)
        {
            throw new ArgumentException($"{width}x{height} is not 16:9.", nameof(height));
        }

        return width == 1920 ? Hd1080 : width == 1280 ? Hd720 : new SlideFrame($"{width}x{height}", width, height, width / 1920f, portrait: false);
    }
}
