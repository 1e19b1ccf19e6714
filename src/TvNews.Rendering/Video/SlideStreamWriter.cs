using System.Numerics;

namespace TvNews.Rendering.Video;

/// <summary>
/// A span of the story's frames: a still (one IDR picture, shown for <see cref="Frames"/> frames) or an encoded
/// motion clip (one picture per frame).
/// </summary>
internal sealed record StreamRun(H264Clip Clip, int Frames);

/// <summary>
/// One frame of the story's video: its NAL units without start codes or delimiter (an IDR carries SPS and PPS
/// first). The arrays are shared: a still's IDR slices and the skip slices appear in many units.
/// </summary>
internal sealed record AccessUnit(bool Idr, byte[][] Nals);

/// <summary>
/// Builds a story's H.264 elementary stream without encoding repeated frames. x264 encodes each still once as an IDR
/// picture; here every further frame of that still becomes a generated P slice whose macroblocks are all skipped (a
/// copy of the previous frame, about 10 bytes). The still's IDR is repeated at every segment start so each HLS
/// segment opens with an IDR. Motion clips (Ken Burns) are x264 output with IDRs already at the segment starts, and
/// are copied picture by picture. Every clip must share one SPS and PPS (x264's <c>stitchable</c> option).
/// </summary>
internal sealed class SlideStreamWriter
{
    private readonly byte[] _spsNal;
    private readonly byte[] _ppsNal;
    private readonly Sps _sps;
    private readonly Pps _pps;
    private readonly byte[]? _skipPpsNal;
    private readonly int _skipPpsId;
    private readonly Dictionary<int, byte[]> _skipSlices = [];

    public SlideStreamWriter(H264Clip reference)
    {
        _spsNal = reference.SpsNal;
        _ppsNal = reference.PpsNal;
        _sps = reference.Sps;
        _pps = reference.Pps;
        if (_sps.PocType != 2) throw new NotSupportedException($"The stills need pic_order_cnt_type 2 (x264 bframes=0); got {_sps.PocType}.");
        if (_pps.Cabac || _pps.WeightedPred || _pps.NumRefIdxL0Minus1 != 0)
        {
            _skipPpsId = _pps.Id + 1;
            _skipPpsNal = _pps.CavlcTwin(_skipPpsId);
        }
        else
        {
            _skipPpsId = _pps.Id;
        }
    }

    /// <summary>IDR slices re-serialised because two IDRs met with the same idr_pic_id.</summary>
    public int IdrRewrites { get; private set; }

    /// <summary>The sequence parameter set every access unit refers to.</summary>
    public byte[] SpsNal => _spsNal;

    /// <summary>The picture parameter sets: x264's, and the CAVLC twin of the skip slices when there is one.</summary>
    public byte[][] PpsNals => _skipPpsNal is null ? [_ppsNal] : [_ppsNal, _skipPpsNal];

    /// <summary>The runs back to back as access units; an IDR at frame 0, at every run start and every <paramref name="gopFrames"/> frames.</summary>
    public List<AccessUnit> Write(IReadOnlyList<StreamRun> runs, int gopFrames)
    {
        var units = new List<AccessUnit>(runs.Sum(r => r.Frames));
        var maxFrameNum = 1 << _sps.Log2MaxFrameNum;
        var frame = 0;
        var sinceIdr = 0;
        var lastIdrId = -1;
        var previousWasIdr = false;
        foreach (var run in runs)
        {
            if (!run.Clip.SpsNal.AsSpan().SequenceEqual(_spsNal) || !run.Clip.PpsNal.AsSpan().SequenceEqual(_ppsNal))
            {
                throw new InvalidDataException("Two encoded slides differ in SPS/PPS; they were encoded with different settings and cannot be joined.");
            }

            var still = run.Clip.Pictures.Count == 1;
            if (!still && run.Clip.Pictures.Count != run.Frames)
            {
                throw new InvalidDataException($"A motion clip has {run.Clip.Pictures.Count} pictures for {run.Frames} frames.");
            }

            for (var k = 0; k < run.Frames; k++, frame++)
            {
                var picture = still ? run.Clip.Pictures[0] : run.Clip.Pictures[k];
                var idr = k == 0 || frame % gopFrames == 0;
                if (!still && idr != picture.Idr)
                {
                    throw new InvalidDataException($"Motion clip picture {k} (story frame {frame}) is {(picture.Idr ? "an IDR off" : "not an IDR at")} a segment start.");
                }

                if (idr)
                {
                    units.Add(Idr(picture, ref lastIdrId, previousWasIdr));
                    sinceIdr = 0;
                    previousWasIdr = true;
                    continue;
                }

                sinceIdr++;
                if (still)
                {
                    var frameNum = sinceIdr % maxFrameNum;
                    if (!_skipSlices.TryGetValue(frameNum, out var skip)) _skipSlices[frameNum] = skip = SkipSlice(frameNum);
                    units.Add(new AccessUnit(false, [skip]));
                }
                else
                {
                    units.Add(new AccessUnit(false, [.. picture.Slices]));
                }
                previousWasIdr = false;
            }
        }

        return units;
    }

