using System.Globalization;
using System.Text;

namespace TvNews.Core.Live;

/// <summary>One rendition of the live ladder, as the master playlist names it.</summary>
/// <param name="Codecs">RFC 6381 codecs of the rendition, video and audio ("avc1.640029,mp4a.40.2").</param>
public sealed record LiveRung(string Name, int Width, int Height, string Codecs, double FrameRate);

/// <summary>A rung's bandwidths in bits per second, as the stories' masters measured them (BANDWIDTH is the peak segment rate).</summary>
public sealed record RungBandwidth(long Peak, long Average);

/// <summary>
/// The live channel's HLS playlists, built from the as-run log and the time alone (no I/O, nothing encoded): every
/// viewer, instance and restart sees the same segments with the same numbers at the same instant.
/// </summary>
public static class LivePlaylists
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>How far from the live edge a player should start: Roku asks apps to stay at least 30 s away (roku-specs.md 5.1).</summary>
    public const int StartOffsetSeconds = 30;

    /// <summary>A segment of the live timeline.</summary>
    public sealed record Segment(AsRunProgramme Programme, int Index, DateTimeOffset Start, DateTimeOffset End, long MediaSequence)
    {
        public string File(string rung) => $"{Programme.HlsFolder}/{Feeds.StoryMedia.HlsSegmentFile(rung, Programme.FirstSegment + Index)}";
    }

    /// <summary>
    /// The segments a media playlist lists at <paramref name="now"/>: those that have ended by now, the latest ones
    /// until they add up to the window. <paramref name="programmes"/> are log rows in order, reaching back at least a
    /// window before now.
    /// </summary>
    public static IReadOnlyList<Segment> Window(IReadOnlyList<AsRunProgramme> programmes, DateTimeOffset now, LiveTiming timing)
    {
        var ended = new List<Segment>();
        foreach (var programme in programmes)
        {
            var elapsed = 0L;
            var start = programme.StartsAt;
            for (var i = 0; i < programme.SegmentTicks.Count; i++)
            {
                elapsed += programme.SegmentTicks[i];
                var end = LiveTime.After(programme.StartsAt, elapsed);
                if (end > now) break;
                ended.Add(new Segment(programme, i, start, end, programme.FirstMediaSequence + i));
                start = end;
            }
        }
        var window = timing.Window.Ticks * LiveTime.Clock / TimeSpan.TicksPerSecond;
        var first = ended.Count;
        var total = 0L;
        while (first > 0 && total < window)
        {
            first--;
            total += ended[first].Programme.SegmentTicks[ended[first].Index];
        }
        return ended.Skip(first).ToList();
    }

    /// <summary>A rung's live media playlist at <paramref name="now"/>; null when nothing has played yet.</summary>
    /// <param name="mediaUrl">Turns a path relative to the media root into the absolute URL devices fetch.</param>
    public static string? Media(IReadOnlyList<AsRunProgramme> programmes, string rung, DateTimeOffset now, LiveTiming timing, Func<string, string> mediaUrl)
    {
        var segments = Window(programmes, now, timing);
        if (segments.Count == 0) return null;
        var text = new StringBuilder(64 * segments.Count + 256)
            .Append("#EXTM3U\n#EXT-X-VERSION:3\n")
            .Append(Inv, $"#EXT-X-TARGETDURATION:{timing.TargetDurationSeconds}\n")
            .Append(Inv, $"#EXT-X-MEDIA-SEQUENCE:{segments[0].MediaSequence}\n")
            .Append(Inv, $"#EXT-X-DISCONTINUITY-SEQUENCE:{segments[0].Programme.DiscontinuitySequence}\n")
            .Append(Inv, $"#EXT-X-START:TIME-OFFSET=-{StartOffsetSeconds}.000\n");
        for (var k = 0; k < segments.Count; k++)
        {
            var segment = segments[k];
            // The first listed segment's discontinuity is carried by the sequence number; every later programme start is tagged.
            if (k > 0 && segment.Index == 0) text.Append("#EXT-X-DISCONTINUITY\n");
            if (k == 0 || segment.Index == 0) text.Append("#EXT-X-PROGRAM-DATE-TIME:").Append(DateTime(segment.Start)).Append('\n');
            text.Append(Inv, $"#EXTINF:{LiveTime.Seconds(segment.Programme.SegmentTicks[segment.Index]):0.000000},\n")
                .Append(mediaUrl(segment.File(rung))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The live master playlist: the stories' ladder, each rung with the highest bandwidths its clips measured.</summary>
    public static string Master(IReadOnlyList<LiveRung> rungs, IReadOnlyDictionary<string, RungBandwidth> bandwidth, Func<string, string> mediaPlaylist)
    {
        var text = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var rung in rungs)
        {
            var b = bandwidth[rung.Name];
            text.Append(Inv, $"#EXT-X-STREAM-INF:BANDWIDTH={b.Peak},AVERAGE-BANDWIDTH={b.Average},RESOLUTION={rung.Width}x{rung.Height}")
                .Append(Inv, $",FRAME-RATE={rung.FrameRate:0.000},CODECS=\"{rung.Codecs}\"\n")
                .Append(mediaPlaylist(rung.Name)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>ISO 8601 with milliseconds, in UTC.</summary>
    public static string DateTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Inv);
}
