namespace TvNews.Rendering.Video;

/// <summary>The SPS fields the stream writer depends on (H.264 7.3.2.1.1).</summary>
internal sealed record Sps(int Profile, int Level, int Log2MaxFrameNum, int PocType, int Log2MaxPocLsb, int MaxRefFrames, int WidthMbs, int HeightMbs)
{
    public int TotalMbs => WidthMbs * HeightMbs;

    public static Sps Parse(byte[] nal)
    {
        var r = new BitReader(Nal.Unescape(nal), 1);
        var profile = (int)r.Bits(8);
        r.Bits(8); // constraint flags
        var level = (int)r.Bits(8);
        r.Ue(); // seq_parameter_set_id
        if (profile is 100 or 110 or 122 or 244 or 44 or 83 or 86 or 118 or 128 or 138 or 139 or 134 or 135)
        {
            if (r.Ue() == 3) r.Bit(); // chroma_format_idc, separate_colour_plane_flag
            r.Ue(); // bit_depth_luma_minus8
            r.Ue(); // bit_depth_chroma_minus8
            r.Bit(); // qpprime_y_zero_transform_bypass_flag
            if (r.Bit() == 1) throw new NotSupportedException("SPS scaling matrices are not supported.");
        }

        var log2MaxFrameNum = (int)r.Ue() + 4;
        var pocType = (int)r.Ue();
        var log2MaxPocLsb = 0;
        if (pocType == 0) log2MaxPocLsb = (int)r.Ue() + 4;
        else if (pocType == 1) throw new NotSupportedException("pic_order_cnt_type 1 is not supported.");

        var maxRef = (int)r.Ue();
        r.Bit(); // gaps_in_frame_num_value_allowed_flag
        var width = (int)r.Ue() + 1;
        var height = (int)r.Ue() + 1;
        if (r.Bit() != 1) throw new NotSupportedException("Interlaced H.264 (frame_mbs_only_flag = 0) is not supported.");
        return new Sps(profile, level, log2MaxFrameNum, pocType, log2MaxPocLsb, maxRef, width, height);
    }
}

/// <summary>The PPS fields slice headers depend on (H.264 7.3.2.2).</summary>
internal sealed record Pps(int Id, int SpsId, bool Cabac, bool BottomFieldPocPresent, int NumRefIdxL0Minus1, bool WeightedPred,
    int PicInitQpMinus26, int ChromaQpOffset, bool DeblockingControl, bool RedundantPicCnt)
{
    public static Pps Parse(byte[] nal)
    {
        var r = new BitReader(Nal.Unescape(nal), 1);
        var id = (int)r.Ue();
        var spsId = (int)r.Ue();
        var cabac = r.Bit() == 1;
        var bottom = r.Bit() == 1;
        if (r.Ue() != 0) throw new NotSupportedException("Slice groups are not supported.");
        var l0 = (int)r.Ue();
        r.Ue(); // num_ref_idx_l1_default_active_minus1
        var weighted = r.Bit() == 1;
        r.Bits(2); // weighted_bipred_idc
        var qp = r.Se();
        r.Se(); // pic_init_qs_minus26
        var chromaQp = r.Se();
        var deblocking = r.Bit() == 1;
        r.Bit(); // constrained_intra_pred_flag
        var redundant = r.Bit() == 1;
        return new Pps(id, spsId, cabac, bottom, l0, weighted, qp, chromaQp, deblocking, redundant);
    }

    /// <summary>
    /// A CAVLC twin of this PPS under another id, for the generated skip slices: the encoded pictures keep CABAC
    /// (about a quarter smaller) while a skip slice stays one Exp-Golomb run with no arithmetic coder to implement.
    /// </summary>
    public byte[] CavlcTwin(int newId)
    {
        var w = new BitWriter();
        w.Bits(0x68, 8); // nal_ref_idc 3, nal_unit_type 8
        w.Ue((uint)newId);
        w.Ue((uint)SpsId);
        w.Bit(0); // entropy_coding_mode_flag: CAVLC
        w.Bit(0); // bottom_field_pic_order_in_frame_present_flag
        w.Ue(0); // num_slice_groups_minus1
        w.Ue(0); // num_ref_idx_l0_default_active_minus1
        w.Ue(0); // num_ref_idx_l1_default_active_minus1
        w.Bit(0); // weighted_pred_flag
        w.Bits(0, 2); // weighted_bipred_idc
        w.Se(PicInitQpMinus26);
        w.Se(0); // pic_init_qs_minus26
        w.Se(ChromaQpOffset);
        w.Bit(1); // deblocking_filter_control_present_flag
        w.Bit(0); // constrained_intra_pred_flag
        w.Bit(0); // redundant_pic_cnt_present_flag
        w.TrailingBits();
        return Nal.FromRbsp(w.ToArray());
    }
}