    private AccessUnit Idr(H264Picture picture, ref int lastIdrId, bool previousWasIdr)
    {
        var nals = new List<byte[]>(picture.Slices.Count + 3) { _spsNal, _ppsNal };
        if (_skipPpsNal is not null) nals.Add(_skipPpsNal);

        // Two consecutive IDR access units must differ in idr_pic_id (7.4.3): a one-frame slide, or a slide that starts
        // one frame before a segment boundary, puts the same still's IDR twice in a row.
        var id = IdrPicId(picture.Slices[0]);
        var wanted = previousWasIdr && id == lastIdrId ? (id == 0 ? 1 : 0) : id;
        foreach (var slice in picture.Slices) nals.Add(wanted == id ? slice : RewriteIdrPicId(slice, wanted));
        if (wanted != id) IdrRewrites++;
        lastIdrId = wanted;
        return new AccessUnit(true, [.. nals]);
    }

    /// <summary>
    /// A P slice covering the whole picture with one mb_skip_run (CAVLC). It is a reference picture: with POC type 2
    /// two non-reference pictures in a row would share a picture order count.
    /// </summary>
    private byte[] SkipSlice(int frameNum)
    {
        var w = new BitWriter();
        w.Bits(0x41, 8); // forbidden_zero_bit 0, nal_ref_idc 2, nal_unit_type 1
        w.Ue(0); // first_mb_in_slice
        w.Ue(5); // slice_type P, the same for every slice of the picture
        w.Ue((uint)_skipPpsId);
        w.Bits((uint)frameNum, _sps.Log2MaxFrameNum);
        if (_skipPpsNal is null && _pps.RedundantPicCnt) w.Ue(0);
        if (_skipPpsNal is null && _pps.NumRefIdxL0Minus1 != 0)
        {
            w.Bit(1); // num_ref_idx_active_override_flag
            w.Ue(0);
        }
        else
        {
            w.Bit(0);
        }

        w.Bit(0); // ref_pic_list_modification_flag_l0
        w.Bit(0); // adaptive_ref_pic_marking_mode_flag: sliding window
        w.Se(0); // slice_qp_delta
        if (_skipPpsNal is not null || _pps.DeblockingControl) w.Ue(1); // disable_deblocking_filter_idc: a copy has nothing to filter
        w.Ue((uint)_sps.TotalMbs); // mb_skip_run: every macroblock
        w.TrailingBits();
        return Nal.FromRbsp(w.ToArray());
    }

    private int IdrPicId(byte[] slice)
    {
        var r = new BitReader(Nal.Unescape(slice.AsSpan(0, Math.Min(slice.Length, 16))), 1);
        r.Ue(); // first_mb_in_slice
        r.Ue(); // slice_type
        r.Ue(); // pic_parameter_set_id
        r.Bits(_sps.Log2MaxFrameNum);
        return (int)r.Ue();
    }

    /// <summary>Re-serialises an IDR slice with another idr_pic_id; the slice data shifts, so CABAC alignment is redone.</summary>
    internal byte[] RewriteIdrPicId(byte[] slice, int newId)
    {
        var rbsp = Nal.Unescape(slice);
        var r = new BitReader(rbsp, 1);
        var w = new BitWriter();
        w.Bits(rbsp[0], 8);
        w.Ue(r.Ue()); // first_mb_in_slice
        w.Ue(r.Ue()); // slice_type
        w.Ue(r.Ue()); // pic_parameter_set_id
        w.Bits(r.Bits(_sps.Log2MaxFrameNum), _sps.Log2MaxFrameNum);
        r.Ue();
        w.Ue((uint)newId);
        if (_sps.PocType == 0)
        {
            w.Bits(r.Bits(_sps.Log2MaxPocLsb), _sps.Log2MaxPocLsb);
            if (_pps.BottomFieldPocPresent) w.Se(r.Se());
        }

        if (_pps.RedundantPicCnt) w.Ue(r.Ue());
        w.Bit(r.Bit()); // no_output_of_prior_pics_flag
        w.Bit(r.Bit()); // long_term_reference_flag
        w.Se(r.Se()); // slice_qp_delta
        if (_pps.DeblockingControl)
        {
            var idc = r.Ue();
            w.Ue(idc);
            if (idc != 1)
            {
                w.Se(r.Se());
                w.Se(r.Se());
            }
        }

        if (_pps.Cabac)
        {
            // CABAC slice data starts byte aligned (cabac_alignment_one_bit) and is copied as is.
            while (r.Position % 8 != 0) r.Bit();
            while (!w.Aligned) w.Bit(1);
            w.Bytes(rbsp.AsSpan((int)(r.Position / 8)));
        }
        else
        {
            // CAVLC slice data is a bit string: copy it up to (not including) the stop bit, then terminate again.
            var last = rbsp.Length - 1;
            while (rbsp[last] == 0) last--;
            var stop = (last * 8L) + 7 - BitOperations.TrailingZeroCount(rbsp[last]);
            while (r.Position < stop) w.Bit(r.Bit());
            w.TrailingBits();
        }

        return Nal.FromRbsp(w.ToArray());
    }
}
