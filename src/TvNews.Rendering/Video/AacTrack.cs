using System.Buffers.Binary;

namespace TvNews.Rendering.Video;

/// <summary>
/// The AAC frames of an MP4/M4A audio file (ISO/IEC 14496-12 and 14496-14), read without ffmpeg: the first sound
/// track's sample table, its mp4a sample entry (copied into the story MP4 as it is), the AudioSpecificConfig from the
/// esds box (for the ADTS headers of MPEG-TS) and the encoder delay from the edit list.
/// </summary>
internal sealed class AacTrack
{
    public const int SamplesPerFrame = 1024;

    private AacTrack(byte[] data, long[] offsets, int[] sizes, byte[] sampleEntry, byte[] config, int priming)
    {
        _data = data;
        _offsets = offsets;
        _sizes = sizes;
        SampleEntry = sampleEntry;
        Config = config;
        Priming = priming;
        ObjectType = config[0] >> 3;
        var frequencyIndex = ((config[0] & 0x07) << 1) | (config[1] >> 7);
        SampleRate = frequencyIndex < Frequencies.Length ? Frequencies[frequencyIndex] : 0;
        FrequencyIndex = frequencyIndex;
        Channels = (config[1] >> 3) & 0x0f;
    }

    private static readonly int[] Frequencies = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    private readonly byte[] _data;
    private readonly long[] _offsets;
    private readonly int[] _sizes;

    /// <summary>The whole mp4a box of the source's stsd, written into the story MP4 unchanged.</summary>
    public byte[] SampleEntry { get; }

    /// <summary>AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1).</summary>
    public byte[] Config { get; }

    /// <summary>Encoder delay in samples: the edit list's media_time (ffmpeg's AAC encoder primes 1024).</summary>
    public int Priming { get; }

    /// <summary>2 is AAC-LC.</summary>
    public int ObjectType { get; }

    public int SampleRate { get; }

    public int FrequencyIndex { get; }

    public int Channels { get; }

    public int FrameCount => _sizes.Length;

    /// <summary>What Roku and the HLS master playlist (mp4a.40.2) expect, so the frames can be copied as they are.</summary>
    public bool IsLcStereo48k => ObjectType == 2 && SampleRate == 48000 && Channels == 2;

    public ReadOnlySpan<byte> Frame(int index) => _data.AsSpan((int)_offsets[index], _sizes[index]);

    public int FrameSize(int index) => _sizes[index];

    /// <summary>Frames needed for <paramref name="seconds"/> of sound after the priming, at most all of them.</summary>
    public int FramesFor(double seconds) =>
        Math.Min(FrameCount, (int)Math.Ceiling(((seconds * SampleRate) + Priming) / SamplesPerFrame));

    /// <summary>A 7-byte ADTS header (no CRC) for a frame of <paramref name="payload"/> bytes.</summary>
    public void WriteAdtsHeader(Span<byte> header, int payload)
    {
        var length = payload + 7;
        header[0] = 0xff;
        header[1] = 0xf1; // MPEG-4, layer 0, no CRC
        header[2] = (byte)(((ObjectType - 1) << 6) | (FrequencyIndex << 2) | (Channels >> 2));
        header[3] = (byte)(((Channels & 3) << 6) | (length >> 11));
        header[4] = (byte)(length >> 3);
        header[5] = (byte)(((length & 7) << 5) | 0x1f);
        header[6] = 0xfc; // buffer fullness 0x7ff (VBR), one raw data block
    }

