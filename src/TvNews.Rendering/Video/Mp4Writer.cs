using System.Buffers.Binary;
using System.Text;

namespace TvNews.Rendering.Video;

/// <summary>The story's video for a muxer: access units at a constant frame rate, with the parameter sets they use.</summary>
internal sealed record VideoTrack(IReadOnlyList<AccessUnit> Units, byte[] Sps, IReadOnlyList<byte[]> Ppses, int Width, int Height, int FramesPerSecond)
{
    public double Seconds => (double)Units.Count / FramesPerSecond;
}

/// <summary>AAC frames for a muxer: the first <see cref="Frames"/> of the track, the priming frame included.</summary>
internal sealed record AudioFrames(AacTrack Track, int Frames, double Seconds);

/// <summary>
/// Writes an MP4 (ISO/IEC 14496-12/-14/-15) with the moov box before the media data ("faststart", so a player can
/// start before the whole file has arrived): ftyp, moov (an avc1/avcC video track and the source's mp4a sample entry,
/// with stts/stss/stsz/stsc/stco or co64), then one mdat with video and audio interleaved in one-second chunks. The
/// audio track's edit list skips the AAC encoder's priming, as ffmpeg's own MP4 muxer does. Sample data is the access
/// units in AVCC form (4-byte lengths); delimiters are left out, parameter sets stay in band at every IDR.
/// </summary>
internal static class Mp4Writer
{
    private const int MovieTimescale = 1000;
    private const int VideoTimescale = 90_000;