/// <summary>One coded picture: its slice NAL units, in order.</summary>
internal sealed record H264Picture(bool Idr, IReadOnlyList<byte[]> Slices);

/// <summary>
/// An x264 output split into parameter sets and pictures. SEI, AUD and end-of-stream units are dropped: the writer
/// emits its own access unit delimiters, and x264's version SEI only needs to appear once in a file, if at all.
/// </summary>
internal sealed class H264Clip
{
    private H264Clip(byte[] spsNal, byte[] ppsNal, List<H264Picture> pictures)
    {
        SpsNal = spsNal;
        PpsNal = ppsNal;
        Pictures = pictures;
        Sps = Sps.Parse(spsNal);
        Pps = Pps.Parse(ppsNal);
    }

    public byte[] SpsNal { get; }

    public byte[] PpsNal { get; }

    public Sps Sps { get; }

    public Pps Pps { get; }

    public IReadOnlyList<H264Picture> Pictures { get; }

    public static H264Clip Parse(ReadOnlySpan<byte> annexB)
    {
        byte[]? sps = null, pps = null;
        var pictures = new List<H264Picture>();
        List<byte[]>? slices = null;
        var idr = false;
        foreach (var nal in Nal.Split(annexB))
        {
            switch (Nal.Type(nal))
            {
                case 7:
                    if (sps is not null && !sps.AsSpan().SequenceEqual(nal)) throw new InvalidDataException("The clip changes its SPS mid-stream.");
                    sps = nal;
                    break;
                case 8:
                    if (pps is not null && !pps.AsSpan().SequenceEqual(nal)) throw new InvalidDataException("The clip changes its PPS mid-stream.");
                    pps = nal;
                    break;
                case 1 or 5:
                    // first_mb_in_slice == 0 starts a new picture.
                    if (slices is null || new BitReader(Nal.Unescape(nal.AsSpan(0, Math.Min(nal.Length, 8))), 1).Ue() == 0)
                    {
                        if (slices is not null) pictures.Add(new H264Picture(idr, slices));
                        slices = [];
                        idr = Nal.Type(nal) == 5;
                    }
                    slices.Add(nal);
                    break;
            }
        }

        if (slices is not null) pictures.Add(new H264Picture(idr, slices));
        if (sps is null || pps is null) throw new InvalidDataException("The clip has no SPS or PPS.");
        if (pictures.Count == 0 || !pictures[0].Idr) throw new InvalidDataException("The clip does not start with an IDR picture.");
        return new H264Clip(sps, pps, pictures);
    }

    /// <summary>Writes pictures [from, from + count) as a self-contained Annex-B clip (SPS, PPS, slices).</summary>
    public void Write(Stream output, int from, int count)
    {
        Put(output, SpsNal);
        Put(output, PpsNal);
        for (var i = from; i < from + count; i++)
        {
            foreach (var slice in Pictures[i].Slices) Put(output, slice);
        }
    }

    internal static void Put(Stream output, byte[] nal)
    {
        output.Write(Nal.StartCode);
        output.Write(nal);
    }
}
