using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace TvNews.Rendering;

/// <summary>A typeface with its HarfBuzz shaper; the shaper is built once because creating the hb font is not free.</summary>
internal sealed class ShapedFace : IDisposable
{
    private ShapedFace(SKTypeface typeface)
    {
        Typeface = typeface;
        Shaper = new SKShaper(typeface);
    }

    public SKTypeface Typeface { get; }

    public SKShaper Shaper { get; }

    public static ShapedFace Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Font file not found: {path}", path);
        }

        // NoDependencies Skia has no fontconfig, so fonts come from files; FromFile returns null for a corrupt file.
        var typeface = SKTypeface.FromFile(path)
            ?? throw new InvalidDataException($"Font file could not be loaded: {path}");
        return new ShapedFace(typeface);
    }

    public SKFont CreateFont(float size) => new(Typeface, size)
    {
        Edging = SKFontEdging.Antialias,
        Subpixel = true,
        Hinting = SKFontHinting.None,
    };

    public void Dispose()
    {
        Shaper.Dispose();
        Typeface.Dispose();
    }
}
