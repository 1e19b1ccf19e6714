using TvNews.Api.Channels;
using TvNews.Core.Feeds;
using TvNews.Core.Slides;
using TvNews.Data.Rendering;
using TvNews.Data.Stories;
using TvNews.Rendering;

namespace TvNews.Api.Rendering;

/// <summary>
/// One render job: loads the story and its channel, and has <see cref="StoryMediaBuilder"/> write every output into a
/// fresh folder per job, so media already on air is never overwritten while devices may be playing it. The story's
/// slide cache (<c>stories/{id}/cache</c>) lives beside those folders and survives between jobs.
/// </summary>
public sealed partial class StoryRenderer(StoryStore stories, ChannelCatalog catalog, IStoryVideoEncoder encoder, AppPaths paths,
    StoryNarration narration, TvNews.Data.Live.LiveStore live, TimeProvider clock, ILogger<StoryRenderer> logger)
{
    // Render folders the live channel played from this recently stay: a player may still be fetching their segments.
    private static readonly TimeSpan LiveInUse = TimeSpan.FromMinutes(15);

    /// <param name="progress">Told each slide drawn ("slides", up to 0.5), the encode ("encoding") and the end ("done", 1).</param>
    public async Task<StoryMedia> RenderAsync(RenderJob job, IProgress<RenderStep>? progress, CancellationToken ct)
    {
        var story = await stories.GetAsync(job.StoryId, ct) ?? throw new InvalidOperationException($"Story {job.StoryId} no longer exists.");
        var channel = catalog.Find(story.ChannelId) ?? throw new InvalidOperationException($"Channel {story.ChannelId} is not loaded.");
        var storyFolder = $"stories/{story.Id:N}";
        // One folder per attempt: a worker whose lease was taken over may still be writing its own for a moment.
        var attemptFolder = $"r{job.Id}a{job.Attempts}-{job.PlanHash[..8]}";
        var relative = $"{storyFolder}/{attemptFolder}";
        var folder = Path.Combine(paths.MediaOutput, relative);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);

        // Narration (issue 5) before anything is drawn: a narrated slide lasts as long as its speech, so the durations
        // every output uses (video, trick play, captions) come from here. Off: the stored plan, slide captions, silence.
        var narrated = await narration.PrepareAsync(story.Plan, channel.Manifest, folder, ct);
        var plan = new SlidePlan(narrated.Plan.Slides.Select(paths.WithPictureFile).ToList());
        var input = new StoryRenderInput(plan, channel.Manifest, story.Article.Language, paths.MediaRoot, folder,
            Path.Combine(paths.MediaOutput, storyFolder, "cache")) { Cues = narrated.Cues, PendingAudio = narrated.Audio };
        StoryRenderOutput built;
        try
        {
            built = await new StoryMediaBuilder(encoder).BuildAsync(input, (stage, fraction) => progress?.Report(new RenderStep(stage, fraction)), ct);
        }
        catch
        {
            // Let a mix still running finish (or fail) before the attempt ends, so nothing writes into its folder later.
            await Task.WhenAny(narrated.Audio);
            throw;
        }

        // What is no longer served goes: earlier attempts of this job (crashed or taken over), failed jobs, and renders
        // older than the one on air now. That one stays, since devices may be in the middle of playing it; the next
        // render of the story removes it. So do renders the live channel played from in the last minutes (issue 8). Newer jobs' folders are never touched: they may be rendering right now.
        var fresh = await stories.GetAsync(job.StoryId, ct);
        var onAir = fresh?.Media is { } current ? current.Mp4Path.Split('/')[^2] : null;
        var onLive = await live.RenderFoldersInUseAsync(job.StoryId, clock.GetUtcNow() - LiveInUse, ct);
        foreach (var stale in Directory.EnumerateDirectories(Path.Combine(paths.MediaOutput, storyFolder), "r*"))
        {
            var name = Path.GetFileName(stale);
            var match = RenderFolder().Match(name);
            if (!match.Success || name == attemptFolder || name == onAir || onLive.Contains(name)) continue;
            if (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > job.Id) continue;
            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not remove the old render folder {Folder}", stale);
            }
        }

        var video = built.Video;
        logger.LogInformation(
            "Rendered story {StoryId}: {Slides} slides ({Drawn} drawn, the rest from cache), {Duration:F1} s of video in {Elapsed:F2} s; {Encoded} pictures encoded, {Reused} reused",
            story.Id, plan.Slides.Count, built.SlidesDrawn, video.DurationSeconds, built.Elapsed.TotalSeconds, video.PicturesEncoded, video.PicturesReused);

        string Rel(string p) => $"{relative}/{p}";
        return new StoryMedia(Rel(video.VideoPath), Rel(video.MasterPlaylistPath), Rel(built.Thumbnail), Rel(built.CaptionsSrt),
            Rel(built.CaptionsVtt), video.BitrateKbps, video.Height, built.Slides.Select(Rel).ToList())
        {
            Slide720Paths = built.Slides720.Select(Rel).ToList(),
            VerticalSlidePaths = built.VerticalSlides.Select(Rel).ToList(),
            VerticalVideoPath = built.VerticalVideo is { } v ? Rel(v) : null,
            CaptionsTtmlPath = Rel(built.CaptionsTtml),
            TrickPlayHdPath = Rel(built.TrickPlayHd),
            SlideSeconds = plan.Slides.Select(s => s.DurationSeconds).ToList(),
        };
    }

    /// <summary>r{job}a{attempt}-{plan}, and r{job}-{plan} from before attempts had their own folders.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^r(\d+)(?:a\d+)?-[0-9a-f]{8}$")]
    private static partial System.Text.RegularExpressions.Regex RenderFolder();
}
