using TvNews.Rendering;

namespace TvNews.Api.Rendering;

/// <summary>
/// The text a failed attempt leaves in the job's last_error, shown to producers in GET /api/jobs. It says why in the
/// tool's own words (for ffmpeg: the failing step and exit code, then the end of its stderr, where ffmpeg puts the
/// reason) and never carries a .NET stack trace. Bounded, so a chatty ffmpeg cannot bloat the row.
/// </summary>
internal static class RenderFailure
{
    public const int MaxLength = 4000;
    private const int MaxHeadline = 400;

    public static string Describe(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is FfmpegException ffmpeg) return Ffmpeg(ffmpeg);
        }
        return Cap(error.Message, MaxLength);
    }

    private static string Ffmpeg(FfmpegException e)
    {
        // The message is "ffmpeg <step> failed with exit code N (<arguments>)." followed by the stderr tail; the
        // arguments are long (absolute paths) and say less than the tail, so only the first line is kept, capped.
        var headline = Cap(e.Message.Split('\n', 2)[0].TrimEnd('\r'), MaxHeadline);
        var tail = e.StandardErrorTail.Trim();
        if (tail.Length == 0) return headline;
        var room = MaxLength - headline.Length - 1;
        // The reason is at the end of stderr: keep the end.
        if (tail.Length > room) tail = "…" + tail[^(room - 1)..];
        return headline + "\n" + tail;
    }

    private static string Cap(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
