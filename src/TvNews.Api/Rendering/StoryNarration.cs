using System.ComponentModel.DataAnnotations;
using TvNews.Core.Captions;
using TvNews.Core.Channels;
using TvNews.Core.Narration;
using TvNews.Core.Slides;
using TvNews.Rendering.Narration;

namespace TvNews.Api.Rendering;

public sealed class NarrationOptions
{
    public const string SectionName = "Narration";

    /// <summary>Synthesised chunks, kept across renders (relative paths are taken from the repository root). Shared storage suits several workers.</summary>
    [Required]
    public string CacheFolder { get; set; } = ".data/narration-cache";
}

/// <summary>
/// What a render needs from narration: the plan with the slide durations the video uses, the caption cues, and the
/// loudness-normalised narration track (null: the encoder writes silence). The track is still being mixed when this
/// is returned: mixing and the AAC encode run on one core while the slides are drawn and encoded on the other, and
/// only the mux waits for it.
/// </summary>
public sealed record NarratedStory(SlidePlan Plan, IReadOnlyList<CaptionCue> Cues, Task<string?> Audio);

/// <summary>
/// Narration for one render (issue 5). A channel without narration gets the plan as it is and one caption per slide,
/// exactly as before. A narrating channel gets its story read by espeak-ng: each slide lasts as long as its speech
/// (unless a producer fixed it), the captions show the spoken chunks as they are spoken, and the track is normalised
/// to the channel's loudness target.
/// </summary>
public sealed class StoryNarration(EspeakNarrator narrator, ILogger<StoryNarration> logger)
{
    public const string AudioFile = "narration.m4a";

    public async Task<NarratedStory> PrepareAsync(SlidePlan plan, ChannelManifest channel, string folder, CancellationToken ct)
    {
        var settings = channel.Outputs.Narration;
        var script = NarrationScript.Build(plan);
        if (!settings.Enabled || !script.Chunks.Any()) return new NarratedStory(plan, CaptionWriter.SlideCues(plan), Task.FromResult<string?>(null));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var before = narrator.Syntheses;
        var voice = (settings.Voice ?? channel.Language).ToLowerInvariant();
        var clips = await narrator.SynthesizeAsync(script.Slides, voice, settings.WordsPerMinute, ct);
        var synthesised = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var timeline = NarrationTimeline.Build(plan, script, clips.Select(s => (IReadOnlyList<double>)s.Select(c => c.Seconds).ToList()).ToList(), channel.Pacing);
        var placements = timeline.Chunks
            .Select(c => new ClipPlacement(clips[c.Slide].First(clip => clip.Text == c.Text).WavPath, c.Start, c.HeardSeconds)).ToList();
        var audio = Path.Combine(folder, AudioFile);
        // The mixed track is cached too, by everything that goes into it: a re-render whose words and timing did not
        // change (a new picture, a new look) copies it instead of measuring, limiting and AAC-encoding again.
        var mixed = Path.Combine(narrator.CacheFolder, "mixes", MixKey(placements, timeline.Plan.TotalSeconds, settings.LoudnessLufs) + ".m4a");
        return new NarratedStory(timeline.Plan, timeline.Cues, Task.Run(() => MixAsync(), ct));

        async Task<string?> MixAsync()
        {
            if (File.Exists(mixed))
            {
                File.Copy(mixed, audio, overwrite: true);
                logger.LogInformation("Narrated {Chunks} chunks with voice {Voice}: the same speech as an earlier render, track reused ({Seconds:F1} s of story)",
                    script.Chunks.Count(), voice, timeline.Plan.TotalSeconds);
                return audio;
            }

            var mixStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            var loudness = await NarrationMixer.MixAsync(placements, timeline.Plan.TotalSeconds, settings.LoudnessLufs, audio, ct);
            Directory.CreateDirectory(Path.GetDirectoryName(mixed)!);
            var temporary = $"{mixed}.{Guid.NewGuid():N}.tmp";
            File.Copy(audio, temporary);
            File.Move(temporary, mixed, overwrite: true);
            logger.LogInformation(
                "Narrated {Chunks} chunks with voice {Voice}: {Synthesised} synthesised (the rest cached) in {SynthesisSeconds:F1} s, mixed and normalised in {MixSeconds:F1} s; " +
                "{Seconds:F1} s of story, {Input:F1} LUFS normalised to {Output:F1} LUFS ({Normalization})",
                script.Chunks.Count(), voice, narrator.Syntheses - before, synthesised, System.Diagnostics.Stopwatch.GetElapsedTime(mixStarted).TotalSeconds,
                timeline.Plan.TotalSeconds, loudness.InputLufs, loudness.OutputLufs, loudness.Normalization);
            return audio;
        }
    }

    private static string MixKey(IReadOnlyList<ClipPlacement> placements, double totalSeconds, double lufs)
    {
        var text = new System.Text.StringBuilder(FormattableString.Invariant($"mix-v1|{totalSeconds:R}|{lufs:R}"));
        foreach (var p in placements) text.Append(FormattableString.Invariant($"|{Path.GetFileName(p.WavPath)}@{p.Start:R}+{p.Seconds:R}"));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }
}
