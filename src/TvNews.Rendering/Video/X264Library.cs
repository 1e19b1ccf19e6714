using System.Runtime.InteropServices;

namespace TvNews.Rendering.Video;

/// <summary>
/// The few libx264 entry points the still encoder needs, bound to the library ffmpeg itself links (Debian's
/// libx264.so.164, the one <c>apt-get install ffmpeg</c> brings). Everything that can be set by name goes through
/// <c>x264_param_parse</c>, so only the handful of fields it does not cover are written into the structs, at the
/// offsets of build 164's <c>x264.h</c> (checked by the tests: the SPS/PPS must equal ffmpeg's byte for byte). Any
/// other build is treated as absent and the encoder falls back to the ffmpeg process.
/// </summary>
internal static class X264Library
{
    public const int Build = 164;
    private const string Name = "libx264.so.164";

    // x264_param_t (1024 bytes in build 164).
    public const int ParamSize = 1024;
    public const int ParamWidth = 28;
    public const int ParamHeight = 32;
    public const int ParamCsp = 36;
    public const int ParamLogLevel = 528;
    public const int ParamFpsNum = 920;
    public const int ParamFpsDen = 924;
    public const int ParamTimebaseNum = 928;
    public const int ParamTimebaseDen = 932;

    // x264_picture_t (240 bytes).
    public const int PictureSize = 240;
    public const int PictureType = 0;
    public const int PicturePts = 16;
    public const int PictureImgCsp = 40;
    public const int PictureImgPlanes = 44;
    public const int PictureImgStride = 48;
    public const int PictureImgPlane = 64;

    // x264_nal_t (40 bytes).
    public const int NalSize = 40;
    public const int NalPayloadBytes = 20;
    public const int NalPayload = 24;

    public const int CspI420 = 0x0002;
    public const int TypeIdr = 0x0001;
    public const int LogNone = -1;

    private static readonly Lazy<bool> Loaded = new(() =>
        NativeLibrary.TryLoad(Name, typeof(X264Library).Assembly, null, out var handle) && NativeLibrary.TryGetExport(handle, "x264_encoder_open_164", out _));

    /// <summary>True when libx264 build 164 can be loaded here.</summary>
    public static bool IsAvailable => Loaded.Value;

    /// <summary>x264's strings: UTF-8 (ASCII here), NUL-terminated.</summary>
    public static byte[] Text(string value) => System.Text.Encoding.UTF8.GetBytes(value + "\0");

    [DllImport(Name, EntryPoint = "x264_param_default_preset")]
    public static extern int ParamDefaultPreset(nint param, byte[] preset, byte[]? tune);

    /// <returns>0, or X264_PARAM_BAD_NAME (-1) / X264_PARAM_BAD_VALUE (-2).</returns>
    [DllImport(Name, EntryPoint = "x264_param_parse")]
    public static extern int ParamParse(nint param, byte[] name, byte[] value);

    [DllImport(Name, EntryPoint = "x264_param_apply_profile")]
    public static extern int ParamApplyProfile(nint param, byte[] profile);

    [DllImport(Name, EntryPoint = "x264_encoder_open_164")]
    public static extern nint EncoderOpen(nint param);

    [DllImport(Name, EntryPoint = "x264_encoder_encode")]
    public static extern int EncoderEncode(nint encoder, out nint nals, out int nalCount, nint pictureIn, nint pictureOut);

    [DllImport(Name, EntryPoint = "x264_encoder_delayed_frames")]
    public static extern int EncoderDelayedFrames(nint encoder);

    [DllImport(Name, EntryPoint = "x264_encoder_close")]
    public static extern void EncoderClose(nint encoder);

    [DllImport(Name, EntryPoint = "x264_picture_init")]
    public static extern void PictureInit(nint picture);
}
