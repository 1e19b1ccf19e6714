using TvNews.Rendering.Video;

namespace TvNews.Rendering.Tests;

/// <summary>The bit-level pieces the still-stream writer builds H.264 headers with.</summary>
public sealed class H264BitsTests
{
    [Fact]
    public void ExpGolombCodesReadBackAsWritten()
    {
        uint[] unsigned = [0, 1, 2, 3, 7, 8, 255, 256, 8160, 65535, 1_000_000, uint.MaxValue - 1];
        int[] signed = [0, 1, -1, 2, -2, 26, -26, 1000, -1000];
        var writer = new BitWriter();
        foreach (var value in unsigned) writer.Ue(value);
        foreach (var value in signed) writer.Se(value);
        writer.TrailingBits();

        var reader = new BitReader(writer.ToArray());
        Assert.Equal(unsigned, unsigned.Select(_ => reader.Ue()));
        Assert.Equal(signed, signed.Select(_ => reader.Se()));
    }

    [Fact]
    public void KnownCodesHaveTheirStandardBitPatterns()
    {
        // H.264 table 9-2: 0 -> 1, 1 -> 010, 2 -> 011, 3 -> 00100; then the stop bit and zero padding.
        var writer = new BitWriter();
        writer.Ue(0);
        writer.Ue(1);
        writer.Ue(2);
        writer.Ue(3);
        writer.TrailingBits();

        Assert.Equal([0b1010_0110, 0b0100_1000], writer.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0 }, new byte[] { 0, 0, 3, 0 })]
    [InlineData(new byte[] { 0, 0, 1 }, new byte[] { 0, 0, 3, 1 })]
    [InlineData(new byte[] { 0, 0, 3 }, new byte[] { 0, 0, 3, 3 })]
    [InlineData(new byte[] { 0, 0, 4 }, new byte[] { 0, 0, 4 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0 }, new byte[] { 0, 0, 3, 0, 0, 3, 0 })]
    public void EmulationPreventionIsInsertedAndRemoved(byte[] rbsp, byte[] escaped)
    {
        Assert.Equal(escaped, Nal.Escape(rbsp));
        Assert.Equal(rbsp, Nal.Unescape(escaped));
    }

    [Fact]
    public void AnnexBStreamsSplitOnThreeAndFourByteStartCodes()
    {
        byte[] stream = [0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 4, 5];

        var nals = Nal.Split(stream);

        Assert.Equal(3, nals.Count);
        Assert.Equal([0x67, 1, 2], nals[0]);
        Assert.Equal([0x68, 3], nals[1]);
        Assert.Equal([0x65, 4, 5], nals[2]);
        Assert.Equal([7, 8, 5], nals.Select(Nal.Type));
    }

    [Fact]
    public void ReadingPastTheEndOfAHeaderIsAnErrorNotGarbage()
    {
        var reader = new BitReader([0b0000_0000]);

        Assert.Throws<InvalidDataException>(() => reader.Ue());
    }
}
