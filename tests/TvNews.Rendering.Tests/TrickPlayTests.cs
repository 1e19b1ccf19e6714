using System.Buffers.Binary;
using SkiaSharp;
using TvNews.Core.Slides;

namespace TvNews.Rendering.Tests;

/// <summary>Roku BIF trick play, read back byte by byte the way a device reads it.</summary>
public sealed class TrickPlayTests
{
    // Starts 0, 3, 10, 15.5, 27.5; 31.5 s in all. Slide 2 starts exactly on the 10 s tick.
    private static readonly SlidePlan Plan = new([
        new Slide(SlideKind.Title, "City council approves new tram line", "Local", null, 3),
        new Slide(SlideKind.KeyPoint, "The line will carry 40,000 passengers a day by 2028.", null, null, 7),
        new Slide(SlideKind.Quote, "This is the biggest investment in a generation.", null, "Mayor Anna Berg", 5.5),
        new Slide(SlideKind.KeyPoint, "Construction starts in spring and runs for three years.", null, null, 12),
        new Slide(SlideKind.Outro, "TvNews Daily", "News that fits your screen", null, 4),
    ]);

    [Fact]
    public void TheHeaderIndexAndImagesFollowRokusLayout()
    {
        byte[][] jpegs = [Jpeg(10), Jpeg(3), Jpeg(25)];
        var bif = BifWriter.Build(jpegs, 5000);

        Assert.Equal(new byte[] { 0x89, 0x42, 0x49, 0x46, 0x0d, 0x0a, 0x1a, 0x0a }, bif[..8]);
        Assert.Equal(0u, U32(bif, 8));
        Assert.Equal(3u, U32(bif, 12));
        Assert.Equal(5000u, U32(bif, 16));
        Assert.All(bif[20..64], b => Assert.Equal(0, b));

        var index = Index(bif);
        Assert.Equal(4, index.Count);
        Assert.Equal([0u, 1u, 2u, uint.MaxValue], index.Select(e => e.Timestamp));
        Assert.Equal(64 + (4 * 8), (int)index[0].Offset);
        Assert.Equal((uint)bif.Length, index[^1].Offset);
        for (var i = 0; i < jpegs.Length; i++)
            Assert.Equal(jpegs[i], bif[(int)index[i].Offset..(int)index[i + 1].Offset]);
    }

    [Fact]
    public void ThereIsAFrameEveryFiveSecondsUntilTheEndAndEachShowsTheSlideOnScreenThen()
    {
        Assert.True(TrickPlay.IntervalMs <= 10_000, "Roku asks for at least one frame per 10 s");
        Assert.Equal([0, 1, 2, 2, 3, 3, 4], TrickPlay.SlideAtTicks(Plan, 5000));
        Assert.Equal(7, (int)Math.Ceiling(Plan.TotalSeconds / 5));
        // An exact multiple has no frame at the very end, and a zero-length slide never shows.
        var exact = new SlidePlan([Plan.Slides[0] with { DurationSeconds = 5 }, Plan.Slides[1] with { DurationSeconds = 0 }, Plan.Slides[2] with { DurationSeconds = 5 }]);
        Assert.Equal([0, 2], TrickPlay.SlideAtTicks(exact, 5000));
    }

    [Fact]
    public void TheBifOfARealDeckHoldsHdSlideFramesThatDecodeToTheSlideAtEachTick()
    {
        using var theme = TestMedia.LoadTheme();
        var renderer = new SlideRenderer(theme);
        var slides = Plan.Slides.Select((s, i) => renderer.RenderJpeg(s, i, Plan.Slides.Count, TrickPlay.HdWidth, TrickPlay.HdHeight, 80)).ToList();

        var bif = TrickPlay.Bif(Plan, slides);

        var index = Index(bif);
        var frames = index.Count - 1;
        Assert.Equal((int)Math.Ceiling(Plan.TotalSeconds * 1000 / TrickPlay.IntervalMs), frames);
        Assert.Equal((uint)frames, U32(bif, 12));
        Assert.Equal((uint)TrickPlay.IntervalMs, U32(bif, 16));
        Assert.True(index.Take(frames).Zip(index.Skip(1).Take(frames - 1)).All(p => p.Second.Timestamp > p.First.Timestamp && p.Second.Offset > p.First.Offset));
        Assert.Equal((uint)bif.Length, index[^1].Offset);

        var starts = Plan.StartTimes();
        for (var i = 0; i < frames; i++)
        {
            var bytes = bif[(int)index[i].Offset..(int)index[i + 1].Offset];
            Assert.Equal((0xFF, 0xD8), (bytes[0], bytes[1]));
            Assert.Equal((0xFF, 0xD9), (bytes[^2], bytes[^1]));

            // The slide on screen at this tick, from the plan's start times.
            var seconds = index[i].Timestamp * TrickPlay.IntervalMs / 1000.0;
            var expected = Enumerable.Range(0, starts.Count).Last(k => starts[k] <= seconds);
            using var frame = SKBitmap.Decode(bytes);
            using var slide = SKBitmap.Decode(slides[expected]);
            Assert.Equal((TrickPlay.HdWidth, TrickPlay.HdHeight), (frame.Width, frame.Height));
            Assert.True(frame.GetPixelSpan().SequenceEqual(slide.GetPixelSpan()), $"frame {i} at {seconds} s is not slide {expected}");
        }

        // The comparison means something: neighbouring slides really look different.
        using var first = SKBitmap.Decode(slides[0]);
        using var second = SKBitmap.Decode(slides[1]);
        Assert.False(first.GetPixelSpan().SequenceEqual(second.GetPixelSpan()));
    }

    private static byte[] Jpeg(int bodyLength) => [0xFF, 0xD8, .. Enumerable.Repeat((byte)0x42, bodyLength), 0xFF, 0xD9];

    private static uint U32(byte[] bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));

    /// <summary>Index entries from byte 64 up to and including the 0xffffffff terminator.</summary>
    private static List<(uint Timestamp, uint Offset)> Index(byte[] bif)
    {
        var entries = new List<(uint, uint)>();
        for (var at = BifWriter.HeaderBytes; ; at += 8)
        {
            var entry = (U32(bif, at), U32(bif, at + 4));
            entries.Add(entry);
            if (entry.Item1 == uint.MaxValue) return entries;
        }
    }
}
