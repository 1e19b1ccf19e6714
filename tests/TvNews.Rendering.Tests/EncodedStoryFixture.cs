using System.Diagnostics;
using TvNews.Core.Slides;

namespace TvNews.Rendering.Tests;

/// <summary>
/// Renders three short slides and encodes them once with the real ffmpeg; the encoder tests inspect the result.
/// Missing ffmpeg/ffprobe is a failure with a clear message, never a skip.
/// </summary>
public sealed class EncodedStoryFixture : IAsyncLifetime
{
    public static readonly double[] Durations = [2.5, 3, 2];

    public string Folder { get; } = TestMedia.CreateTempFolder();

    public string OutputDirectory => Path.Combine(Folder, "out");

    public EncodedStory Story { get; private set; } = null!;

    public TimeSpan RenderTime { get; private set; }

    public TimeSpan EncodeTime { get; private set; }

    public async Task InitializeAsync()
    {
        foreach (var tool in new[] { "ffmpeg", "ffprobe" })
        {
            var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(dir => File.Exists(Path.Combine(dir, tool)));
            if (!found)
            {
                throw new InvalidOperationException(
                    $"{tool} is not on PATH. The rendering tests need the real ffmpeg/ffprobe: apt-get install -y ffmpeg");
            }
        }

        Slide[] slides =
        [
            new(SlideKind.Title, "City council approves new tram line", "Local", null, Durations[0]),
            new(SlideKind.Quote, "This is the biggest investment in a generation.", null, "Mayor Anna Berg", Durations[1]),
            new(SlideKind.Outro, "TvNews Daily", "News that fits your screen", null, Durations[2]),
        ];

        var paths = new List<string>();
        var watch = Stopwatch.StartNew();
        using (var theme = TestMedia.LoadTheme())
        {
            var renderer = new SlideRenderer(theme);
            for (var i = 0; i < slides.Length; i++)
            {
                var path = Path.Combine(Folder, $"slide{i}.png");
                await File.WriteAllBytesAsync(path, renderer.Render(slides[i], i, slides.Length).Png);
                paths.Add(path);
            }
        }

        RenderTime = watch.Elapsed;

        var captions = Path.Combine(Folder, "captions.vtt");
        await File.WriteAllTextAsync(captions, """
            WEBVTT

            00:00:00.000 --> 00:00:02.500
            City council approves new tram line

            00:00:02.500 --> 00:00:05.500
            "This is the biggest investment in a generation." - Mayor Anna Berg

            00:00:05.500 --> 00:00:07.500
            TvNews Daily

            """);

        watch.Restart();
        Story = await new StoryVideoEncoder().EncodeAsync(
            new EncodeRequest(paths, Durations, captions, "en", OutputDirectory), CancellationToken.None);
        EncodeTime = watch.Elapsed;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
