using System.Diagnostics;
using TvNews.Rendering.Video;
using Xunit.Abstractions;

namespace TvNews.Rendering.Tests;

/// <summary>
/// The in-process still encoder (libx264 through P/Invoke) against the ffmpeg still process it replaces: the same
/// parameter sets, so either path's cached pictures join one stream, and the same picture to within rounding.
/// </summary>
public sealed class InProcessStillTests(EncodedStoryFixture fixture, ITestOutputHelper output) : IClassFixture<EncodedStoryFixture>
{
    [Fact]
    public void Libx264LoadsHereSoStillsAreEncodedInProcess()
    {
        // Debian's ffmpeg depends on libx264-164; without it every render would quietly take the slower path.
        Assert.True(X264Library.IsAvailable, "libx264.so.164 does not load: apt-get install -y libx264-164 (ffmpeg brings it)");
        using var encoder = new StoryVideoEncoder(Path.Combine(fixture.Folder, "encoder-probe"));
        Assert.True(encoder.EncodesStillsInProcess);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BothPathsWriteTheSameParameterSetsAndTheSamePicture(bool cabac)
    {
        var folder = Path.Combine(fixture.Folder, $"paths-{cabac}");
        var inProcess = await EncodeAsync(Path.Combine(folder, "in-process"), inProcessStills: true, cabac);
        var ffmpeg = await EncodeAsync(Path.Combine(folder, "ffmpeg"), inProcessStills: false, cabac);

        // Measured 0.003, 0.28 and 0.48. 1080p is the same BGRA converted alike (x264 sees nearly the same planes); 720p and 360p are scaled differently (Catmull-Rom and a 2:1 box
        // here, Lanczos in ffmpeg), so they may differ a little more at text edges.
        var limits = new Dictionary<string, double> { ["1080p"] = 0.1, ["720p"] = 0.6, ["360p"] = 0.9 };
        foreach (var rung in VideoRung.Ladder)
        {
            var mine = H264Clip.Parse(await File.ReadAllBytesAsync(Still(inProcess, rung)));
            var theirs = H264Clip.Parse(await File.ReadAllBytesAsync(Still(ffmpeg, rung)));
            Assert.Equal(Convert.ToHexString(theirs.SpsNal), Convert.ToHexString(mine.SpsNal));
            Assert.Equal(Convert.ToHexString(theirs.PpsNal), Convert.ToHexString(mine.PpsNal));
            Assert.Equal(cabac, mine.Pps.Cabac);
            Assert.True(mine.Pictures is [{ Idr: true }], $"{rung.Name}: one IDR picture");

            var a = await DecodeLumaAsync(Still(inProcess, rung));
            var b = await DecodeLumaAsync(Still(ffmpeg, rung));
            Assert.Equal(rung.Width * rung.Height, a.Length);
            Assert.Equal(a.Length, b.Length);
            var difference = a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
            output.WriteLine($"{rung.Name}: mean luma difference {difference:0.000}; {new FileInfo(Still(inProcess, rung)).Length} bytes in process, {new FileInfo(Still(ffmpeg, rung)).Length} by ffmpeg");
            Assert.InRange(difference, 0, limits[rung.Name]);
        }
    }

    private async Task<string> EncodeAsync(string folder, bool inProcessStills, bool cabac)
    {
        using var encoder = new StoryVideoEncoder(Path.Combine(fixture.Folder, "encoder"), cabac, inProcessStills);
        Assert.Equal(inProcessStills, encoder.EncodesStillsInProcess);
        var cache = Path.Combine(folder, "cache");
        await encoder.EncodeAsync(
            new EncodeRequest([new VideoSlide(2, cache, new FileSlideSource(fixture.Frames[2]))], Path.Combine(fixture.Folder, "captions.vtt"), "en", Path.Combine(folder, "out")),
            CancellationToken.None);
        return cache;
    }

    private static string Still(string cache, VideoRung rung) => Assert.Single(Directory.GetFiles(cache, $"still-{rung.Name}-*.h264"));

    private static async Task<byte[]> DecodeLumaAsync(string h264)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-v", "error", "-f", "h264", "-i", h264, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        using var luma = new MemoryStream();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.BaseStream.CopyToAsync(luma);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        return luma.ToArray();
    }
}

/// <summary>The pieces of the in-process path that need no encoder.</summary>
public sealed class StillPixelTests
{
    [Fact]
    public void TheColourConversionIsBt709LimitedRange()
    {
        // White, black, and the primaries' BT.709 limited-range codes (Y, Cb, Cr).
        (byte R, byte G, byte B, int Y, int U, int V)[] cases =
        [
            (255, 255, 255, 235, 128, 128),
            (0, 0, 0, 16, 128, 128),
            (255, 0, 0, 63, 102, 240),
            (0, 255, 0, 173, 42, 26),
            (0, 0, 255, 32, 240, 118),
        ];
        foreach (var (r, g, b, y, u, v) in cases)
        {
            var pixels = Enumerable.Repeat(new[] { b, g, r, (byte)255 }, 4).SelectMany(p => p).ToArray();
            var planes = new byte[Yuv420.Size(2, 2)];
            Yuv420.Convert(new BgraImage(2, 2, pixels), planes);
            Assert.Equal([y, y, y, y, u, v], planes.Select(p => (int)p).ToArray());
        }
    }

    [Fact]
    public void ABmpThatIsNotOneIsRefusedWithTheReason()
    {
        var error = Assert.Throws<InvalidDataException>(() => BgraImage.ReadBmp([.. "BM"u8, .. new byte[200]]));
        Assert.Contains("A still is not a BMP", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => BgraImage.ReadBmp("GIF89a"u8));
    }
}
