using System.Diagnostics;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace TvNews.Rendering.Video;

/// <summary>
/// Encodes a render's missing stills with libx264 in this process, one encoder per rung, each still a forced IDR.
/// The full-size rung (most of the work) runs on a pool thread while this one gets the smaller rungs' pixels and
/// encodes them, so the two cores split a still between them; the next still's pixels are awaited meanwhile (the
/// slides may still be drawing). Smaller rungs take, in order of preference: the slide drawn natively at that size
/// (crisp text, and no scaling), an exact 2:1 box of the previous rung (360p from 720p), else a Catmull-Rom scale of
/// the full-size picture (slides that arrive only as BMP files).
/// </summary>
internal static class InProcessStills
{
    private static readonly SKSamplingOptions CatmullRom = new(SKCubicResampler.CatmullRom);

    /// <returns>Per rung, one access unit per still, in the order of <paramref name="sources"/>.</returns>
    public static async Task<List<byte[]>[]> EncodeAsync(IReadOnlyList<(int Slide, ISlideSource Source)> sources, IReadOnlyList<VideoRung> rungs, bool cabac,
        Dictionary<string, double> steps, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var encoders = new List<X264StillEncoder>(rungs.Count);
        var units = rungs.Select(_ => new List<byte[]>(sources.Count)).ToArray();
        var timings = new Timings();
        Task full = Task.CompletedTask;
        try
        {
            foreach (var rung in rungs) encoders.Add(new X264StillEncoder(rung, cabac));
            timings.Add("open", clock.Elapsed.TotalSeconds);
            foreach (var (slide, source) in sources)
            {
                BgraImage picture;
                try
                {
                    picture = await ReadAsync(source, ct);
                    if (picture.Width != rungs[0].Width || picture.Height != rungs[0].Height) picture = Scale(picture, rungs[0].Width, rungs[0].Height);
                }
                catch (InvalidDataException e)
                {
                    throw new FfmpegException($"The still encode failed on slide {slide + 1}.", e.Message);
                }

                // The previous still's full-size encode must be done before its planes are overwritten.
                await full;
                var fullSize = picture;
                full = Task.Run(() => EncodeOne(encoders[0], fullSize, units[0], timings), ct);

                var previous = picture;
                for (var r = 1; r < rungs.Count; r++)
                {
                    var (w, h) = (rungs[r].Width, rungs[r].Height);
                    var native = new MemoryStream();
                    BgraImage small;
                    if (await source.WriteStillAsync(native, w, h, ct)) small = BgraImage.ReadBmp(native.GetBuffer().AsSpan(0, (int)native.Length));
                    else if (previous.Width == 2 * w && previous.Height == 2 * h) small = previous.Halve();
                    else small = Scale(picture, w, h);
                    EncodeOne(encoders[r], small, units[r], timings);
                    previous = small;
                }
            }

            await full;
            for (var r = 0; r < rungs.Count; r++) units[r].AddRange(encoders[r].Flush());
            for (var r = 0; r < rungs.Count; r++)
            {
                if (units[r].Count != sources.Count) throw new FfmpegException($"x264 returned {units[r].Count} pictures for {sources.Count} stills at {rungs[r].Name}.", string.Empty);
            }

            return units;
        }
        finally
        {
            // A failure above may leave the full-size encode running on the encoder about to be closed.
            await full.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            foreach (var encoder in encoders) encoder.Dispose();
            timings.CopyTo(steps);
        }
    }

    private static async Task<BgraImage> ReadAsync(ISlideSource source, CancellationToken ct)
    {
        using var bmp = new MemoryStream();
        await source.WriteStillAsync(bmp, ct);
        return BgraImage.ReadBmp(bmp.GetBuffer().AsSpan(0, (int)bmp.Length));
    }

    private static void EncodeOne(X264StillEncoder encoder, BgraImage image, List<byte[]> units, Timings timings)
    {
        var clock = Stopwatch.StartNew();
        Yuv420.Convert(image, encoder.Planes);
        timings.Add("convert", clock.Elapsed.TotalSeconds);
        clock.Restart();
        if (encoder.Encode() is { } unit) units.Add(unit);
        timings.Add("x264", clock.Elapsed.TotalSeconds);
    }

    private static BgraImage Scale(BgraImage image, int width, int height)
    {
        var source = new SKImageInfo(image.Width, image.Height, SKColorType.Bgra8888, SKAlphaType.Opaque);
        var target = new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque);
        var result = new byte[width * height * 4];
        var from = GCHandle.Alloc(image.Pixels, GCHandleType.Pinned);
        var to = GCHandle.Alloc(result, GCHandleType.Pinned);
        try
        {
            using var input = new SKPixmap(source, from.AddrOfPinnedObject(), source.RowBytes);
            using var output = new SKPixmap(target, to.AddrOfPinnedObject(), target.RowBytes);
            if (!input.ScalePixels(output, CatmullRom)) throw new InvalidDataException($"A {image.Width}x{image.Height} still could not be scaled to {width}x{height}.");
        }
        finally
        {
            from.Free();
            to.Free();
        }

        return new BgraImage(width, height, result);
    }

    /// <summary>Seconds per step, added from two threads.</summary>
    private sealed class Timings
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, double> _seconds = [];

        public void Add(string step, double seconds)
        {
            lock (_lock) _seconds[step] = _seconds.GetValueOrDefault(step) + seconds;
        }

        public void CopyTo(Dictionary<string, double> steps)
        {
            lock (_lock)
            {
                foreach (var (step, seconds) in _seconds) steps[step] = seconds;
            }
        }
    }
}
