using HarfBuzzSharp;
using SkiaSharp;
using SkiaSharp.HarfBuzz;
using Buffer = HarfBuzzSharp.Buffer;

namespace TvNews.Rendering;

/// <summary>Glyphs of one shaped run at <see cref="ShapedFace.UnitSize"/>; positions scale linearly to any font size.</summary>
internal sealed record ShapedGlyphs(ushort[] Glyphs, SKPoint[] Positions, int Advance);

/// <summary>A typeface with its HarfBuzz shaper; the shaper is built once because creating the hb font is not free.</summary>
internal sealed class ShapedFace : IDisposable
{
    /// <summary>
    /// Text is shaped once at this size and scaled: SKShaper's HarfBuzz font works in 1/512 em, so at 512 px every
    /// advance and offset is a whole number and widths at any size are exact multiples. Layout can then try many
    /// sizes and widths without shaping again, and what it measures is exactly what gets drawn.
    /// </summary>
    public const float UnitSize = 512;

    private readonly SKFont _unitFont;

    private ShapedFace(SKTypeface typeface)
    {
        Typeface = typeface;
        Shaper = new SKShaper(typeface);
        _unitFont = CreateFont(UnitSize);
        var metrics = _unitFont.Metrics;
        AscentUnits = metrics.Ascent;
        DescentUnits = metrics.Descent;
    }

    public SKTypeface Typeface { get; }

    public SKShaper Shaper { get; }

    /// <summary>Ascent (negative, above the baseline) at <see cref="UnitSize"/>.</summary>
    public float AscentUnits { get; }

    /// <summary>Descent (positive, below the baseline) at <see cref="UnitSize"/>.</summary>
    public float DescentUnits { get; }

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

    public bool HasGlyph(int codepoint) => _unitFont.ContainsGlyph(codepoint);

    public SKFont CreateFont(float size) => new(Typeface, size)
    {
        Edging = SKFontEdging.Antialias,
        Subpixel = true,
        Hinting = SKFontHinting.None,
    };

    /// <summary>
    /// Shapes text[start..start+length] in one direction at <see cref="UnitSize"/>. The rest of the text is passed as
    /// context so Arabic letters at a run edge still take their joining forms. A fresh buffer per call keeps this
    /// safe to call from several render threads at once.
    /// </summary>
    public ShapedGlyphs Shape(string text, int start, int length, bool rtl, Language language)
    {
        using var buffer = new Buffer();
        buffer.AddUtf16(text.AsSpan(), start, length);
        buffer.GuessSegmentProperties();
        buffer.Direction = rtl ? Direction.RightToLeft : Direction.LeftToRight;
        buffer.Language = language;
        var result = Shaper.Shape(buffer, 0, 0, _unitFont);
        var glyphs = new ushort[result.Codepoints.Length];
        for (var i = 0; i < glyphs.Length; i++)
        {
            glyphs[i] = (ushort)result.Codepoints[i];
        }

        return new ShapedGlyphs(glyphs, result.Points, (int)MathF.Round(result.Width));
    }

    public void Dispose()
    {
        _unitFont.Dispose();
        Shaper.Dispose();
        Typeface.Dispose();
    }
}
