using System.Numerics;

namespace TvNews.Rendering.Video;

/// <summary>Annex-B NAL unit splitting and emulation prevention (H.264 7.3.1, 7.4.1).</summary>
internal static class Nal
{
    public static readonly byte[] StartCode = [0, 0, 0, 1];

    /// <summary>Splits an Annex-B byte stream into NAL units (start codes removed, payload still escaped).</summary>
    public static List<byte[]> Split(ReadOnlySpan<byte> stream)
    {
        var starts = new List<(int Payload, int Code)>();
        for (var i = 0; i + 2 < stream.Length; i++)
        {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1)
            {
                starts.Add((i + 3, i > 0 && stream[i - 1] == 0 ? i - 1 : i));
                i += 2;
            }
        }

        var nals = new List<byte[]>(starts.Count);
        for (var k = 0; k < starts.Count; k++)
        {
            var end = k + 1 < starts.Count ? starts[k + 1].Code : stream.Length;
            nals.Add(stream[starts[k].Payload..end].ToArray());
        }

        return nals;
    }

    public static int Type(byte[] nal) => nal[0] & 0x1f;

    /// <summary>Removes emulation prevention bytes (00 00 03 → 00 00).</summary>
    public static byte[] Unescape(ReadOnlySpan<byte> nal)
    {
        var output = new List<byte>(nal.Length);
        var zeros = 0;
        foreach (var b in nal)
        {
            if (zeros >= 2 && b == 3)
            {
                zeros = 0;
                continue;
            }

            output.Add(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }

        return [.. output];
    }

    /// <summary>Inserts emulation prevention bytes so no 00 00 0x (x ≤ 3) appears inside the payload.</summary>
    public static byte[] Escape(ReadOnlySpan<byte> rbsp)
    {
        var output = new List<byte>(rbsp.Length + 16);
        var zeros = 0;
        foreach (var b in rbsp)
        {
            if (zeros >= 2 && b <= 3)
            {
                output.Add(3);
                zeros = 0;
            }

            output.Add(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }

        return [.. output];
    }

    /// <summary>A NAL unit from a finished RBSP: the header byte as is, the rest escaped.</summary>
    public static byte[] FromRbsp(byte[] rbsp) => [rbsp[0], .. Escape(rbsp.AsSpan(1))];
}

/// <summary>Reads bits and Exp-Golomb codes (H.264 9.1) from an unescaped RBSP.</summary>
internal sealed class BitReader(byte[] data, int startByte = 0)
{
    public long Position { get; private set; } = startByte * 8L;

    public int Bit()
    {
        if (Position >= data.Length * 8L) throw new InvalidDataException("H.264 syntax runs past the end of its NAL unit.");
        var bit = (data[Position >> 3] >> (7 - (int)(Position & 7))) & 1;
        Position++;
        return bit;
    }

    public uint Bits(int count)
    {
        uint value = 0;
        for (var i = 0; i < count; i++) value = (value << 1) | (uint)Bit();
        return value;
    }

    public uint Ue()
    {
        var zeros = 0;
        while (Bit() == 0)
        {
            if (++zeros > 31) throw new InvalidDataException("Malformed Exp-Golomb code in an H.264 header.");
        }
        return zeros == 0 ? 0 : ((1u << zeros) - 1) + Bits(zeros);
    }

    public int Se()
    {
        var k = Ue();
        return (k & 1) == 1 ? (int)((k + 1) / 2) : -(int)(k / 2);
    }
}

/// <summary>Writes bits and Exp-Golomb codes into an RBSP.</summary>
internal sealed class BitWriter
{
    private readonly List<byte> _bytes = [];
    private int _current;
    private int _count;

    public bool Aligned => _count == 0;

    public void Bit(int bit)
    {
        _current = (_current << 1) | (bit & 1);
        if (++_count == 8)
        {
            _bytes.Add((byte)_current);
            _current = 0;
            _count = 0;
        }
    }

    public void Bits(uint value, int count)
    {
        for (var i = count - 1; i >= 0; i--) Bit((int)(value >> i) & 1);
    }

    public void Ue(uint value)
    {
        var x = (ulong)value + 1;
        var length = 64 - BitOperations.LeadingZeroCount(x);
        Bits(0, length - 1);
        for (var i = length - 1; i >= 0; i--) Bit((int)(x >> i) & 1);
    }

    public void Se(int value) => Ue(value <= 0 ? (uint)(-2L * value) : (uint)((2L * value) - 1));

    /// <summary>Appends bytes; whole bytes when aligned, bit by bit otherwise.</summary>
    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        if (Aligned)
        {
            foreach (var b in bytes) _bytes.Add(b);
            return;
        }

        foreach (var b in bytes) Bits(b, 8);
    }

    /// <summary>rbsp_trailing_bits: a stop bit, then zeros to the byte boundary.</summary>
    public void TrailingBits()
    {
        Bit(1);
        while (!Aligned) Bit(0);
    }

    public byte[] ToArray()
    {
        if (!Aligned) throw new InvalidOperationException("The RBSP is not byte aligned.");
        return [.. _bytes];
    }
}
