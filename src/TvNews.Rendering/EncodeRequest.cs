namespace TvNews.Rendering;

/// <summary>
/// A story to encode: its slides in order, the story's WebVTT captions, its language (BCP 47, e.g. "en", "ar") and the
/// folder the outputs go to (created if missing). <see cref="AudioPath"/> is the narration (any audio ffmpeg reads,
/// cut to the video's length); null means a silent track.
/// </summary>
public sealed record EncodeRequest(
    IReadOnlyList<VideoSlide> Slides,
    string CaptionsWebVttPath,
    string Language,
    string OutputDirectory,
    string? AudioPath = null)
{
    /// <summary>Told the fraction of the encode done (0-1): stills, then each Ken Burns frame, then the mux.</summary>
    public Action<double>? Progress { get; init; }

    /// <summary>
    /// The narration while it is still being mixed: awaited only when the sound is muxed, so the stills are encoded
    /// meanwhile. Wins over <see cref="AudioPath"/>; its result null means silence.
    /// </summary>
    public Task<string?>? PendingAudio { get; init; }
}

/// <summary>
/// One slide of the video. <see cref="CacheFolder"/> keeps the slide's encoded pictures between renders: the caller
/// names it after the slide's content, so an unchanged slide is never drawn or encoded again.
/// </summary>
public sealed record VideoSlide(double Seconds, string CacheFolder, ISlideSource Source);

/// <summary>Where the encoder gets a slide's pixels when its cache has no encode of them.</summary>
public interface ISlideSource
{
    /// <summary>True when the slide moves (Ken Burns); its frames then come from <see cref="CreateMotion"/>.</summary>
    bool HasMotion { get; }

    /// <summary>
    /// Writes the slide's still frame as a BMP at the output size to <paramref name="output"/> (the encoder's pipe).
    /// May wait until the slide has been drawn: the encoder starts before the slides are.
    /// </summary>
    Task WriteStillAsync(Stream output, CancellationToken ct);

    /// <summary>
    /// Writes the still drawn natively at a smaller size (sharper text than scaling, and no scaling cost) as a BMP,
    /// when the source has it; false leaves <paramref name="output"/> untouched and the encoder scales.
    /// </summary>
    Task<bool> WriteStillAsync(Stream output, int width, int height, CancellationToken ct) => Task.FromResult(false);

    /// <summary>The moving slide's layers; only called when <see cref="HasMotion"/>.</summary>
    KenBurns CreateMotion();
}

/// <summary>A still slide that is already a BMP file on disk.</summary>
public sealed class FileSlideSource(string bmp) : ISlideSource
{
    public bool HasMotion => false;

    public async Task WriteStillAsync(Stream output, CancellationToken ct)
    {
        await using var file = File.OpenRead(bmp);
        await file.CopyToAsync(output, ct);
    }

    public KenBurns CreateMotion() => throw new InvalidOperationException("A file slide has no motion.");
}
