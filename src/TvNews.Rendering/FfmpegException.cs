namespace TvNews.Rendering;

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
