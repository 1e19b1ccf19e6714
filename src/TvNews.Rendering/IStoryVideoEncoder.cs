namespace TvNews.Rendering;

/// <summary>The ffmpeg process seam: hosts and workers depend on this, not on the ffmpeg command line.</summary>
public interface IStoryVideoEncoder
{
    Task<EncodedStory> EncodeAsync(EncodeRequest request, CancellationToken ct);

    /// <summary>A plain MP4 of portrait slides, for channels that turn the vertical deck on.</summary>
    Task EncodeVerticalAsync(IReadOnlyList<VideoSlide> slides, string? audioPath, string outputFile, CancellationToken ct);
}
