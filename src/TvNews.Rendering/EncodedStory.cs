namespace TvNews.Rendering;

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
    int Height)
{
    /// <summary>Pictures x264 encoded: a still once per rung, a Ken Burns slide once per frame and rung.</summary>
    public int PicturesEncoded { get; init; }

    /// <summary>Pictures taken from the slides' caches instead of being encoded again.</summary>
    public int PicturesReused { get; init; }

    /// <summary>Wall seconds per encode step (stills, kenBurns, streams, audio, mux, playlists), for logs and benchmarks.</summary>
    public IReadOnlyDictionary<string, double> Timings { get; init; } = new Dictionary<string, double>();
}
