using System.Globalization;
using System.Text;
using SkiaSharp;

namespace TvNews.Rendering;

/// <summary>
/// One drawn slide, still as pixels. The encoder gets them as PAM (a 67-byte header and the raw RGBA rows, read by
/// ffmpeg's pam decoder), which costs a copy instead of the ~120 ms a PNG encode of a photo slide takes; viewers get
/// JPEG. Owns native memory: dispose it.
/// </summary>
public sealed class SlidePicture : IDisposable
{
    private readonly SKImage _image;

    internal SlidePicture(SKImage image, IReadOnlyList<DrawnText> texts)
    {
        _image = image;
        Texts = texts;
    }

    public int Width => _image.Width;

    public int Height => _image.Height;

    /// <summary>Every text line drawn, in output pixels.</summary>
    public IReadOnlyList<DrawnText> Texts { get; }

    /// <summary>Writes the frame as a PAM image (RGB_ALPHA, 8 bits): the lossless hand-off to ffmpeg.</summary>
    public void WritePam(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var pixmap = _image.PeekPixels() ?? throw new InvalidOperationException("The slide is not a raster image.");
        if (pixmap.ColorType != SKColorType.Rgba8888 || pixmap.RowBytes != Width * 4)
        {
            throw new InvalidOperationException($"PAM hand-off expects tightly packed RGBA rows, got {pixmap.ColorType}.");
        }

        // Slides are opaque, so premultiplied RGBA is plain RGBA.
        var header = string.Create(CultureInfo.InvariantCulture, $"P7\nWIDTH {Width}\nHEIGHT {Height}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n");
        stream.Write(Encoding.ASCII.GetBytes(header));
        stream.Write(pixmap.GetPixelSpan());
    }

    /// <summary>PNG at zlib level 1: lossless and far cheaper than the default level, for tests and tools.</summary>
    public byte[] EncodePng()
    {
        using var pixmap = _image.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 1))
            ?? throw new InvalidOperationException("PNG encoding failed.");
        return data.ToArray();
    }

    public byte[] EncodeJpeg(int quality)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quality);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        using var data = _image.Encode(SKEncodedImageFormat.Jpeg, quality)
            ?? throw new InvalidOperationException("JPEG encoding failed.");
        return data.ToArray();
    }

    public void Dispose() => _image.Dispose();
}
