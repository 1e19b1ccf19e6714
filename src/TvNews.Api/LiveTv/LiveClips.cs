using System.Collections.Concurrent;
using System.Globalization;
using TvNews.Core.Feeds;
using TvNews.Core.Live;
using TvNews.Rendering;
using TvNews.Rendering.Video;

namespace TvNews.Api.LiveTv;

/// <summary>
/// Which renders the live channel can play, read once per render folder from the files the render wrote: every rung of
/// the ladder has a media playlist, all cut into the same segments (each at most the target duration), every segment
/// file exists, and the master names each rung's bandwidth. A render folder is never rewritten, so what was read stays
/// true; a render that fails the check is never scheduled. Nothing is encoded or cut here.
/// </summary>
public sealed class LiveClips(AppPaths paths, ILogger<LiveClips> logger)
{
    /// <summary>The live ladder: the stories' own rungs (1080p, 720p and the ≈400 kbps 360p).</summary>
    public static readonly IReadOnlyList<LiveRung> Rungs = VideoRung.Ladder
        .Select(r => new LiveRung(r.Name, r.Width, r.Height, $"{r.Codec},mp4a.40.2", StoryVideoEncoder.FramesPerSecond)).ToList();

    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, Files?> _folders = new(StringComparer.Ordinal);

    /// <summary>A render's segments and measured bandwidths per rung.</summary>
    public sealed record Files(IReadOnlyList<long> SegmentTicks, IReadOnlyDictionary<string, RungBandwidth> Bandwidth);

    /// <summary>The clip of a story's render, or null when the render lacks something the live ladder needs.</summary>
    public LiveClip? Clip(Guid storyId, string title, string? lead, StoryMedia? media)
    {
        if (media is null) return null;
        var folder = HlsFolder(media);
        return Read(folder) is { } files
            ? new LiveClip(storyId, title, folder, files.SegmentTicks) { Description = RokuFeedBuilder.Truncate(lead ?? "", RokuFeedBuilder.MaxShortDescription, ellipsis: true) }
            : null;
    }

    public Files? Read(string folder)
    {
        if (_folders.TryGetValue(folder, out var known)) return known;
        if (_folders.Count > MaxCached) _folders.Clear();
        var files = Load(folder);
        // A folder whose render is on record is complete; only a folder that is not there yet is worth looking at again.
        if (files is not null || Directory.Exists(Path.Combine(paths.MediaOutput, folder))) _folders[folder] = files;
        return files;
    }

    public static string HlsFolder(StoryMedia media)
    {
        var cut = media.HlsMasterPath.LastIndexOf('/');
        return cut < 0 ? "" : media.HlsMasterPath[..cut];
    }

    private Files? Load(string folder)
    {
        var root = Path.Combine(paths.MediaOutput, folder);
        try
        {
            IReadOnlyList<long>? ticks = null;
            foreach (var rung in Rungs)
            {
                var playlist = Path.Combine(root, $"{rung.Name}.m3u8");
                if (!File.Exists(playlist)) return Missing(folder, $"no {rung.Name} rendition");
                var segments = ReadSegments(File.ReadAllLines(playlist), rung.Name);
                if (segments is null || segments.Count == 0) return Missing(folder, $"{rung.Name}.m3u8 does not list {rung.Name}_000.ts, {rung.Name}_001.ts, …");
                if (ticks is null) ticks = segments;
                else if (!ticks.SequenceEqual(segments)) return Missing(folder, $"{rung.Name} is not cut like {Rungs[0].Name}");
                for (var i = 0; i < segments.Count; i++)
                {
                    if (!File.Exists(Path.Combine(root, StoryMedia.HlsSegmentFile(rung.Name, i))))
                        return Missing(folder, $"segment {i} of {rung.Name} is missing");
                }
            }
            if (ticks!.Any(t => t > StoryVideoEncoder.SegmentSeconds * LiveTime.Clock)) return Missing(folder, "a segment is longer than the target duration");
            var bandwidth = ReadBandwidth(Path.Combine(root, "master.m3u8"));
            if (Rungs.Any(r => !bandwidth.ContainsKey(r.Name))) return Missing(folder, "the master playlist lacks a rung's bandwidth");
            return new Files(ticks!, bandwidth);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not read the render in {Folder} for the live channel", folder);
            return null;
        }
    }

    private Files? Missing(string folder, string why)
    {
        logger.LogInformation("The render in {Folder} is not on the live channel: {Reason}", folder, why);
        return null;
    }

    /// <summary>The segment durations of a VOD media playlist as HlsWriter writes it, or null when it names other files.</summary>
    private static List<long>? ReadSegments(string[] lines, string rung)
    {
        var ticks = new List<long>();
        double? pending = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                pending = double.Parse(line["#EXTINF:".Length..].Split(',')[0], CultureInfo.InvariantCulture);
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                if (pending is not { } seconds || line != StoryMedia.HlsSegmentFile(rung, ticks.Count)) return null;
                ticks.Add((long)Math.Round(seconds * LiveTime.Clock));
                pending = null;
            }
        }
        return ticks;
    }

    private static Dictionary<string, RungBandwidth> ReadBandwidth(string master)
    {
        var result = new Dictionary<string, RungBandwidth>(StringComparer.Ordinal);
        if (!File.Exists(master)) return result;
        string? attributes = null;
        foreach (var line in File.ReadAllLines(master))
        {
            if (line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal)) attributes = line["#EXT-X-STREAM-INF:".Length..];
            else if (attributes is not null && line.EndsWith(".m3u8", StringComparison.Ordinal) && !line.StartsWith('#'))
            {
                long Attribute(string name) => attributes.Split(',').Select(a => a.Split('=', 2)).Where(a => a.Length == 2 && a[0] == name)
                    .Select(a => long.Parse(a[1], CultureInfo.InvariantCulture)).FirstOrDefault();
                var peak = Attribute("BANDWIDTH");
                result[line[..^".m3u8".Length]] = new RungBandwidth(peak, Attribute("AVERAGE-BANDWIDTH") is > 0 and var average ? average : peak);
                attributes = null;
            }
        }
        return result;
    }
}
