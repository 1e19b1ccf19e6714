using System.Diagnostics;

namespace TvNews.Testing;

/// <summary>Runs a command-line tool (ffmpeg, ffprobe) for a test, without a shell, and returns what it printed.</summary>
internal static class Tool
{
    public sealed record Output(int ExitCode, byte[] StandardOutput, string StandardError)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(StandardOutput);
    }

    public static async Task<Output> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start; apt-get install ffmpeg");
        var errors = process.StandardError.ReadToEndAsync();
        using var buffer = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(buffer);
        await process.WaitForExitAsync();
        return new Output(process.ExitCode, buffer.ToArray(), await errors);
    }
}
