using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace TvNews.Rendering.Video;

/// <summary>
/// Writes one HLS VOD rendition: MPEG-TS segments (ISO/IEC 13818-1) cut at the IDRs every <c>segmentFrames</c>
/// frames, and their media playlist. Each segment opens with a PAT and a PMT (program 1: H.264 on PID 0x100, which
/// carries the PCR, and AAC in ADTS on PID 0x101), then the IDR. Video PES packets carry one access unit each, with
/// an access unit delimiter and a PTS on the 90 kHz clock (no B-frames, so DTS = PTS and only the PTS is written);
/// audio PES packets group ADTS frames, at most 0.35 s or ~2.9 kB, as ffmpeg's muxer does. Timestamps start at 1.4 s
/// (<see cref="FirstVideoPts"/>, ffmpeg's value) with the AAC priming frame just before it, and the PCR runs 0.7 s
/// ahead of each frame's decode time.
/// </summary>
internal static class HlsWriter
{
    /// <summary>The first video PTS of every rendition; WebVTT's X-TIMESTAMP-MAP names it.</summary>
    public const long FirstVideoPts = 126_000;

    private const int PacketSize = 188;
    private const int PmtPid = 0x1000;
    private const int VideoPid = 0x100;
    private const int AudioPid = 0x101;
    private const long PcrLead = 63_000;
    private const int MaxAudioPesBytes = 2930;
    private const long MaxAudioPesTicks = 31_500;

    // AUD with primary_pic_type 0 (I) before IDRs and 1 (I, P) before P pictures.
    private static readonly byte[] IdrDelimiter = [0, 0, 0, 1, 0x09, 0x10];
    private static readonly byte[] PDelimiter = [0, 0, 0, 1, 0x09, 0x30];

