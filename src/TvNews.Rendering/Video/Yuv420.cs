using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TvNews.Rendering.Video;

/// <summary>A still's pixels as 8-bit BGRA, rows top to bottom, no padding.</summary>
internal sealed record BgraImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>
    /// Reads the BMPs slides come as (<see cref="SlidePicture.WriteBmp"/>, or files): uncompressed 24 or 32 bits per
    /// pixel, either row order. Anything else is refused with the reason, as ffmpeg would refuse it.
    /// </summary>
    public static BgraImage ReadBmp(ReadOnlySpan<byte> bmp)
    {
        if (bmp.Length < 54 || bmp[0] != 'B' || bmp[1] != 'M') throw new InvalidDataException($"A still is not a BMP ({bmp.Length} bytes, no BM header).");
        var offset = BinaryPrimitives.ReadInt32LittleEndian(bmp[10..]);
        var width = BinaryPrimitives.ReadInt32LittleEndian(bmp[18..]);
        var rawHeight = BinaryPrimitives.ReadInt32LittleEndian(bmp[22..]);
        var bits = BinaryPrimitives.ReadInt16LittleEndian(bmp[28..]);
        var compression = BinaryPrimitives.ReadInt32LittleEndian(bmp[30..]);
        var height = Math.Abs(rawHeight);
        if (width <= 0 || height <= 0 || width > 8192 || height > 8192) throw new InvalidDataException($"A still is not a BMP: its size is {width}x{rawHeight}.");
        if (bits is not (24 or 32) || compression is not (0 or 3)) throw new InvalidDataException($"A still is a {bits}-bit BMP with compression {compression}; only uncompressed 24 and 32 bits are read.");
        var bytesPerPixel = bits / 8;
        var stride = ((width * bytesPerPixel) + 3) & ~3;
        if (offset < 54 || (long)offset + ((long)stride * height) > bmp.Length) throw new InvalidDataException($"A still BMP is cut short: {bmp.Length} bytes for {width}x{height} at {bits} bits.");

        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var row = bmp.Slice(offset + (stride * (rawHeight < 0 ? y : height - 1 - y)), width * bytesPerPixel);
            var target = pixels.AsSpan(y * width * 4, width * 4);
            if (bytesPerPixel == 4)
            {
                row.CopyTo(target);
                continue;
            }

            for (var x = 0; x < width; x++)
            {
                target[(4 * x) + 0] = row[(3 * x) + 0];
                target[(4 * x) + 1] = row[(3 * x) + 1];
                target[(4 * x) + 2] = row[(3 * x) + 2];
                target[(4 * x) + 3] = 255;
            }
        }

        return new BgraImage(width, height, pixels);
    }

    /// <summary>Half the size, each pixel the mean of a 2x2 block: what a box filter gives at exactly 2:1.</summary>
    public BgraImage Halve()
    {
        var (w, h) = (Width / 2, Height / 2);
        var result = new byte[w * h * 4];
        var stride = Width * 4;
        for (var y = 0; y < h; y++)
        {
            var top = 2 * y * stride;
            var bottom = top + stride;
            var target = y * w * 4;
            for (var x = 0; x < w; x++)
            {
                var s = 8 * x;
                for (var c = 0; c < 4; c++)
                {
                    result[target + (4 * x) + c] = (byte)((Pixels[top + s + c] + Pixels[top + s + 4 + c] + Pixels[bottom + s + c] + Pixels[bottom + s + 4 + c] + 2) >> 2);
                }
            }
        }

        return new BgraImage(w, h, result);
    }
}

/// <summary>
/// BGRA to planar 4:2:0 in BT.709 limited range (Y 16-235, Cb/Cr 16-240), what the ffmpeg path's
/// <c>scale=out_color_matrix=bt709:out_range=tv,format=yuv420p</c> writes; chroma is the mean of each 2x2 block.
/// Fixed point (16 fractional bits) keeps it exact to within one code value of the floating-point formula.
/// </summary>
internal static class Yuv420
{
    private const int Shift = 16;
    private const int Half = 1 << (Shift - 1);

