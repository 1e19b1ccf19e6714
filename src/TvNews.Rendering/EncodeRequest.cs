namespace TvNews.Rendering;

/// <summary>
/// Slides (PNG paths, in order) with their on-screen durations, the story's WebVTT captions, its language
/// (BCP 47, e.g. "en", "ar") and the folder the outputs go to (created if missing).
/// </summary>
public sealed record EncodeRequest(
    IReadOnlyList<string> SlideImagePaths,
    IReadOnlyList<double> SlideDurations,
    string CaptionsWebVttPath,
    string Language,
    string OutputDirectory);

/// <summary>
/// What the encoder produced. Paths are relative to <see cref="EncodeRequest.OutputDirectory"/>, with '/' separators.
/// <see cref="BitrateKbps"/> is the MP4's video + audio bitrate, as the Roku feed's <c>bitrate</c> wants it.
/// </summary>
public sealed record EncodedStory(
    string VideoPath,
    string MasterPlaylistPath,
    double DurationSeconds,
    int BitrateKbps,
    int Width,
    int Height);

/// <summary>ffmpeg or ffprobe failed; <see cref="StandardErrorTail"/> holds the last lines it printed.</summary>
public sealed class FfmpegException : Exception
{
    public FfmpegException(string message, string standardErrorTail)
        : base(string.IsNullOrWhiteSpace(standardErrorTail) ? message : $"{message}{Environment.NewLine}{standardErrorTail}")
    {
        StandardErrorTail = standardErrorTail;
    }

    public string StandardErrorTail { get; }
}

/// <summary>The ffmpeg process seam: hosts and workers depend on this, not on the ffmpeg command line.</summary>
public interface IStoryVideoEncoder
{
    Task<EncodedStory> EncodeAsync(EncodeRequest request, CancellationToken ct);
}
