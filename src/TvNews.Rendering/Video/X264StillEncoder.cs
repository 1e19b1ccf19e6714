using System.Globalization;
using System.Runtime.InteropServices;

namespace TvNews.Rendering.Video;

/// <summary>
/// libx264 in this process for one rung's stills: each picture goes in as a forced IDR and comes back as one Annex-B
/// access unit (SPS, PPS, SEI, slice). Set up exactly as ffmpeg's libx264 wrapper sets it up for the still-encode
/// process (preset, then the fields, then the x264 options, then the profile), so the two paths write the same
/// parameter sets and their cached pictures join into one stream. Saves the ffmpeg process (start-up, BMP decode,
/// swscale) on every render: an edit encodes one slide, and that process was most of its cost.
/// </summary>
internal sealed class X264StillEncoder : IDisposable
{
    private nint _param;
    private nint _picture;
    private nint _output;
    private readonly byte[] _planes;
    private nint _encoder;
    private long _pts;

    public X264StillEncoder(VideoRung rung, bool cabac)
    {
        Rung = rung;
        _param = Alloc(X264Library.ParamSize);
        _picture = Alloc(X264Library.PictureSize);
        _output = Alloc(X264Library.PictureSize);
        try
        {
            if (X264Library.ParamDefaultPreset(_param, X264Library.Text("veryfast"), null) != 0) throw new FfmpegException("x264 refused the veryfast preset.", string.Empty);
            Marshal.WriteInt32(_param, X264Library.ParamWidth, rung.Width);
            Marshal.WriteInt32(_param, X264Library.ParamHeight, rung.Height);
            Marshal.WriteInt32(_param, X264Library.ParamCsp, X264Library.CspI420);
            Marshal.WriteInt32(_param, X264Library.ParamLogLevel, X264Library.LogNone);
            Marshal.WriteInt32(_param, X264Library.ParamFpsNum, StoryVideoEncoder.FramesPerSecond);
            Marshal.WriteInt32(_param, X264Library.ParamFpsDen, 1);
            Marshal.WriteInt32(_param, X264Library.ParamTimebaseNum, 1);
            Marshal.WriteInt32(_param, X264Library.ParamTimebaseDen, StoryVideoEncoder.FramesPerSecond);
            foreach (var (name, value) in Options(rung, cabac)) Set(name, value);
            if (X264Library.ParamApplyProfile(_param, X264Library.Text("high")) != 0) throw new FfmpegException("x264 refused the high profile.", string.Empty);
            _encoder = X264Library.EncoderOpen(_param);
            if (_encoder == 0) throw new FfmpegException($"x264 could not open a {rung.Name} encoder.", string.Empty);
        }
        catch
        {
            Free();
            throw;
        }

        // One pinned buffer for the three planes, reused for every still of the render.
        _planes = GC.AllocateArray<byte>(Yuv420.Size(rung.Width, rung.Height), pinned: true);
    }

    public VideoRung Rung { get; }

    /// <summary>The planes the next <see cref="Encode"/> reads: Y, then U, then V (see <see cref="Yuv420"/>).</summary>
    public Span<byte> Planes => _planes;

    /// <summary>
    /// The same settings <see cref="VideoRung.EncoderArguments"/> gives ffmpeg for a still, as x264 option names, in the
    /// order ffmpeg applies them (its own options, then <c>-x264-params</c>).
    /// </summary>
    internal static IEnumerable<(string Name, string Value)> Options(VideoRung rung, bool cabac)
    {
        var inv = CultureInfo.InvariantCulture;
        yield return ("crf", rung.Crf.ToString(inv));
        yield return ("vbv-maxrate", rung.MaxRateKbps.ToString(inv));
        yield return ("vbv-bufsize", (rung.MaxRateKbps * 2).ToString(inv));
        yield return ("level", rung.Level);
        yield return ("threads", "1");
        yield return ("colorprim", "bt709");
        yield return ("transfer", "bt709");
        yield return ("colormatrix", "bt709");
        yield return ("fullrange", "off");
        foreach (var option in VideoRung.X264Params.Split(':'))
        {
            var (name, value) = (option[..option.IndexOf('=', StringComparison.Ordinal)], option[(option.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            yield return (name, value);
        }

        yield return ("cabac", cabac ? "1" : "0");
        yield return ("rc-lookahead", "0");
    }

    /// <summary>
    /// Encodes <see cref="Planes"/> as an IDR picture. Returns the access unit, or null while x264 holds the picture
    /// back (it does not with these settings, but <see cref="Flush"/> collects any it did).
    /// </summary>
    public byte[]? Encode()
    {
        ObjectDisposedException.ThrowIf(_encoder == 0, this);
        X264Library.PictureInit(_picture);
        Marshal.WriteInt32(_picture, X264Library.PictureType, X264Library.TypeIdr);
        Marshal.WriteInt64(_picture, X264Library.PicturePts, _pts++);
        Marshal.WriteInt32(_picture, X264Library.PictureImgCsp, X264Library.CspI420);
        Marshal.WriteInt32(_picture, X264Library.PictureImgPlanes, 3);
        var (w, h) = (Rung.Width, Rung.Height);
        var origin = Marshal.UnsafeAddrOfPinnedArrayElement(_planes, 0);
        int[] strides = [w, w / 2, w / 2];
        nint[] planes = [origin, origin + (w * h), origin + (w * h) + (w * h / 4)];
        for (var p = 0; p < 3; p++)
        {
            Marshal.WriteInt32(_picture, X264Library.PictureImgStride + (4 * p), strides[p]);
            Marshal.WriteIntPtr(_picture, X264Library.PictureImgPlane + (8 * p), planes[p]);
        }

        return Collect(X264Library.EncoderEncode(_encoder, out var nals, out var count, _picture, _output), nals, count);
    }

    /// <summary>Access units x264 still holds, in order.</summary>
    public List<byte[]> Flush()
    {
        var units = new List<byte[]>();
        while (_encoder != 0 && X264Library.EncoderDelayedFrames(_encoder) > 0)
        {
            if (Collect(X264Library.EncoderEncode(_encoder, out var nals, out var count, 0, _output), nals, count) is { } unit) units.Add(unit);
        }

        return units;
    }

    public void Dispose() => Free();

    private byte[]? Collect(int bytes, nint nals, int count)
    {
        if (bytes < 0) throw new FfmpegException($"x264 failed to encode a {Rung.Name} still (error {bytes}).", string.Empty);
        if (bytes == 0 || count == 0) return null;

        // x264 lays the NAL payloads out back to back, Annex-B start codes included: one copy is the access unit.
        var unit = new byte[bytes];
        Marshal.Copy(Marshal.ReadIntPtr(nals, X264Library.NalPayload), unit, 0, bytes);
        return unit;
    }

    private void Set(string name, string value)
    {
        if (X264Library.ParamParse(_param, X264Library.Text(name), X264Library.Text(value)) != 0) throw new FfmpegException($"x264 refused the option {name}={value}.", string.Empty);
    }

    private static nint Alloc(int bytes)
    {
        var memory = Marshal.AllocHGlobal(bytes);
        Marshal.Copy(new byte[bytes], 0, memory, bytes);
        return memory;
    }

    private void Free()
    {
        if (_encoder != 0) X264Library.EncoderClose(_encoder);
        _encoder = 0;
        foreach (var memory in new[] { _param, _picture, _output }.Where(m => m != 0)) Marshal.FreeHGlobal(memory);
        (_param, _picture, _output) = (0, 0, 0);
    }
}
