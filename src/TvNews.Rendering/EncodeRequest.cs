namespace TvNews.Rendering;

/// <summary>
/// Slides (PNG paths, in order) with their on-screen durations, the story's WebVTT captions, its language
/// (BCP 47, e.g. "en", "ar") and the folder the outputs go to (created if missing). <see cref="AudioPath"/> is the
/// narration (any audio ffmpeg reads; it is cut or padded to the video's length); null means a silent track.
/// </summary>
public sealed record EncodeRequest(
    IReadOnlyList<string> SlideImagePaths,
    IReadOnlyList<double> SlideDurations,
    string CaptionsWebVttPath,
    string Language,
    string OutputDirectory,
    string? AudioPath = null);
