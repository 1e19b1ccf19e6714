using System.ComponentModel;
using System.Diagnostics;

namespace TvNews.Rendering.Video;

/// <summary>
/// One ffmpeg process that encodes the BMPs written to <see cref="Input"/> once per rung, each as an IDR picture,
/// into <see cref="Outputs"/> (one Annex-B file per rung in a folder of its own). Until the first byte arrives it
/// waits in its input probe with its start-up (the process, its shared libraries, ffmpeg's own set-up: about
/// 0.06 s of CPU, a third of a one-still encode) already paid. Feeding it frames ahead does not open the encoders
/// any earlier: ffmpeg's image pipe holds the frames back until the input ends, so the filter graph and x264 only
/// start when the slides come.
/// </summary>
internal sealed class StillEncodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;
    private readonly string _folder;

    private StillEncodeProcess(Process process, string folder, IReadOnlyList<string> outputs, string arguments)
    {
        _process = process;
        _folder = folder;
        Outputs = outputs;
        Arguments = arguments;
        _errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
    }

    public IReadOnlyList<string> Outputs { get; }

    public string Arguments { get; }

    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>False once the process has ended, say killed while it waited.</summary>
    public bool Ready => !_process.HasExited;

    /// <param name="outputArguments">The filter graph and encoder options, given the output paths; the last path is appended.</param>
    public static StillEncodeProcess Start(string ffmpeg, IReadOnlyList<VideoRung> rungs, int framesPerSecond, Func<IReadOnlyList<string>, string> outputArguments)
    {
        var folder = Directory.CreateTempSubdirectory("tvnews-stills-").FullName;
        var outputs = rungs.Select(r => Path.Combine(folder, $"stills-{r.Name}.h264")).ToList();
        // ffmpeg's default log level: a failure's closing lines ("Conversion failed!") are info messages.
        var arguments = $"-hide_banner -nostats -y -f bmp_pipe -framerate {framesPerSecond} -i pipe:0 {outputArguments(outputs)} \"{outputs[^1]}\"";
        var start = new ProcessStartInfo(ffmpeg, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            var process = Process.Start(start) ?? throw new FfmpegException("ffmpeg still encode could not start.", string.Empty);
            return new StillEncodeProcess(process, folder, outputs, arguments);
        }
        catch (Win32Exception e)
        {
            Directory.Delete(folder, recursive: true);
            throw new FfmpegException($"ffmpeg still encode could not run: {e.Message}", string.Empty);
        }
    }

    /// <summary>Closes the input and waits for the encode; throws with ffmpeg's own messages when it failed.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        try
        {
            Input.Close();
        }
        catch (IOException)
        {
            // ffmpeg stopped reading (a frame it could not decode): its exit code and messages say why.
        }

        await _process.WaitForExitAsync(ct);
        if (_process.ExitCode != 0)
        {
            var tail = string.Join(Environment.NewLine, (await _errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(25)).Trim();
            throw new FfmpegException($"ffmpeg still encode failed with exit code {_process.ExitCode} ({Arguments}).", tail);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder; nothing reads it.
        }
    }
}
