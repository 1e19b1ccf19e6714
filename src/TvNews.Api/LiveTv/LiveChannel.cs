using Microsoft.Extensions.Options;
using TvNews.Api.Channels;
using TvNews.Api.Rendering;
using TvNews.Core.Articles;
using TvNews.Core.Live;
using TvNews.Core.Slides;
using TvNews.Data.Live;

namespace TvNews.Api.LiveTv;

public sealed class LiveTvOptions
{
    public const string SectionName = "LiveTv";

    /// <summary>Run the worker that keeps every live channel's as-run log current (and its ident rendered) in this process.</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often the worker looks at every channel: breaking news takes over within this of its start (at the next segment boundary after it).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Seconds of segments every media playlist lists (at least 60).</summary>
    public int WindowSeconds { get; set; } = 90;

    /// <summary>A channel whose log ended longer ago than this (nothing ran it) starts afresh rather than filling the gap.</summary>
    public TimeSpan MaxGap { get; set; } = TimeSpan.FromMinutes(10);

    public LiveTiming Timing => new(TimeSpan.FromSeconds(WindowSeconds), TvNews.Rendering.StoryVideoEncoder.SegmentSeconds, MaxGap);
}

/// <summary>
/// A channel as a 24/7 live TV channel. The lineup (what may play) comes from the rundown, the breaking news and the
/// ident, each as a render the live ladder can use; <see cref="LiveSchedule"/> decides what plays when; the as-run log
/// records it; the playlists and the guide are built from the log and the time. Nothing is encoded here.
/// </summary>
public sealed class LiveChannel(LiveStore store, LiveClips clips, RenderSignal render, IOptions<LiveTvOptions> options, TimeProvider clock,
    ILogger<LiveChannel> logger)
{
    /// <summary>How far ahead the guide goes.</summary>
    public static readonly TimeSpan GuideHorizon = TimeSpan.FromHours(24);

    // Breaking news known to have aired (it may have left the log's tail since): not asked about again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> _aired = new();

    public LiveTiming Timing => options.Value.Timing;

    /// <summary>What the channel may play now, and the log as it stands.</summary>
    public async Task<LiveLineup> LineupAsync(Channel channel, IReadOnlyList<AsRunProgramme> tail, CancellationToken ct)
    {
        var id = channel.Manifest.Id;
        var sources = await store.SourcesAsync(id, ct);
        if (sources.Ident is null)
        {
            // The first look at a channel (a worker may not run in this process): have its ident made.
            await EnsureIdentAsync(channel, ct);
        }
        var ident = sources.Ident is { } i ? clips.Clip(i.Id, channel.Manifest.Name, channel.Manifest.Description, i.Media) : null;

        var loop = new List<LiveClip>();
        LiveBreaking? breaking = null;
        Guid? onTop = null;
        if (sources.Breaking is { } active)
        {
            var story = active.Story;
            var clip = story is { State: "published" } ? clips.Clip(story.Id, story.Headline, story.Lead, story.Media) : null;
            breaking = new LiveBreaking(active.Id, active.Headline, clip);
            // While it lasts, the breaking story heads the loop, as it heads the rundown.
            if (clip is not null)
            {
                loop.Add(clip);
                onTop = clip.StoryId;
            }
        }
        foreach (var story in sources.Rundown)
        {
            if (story.State != "published" || story.Id == onTop) continue;
            if (clips.Clip(story.Id, story.Headline, story.Lead, story.Media) is { } clip) loop.Add(clip);
        }

        // A story that left the air while it plays is cut; the states of stories the lineup did not read are asked for.
        var withdrawn = new HashSet<Guid>();
        if (tail.Count > 0)
        {
            var playing = tail[^1].StoryId;
            var known = sources.Rundown.Concat(sources.Breaking?.Story is { } b ? [b] : []).Concat(sources.Ident is { } s ? [s] : [])
                .FirstOrDefault(x => x.Id == playing);
            var state = known?.State ?? (await store.StatesAsync([playing], ct)).GetValueOrDefault(playing);
            if (state is "retracted" or "expired") withdrawn.Add(playing);
        }
        return new LiveLineup(loop, ident, breaking) { Withdrawn = withdrawn };
    }

    /// <summary>
    /// Brings the as-run log up to now: nothing is written when it already covers now (the usual case, one read);
    /// otherwise the schedule runs again under the channel's lock and what it adds is committed.
    /// </summary>
    public async Task<LiveLineup> AdvanceAsync(Channel channel, DateTimeOffset now, CancellationToken ct)
    {
        var id = channel.Manifest.Id;
        var tail = await store.TailAsync(id, ct);
        var lineup = await LineupAsync(channel, tail, ct);
        var timing = Timing;
        var guess = LiveSchedule.Advance(tail, Unaired(lineup, tail), now, timing);
        if (guess.IsEmpty) return lineup;
        var written = await store.AdvanceAsync(id, lineup.Breaking?.Id, (locked, aired) =>
        {
            if (aired) _aired[lineup.Breaking!.Id] = true;
            return LiveSchedule.Advance(locked, aired ? lineup with { Breaking = null } : lineup, now, timing);
        }, now, ct);
        foreach (var p in written.Added.Where(p => p.BreakingId is not null)) _aired[p.BreakingId!.Value] = true;
        if (written.Cut is { } cut)
            logger.LogInformation("Live channel {ChannelId}: programme {Sequence} cut at {CutAt} ({Reason})", id, cut.Sequence, cut.CutAt, cut.CutReason);
        foreach (var p in written.Added)
            logger.LogInformation("Live channel {ChannelId}: programme {Sequence} ({Kind}) {Title} at {StartsAt}", id, p.Sequence, p.Kind, p.Title, p.StartsAt);
        return lineup;
    }

    private bool Aired(LiveLineup lineup, IReadOnlyList<AsRunProgramme> tail) =>
        lineup.Breaking is { } b && (_aired.ContainsKey(b.Id) || tail.Any(p => p.BreakingId == b.Id));

    /// <summary>The lineup as the schedule should see it: breaking news that already aired is history, not news waiting to take over.</summary>
    private LiveLineup Unaired(LiveLineup lineup, IReadOnlyList<AsRunProgramme> tail) => Aired(lineup, tail) ? lineup with { Breaking = null } : lineup;

    /// <summary>A rung's media playlist now; null when nothing has played yet.</summary>
    public async Task<string?> MediaPlaylistAsync(Channel channel, string rung, Func<string, string> mediaUrl, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await AdvanceAsync(channel, now, ct);
        var timing = Timing;
        // Programmes reaching back a window and one segment more than it, so the window is always full.
        var programmes = await store.ReadAsync(channel.Manifest.Id, now - timing.Lead - TimeSpan.FromSeconds(timing.TargetDurationSeconds), now, ct);
        return LivePlaylists.Media(programmes, rung, now, timing, mediaUrl);
    }

    /// <summary>The master playlist; null when the channel has nothing it could play.</summary>
    public async Task<string?> MasterPlaylistAsync(Channel channel, CancellationToken ct)
    {
        var tail = await store.TailAsync(channel.Manifest.Id, ct);
        var lineup = await LineupAsync(channel, tail, ct);
        var folders = lineup.All.Select(c => c.HlsFolder).Concat(tail.Select(p => p.HlsFolder)).Distinct(StringComparer.Ordinal)
            .Select(clips.Read).OfType<LiveClips.Files>().ToList();
        if (folders.Count == 0) return null;
        var bandwidth = LiveClips.Rungs.ToDictionary(r => r.Name, r => new RungBandwidth(
            folders.Max(f => f.Bandwidth[r.Name].Peak), folders.Max(f => f.Bandwidth[r.Name].Average)));
        return LivePlaylists.Master(LiveClips.Rungs, bandwidth, rung => $"{rung}.m3u8");
    }

    /// <summary>The programme guide from now for <see cref="GuideHorizon"/>: what the stream will play if nothing changes.</summary>
    public async Task<byte[]> GuideAsync(Channel channel, string streamUrl, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lineup = await AdvanceAsync(channel, now, ct);
        var tail = await store.TailAsync(channel.Manifest.Id, ct);
        var projected = LiveSchedule.Project(tail, Unaired(lineup, tail), now, now + GuideHorizon, Timing);
        return XmltvBuilder.Build(channel.Manifest, XmltvBuilder.Programmes(channel.Manifest, projected, now, now + GuideHorizon), streamUrl);
    }

    /// <summary>The ident's thumbnail (a path under the media root), once it is rendered.</summary>
    public async Task<string?> PosterAsync(Channel channel, CancellationToken ct)
    {
        var sources = await store.SourcesAsync(channel.Manifest.Id, ct);
        if (sources.Ident is null) await EnsureIdentAsync(channel, ct);
        return sources.Ident?.Media?.ThumbnailPath;
    }

    /// <summary>Has the ident (the channel's outro card: its name and tagline) rendered with the stories' ladder, ahead of play.</summary>
    public async Task EnsureIdentAsync(Channel channel, CancellationToken ct)
    {
        var manifest = channel.Manifest;
        var (article, plan, hash) = Ident(manifest);
        if (await store.EnsureIdentAsync(manifest.Id, article, plan, hash, clock.GetUtcNow(), ct))
        {
            logger.LogInformation("Live channel {ChannelId}: ident queued for rendering", manifest.Id);
            render.Wake();
        }
    }

    public static (Article Article, SlidePlan Plan, string PlanHash) Ident(Core.Channels.ChannelManifest manifest)
    {
        var slide = new Slide(SlideKind.Outro, manifest.Name, manifest.Branding.Tagline, null, manifest.Live.IdentSeconds) { DurationFixed = true };
        var plan = new SlidePlan([slide]);
        var article = new Article { Headline = manifest.Name, Category = "ident", Language = manifest.Language, Paragraphs = [], Quotes = [] };
        return (article, plan, Articles.ArticleIngest.PlanHash(plan, manifest));
    }
}
