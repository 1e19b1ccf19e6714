using System.Buffers.Binary;

namespace TvNews.Rendering;

/// <summary>
/// Roku's BIF trick-play container (roku-specs.md 1.9, Roku's "BIF file creation" page, S15): a 64-byte header, an
/// index of (timestamp, absolute offset) pairs closed by a 0xffffffff entry, then the JPEGs back to back. All integers
/// are little-endian. Pure bytes: the frames come from the caller.
/// </summary>
public static class BifWriter
{
    public const int HeaderBytes = 64;

    private static ReadOnlySpan<byte> Magic => [0x89, 0x42, 0x49, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>
    /// Writes frame i as shown from i x <paramref name="intervalMs"/>: the header's timestamp multiplier is the interval,
    /// so each index timestamp is simply the frame number.
    /// </summary>
    public static void Write(Stream output, IReadOnlyList<byte[]> jpegs, int intervalMs)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(jpegs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalMs);

        var indexBytes = (jpegs.Count + 1) * 8;
        var header = new byte[HeaderBytes + indexBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 0); // version
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)jpegs.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), (uint)intervalMs);
        // Bytes 20-63 are reserved and stay zero.

        // Offsets are uint32: checked arithmetic turns a (never expected) 4 GB file into an error, not a wrapped index.
        var offset = checked((uint)header.Length);
        for (var i = 0; i < jpegs.Count; i++)
        {
            var entry = header.AsSpan(HeaderBytes + (i * 8));
            BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)i);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], offset);
            offset = checked(offset + (uint)jpegs[i].Length);
        }
        var end = header.AsSpan(HeaderBytes + (jpegs.Count * 8));
        BinaryPrimitives.WriteUInt32LittleEndian(end, uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(end[4..], offset); // last byte of data + 1

        output.Write(header);
        foreach (var jpeg in jpegs) output.Write(jpeg);
    }

    public static byte[] Build(IReadOnlyList<byte[]> jpegs, int intervalMs)
    {
        using var buffer = new MemoryStream();
        Write(buffer, jpegs, intervalMs);
        return buffer.ToArray();
    }
}
