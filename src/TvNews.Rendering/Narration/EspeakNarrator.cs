using System.Security.Cryptography;
using System.Text;

namespace TvNews.Rendering.Narration;

/// <summary>A synthesised chunk: its text, its WAV in the cache and its length.</summary>
public sealed record SpokenClip(string Text, string WavPath, double Seconds);

/// <summary>
/// Text to speech with espeak-ng, one WAV per chunk, cached by content: the file name is the SHA-256 of espeak-ng's
/// version, the voice, the speed and the text, so re-rendering a story after one slide was edited only synthesises
/// that slide's chunks. Files are written under a temporary name and moved into place, so workers sharing the cache
/// folder never read half a file.
/// </summary>
public sealed class EspeakNarrator
{
    /// <summary>espeak-ng runs at most this many at once per call: a render worker shares the machine with ffmpeg.</summary>
    public const int MaxParallel = 2;

    private static Espeak? s_espeak;
    private readonly string _cacheFolder;
    private int _syntheses;

    public EspeakNarrator(string cacheFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheFolder);
        _cacheFolder = Path.GetFullPath(cacheFolder);
    }

    /// <summary>The cache's folder (absolute): clips live in two-letter subfolders of it.</summary>
    public string CacheFolder => _cacheFolder;

    /// <summary>espeak-ng processes this instance has run to synthesise chunks (cache misses).</summary>
    public int Syntheses => Volatile.Read(ref _syntheses);

    /// <summary>Synthesises every chunk (each distinct text once, cached ones not at all), keeping the shape of <paramref name="slides"/>.</summary>
    /// <param name="voice">An espeak-ng voice ("en", "en-us", "ar", "en+f3").</param>
    public async Task<IReadOnlyList<IReadOnlyList<SpokenClip>>> SynthesizeAsync(
        IReadOnlyList<IReadOnlyList<string>> slides, string voice, int wordsPerMinute, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voice);
        if (voice.StartsWith('-') || voice.Any(char.IsWhiteSpace)) throw new ArgumentException($"'{voice}' is not an espeak-ng voice name.", nameof(voice));
        ArgumentOutOfRangeException.ThrowIfLessThan(wordsPerMinute, 80);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wordsPerMinute, 450);

        var espeak = await FindEspeakAsync(ct);
        var paths = slides.SelectMany(s => s).Distinct(StringComparer.Ordinal)
            .ToDictionary(text => text, text => CachePath(espeak.Version, voice, wordsPerMinute, text), StringComparer.Ordinal);
        var missing = paths.Where(p => !File.Exists(p.Value)).ToList();
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = MaxParallel, CancellationToken = ct },
            async (entry, token) => await SynthesizeOneAsync(espeak, voice, wordsPerMinute, entry.Key, entry.Value, token));

        var seconds = paths.ToDictionary(p => p.Key, p => WavFile.ReadSeconds(p.Value), StringComparer.Ordinal);
        return slides.Select(s => (IReadOnlyList<SpokenClip>)s.Select(text => new SpokenClip(text, paths[text], seconds[text])).ToList()).ToList();
    }

    private async Task SynthesizeOneAsync(Espeak espeak, string voice, int wordsPerMinute, string text, string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Interlocked.Increment(ref _syntheses);
            // The text goes in on standard input (UTF-8), never as an argument: it cannot be mistaken for an option.
            var result = await ToolProcess.RunAsync(espeak.Path,
                ["-v", voice, "-s", wordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", "1", "-w", temporary, "--stdin"],
                text, ct);
            if (result.ExitCode != 0 || !File.Exists(temporary))
            {
                var error = result.ErrorTail();
                if (error.Contains("voice does not exist", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException($"espeak-ng has no voice '{voice}'; `espeak-ng --voices` lists the installed ones.");
                throw new InvalidOperationException($"espeak-ng failed with exit code {result.ExitCode} on \"{text}\": {error}");
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private string CachePath(string version, string voice, int wordsPerMinute, string text)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{version}\n{voice}\n{wordsPerMinute}\n{text}")));
        return Path.Combine(_cacheFolder, key[..2], key + ".wav");
    }

    private sealed record Espeak(string Path, string Version);

    /// <summary>Finds espeak-ng and reads its version once per process (a failure is not remembered: installing it fixes the next render).</summary>
    private static async Task<Espeak> FindEspeakAsync(CancellationToken ct)
    {
        if (s_espeak is { } known) return known;
        var path = ToolProcess.FindOnPath("espeak-ng")
            ?? throw new FileNotFoundException("espeak-ng not found on PATH; apt-get install espeak-ng (./tvnews run and ./tvnews test install it)", "espeak-ng");
        var result = await ToolProcess.RunAsync(path, ["--version"], null, ct);
        var version = result.StandardOutput.Split('\n')[0].Trim();
        if (result.ExitCode != 0 || version.Length == 0)
            throw new InvalidOperationException($"espeak-ng --version failed with exit code {result.ExitCode}: {result.ErrorTail()}");
        return s_espeak = new Espeak(path, version);
    }
}
