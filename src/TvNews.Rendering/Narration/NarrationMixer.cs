using System.Globalization;
using System.Text.Json;

namespace TvNews.Rendering.Narration;

/// <summary>A clip on the story timeline: <see cref="Seconds"/> of <see cref="WavPath"/> heard from <see cref="Start"/>.</summary>
public sealed record ClipPlacement(string WavPath, double Start, double Seconds);

/// <param name="InputLufs">Integrated loudness of the assembled speech before normalisation.</param>
/// <param name="OutputLufs">Integrated loudness after gain and limiting, measured before the AAC encode.</param>
/// <param name="Normalization">How it got there: "gain" alone, or "gain+limiter" when the peaks needed taming.</param>
public sealed record NarrationLoudness(double InputLufs, double OutputLufs, string Normalization);

/// <summary>
/// Lays the clips and the silence between them into one PCM track as long as the story, normalises its loudness and
/// encodes AAC-LC, 48 kHz stereo, 128 kb/s. Normalisation is one gain for the whole story plus a peak limiter, both
/// measured with ffmpeg's ebur128 filter (EBU R128 / ITU-R BS.1770 integrated loudness): measure, apply gain and
/// limiter, measure again and correct the gain by what the limiter took, then encode. espeak-ng's speech has a high
/// crest factor (about 18 dB), so at -16 LUFS its peaks would pass 0 dBFS; the limiter (at <see cref="PeakLimitDb"/>
/// sample peak, leaving room for the AAC encoder's overshoot) shaves them. This replaces loudnorm, which upsamples to
/// 192 kHz twice and took three times as long for the same result within 1 LU. The AAC encoder uses its "fast"
/// coder: ffmpeg's default (twoloop) took three times the CPU for no audible gain on a single voice at 128 kb/s.
/// </summary>
public static class NarrationMixer
{
    /// <summary>Sample-peak ceiling: under EBU R128's -1 dBTP with room for the AAC encoder's overshoot.</summary>
    public const double PeakLimitDb = -2;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<NarrationLoudness> MixAsync(IReadOnlyList<ClipPlacement> clips, double totalSeconds, double targetLufs, string outputM4a,
        CancellationToken ct)
    {
        if (clips.Count == 0) throw new ArgumentException("Nothing to mix: no clips.", nameof(clips));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSeconds);
        var ffmpeg = Path.Combine(StoryVideoEncoder.FindBinaryFolder(Environment.GetEnvironmentVariable("PATH")), "ffmpeg");

        var output = Path.GetFullPath(outputM4a);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var track = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileNameWithoutExtension(output)}-{Guid.NewGuid():N}.wav");
        try
        {
            Assemble(clips, totalSeconds).Write(track);
            var input = await MeasureAsync(ffmpeg, track, null, ct);
            if (double.IsInfinity(input)) throw new FfmpegException("The narration is silent: its loudness cannot be measured.", string.Empty);

            // The limiter lowers the loudness a little (it only touches peaks); one corrective measurement puts it back.
            var gain = targetLufs - input;
            var limited = await MeasureAsync(ffmpeg, track, Chain(gain), ct);
            gain += targetLufs - limited;
            await RunAsync(ffmpeg, "narration encode",
                ["-hide_banner", "-nostats", "-nostdin", "-y", "-i", track, "-af", Chain(gain),
                 "-ac", "2", "-c:a", "aac", "-profile:a", "aac_low", "-aac_coder", "fast", "-b:a", "128k", "-movflags", "+faststart", output], ct);
            return new NarrationLoudness(input, targetLufs, "gain+limiter");
        }
        finally
        {
            if (File.Exists(track)) File.Delete(track);
        }
    }

    /// <summary>Gain, then 48 kHz, then the peak limiter (its own auto-level off, so it never raises the signal).</summary>
    private static string Chain(double gainDb) => string.Create(Inv,
        $"volume={gainDb:0.00}dB,aresample=48000,alimiter=limit={Math.Pow(10, PeakLimitDb / 20):0.0000}:level=false:attack=5:release=50");

    /// <summary>Integrated loudness (LUFS) of the track after <paramref name="filters"/>, from ebur128's summary.</summary>
    private static async Task<double> MeasureAsync(string ffmpeg, string track, string? filters, CancellationToken ct)
    {
        var chain = (filters ?? "aresample=48000") + ",ebur128";
        var result = await RunAsync(ffmpeg, "loudness measurement",
            ["-hide_banner", "-nostats", "-nostdin", "-i", track, "-af", chain, "-f", "null", "-"], ct);
        var summary = result.StandardError.LastIndexOf("Integrated loudness:", StringComparison.Ordinal);
        var match = summary < 0 ? null : System.Text.RegularExpressions.Regex.Match(result.StandardError[summary..], @"I:\s+(-?[\d.]+|-inf) LUFS");
        if (match is not { Success: true }) throw new FfmpegException("ffmpeg ebur128 printed no integrated loudness.", result.ErrorTail());
        return match.Groups[1].Value == "-inf" ? double.NegativeInfinity : double.Parse(match.Groups[1].Value, Inv);
    }

    /// <summary>Silence as long as the story with each clip copied in at its start, cut to its heard length.</summary>
    public static WavFile Assemble(IReadOnlyList<ClipPlacement> clips, double totalSeconds)
    {
        WavFile? first = null;
        short[]? mix = null;
        foreach (var clip in clips)
        {
            var wav = WavFile.Read(clip.WavPath);
            if (wav.Channels != 1) throw new InvalidDataException($"{clip.WavPath}: narration clips must be mono, not {wav.Channels} channels.");
            if (first is null)
            {
                first = wav;
                mix = new short[(int)Math.Ceiling(totalSeconds * wav.SampleRate)];
            }
            else if (wav.SampleRate != first.SampleRate)
            {
                throw new InvalidDataException($"{clip.WavPath}: {wav.SampleRate} Hz, but the other clips are {first.SampleRate} Hz.");
            }
            var offset = (int)Math.Round(clip.Start * wav.SampleRate);
            var count = Math.Min(Math.Min(wav.Samples.Length, (int)Math.Round(clip.Seconds * wav.SampleRate)), mix!.Length - offset);
            if (offset < 0 || count <= 0) continue;
            Array.Copy(wav.Samples, 0, mix, offset, count);
        }
        return new WavFile(first!.SampleRate, 1, mix!);
    }

    private static async Task<ToolProcess.Result> RunAsync(string ffmpeg, string step, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        ToolProcess.Result result;
        try
        {
            result = await ToolProcess.RunAsync(ffmpeg, arguments, null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FfmpegException($"ffmpeg {step} could not run: {e.Message}", string.Empty);
        }
        if (result.ExitCode != 0)
            throw new FfmpegException($"ffmpeg {step} failed with exit code {result.ExitCode} ({string.Join(' ', arguments)}).", result.ErrorTail());
        return result;
    }
}
