using System.Buffers.Binary;

namespace TvNews.Rendering.Narration;

/// <summary>
/// 16-bit PCM WAV, as espeak-ng writes it (22050 Hz mono). The header is walked chunk by chunk (fmt, then data) rather
/// than assumed to be 44 bytes: other writers add LIST or fact chunks, and a streamed file may carry a placeholder size.
/// </summary>
public sealed record WavFile(int SampleRate, int Channels, short[] Samples)
{
    public double Seconds => Samples.Length / (double)(SampleRate * Channels);

    public static WavFile Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>The duration from the header alone, without reading the samples.</summary>
    public static double ReadSeconds(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[Math.Min(stream.Length, 4096)];
        stream.ReadExactly(head);
        var (rate, channels, _, dataLength) = Header(head, path, stream.Length);
        return dataLength / 2 / (double)(rate * channels);
    }

    public static WavFile Parse(byte[] bytes, string name)
    {
        var (rate, channels, dataOffset, dataLength) = Header(bytes, name, bytes.Length);
        var samples = new short[dataLength / 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(dataOffset + 2 * i, 2));
        return new WavFile(rate, channels, samples);
    }

    public void Write(string path)
    {
        var dataLength = Samples.Length * 2;
        var bytes = new byte[44 + dataLength];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataLength);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], (short)Channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * Channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)(Channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataLength);
        for (var i = 0; i < Samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(span[(44 + 2 * i)..], Samples[i]);
        File.WriteAllBytes(path, bytes);
    }

    private static (int Rate, int Channels, int DataOffset, int DataLength) Header(ReadOnlySpan<byte> bytes, string name, long fileLength)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException($"{name} is not a RIFF/WAVE file.");
        int? rate = null, channels = null;
        var at = 12;
        while (at + 8 <= bytes.Length)
        {
            var id = bytes.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(at + 4)..]);
            var body = at + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (body + 16 > bytes.Length) break;
                var format = BinaryPrimitives.ReadUInt16LittleEndian(bytes[body..]);
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(body + 14)..]);
                if (format != 1 || bits != 16) throw new InvalidDataException($"{name} is not 16-bit PCM (format {format}, {bits} bits).");
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(body + 2)..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes[(body + 4)..]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (rate is null || channels is null) throw new InvalidDataException($"{name}: data chunk before fmt chunk.");
                // A writer that could not seek back leaves 0 or 0xFFFFFFFF here: the data then runs to the end of the file.
                var available = fileLength - body;
                var length = size == 0 || size > available ? available : size;
                return (rate.Value, channels.Value, body, (int)(length / 2 * 2));
            }
            at = body + (int)size + (int)(size & 1);
        }
        throw new InvalidDataException($"{name} has no fmt or data chunk.");
    }
}
