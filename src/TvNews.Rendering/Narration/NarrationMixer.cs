using System.Globalization;
using System.Text.Json;

namespace TvNews.Rendering.Narration;

/// <summary>A clip on the story timeline: <see cref="Seconds"/> of <see cref="WavPath"/> heard from <see cref="Start"/>.</summary>
public sealed record ClipPlacement(string WavPath, double Start, double Seconds);

/// <param name="InputLufs">Integrated loudness of the assembled speech before normalisation (loudnorm's first pass).</param>
/// <param name="OutputLufs">loudnorm's own estimate of the result.</param>
/// <param name="Normalization">
/// "linear" (one gain for the whole story) or "dynamic": loudnorm falls back to its dynamic mode when a linear gain
/// would push the true peak over the ceiling. espeak-ng's speech has a high crest factor (about 18 dB), so a -16 LUFS
/// target is normally dynamic and -23 is normally linear; both land within 1 LU (measured with ebur128 in the tests).
/// </param>
public sealed record NarrationLoudness(double InputLufs, double OutputLufs, string Normalization);

/// <summary>
/// Lays the clips and the silence between them into one PCM track as long as the story, then normalises its loudness
/// with ffmpeg's loudnorm in two passes (measure, then apply with the measured values) and encodes AAC-LC, 48 kHz
/// stereo, 128 kb/s, in the second pass. The AAC encoder's "fast" coder: ffmpeg's default (twoloop) took three times
/// the CPU (6.6 s against 2.2 s for 99 s of speech on the development VM) for no audible gain on a single voice at 128 kb/s.
/// </summary>
public static class NarrationMixer
{
    /// <summary>True-peak ceiling: EBU R128 s1 and the streaming platforms' -1 dBTP, with room for the AAC encoder.</summary>
    public const double TruePeakDb = -1.5;

    /// <summary>Loudness range loudnorm aims at; narration alone is well inside it.</summary>
    public const double LoudnessRange = 11;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<NarrationLoudness> MixAsync(IReadOnlyList<ClipPlacement> clips, double totalSeconds, double targetLufs, string outputM4a,
        CancellationToken ct)
    {
        if (clips.Count == 0) throw new ArgumentException("Nothing to mix: no clips.", nameof(clips));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSeconds);
        var ffmpeg = ToolProcess.FindOnPath("ffmpeg")
            ?? throw new FileNotFoundException("ffmpeg not found on PATH; run ./tvnews run or apt-get install ffmpeg", "ffmpeg");

        var output = Path.GetFullPath(outputM4a);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var track = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileNameWithoutExtension(output)}-{Guid.NewGuid():N}.wav");
        try
        {
            Assemble(clips, totalSeconds).Write(track);

            var target = $"I={targetLufs.ToString("0.0#", Inv)}:TP={TruePeakDb.ToString("0.0#", Inv)}:LRA={LoudnessRange.ToString("0.#", Inv)}";
            var measure = await RunAsync(ffmpeg, "loudness measurement",
                ["-hide_banner", "-nostats", "-nostdin", "-i", track, "-af", $"loudnorm={target}:print_format=json", "-f", "null", "-"], ct);
            var measured = LoudnormJson(measure);
            var input = measured.GetProperty("input_i").GetString()!;

            var apply = $"loudnorm={target}:measured_I={input}:measured_TP={measured.GetProperty("input_tp").GetString()}" +
                        $":measured_LRA={measured.GetProperty("input_lra").GetString()}:measured_thresh={measured.GetProperty("input_thresh").GetString()}" +
                        $":offset={measured.GetProperty("target_offset").GetString()}:linear=true:print_format=json";
            var encode = await RunAsync(ffmpeg, "narration encode",
                ["-hide_banner", "-nostats", "-nostdin", "-y", "-i", track, "-af", apply,
                 "-ar", "48000", "-ac", "2", "-c:a", "aac", "-profile:a", "aac_low", "-aac_coder", "fast", "-b:a", "128k", "-movflags", "+faststart", output], ct);
            var result = LoudnormJson(encode);
            return new NarrationLoudness(Number(input), Number(result.GetProperty("output_i").GetString()!),
                result.GetProperty("normalization_type").GetString() ?? "unknown");
        }
        finally
        {
            if (File.Exists(track)) File.Delete(track);
        }
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

    /// <summary>loudnorm prints its JSON block last on standard error.</summary>
    private static JsonElement LoudnormJson(ToolProcess.Result result)
    {
        var text = result.StandardError;
        var start = text.LastIndexOf("\n{", StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end < start) throw new FfmpegException("ffmpeg loudnorm printed no JSON summary.", result.ErrorTail());
        using var document = JsonDocument.Parse(text[(start + 1)..(end + 1)]);
        return document.RootElement.Clone();
    }

    private static double Number(string value) =>
        double.TryParse(value, NumberStyles.Float, Inv, out var number) ? number : double.NegativeInfinity;
}
