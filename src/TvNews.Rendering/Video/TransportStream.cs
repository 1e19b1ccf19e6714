namespace TvNews.Rendering.Video;

/// <summary>
/// Reads the first video presentation timestamp of an MPEG-TS segment (ISO/IEC 13818-1: PAT → PMT → the H.264
/// elementary stream's first PES header). The mpegts muxer shifts timestamps by its mux delay and the audio priming,
/// and WebVTT's X-TIMESTAMP-MAP must name exactly that value; reading it here saves an ffprobe process per render.
/// </summary>
internal static class TransportStream
{
    private const int PacketSize = 188;

    public static long FirstVideoPts(string path)
    {
        var data = File.ReadAllBytes(path);
        int? pmtPid = null, videoPid = null;
        for (var offset = 0; offset + PacketSize <= data.Length; offset += PacketSize)
        {
            var packet = data.AsSpan(offset, PacketSize);
            if (packet[0] != 0x47) throw new InvalidDataException($"{path} is not an MPEG-TS file (no sync byte at {offset}).");
            var start = (packet[1] & 0x40) != 0;
            var pid = ((packet[1] & 0x1f) << 8) | packet[2];
            var adaptation = (packet[3] >> 4) & 0x3;
            var payload = 4 + (adaptation is 2 or 3 ? 1 + packet[4] : 0);
            if (adaptation == 2 || payload >= PacketSize || !start) continue;
            var body = packet[payload..];
            if (pid == 0)
            {
                // PAT: pointer field, then the first program's PMT PID (program 0 is the network PID).
                var section = body[(1 + body[0])..];
                for (var p = 8; p + 4 <= section.Length - 4; p += 4)
                {
                    if (((section[p] << 8) | section[p + 1]) == 0) continue;
                    pmtPid = ((section[p + 2] & 0x1f) << 8) | section[p + 3];
                    break;
                }
            }
            else if (pid == pmtPid && videoPid is null)
            {
                var section = body[(1 + body[0])..];
                var sectionLength = ((section[1] & 0x0f) << 8) | section[2];
                var infoLength = ((section[10] & 0x0f) << 8) | section[11];
                for (var p = 12 + infoLength; p + 5 <= 3 + sectionLength - 4; p += 5 + (((section[p + 3] & 0x0f) << 8) | section[p + 4]))
                {
                    if (section[p] == 0x1b) // stream_type H.264
                    {
                        videoPid = ((section[p + 1] & 0x1f) << 8) | section[p + 2];
                        break;
                    }
                }
            }
            else if (pid == videoPid)
            {
                // PES: start code 00 00 01, stream id, length, flags; PTS present when PTS_DTS_flags has bit 2.
                if (body[0] != 0 || body[1] != 0 || body[2] != 1 || (body[7] & 0x80) == 0)
                {
                    throw new InvalidDataException($"The first video PES of {path} carries no PTS.");
                }

                var pts = ((long)(body[9] & 0x0e) << 29) | ((long)body[10] << 22) | ((long)(body[11] & 0xfe) << 14)
                    | ((long)body[12] << 7) | ((long)body[13] >> 1);
                return pts;
            }
        }

        throw new InvalidDataException($"No H.264 stream with a timestamp found in {path}.");
    }
}
