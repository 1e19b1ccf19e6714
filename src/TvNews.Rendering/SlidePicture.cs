using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace TvNews.Rendering;

/// <summary>
/// One drawn slide, still as pixels. The encoder gets them as an uncompressed BMP (a 54-byte header and the BGRA rows
/// exactly as Skia drew them, read by ffmpeg's bmp decoder), which costs one write instead of the ~120 ms a PNG encode
/// of a 1080p slide takes; viewers get JPEG. Owns native memory: dispose it.
/// </summary>
public sealed class SlidePicture : IDisposable
{
    private const int HeaderBytes = 14 + 40;

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

    /// <summary>Writes the frame as a top-down 32-bit BMP: the lossless hand-off to ffmpeg.</summary>
    public void WriteBmp(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var pixelBytes = Width * Height * 4;
        Span<byte> header = stackalloc byte[HeaderBytes];
        "BM"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[2..], HeaderBytes + pixelBytes);
        BinaryPrimitives.WriteInt32LittleEndian(header[10..], HeaderBytes);
        BinaryPrimitives.WriteInt32LittleEndian(header[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(header[18..], Width);
        BinaryPrimitives.WriteInt32LittleEndian(header[22..], -Height); // negative: rows run top to bottom
        BinaryPrimitives.WriteInt16LittleEndian(header[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[28..], 32);
        BinaryPrimitives.WriteInt32LittleEndian(header[34..], pixelBytes);
        stream.Write(header);

        // Slides are opaque, so premultiplied BGRA is plain BGRA. Surfaces are drawn in the platform order, which is
        // BGRA on every machine this runs on; anything else is converted rather than written wrong.
        using var pixmap = _image.PeekPixels() ?? throw new InvalidOperationException("The slide is not a raster image.");
        if (pixmap.ColorType == SKColorType.Bgra8888 && pixmap.RowBytes == Width * 4)
        {
            stream.Write(pixmap.GetPixelSpan());
            return;
        }

        var bgra = new byte[pixelBytes];
        var info = new SKImageInfo(Width, Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        var handle = GCHandle.Alloc(bgra, GCHandleType.Pinned);
        try
        {
            if (!pixmap.ReadPixels(info, handle.AddrOfPinnedObject(), Width * 4))
            {
                throw new InvalidOperationException($"Could not convert {pixmap.ColorType} pixels to BGRA.");
            }
        }
        finally
        {
            handle.Free();
        }

        stream.Write(bgra);
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

    /// <summary>
    /// The picture scaled down (mipmapped, so every source pixel counts) as a JPEG: for frames so small that drawing
    /// the slide again at that size would cost more than it shows, such as trick-play thumbnails.
    /// </summary>
    public byte[] EncodeJpeg(int width, int height, int quality)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Could not create a {width}x{height} surface.");
        surface.Canvas.DrawImage(_image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var scaled = surface.Snapshot();
        using var data = scaled.Encode(SKEncodedImageFormat.Jpeg, quality) ?? throw new InvalidOperationException("JPEG encoding failed.");
        return data.ToArray();
    }

    public void Dispose() => _image.Dispose();
}