    /// <summary>Reads the first sound track of an MP4; null when the file is no MP4 or has no AAC track.</summary>
    public static AacTrack? TryRead(string path)
    {
        var data = File.ReadAllBytes(path);
        try
        {
            return Parse(data);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static AacTrack? Parse(byte[] data)
    {
        var moov = Find(data, 0, data.Length, "moov");
        if (moov is null) return null;
        foreach (var trak in Children(data, moov.Value, "trak"))
        {
            var mdia = Child(data, trak, "mdia");
            var hdlr = Child(data, mdia, "hdlr");
            if (!data.AsSpan(hdlr.Start + 8, 4).SequenceEqual("soun"u8)) continue;
            var mdhd = Child(data, mdia, "mdhd");
            var stbl = Child(data, Child(data, mdia, "minf"), "stbl");

            var stsd = Child(data, stbl, "stsd");
            var entry = (Start: stsd.Start + 8, End: stsd.End);
            var entrySize = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(entry.Start));
            if (!data.AsSpan(entry.Start + 4, 4).SequenceEqual("mp4a"u8)) return null;
            var sampleEntry = data.AsSpan(entry.Start, entrySize).ToArray();

            // mp4a: 8 bytes of box header, 28 bytes of AudioSampleEntry, then the esds box.
            var esds = Find(data, entry.Start + 36, entry.Start + entrySize, "esds") ?? throw new InvalidDataException("mp4a without esds");
            var config = DecoderSpecificInfo(data.AsSpan(esds.Start + 4, esds.End - esds.Start - 4));
            if (config is null || config.Length < 2) return null;

            var sizes = SampleSizes(data, Child(data, stbl, "stsz"));
            var chunkOffsets = ChunkOffsets(data, stbl);
            var offsets = SampleOffsets(data, Child(data, stbl, "stsc"), chunkOffsets, sizes);
            var priming = 0;
            var edts = Find(data, trak.Start, trak.End, "edts");
            if (edts is { } e && Find(data, e.Start, e.End, "elst") is { } elst)
            {
                var version = data[elst.Start];
                var count = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(elst.Start + 4));
                if (count > 0)
                {
                    var mediaTime = version == 1
                        ? BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(elst.Start + 16))
                        : BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(elst.Start + 12));
                    var timescale = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(mdhd.Start + (data[mdhd.Start] == 1 ? 20 : 12)));
                    if (mediaTime > 0 && timescale > 0) priming = (int)mediaTime;
                }
            }

            return new AacTrack(data, offsets, sizes, sampleEntry, config, priming);
        }

        return null;
    }

    /// <summary>ES_Descriptor → DecoderConfigDescriptor → DecoderSpecificInfo (ISO/IEC 14496-1 7.2.6), after version/flags.</summary>
    private static byte[]? DecoderSpecificInfo(ReadOnlySpan<byte> esds)
    {
        var p = 0;
        while (p < esds.Length)
        {
            var tag = esds[p++];
            var length = 0;
            for (var k = 0; k < 4; k++)
            {
                var b = esds[p++];
                length = (length << 7) | (b & 0x7f);
                if ((b & 0x80) == 0) break;
            }

            switch (tag)
            {
                case 0x03:
                    // ES_ID, then flags that say which optional fields follow.
                    var flags = esds[p + 2];
                    p += 3;
                    if ((flags & 0x80) != 0) p += 2;
                    if ((flags & 0x40) != 0) p += 1 + esds[p];
                    if ((flags & 0x20) != 0) p += 2;
                    break;
                case 0x04:
                    if (esds[p] != 0x40) return null; // objectTypeIndication: MPEG-4 audio
                    p += 13;
                    break;
                case 0x05:
                    return esds.Slice(p, length).ToArray();
                default:
                    p += length;
                    break;
            }
        }

        return null;
    }

    private static int[] SampleSizes(byte[] data, (int Start, int End) stsz)
    {
        var fixedSize = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(stsz.Start + 4));
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(stsz.Start + 8));
        var sizes = new int[count];
        for (var i = 0; i < count; i++)
        {
            sizes[i] = fixedSize != 0 ? (int)fixedSize : (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(stsz.Start + 12 + (4 * i)));
        }

        return sizes;
    }

    private static long[] ChunkOffsets(byte[] data, (int Start, int End) stbl)
    {
        var co64 = Find(data, stbl.Start, stbl.End, "co64");
        var box = co64 ?? Child(data, stbl, "stco");
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(box.Start + 4));
        var offsets = new long[count];
        for (var i = 0; i < count; i++)
        {
            offsets[i] = co64 is not null
                ? (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(box.Start + 8 + (8 * i)))
                : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(box.Start + 8 + (4 * i)));
        }

        return offsets;
    }

    private static long[] SampleOffsets(byte[] data, (int Start, int End) stsc, long[] chunks, int[] sizes)
    {
        var entries = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(stsc.Start + 4));
        var offsets = new long[sizes.Length];
        var sample = 0;
        for (var e = 0; e < entries; e++)
        {
            var at = stsc.Start + 8 + (12 * e);
            var first = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at)) - 1;
            var perChunk = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at + 4));
            var last = e + 1 < entries ? (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at + 12)) - 1 : chunks.Length;
            for (var c = first; c < last && sample < sizes.Length; c++)
            {
                var offset = chunks[c];
                for (var k = 0; k < perChunk && sample < sizes.Length; k++)
                {
                    if (offset + sizes[sample] > data.Length) throw new InvalidDataException("A sample lies outside the file.");
                    offsets[sample] = offset;
                    offset += sizes[sample++];
                }
            }
        }

        if (sample != sizes.Length) throw new InvalidDataException("The chunk table does not cover every sample.");
        return offsets;
    }

    private static (int Start, int End) Child(byte[] data, (int Start, int End) parent, string type) =>
        Find(data, parent.Start, parent.End, type) ?? throw new InvalidDataException($"No {type} box.");

    private static IEnumerable<(int Start, int End)> Children(byte[] data, (int Start, int End) parent, string type)
    {
        var offset = parent.Start;
        while (Next(data, ref offset, parent.End) is { } box)
        {
            if (box.Type == type) yield return (box.Start, box.End);
        }
    }

    /// <summary>The first box of <paramref name="type"/> among the boxes in [from, to); its payload range.</summary>
    private static (int Start, int End)? Find(byte[] data, int from, int to, string type)
    {
        var offset = from;
        while (Next(data, ref offset, to) is { } box)
        {
            if (box.Type == type) return (box.Start, box.End);
        }

        return null;
    }

    private static (string Type, int Start, int End)? Next(byte[] data, ref int offset, int to)
    {
        if (offset + 8 > to) return null;
        long size = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
        var type = System.Text.Encoding.ASCII.GetString(data, offset + 4, 4);
        var header = 8;
        if (size == 1)
        {
            size = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(offset + 8));
            header = 16;
        }
        else if (size == 0)
        {
            size = to - offset;
        }

        if (size < header || offset + size > to) throw new InvalidDataException($"The {type} box at {offset} overruns its parent.");
        var box = (type, offset + header, (int)(offset + size));
        offset += (int)size;
        return box;
    }
}
