using TvNews.Api.Channels;
using TvNews.Core.Captions;
using TvNews.Core.Feeds;
using TvNews.Data.Rendering;
using TvNews.Data.Stories;
using TvNews.Rendering;

namespace TvNews.Api.Rendering;

/// <summary>
/// One render: slides drawn with Skia, captions written, video and HLS encoded by ffmpeg, into a fresh folder per
/// job so media already on air is never overwritten while devices may be playing it.
/// </summary>
public sealed class StoryRenderer(StoryStore stories, ChannelCatalog catalog, IStoryVideoEncoder encoder, AppPaths paths,
    StoryNarration narration, ILogger<StoryRenderer> logger)
{
    public const int ThumbnailWidth = 1280;
    public const int ThumbnailHeight = 720;

    /// <param name="progress">Told each slide drawn ("slides", up to 0.5), the encode ("encoding") and the end ("done", 1).</param>
    public async Task<StoryMedia> RenderAsync(RenderJob job, IProgress<RenderStep>? progress, CancellationToken ct)
    {
        var story = await stories.GetAsync(job.StoryId, ct) ?? throw new InvalidOperationException($"Story {job.StoryId} no longer exists.");
        var channel = catalog.Find(story.ChannelId) ?? throw new InvalidOperationException($"Channel {story.ChannelId} is not loaded.");
        var relative = $"stories/{story.Id:N}/r{job.Id}-{job.PlanHash[..8]}";
        var folder = Path.Combine(paths.MediaOutput, relative);
        // A retried job starts clean: a crash may have left half-written files.
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(Path.Combine(folder, "slides"));

        // Narration (issue 5) before anything is drawn: a narrated slide lasts as long as its speech, so the durations
        // every output below uses (video, trick play, captions) come from here. Off: the stored plan, silence.
        var narrated = await narration.PrepareAsync(story.Plan, channel.Manifest, folder, ct);
        var plan = narrated.Plan;
        var vertical = channel.Manifest.Outputs.Vertical;
        // Encoder input: raw frames (BMP), written next to the outputs and removed once encoded.
        var frames = Path.Combine(folder, "frames");
        Directory.CreateDirectory(Path.Combine(folder, "slides", "720"));
        Directory.CreateDirectory(frames);
        if (vertical) Directory.CreateDirectory(Path.Combine(folder, "vertical"));
        var slidePaths = new List<string>();
        var hdPaths = new List<string>();
        var verticalPaths = new List<string>();
        var landscapeFrames = new List<string>();
        var verticalFrames = new List<string>();
        var trickPlayFrames = new List<byte[]>();
        using (var theme = SlideTheme.Load(channel.Manifest.Branding, paths.MediaRoot, channel.Manifest.Name))
        {
            var renderer = new SlideRenderer(theme);
            var count = plan.Slides.Count;
            for (var i = 0; i < count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var planned = paths.WithPictureFile(plan.Slides[i]);
                using (var picture = renderer.RenderPicture(planned, i, count))
                {
                    landscapeFrames.Add(WriteFrame(picture, $"{i + 1:00}.bmp"));
                    await WriteAsync($"slides/{i + 1:00}.jpg", picture.EncodeJpeg(92), slidePaths);
                }
                // Drawn natively at 720p (crisp text) rather than scaled down, for HD devices and feeds.
                await WriteAsync($"slides/720/{i + 1:00}.jpg", renderer.RenderJpeg(planned, i, count, SlideFrame.Hd720, 90), hdPaths);
                if (vertical)
                {
                    using var picture = renderer.RenderPicture(planned, i, count, SlideFrame.Vertical);
                    verticalFrames.Add(WriteFrame(picture, $"v{i + 1:00}.bmp"));
                    await WriteAsync($"vertical/{i + 1:00}.jpg", picture.EncodeJpeg(92), verticalPaths);
                }
                trickPlayFrames.Add(renderer.RenderJpeg(planned, i, count, TrickPlay.HdWidth, TrickPlay.HdHeight, 80));
                progress?.Report(new RenderStep(RenderStep.Slides, 0.5 * (i + 1) / count));
            }
            await File.WriteAllBytesAsync(Path.Combine(folder, "thumbnail.jpg"),
                renderer.RenderJpeg(paths.WithPictureFile(plan.Slides[0]), 0, plan.Slides.Count, ThumbnailWidth, ThumbnailHeight, 88), ct);
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "captions.vtt"), CaptionWriter.WebVtt(narrated.Cues), ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "captions.srt"), CaptionWriter.Srt(narrated.Cues), ct);
        await File.WriteAllTextAsync(Path.Combine(folder, "captions.ttml"), CaptionWriter.Ttml(narrated.Cues, story.Article.Language), ct);
        await File.WriteAllBytesAsync(Path.Combine(folder, "trickplay-hd.bif"), TrickPlay.Bif(plan, trickPlayFrames), ct);

        progress?.Report(new RenderStep(RenderStep.Encoding, 0.5));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var durations = plan.Slides.Select(s => s.DurationSeconds).ToList();
        var encoded = await encoder.EncodeAsync(new EncodeRequest(
            landscapeFrames,
            durations,
            Path.Combine(folder, "captions.vtt"),
            story.Article.Language,
            folder,
            narrated.AudioPath), ct);
        if (vertical)
        {
            progress?.Report(new RenderStep(RenderStep.Encoding, 0.85));
            await encoder.EncodeVerticalAsync(verticalFrames, durations, Path.Combine(folder, "vertical.mp4"), ct);
        }
        Directory.Delete(frames, recursive: true);
        progress?.Report(new RenderStep(RenderStep.Done, 1));
        logger.LogInformation("Rendered story {StoryId}: {Slides} slides, {Duration:F1} s of video in {Elapsed:F1} s",
            story.Id, plan.Slides.Count, encoded.DurationSeconds, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);

        string Rel(string p) => $"{relative}/{p}";
        return new StoryMedia(Rel(encoded.VideoPath), Rel(encoded.MasterPlaylistPath), Rel("thumbnail.jpg"), Rel("captions.srt"),
            Rel("captions.vtt"), encoded.BitrateKbps, encoded.Height, slidePaths.Select(Rel).ToList())
        {
            Slide720Paths = hdPaths.Select(Rel).ToList(),
            VerticalSlidePaths = verticalPaths.Select(Rel).ToList(),
            VerticalVideoPath = vertical ? Rel("vertical.mp4") : null,
            CaptionsTtmlPath = Rel("captions.ttml"),
            TrickPlayHdPath = Rel("trickplay-hd.bif"),
            SlideSeconds = durations,
        };

        // A plain synchronous write: 8 MB into the page cache takes a few milliseconds.
        string WriteFrame(SlidePicture picture, string name)
        {
            var path = Path.Combine(frames, name);
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            picture.WriteBmp(stream);
            return path;
        }

        async Task WriteAsync(string file, byte[] bytes, List<string> list)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, file), bytes, ct);
            list.Add(file);
        }
    }
}
