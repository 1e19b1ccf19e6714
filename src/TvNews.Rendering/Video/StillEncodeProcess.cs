using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;

namespace TvNews.Rendering.Video;

/// <summary>
/// One ffmpeg process that encodes the BMPs written to <see cref="Input"/> once per rung, each as an IDR picture,
/// into <see cref="Outputs"/> (one Annex-B file per rung in a folder of its own). Until the first byte arrives it
/// waits in its input probe, with its start-up (process, shared libraries, ffmpeg's own set-up) already paid. A
/// process kept ready for the next edit is also warmed up: it is fed one black frame at once, so the filter graph
/// and the three x264 encoders are open too (together about 0.12 s of CPU of a 0.17 s one-still encode), and that
/// frame's pictures are dropped from the outputs (<see cref="Skipped"/>).
/// </summary>
internal sealed class StillEncodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;
    private readonly string _folder;

    private static byte[]? _black;

    private readonly Task _warmUp;

    private StillEncodeProcess(Process process, string folder, IReadOnlyList<string> outputs, string arguments, Task warmUp, int skipped)
    {
        _process = process;
        _folder = folder;
        Outputs = outputs;
        Arguments = arguments;
        _warmUp = warmUp;
        Skipped = skipped;
        _errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
    }

    /// <summary>Pictures at the start of every output that are the warm-up frame, not a slide.</summary>
    public int Skipped { get; }

    public IReadOnlyList<string> Outputs { get; }

    public string Arguments { get; }

    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>Waits until the warm-up frame is in the pipe, so slides follow it whole.</summary>
    public async Task ReadyForFramesAsync(CancellationToken ct)
    {
        try
        {
            await _warmUp.WaitAsync(ct);
        }
        catch (IOException)
        {
            // ffmpeg is gone; FinishAsync reports why.
        }
    }

    /// <summary>False once the process has ended, say killed while it waited.</summary>
    public bool Ready => !_process.HasExited;

    /// <param name="outputArguments">The filter graph and encoder options, given the output paths; the last path is appended.</param>
    /// <param name="warmUp">Feed a black frame of the first rung's size at once (see the class summary).</param>
    public static StillEncodeProcess Start(string ffmpeg, IReadOnlyList<VideoRung> rungs, int framesPerSecond, Func<IReadOnlyList<string>, string> outputArguments,
        bool warmUp = false)
    {
        var folder = Directory.CreateTempSubdirectory("tvnews-stills-").FullName;
        var outputs = rungs.Select(r => Path.Combine(folder, $"stills-{r.Name}.h264")).ToList();
        var arguments = $"-hide_banner -nostats -v error -y -f bmp_pipe -framerate {framesPerSecond} -i pipe:0 {outputArguments(outputs)} \"{outputs[^1]}\"";
        var start = new ProcessStartInfo(ffmpeg, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            var process = Process.Start(start) ?? throw new FfmpegException("ffmpeg still encode could not start.", string.Empty);
            var feed = warmUp ? process.StandardInput.BaseStream.WriteAsync(Black(rungs[0].Width, rungs[0].Height)).AsTask() : Task.CompletedTask;
            return new StillEncodeProcess(process, folder, outputs, arguments, feed, warmUp ? 1 : 0);
        }
        catch (Win32Exception e)
        {
            Directory.Delete(folder, recursive: true);
            throw new FfmpegException($"ffmpeg still encode could not run: {e.Message}", string.Empty);
        }
    }

    /// <summary>A black top-down 32-bit BMP, as <see cref="SlidePicture.WriteBmp"/> writes slides.</summary>
    private static byte[] Black(int width, int height)
    {
        var black = _black;
        if (black is not null && BinaryPrimitives.ReadInt32LittleEndian(black.AsSpan(18)) == width && BinaryPrimitives.ReadInt32LittleEndian(black.AsSpan(22)) == -height)
        {
            return black;
        }

        black = new byte[54 + (width * height * 4)];
        "BM"u8.CopyTo(black);
        BinaryPrimitives.WriteInt32LittleEndian(black.AsSpan(2), black.Length);
        BinaryPrimitives.WriteInt32LittleEndian(black.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(black.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(black.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(black.AsSpan(22), -height);
        BinaryPrimitives.WriteInt16LittleEndian(black.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(black.AsSpan(28), 32);
        BinaryPrimitives.WriteInt32LittleEndian(black.AsSpan(34), width * height * 4);
        _black = black;
        return black;
    }

    /// <summary>Closes the input and waits for the encode; throws with ffmpeg's own messages when it failed.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await ReadyForFramesAsync(ct);
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
