import type { WrittenBits } from "./bit-writer.js";
import { BitWriter } from "./bit-writer.js";
import { NAL_TYPE, nalUnit } from "./nal-unit.js";
import { LOG2_MAX_FRAME_NUM } from "./parameter-sets.js";

const P_L0_16X16 = 0;
/** coded_block_pattern 0 for an inter macroblock is codeNum 0 (H.264 Table 9-4). */
const INTER_CBP_NONE = 0;

/** A motion vector in quarter samples. */
export interface MotionVector {
  x: number;
  y: number;
}

/** Where the picture's macroblocks move: `vectorAt(mx, my)` for each, all from the last picture. */
export interface MotionField {
  across: number;
  down: number;
  vectorAt(mx: number, my: number): MotionVector;
}

const ZERO: MotionVector = { x: 0, y: 0 };
const median = (a: number, b: number, c: number): number =>
  Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));

/**
 * The vectors a decoder has derived so far in this slice, and the two predictions H.264 makes
 * from them for a 16×16 partition (§ 8.4.1.3) and for P_Skip (§ 8.4.1.1). Every macroblock of
 * these slices is inter with reference index 0, so an available neighbour always has index 0.
 */
class VectorPredictor {
  readonly #x: Int32Array;
  readonly #y: Int32Array;

  constructor(
    private readonly across: number,
    down: number,
  ) {
    this.#x = new Int32Array(across * down);
    this.#y = new Int32Array(across * down);
  }

  set(mx: number, my: number, vector: MotionVector): void {
    this.#x[my * this.across + mx] = vector.x;
    this.#y[my * this.across + mx] = vector.y;
  }

  #at(index: number): MotionVector {
    return { x: this.#x[index] as number, y: this.#y[index] as number };
  }

  /** mvpL0 of a 16×16 partition: the median of left, above and above-right (or above-left). */
  predicted(mx: number, my: number): MotionVector {
    const across = this.across;
    const a = mx > 0 ? my * across + mx - 1 : -1;
    const b = my > 0 ? (my - 1) * across + mx : -1;
    const c = my === 0 ? -1 : mx + 1 < across ? b + 1 : mx > 0 ? b - 1 : -1; // above-right, else above-left
    if (b < 0 && a >= 0) return this.#at(a); // B and C missing: both become A, the median is A
    const present = (a >= 0 ? 1 : 0) + (b >= 0 ? 1 : 0) + (c >= 0 ? 1 : 0);
    if (present === 1) return this.#at(Math.max(a, b, c)); // the only one with reference index 0
    const x = (n: number): number => (n >= 0 ? (this.#x[n] as number) : 0);
    const y = (n: number): number => (n >= 0 ? (this.#y[n] as number) : 0);
    return { x: median(x(a), x(b), x(c)), y: median(y(a), y(b), y(c)) };
  }

  /** mvL0 of a P_Skip macroblock: zero at the picture's top and left, or beside a still one. */
  skipped(mx: number, my: number): MotionVector {
    if (mx === 0 || my === 0) return ZERO;
    const left = my * this.across + mx - 1;
    const above = (my - 1) * this.across + mx;
    if (this.#x[left] === 0 && this.#y[left] === 0) return ZERO;
    if (this.#x[above] === 0 && this.#y[above] === 0) return ZERO;
    return this.predicted(mx, my);
  }
}

/**
 * The macroblocks of a P picture with no residual: each is a copy of the last picture moved by
 * its vector. A macroblock whose vector is the one P_Skip would derive is skipped (runs of them
 * cost a few bits); any other is P_L0_16x16 with the difference from its prediction. The same
 * field gives the same bits, so a caller may reuse them for every picture that moves alike.
 */
export function motionSliceData(field: MotionField): WrittenBits {
  const bits = new BitWriter();
  const vectors = new VectorPredictor(field.across, field.down);
  let skipRun = 0;
  for (let my = 0; my < field.down; my++) {
    for (let mx = 0; mx < field.across; mx++) {
      const wanted = field.vectorAt(mx, my);
      const skip = vectors.skipped(mx, my);
      if (skip.x === wanted.x && skip.y === wanted.y) {
        skipRun++;
        vectors.set(mx, my, skip);
        continue;
      }
      const predicted = vectors.predicted(mx, my);
      bits
        .ue(skipRun)
        .ue(P_L0_16X16)
        .se(wanted.x - predicted.x)
        .se(wanted.y - predicted.y)
        .ue(INTER_CBP_NONE);
      skipRun = 0;
      vectors.set(mx, my, wanted);
    }
  }
  if (skipRun > 0) bits.ue(skipRun);
  return bits.snapshot();
}

/** A P picture as one slice: its header, then macroblocks from `motionSliceData`. */
export function motionSlice(data: WrittenBits, frameNum: number): Buffer {
  const bits = new BitWriter()
    .ue(0) // first_mb_in_slice
    .ue(5) // slice_type: P (all slices of the picture)
    .ue(0) // pic_parameter_set_id
    .u(LOG2_MAX_FRAME_NUM, frameNum % 2 ** LOG2_MAX_FRAME_NUM)
    .flag(false) // num_ref_idx_active_override_flag
    .flag(false) // ref_pic_list_modification_flag_l0
    .flag(false) // adaptive_ref_pic_marking_mode_flag: sliding window
    .se(0) // slice_qp_delta
    .ue(1) // disable_deblocking_filter_idc: off
    .append(data);
  return nalUnit(NAL_TYPE.slice, 2, bits.finish());
}