    // Kr = 0.2126, Kb = 0.0722; luma scaled by 219/255, chroma by 224/255.
    // Static readonly: tiered JIT folds them into the loop as constants.
    private static readonly int YR = Fixed(0.2126 * 219 / 255);
    private static readonly int YG = Fixed(0.7152 * 219 / 255);
    private static readonly int YB = Fixed(0.0722 * 219 / 255);
    private static readonly int UR = Fixed(-0.2126 / 1.8556 * 224 / 255);
    private static readonly int UG = Fixed(-0.7152 / 1.8556 * 224 / 255);
    private static readonly int UB = Fixed(0.5 * 224 / 255);
    private static readonly int VR = Fixed(0.5 * 224 / 255);
    private static readonly int VG = Fixed(-0.7152 / 1.5748 * 224 / 255);
    private static readonly int VB = Fixed(-0.0722 / 1.5748 * 224 / 255);

    public static int Size(int width, int height) => (width * height) + (2 * (width / 2) * (height / 2));

    /// <summary>Writes Y, U and V planes (strides width, width/2, width/2) of <paramref name="image"/> into <paramref name="planes"/>.</summary>
    public static void Convert(BgraImage image, Span<byte> planes)
    {
        var (w, h) = (image.Width, image.Height);
        if (w % 2 != 0 || h % 2 != 0) throw new ArgumentException($"4:2:0 needs an even size, not {w}x{h}.", nameof(image));
        if (planes.Length < Size(w, h)) throw new ArgumentException("The plane buffer is too small.", nameof(planes));
        // Refs rather than indexers: the loop runs for every pixel of every still, and bounds checks were half its time.
        ref var px = ref MemoryMarshal.GetArrayDataReference(image.Pixels);
        ref var yPlane = ref MemoryMarshal.GetReference(planes);
        ref var uPlane = ref Unsafe.Add(ref yPlane, w * h);
        ref var vPlane = ref Unsafe.Add(ref uPlane, w * h / 4);
        var stride = w * 4;
        for (var y = 0; y < h; y += 2)
        {
            ref var top = ref Unsafe.Add(ref px, y * stride);
            ref var bottom = ref Unsafe.Add(ref top, stride);
            ref var yTop = ref Unsafe.Add(ref yPlane, y * w);
            ref var yBottom = ref Unsafe.Add(ref yTop, w);
            ref var u = ref Unsafe.Add(ref uPlane, y / 2 * (w / 2));
            ref var v = ref Unsafe.Add(ref vPlane, y / 2 * (w / 2));
            for (var x = 0; x < w; x += 2)
            {
                var i = x * 4;
                int b0 = Unsafe.Add(ref top, i), g0 = Unsafe.Add(ref top, i + 1), r0 = Unsafe.Add(ref top, i + 2);
                int b1 = Unsafe.Add(ref top, i + 4), g1 = Unsafe.Add(ref top, i + 5), r1 = Unsafe.Add(ref top, i + 6);
                int b2 = Unsafe.Add(ref bottom, i), g2 = Unsafe.Add(ref bottom, i + 1), r2 = Unsafe.Add(ref bottom, i + 2);
                int b3 = Unsafe.Add(ref bottom, i + 4), g3 = Unsafe.Add(ref bottom, i + 5), r3 = Unsafe.Add(ref bottom, i + 6);
                Unsafe.Add(ref yTop, x) = Luma(r0, g0, b0);
                Unsafe.Add(ref yTop, x + 1) = Luma(r1, g1, b1);
                Unsafe.Add(ref yBottom, x) = Luma(r2, g2, b2);
                Unsafe.Add(ref yBottom, x + 1) = Luma(r3, g3, b3);

                // Sums of four: the shift by two more bits takes the mean.
                int rSum = r0 + r1 + r2 + r3, gSum = g0 + g1 + g2 + g3, bSum = b0 + b1 + b2 + b3;
                Unsafe.Add(ref u, x / 2) = Clamp(((128 << (Shift + 2)) + (UR * rSum) + (UG * gSum) + (UB * bSum) + (Half << 2)) >> (Shift + 2));
                Unsafe.Add(ref v, x / 2) = Clamp(((128 << (Shift + 2)) + (VR * rSum) + (VG * gSum) + (VB * bSum) + (Half << 2)) >> (Shift + 2));
            }
        }
    }

    private static byte Luma(int r, int g, int b) => (byte)(((16 << Shift) + (YR * r) + (YG * g) + (YB * b) + Half) >> Shift);

    private static int Fixed(double coefficient) => (int)Math.Round(coefficient * (1 << Shift));

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
