namespace TvNews.Rendering;

/// <summary>The ffmpeg process seam: hosts and workers depend on this, not on the ffmpeg command line.</summary>
public interface IStoryVideoEncoder
{
    Task<EncodedStory> EncodeAsync(EncodeRequest request, CancellationToken ct);
}
