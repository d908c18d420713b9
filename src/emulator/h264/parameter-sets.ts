import { BitWriter } from "./bit-writer.js";
import { NAL_TYPE, nalUnit } from "./nal-unit.js";

/** Constrained Baseline: profile_idc 66 with constraint_set0 and constraint_set1 set. */
export const PROFILE_IDC = 66;
export const PROFILE_COMPATIBILITY = 0b1100_0000;
/** frame_num is 16 bits wide, so it wraps only after 65,536 pictures. */
export const LOG2_MAX_FRAME_NUM = 16;

/** H.264 Table A-1: level_idc, max macroblocks per second, max frame size in macroblocks. */
const LEVELS: ReadonlyArray<readonly [number, number, number]> = [
  [10, 1_485, 99],
  [11, 3_000, 396],
  [12, 6_000, 396],
  [13, 11_880, 396],
  [20, 11_880, 396],
  [21, 19_800, 792],
  [22, 20_250, 1_620],
  [30, 40_500, 1_620],
  [31, 108_000, 3_600],
  [32, 216_000, 5_120],
  [40, 245_760, 8_192],
  [42, 522_240, 8_704],
  [50, 589_824, 22_080],
  [51, 983_040, 36_864],
  [52, 2_073_600, 36_864],
  [60, 4_177_920, 139_264],
  [61, 8_355_840, 139_264],
  [62, 16_711_680, 139_264],
];

export interface StreamShape {
  /** The picture as shown (even numbers: 4:2:0 crops in steps of two). */
  width: number;
  height: number;
  fps: number;
}

export function macroblocksAcross(shape: StreamShape): number {
  return Math.ceil(shape.width / 16);
}

export function macroblocksDown(shape: StreamShape): number {
  return Math.ceil(shape.height / 16);
}

/** The lowest level whose frame size, frame sides and macroblock rate hold this stream. */
export function levelFor(shape: StreamShape): number {
  const across = macroblocksAcross(shape);
  const down = macroblocksDown(shape);
  const frame = across * down;
  for (const [idc, perSecond, maxFrame] of LEVELS) {
    const maxSide = Math.sqrt(maxFrame * 8);
    if (frame <= maxFrame && across <= maxSide && down <= maxSide && frame * shape.fps <= perSecond)
      return idc;
  }
  return 62;
}

/**
 * The sequence parameter set: Constrained Baseline, 4:2:0, picture order = decoding order
 * (pic_order_cnt_type 2, no B pictures), one reference frame, cropping for sides that are not
 * multiples of 16, and a VUI that says BT.709 limited range, the frame rate, and that no picture
 * waits to be shown (max_dec_frame_buffering 1), so players output each frame as it decodes.
 */
export function sequenceParameterSet(shape: StreamShape): Buffer {
  const across = macroblocksAcross(shape);
  const down = macroblocksDown(shape);
  const cropRight = across * 16 - shape.width;
  const cropBottom = down * 16 - shape.height;
  const bits = new BitWriter()
    .u(8, PROFILE_IDC)
    .u(8, PROFILE_COMPATIBILITY)
    .u(8, levelFor(shape))
    .ue(0) // seq_parameter_set_id
    .ue(LOG2_MAX_FRAME_NUM - 4)
    .ue(2) // pic_order_cnt_type
    .ue(1) // max_num_ref_frames
    .flag(false) // gaps_in_frame_num_value_allowed_flag
    .ue(across - 1)
    .ue(down - 1)
    .flag(true) // frame_mbs_only_flag
    .flag(true) // direct_8x8_inference_flag
    .flag(cropRight > 0 || cropBottom > 0);
  if (cropRight > 0 || cropBottom > 0) {
    // Crop units are two samples in each direction for 4:2:0 frames.
    bits
      .ue(0)
      .ue(cropRight / 2)
      .ue(0)
      .ue(cropBottom / 2);
  }
  bits
    .flag(true) // vui_parameters_present_flag
    .flag(false) // aspect_ratio_info_present_flag (square samples)
    .flag(false) // overscan_info_present_flag
    .flag(true) // video_signal_type_present_flag
    .u(3, 5) // video_format: unspecified
    .flag(false) // video_full_range_flag
    .flag(true) // colour_description_present_flag
    .u(8, 1) // colour_primaries: BT.709
    .u(8, 1) // transfer_characteristics: BT.709
    .u(8, 1) // matrix_coefficients: BT.709
    .flag(false) // chroma_loc_info_present_flag
    .flag(true) // timing_info_present_flag
    .u(32, 1) // num_units_in_tick
    .u(32, shape.fps * 2) // time_scale: two ticks per frame
    .flag(true) // fixed_frame_rate_flag
    .flag(false) // nal_hrd_parameters_present_flag
    .flag(false) // vcl_hrd_parameters_present_flag
    .flag(false) // pic_struct_present_flag
    .flag(true) // bitstream_restriction_flag
    .flag(true) // motion_vectors_over_pic_boundaries_flag
    .ue(0) // max_bytes_per_pic_denom
    .ue(0) // max_bits_per_mb_denom
    .ue(16) // log2_max_mv_length_horizontal
    .ue(16) // log2_max_mv_length_vertical
    .ue(0) // max_num_reorder_frames
    .ue(1); // max_dec_frame_buffering
  return nalUnit(NAL_TYPE.sps, 3, bits.finish());
}

/**
 * The picture parameter set: CAVLC, one slice group, one reference index, QP 26, and the
 * deblocking control present so each slice can turn the filter off (the pictures are exact
 * copies of their samples; a filter would blur the edges of moved macroblocks).
 */
export function pictureParameterSet(): Buffer {
  const bits = new BitWriter()
    .ue(0) // pic_parameter_set_id
    .ue(0) // seq_parameter_set_id
    .flag(false) // entropy_coding_mode_flag: CAVLC
    .flag(false) // bottom_field_pic_order_in_frame_present_flag
    .ue(0) // num_slice_groups_minus1
    .ue(0) // num_ref_idx_l0_default_active_minus1
    .ue(0) // num_ref_idx_l1_default_active_minus1
    .flag(false) // weighted_pred_flag
    .u(2, 0) // weighted_bipred_idc
    .se(0) // pic_init_qp_minus26
    .se(0) // pic_init_qs_minus26
    .se(0) // chroma_qp_index_offset
    .flag(true) // deblocking_filter_control_present_flag
    .flag(false) // constrained_intra_pred_flag
    .flag(false); // redundant_pic_cnt_present_flag
  return nalUnit(NAL_TYPE.pps, 3, bits.finish());
}