    public static void Write(string path, VideoTrack video, AudioFrames? audio)
    {
        var frameTicks = VideoTimescale / video.FramesPerSecond;
        var videoSizes = new int[video.Units.Count];
        for (var i = 0; i < videoSizes.Length; i++)
        {
            var size = 0;
            foreach (var nal in video.Units[i].Nals) size += 4 + nal.Length;
            videoSizes[i] = size;
        }

        var audioSizes = audio is null ? [] : Enumerable.Range(0, audio.Frames).Select(audio.Track.FrameSize).ToArray();

        // Chunks of one second: video frames [30k, 30k + 30), then the audio frames that start before that second ends.
        var chunks = new List<(bool Video, int First, int Count)>();
        var nextAudio = 0;
        for (var first = 0; first < videoSizes.Length; first += video.FramesPerSecond)
        {
            var count = Math.Min(video.FramesPerSecond, videoSizes.Length - first);
            chunks.Add((true, first, count));
            if (audio is null) continue;
            var end = (first + count) / (double)video.FramesPerSecond;
            var last = first + count == videoSizes.Length
                ? audioSizes.Length
                : Math.Min(audioSizes.Length, (int)Math.Ceiling(((end * audio.Track.SampleRate) + audio.Track.Priming) / AacTrack.SamplesPerFrame));
            if (last > nextAudio) chunks.Add((false, nextAudio, last - nextAudio));
            nextAudio = Math.Max(nextAudio, last);
        }

        if (audio is not null && nextAudio < audioSizes.Length) chunks.Add((false, nextAudio, audioSizes.Length - nextAudio));

        long mediaBytes = videoSizes.Sum(s => (long)s) + audioSizes.Sum(s => (long)s);
        var ftyp = Ftyp();
        var large = mediaBytes + 16 > uint.MaxValue;

        // The moov's size does not depend on the offsets' values, only on stco vs co64: build it once to measure.
        var wide = false;
        var moov = Moov(video, audio, videoSizes, audioSizes, chunks, new long[chunks.Count], wide, frameTicks);
        var dataStart = ftyp.Length + moov.Length + (large ? 16 : 8);
        if (dataStart + mediaBytes > uint.MaxValue)
        {
            wide = true;
            moov = Moov(video, audio, videoSizes, audioSizes, chunks, new long[chunks.Count], wide, frameTicks);
            dataStart = ftyp.Length + moov.Length + (large ? 16 : 8);
        }

        var offsets = new long[chunks.Count];
        var at = (long)dataStart;
        for (var c = 0; c < chunks.Count; c++)
        {
            offsets[c] = at;
            var (isVideo, first, count) = chunks[c];
            for (var k = first; k < first + count; k++) at += isVideo ? videoSizes[k] : audioSizes[k];
        }

        moov = Moov(video, audio, videoSizes, audioSizes, chunks, offsets, wide, frameTicks);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        file.Write(ftyp);
        file.Write(moov);
        Span<byte> header = stackalloc byte[16];
        if (large)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header, 1);
            "mdat"u8.CopyTo(header[4..]);
            BinaryPrimitives.WriteUInt64BigEndian(header[8..], (ulong)(mediaBytes + 16));
            file.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)(mediaBytes + 8));
            "mdat"u8.CopyTo(header[4..]);
            file.Write(header[..8]);
        }

        foreach (var (isVideo, first, count) in chunks)
        {
            for (var k = first; k < first + count; k++)
            {
                if (!isVideo)
                {
                    file.Write(audio!.Track.Frame(k));
                    continue;
                }

                foreach (var nal in video.Units[k].Nals)
                {
                    BinaryPrimitives.WriteInt32BigEndian(header, nal.Length);
                    file.Write(header[..4]);
                    file.Write(nal);
                }
            }
        }
    }

    private static byte[] Ftyp()
    {
        using var b = new BoxBuilder();
        b.Open("ftyp");
        b.Fourcc("isom");
        b.U32(0x200);
        foreach (var brand in new[] { "isom", "iso2", "avc1", "mp41" }) b.Fourcc(brand);
        b.Close();
        return b.ToArray();
    }

    private static byte[] Moov(VideoTrack video, AudioFrames? audio, int[] videoSizes, int[] audioSizes,
        List<(bool Video, int First, int Count)> chunks, long[] offsets, bool wide, int frameTicks)
    {
        var videoMs = (long)Math.Round(videoSizes.Length * 1000.0 / video.FramesPerSecond);
        var audioMs = audio is null ? 0 : (long)Math.Round(audio.Seconds * 1000);
        using var b = new BoxBuilder();
        b.Open("moov");
        b.Full("mvhd", 0, 0);
        b.U32(0).U32(0).U32(MovieTimescale).U32((uint)Math.Max(videoMs, audioMs));
        b.U32(0x00010000).U16(0x0100).Zeros(10);
        Matrix(b);
        b.Zeros(24).U32(audio is null ? 2u : 3u);
        b.Close();

        var videoChunks = Indexed(chunks, offsets, video: true);
        Track(b, 1, "vide", VideoTimescale, (long)videoSizes.Length * frameTicks, videoMs, video.Width, video.Height, editMediaTime: null, b =>
        {
            b.Full("vmhd", 0, 1).Zeros(8).Close();
        }, b =>
        {
            b.Full("stsd", 0, 0).U32(1);
            VideoEntry(b, video);
            b.Close();
            b.Full("stts", 0, 0).U32(1).U32((uint)videoSizes.Length).U32((uint)frameTicks).Close();
            var keys = Enumerable.Range(0, video.Units.Count).Where(i => video.Units[i].Idr).ToList();
            b.Full("stss", 0, 0).U32((uint)keys.Count);
            foreach (var k in keys) b.U32((uint)(k + 1));
            b.Close();
            SampleTables(b, videoSizes, videoChunks, wide);
        });

        if (audio is not null)
        {
            var rate = audio.Track.SampleRate;
            var audioChunks = Indexed(chunks, offsets, video: false);
            Track(b, 2, "soun", rate, (long)audioSizes.Length * AacTrack.SamplesPerFrame, audioMs, 0, 0, editMediaTime: audio.Track.Priming, b =>
            {
                b.Full("smhd", 0, 0).Zeros(4).Close();
            }, b =>
            {
                b.Full("stsd", 0, 0).U32(1).Bytes(audio.Track.SampleEntry).Close();
                b.Full("stts", 0, 0).U32(1).U32((uint)audioSizes.Length).U32(AacTrack.SamplesPerFrame).Close();
                SampleTables(b, audioSizes, audioChunks, wide);
            });
        }

        b.Close();
        return b.ToArray();
    }

    private static List<(int Count, long Offset)> Indexed(List<(bool Video, int First, int Count)> chunks, long[] offsets, bool video) =>
        chunks.Select((c, i) => (c, i)).Where(x => x.c.Video == video).Select(x => (x.c.Count, offsets[x.i])).ToList();

    private static void Track(BoxBuilder b, int id, string handler, int timescale, long mediaDuration, long movieDuration, int width, int height,
        int? editMediaTime, Action<BoxBuilder> mediaHeader, Action<BoxBuilder> sampleTable)
    {
        b.Open("trak");
        b.Full("tkhd", 0, 3).U32(0).U32(0).U32((uint)id).U32(0).U32((uint)movieDuration).Zeros(8);
        b.U16(0).U16(0).U16(handler == "soun" ? (ushort)0x0100 : (ushort)0).U16(0);
        Matrix(b);
        b.U32((uint)(width << 16)).U32((uint)(height << 16));
        b.Close();
        if (editMediaTime is { } start)
        {
            b.Open("edts");
            b.Full("elst", 0, 0).U32(1).U32((uint)movieDuration).U32((uint)start).U32(0x00010000).Close();
            b.Close();
        }

        b.Open("mdia");
        b.Full("mdhd", 0, 0).U32(0).U32(0).U32((uint)timescale).U32((uint)mediaDuration).U16(0x55c4).U16(0).Close(); // language "und"
        var name = handler == "vide" ? "VideoHandler" : "SoundHandler";
        b.Full("hdlr", 0, 0).U32(0).Fourcc(handler).Zeros(12).Bytes(Encoding.ASCII.GetBytes(name)).U8(0).Close();
        b.Open("minf");
        mediaHeader(b);
        b.Open("dinf");
        b.Full("dref", 0, 0).U32(1);
        b.Full("url ", 0, 1).Close();
        b.Close();
        b.Close();
        b.Open("stbl");
        sampleTable(b);
        b.Close();
        b.Close();
        b.Close();
        b.Close();
    }

    private static void VideoEntry(BoxBuilder b, VideoTrack video)
    {
        b.Open("avc1");
        b.Zeros(6).U16(1); // reserved, data_reference_index
        b.Zeros(16);
        b.U16((ushort)video.Width).U16((ushort)video.Height);
        b.U32(0x00480000).U32(0x00480000).U32(0).U16(1);
        b.Zeros(32); // compressorname
        b.U16(0x18).U16(0xffff);

        // avcC (ISO/IEC 14496-15 5.3.3.1): the SPS's profile, compatibility and level bytes, 4-byte NAL lengths.
        var sps = video.Sps;
        b.Open("avcC");
        b.U8(1).U8(sps[1]).U8(sps[2]).U8(sps[3]).U8(0xff).U8(0xe1);
        b.U16((ushort)sps.Length).Bytes(sps);
        b.U8((byte)video.Ppses.Count);
        foreach (var pps in video.Ppses) b.U16((ushort)pps.Length).Bytes(pps);
        if (sps[1] is 100 or 110 or 122 or 144)
        {
            b.U8(0xfc | 1).U8(0xf8).U8(0xf8).U8(0); // 4:2:0, 8-bit luma and chroma, no SPS extensions
        }

        b.Close();

        // BT.709 primaries, transfer and matrix, limited range, as the SPS's VUI says.
        b.Open("colr").Fourcc("nclx").U16(1).U16(1).U16(1).U8(0).Close();
        b.Open("pasp").U32(1).U32(1).Close();
        b.Close();
    }

    private static void SampleTables(BoxBuilder b, int[] sizes, List<(int Count, long Offset)> chunks, bool wide)
    {
        b.Full("stsz", 0, 0).U32(0).U32((uint)sizes.Length);
        foreach (var size in sizes) b.U32((uint)size);
        b.Close();

        var runs = new List<(int FirstChunk, int Count)>();
        for (var c = 0; c < chunks.Count; c++)
        {
            if (runs.Count == 0 || runs[^1].Count != chunks[c].Count) runs.Add((c + 1, chunks[c].Count));
        }

        b.Full("stsc", 0, 0).U32((uint)runs.Count);
        foreach (var (first, count) in runs) b.U32((uint)first).U32((uint)count).U32(1);
        b.Close();

        b.Full(wide ? "co64" : "stco", 0, 0).U32((uint)chunks.Count);
        foreach (var (_, offset) in chunks)
        {
            if (wide) b.U64((ulong)offset);
            else b.U32((uint)offset);
        }

        b.Close();
    }

    private static void Matrix(BoxBuilder b) =>
        b.U32(0x00010000).U32(0).U32(0).U32(0).U32(0x00010000).U32(0).U32(0).U32(0).U32(0x40000000);

    /// <summary>Big-endian box serialisation: each Open is closed by Close, which fills in the box's size.</summary>
    private sealed class BoxBuilder : IDisposable
    {
        private readonly MemoryStream _buffer = new();
        private readonly Stack<long> _open = new();

        public BoxBuilder Open(string type)
        {
            _open.Push(_buffer.Position);
            U32(0);
            return Fourcc(type);
        }

        public BoxBuilder Full(string type, byte version, uint flags) => Open(type).U32(((uint)version << 24) | flags);

        public BoxBuilder Close()
        {
            var start = _open.Pop();
            var end = _buffer.Position;
            _buffer.Position = start;
            U32((uint)(end - start));
            _buffer.Position = end;
            return this;
        }

        public BoxBuilder Fourcc(string type) => Bytes(Encoding.ASCII.GetBytes(type));

        public BoxBuilder U8(byte value)
        {
            _buffer.WriteByte(value);
            return this;
        }

        public BoxBuilder U16(ushort value)
        {
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(b, value);
            return Bytes(b);
        }

        public BoxBuilder U32(uint value)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b, value);
            return Bytes(b);
        }

        public BoxBuilder U64(ulong value)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(b, value);
            return Bytes(b);
        }

        public BoxBuilder Zeros(int count)
        {
            for (var i = 0; i < count; i++) _buffer.WriteByte(0);
            return this;
        }

        public BoxBuilder Bytes(ReadOnlySpan<byte> bytes)
        {
            _buffer.Write(bytes);
            return this;
        }

        public byte[] ToArray()
        {
            if (_open.Count != 0) throw new InvalidOperationException("A box was left open.");
            return _buffer.ToArray();
        }

        public void Dispose() => _buffer.Dispose();
    }
}