    /// <summary>Writes <c>{name}_000.ts</c>… and <c>{name}.m3u8</c> into <paramref name="folder"/>.</summary>
    public static void Write(string folder, string name, VideoTrack video, AudioFrames? audio, int segmentFrames)
    {
        var frameTicks = 90_000L / video.FramesPerSecond;
        var segments = new List<(string File, double Seconds)>();
        var counters = new Dictionary<int, int> { [0] = 0, [PmtPid] = 0, [VideoPid] = 0, [AudioPid] = 0 };
        var nextAudio = 0;
        var pes = new MemoryStream();
        for (var first = 0; first < video.Units.Count; first += segmentFrames)
        {
            var count = Math.Min(segmentFrames, video.Units.Count - first);
            var file = Core.Feeds.StoryMedia.HlsSegmentFile(name, segments.Count);
            var last = first + count == video.Units.Count;
            using (var output = new FileStream(Path.Combine(folder, file), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var ts = new PacketWriter(output, counters);
                ts.Section(0, Pat());
                ts.Section(PmtPid, Pmt(audio is not null));
                var segmentEnd = FirstVideoPts + ((first + count) * frameTicks);
                for (var f = first; f < first + count; f++)
                {
                    var pts = FirstVideoPts + (f * frameTicks);

                    // Audio up to this frame's time goes first, so both streams advance together.
                    while (audio is not null && nextAudio < audio.Frames && AudioPts(audio, nextAudio) <= pts)
                    {
                        nextAudio = WriteAudio(ts, pes, audio, nextAudio, last ? long.MaxValue : segmentEnd);
                    }

                    var unit = video.Units[f];
                    pes.SetLength(0);
                    pes.Write(unit.Idr ? IdrDelimiter : PDelimiter);
                    foreach (var nal in unit.Nals)
                    {
                        pes.Write(Nal.StartCode);
                        pes.Write(nal);
                    }

                    ts.Pes(VideoPid, 0xe0, pts, pes.GetBuffer().AsSpan(0, (int)pes.Length), pcr: pts - PcrLead, randomAccess: unit.Idr, bounded: false);
                }

                while (audio is not null && nextAudio < audio.Frames && (last || AudioPts(audio, nextAudio) < segmentEnd))
                {
                    nextAudio = WriteAudio(ts, pes, audio, nextAudio, last ? long.MaxValue : segmentEnd);
                }
            }

            segments.Add((file, (double)count / video.FramesPerSecond));
        }

        var target = (int)Math.Ceiling(segments.Max(s => s.Seconds) - 0.0005);
        var playlist = new StringBuilder()
            .Append("#EXTM3U\n#EXT-X-VERSION:3\n")
            .Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{target}\n")
            .Append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        foreach (var (file, seconds) in segments)
        {
            playlist.Append(CultureInfo.InvariantCulture, $"#EXTINF:{seconds:0.000000},\n").Append(file).Append('\n');
        }

        playlist.Append("#EXT-X-ENDLIST\n");
        File.WriteAllText(Path.Combine(folder, $"{name}.m3u8"), playlist.ToString());
    }

    /// <summary>The PTS of AAC frame <paramref name="index"/>: frame 0 holds the priming, so it starts before the video.</summary>
    private static long AudioPts(AudioFrames audio, int index) =>
        FirstVideoPts + (((long)index * AacTrack.SamplesPerFrame) - audio.Track.Priming) * 90_000 / audio.Track.SampleRate;

    /// <summary>One audio PES from frame <paramref name="from"/>; returns the next frame to write.</summary>
    private static int WriteAudio(PacketWriter ts, MemoryStream pes, AudioFrames audio, int from, long before)
    {
        var start = AudioPts(audio, from);
        pes.SetLength(0);
        Span<byte> header = stackalloc byte[7];
        var next = from;
        while (next < audio.Frames)
        {
            var pts = AudioPts(audio, next);
            var size = audio.Track.FrameSize(next);
            if (next > from && (pes.Length + 7 + size > MaxAudioPesBytes || pts - start >= MaxAudioPesTicks || pts >= before)) break;
            audio.Track.WriteAdtsHeader(header, size);
            pes.Write(header);
            pes.Write(audio.Track.Frame(next));
            next++;
        }

        ts.Pes(AudioPid, 0xc0, start, pes.GetBuffer().AsSpan(0, (int)pes.Length), pcr: null, randomAccess: true, bounded: true);
        return next;
    }

    private static byte[] Pat()
    {
        var s = new List<byte> { 0x00, 0xb0, 0, 0x00, 0x01, 0xc1, 0x00, 0x00 }; // table 0, transport_stream_id 1, version 0, current
        s.AddRange([0x00, 0x01, (byte)(0xe0 | (PmtPid >> 8)), PmtPid & 0xff]); // program 1 → PMT PID
        return Finish(s);
    }

    private static byte[] Pmt(bool withAudio)
    {
        var s = new List<byte> { 0x02, 0xb0, 0, 0x00, 0x01, 0xc1, 0x00, 0x00 }; // table 2, program 1
        s.AddRange([(byte)(0xe0 | (VideoPid >> 8)), VideoPid & 0xff, 0xf0, 0x00]); // PCR PID, no program info
        s.AddRange([0x1b, (byte)(0xe0 | (VideoPid >> 8)), VideoPid & 0xff, 0xf0, 0x00]); // H.264
        if (withAudio) s.AddRange([0x0f, (byte)(0xe0 | (AudioPid >> 8)), AudioPid & 0xff, 0xf0, 0x00]); // AAC in ADTS
        return Finish(s);
    }

    /// <summary>Fills in section_length and appends the CRC-32 (MPEG-2: polynomial 0x04C11DB7, no reflection).</summary>
    private static byte[] Finish(List<byte> section)
    {
        var length = section.Count - 3 + 4;
        section[1] = (byte)(0xb0 | (length >> 8));
        section[2] = (byte)length;
        var crc = Crc32(section);
        section.AddRange([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
        return [.. section];
    }

    internal static uint Crc32(IEnumerable<byte> data)
    {
        var crc = 0xffffffffu;
        foreach (var b in data)
        {
            crc ^= (uint)b << 24;
            for (var k = 0; k < 8; k++) crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
        }

        return crc;
    }

    /// <summary>Splits sections and PES packets into 188-byte packets with continuity counters per PID.</summary>
    private sealed class PacketWriter(Stream output, Dictionary<int, int> counters)
    {
        private readonly byte[] _packet = new byte[PacketSize];

        public void Section(int pid, byte[] section)
        {
            var p = _packet.AsSpan();
            Header(p, pid, start: true, adaptation: false);
            p[4] = 0; // pointer_field
            section.CopyTo(p[5..]);
            p[(5 + section.Length)..].Fill(0xff);
            output.Write(p);
        }

        public void Pes(int pid, byte streamId, long pts, ReadOnlySpan<byte> payload, long? pcr, bool randomAccess, bool bounded)
        {
            Span<byte> header = stackalloc byte[14];
            header[0] = 0;
            header[1] = 0;
            header[2] = 1;
            header[3] = streamId;
            var length = bounded ? 8 + payload.Length : 0; // 0: unbounded, allowed for video only
            if (length > 0xffff) throw new InvalidOperationException("An audio PES packet is too long.");
            BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)length);
            header[6] = 0x80; // marker bits, not scrambled
            header[7] = 0x80; // PTS only
            header[8] = 5;
            header[9] = (byte)(0x21 | ((pts >> 29) & 0x0e));
            header[10] = (byte)(pts >> 22);
            header[11] = (byte)(0x01 | ((pts >> 14) & 0xfe));
            header[12] = (byte)(pts >> 7);
            header[13] = (byte)(0x01 | ((pts << 1) & 0xfe));

            var first = true;
            var written = -header.Length;
            var total = payload.Length;
            while (written < total)
            {
                var p = _packet.AsSpan();
                var adaptation = new List<byte>(8);
                var hasAdaptation = false;
                if (first && (pcr is not null || randomAccess))
                {
                    hasAdaptation = true;
                    adaptation.Add((byte)((randomAccess ? 0x40 : 0) | (pcr is not null ? 0x10 : 0)));
                    if (pcr is { } clock)
                    {
                        var b = clock & 0x1_ffff_ffffL;
                        adaptation.AddRange([(byte)(b >> 25), (byte)(b >> 17), (byte)(b >> 9), (byte)(b >> 1), (byte)(((b & 1) << 7) | 0x7e), 0x00]);
                    }
                }

                var room = PacketSize - 4 - (hasAdaptation ? 1 + adaptation.Count : 0);
                var left = total - written;
                if (left < room)
                {
                    // Stuff the adaptation field so the PES ends exactly at the packet's end.
                    var stuffing = room - left;
                    if (!hasAdaptation)
                    {
                        hasAdaptation = true;
                        stuffing--; // the adaptation_field_length byte
                        if (stuffing > 0)
                        {
                            adaptation.Add(0x00);
                            stuffing--;
                        }
                    }

                    for (var k = 0; k < stuffing; k++) adaptation.Add(0xff);
                    room = left;
                }

                Header(p, pid, first, hasAdaptation);
                var at = 4;
                if (hasAdaptation)
                {
                    p[at++] = (byte)adaptation.Count;
                    foreach (var b in adaptation) p[at++] = b;
                }

                if (written < 0)
                {
                    var fromHeader = Math.Min(-written, room);
                    header[(header.Length + written)..(header.Length + written + fromHeader)].CopyTo(p[at..]);
                    at += fromHeader;
                    written += fromHeader;
                    room -= fromHeader;
                }

                payload.Slice(written, room).CopyTo(p[at..]);
                written += room;

                output.Write(p);
                first = false;
            }
        }

        private void Header(Span<byte> p, int pid, bool start, bool adaptation)
        {
            var counter = counters[pid];
            counters[pid] = (counter + 1) & 0x0f;
            p[0] = 0x47;
            p[1] = (byte)((start ? 0x40 : 0) | (pid >> 8));
            p[2] = (byte)pid;
            p[3] = (byte)((adaptation ? 0x30 : 0x10) | counter);
        }
    }
}
