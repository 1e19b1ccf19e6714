using System.Globalization;

namespace TvNews.Rendering.Video;

/// <summary>
/// One rendition of the story video. Every picture of a rung is encoded with the same x264 settings, so stills and
/// motion clips share one SPS/PPS and can be joined without re-encoding.
/// </summary>
/// <param name="Level">H.264 level as x264 takes it ("4.1").</param>
/// <param name="MaxRateKbps">VBV cap; for a still it bounds the size of the one IDR picture, for motion the bitrate.</param>
/// <param name="Codec">RFC 6381 video codec for the HLS master playlist: High profile at this level.</param>
public sealed record VideoRung(string Name, int Width, int Height, int Crf, string Level, int MaxRateKbps, string Codec)
{
    /// <summary>
    /// The ABR ladder: 1080p, 720p and a ≈400 kbps rung (Roku: "a low-quality encoding around 400 Kbps is a must").
    /// Static slides cost far less than these caps; they matter for Ken Burns motion. 640x360 rather than Roku's
    /// 384x216 example keeps slide text legible on the lowest rung.
    /// </summary>
    public static IReadOnlyList<VideoRung> Ladder { get; } =
    [
        new("1080p", 1920, 1080, 17, "4.1", 6000, "avc1.640029"),
        new("720p", 1280, 720, 18, "3.1", 3000, "avc1.64001f"),
        new("360p", 640, 360, 24, "3.0", 270, "avc1.64001e"),
    ];

    /// <summary>Portrait social video: 1080x1920 is 8160 macroblocks, inside level 4.1's 8192.</summary>
    public static VideoRung Vertical { get; } = new("vertical", 1080, 1920, 18, "4.1", 6000, "avc1.640029");

    internal const string X264Params = "keyint=180:min-keyint=180:scenecut=0:bframes=0:ref=1:weightp=0:stitchable=1:force-cfr=1";

    /// <summary>
    /// x264 settings shared by stills and motion clips. <c>bframes=0</c> gives pic_order_cnt_type 2, so generated skip
    /// frames need no POC; <c>stitchable=1</c> keeps SPS/PPS independent of the content, so pictures encoded in
    /// different runs (and cached) join into one stream; BT.709 is what Roku expects for HD. Motion uses
    /// <c>superfast</c>: it writes the same SPS/PPS as <c>veryfast</c> (the stream writer checks), and a slow drift
    /// needs little motion search; a still is one picture, so it gets the better preset. <c>force-cfr=1</c>: the frame rate
    /// is constant, so x264 marks the SPS timing fixed and does not delay output by a frame to learn durations; and it
    /// makes ffmpeg's wrapper (whose default is variable-rate input) and the in-process encoder set x264 up alike. Stills are encoded without
    /// lookahead (<c>rc-lookahead=0</c>): every still is an IDR that nothing references, so the lookahead's analysis
    /// (mb-tree, frame types) has nothing to decide, and without it x264 returns each picture as soon as it has it,
    /// while the next slide is still being drawn, instead of holding ten frames back.
    /// </summary>
    /// <param name="cabac">CABAC (the High-profile default, about a quarter smaller) or CAVLC for every picture; with
    /// CAVLC the stream has a single PPS, for players that mishandle the CAVLC skip slices next to CABAC pictures.</param>
    internal string EncoderArguments(bool motion, bool cabac = true) => string.Create(CultureInfo.InvariantCulture,
        $"-c:v libx264 -preset {(motion ? "superfast" : "veryfast")} -crf {Crf} -maxrate {MaxRateKbps}k -bufsize {MaxRateKbps * 2}k " +
        $"-profile:v high -level:v {Level} -pix_fmt yuv420p -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv " +
        $"-x264-params {X264Params}:cabac={(cabac ? 1 : 0)}{(motion ? string.Empty : ":rc-lookahead=0")}");
}
