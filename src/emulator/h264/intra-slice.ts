import type { Work } from "../work.js";
import { PAUSE } from "../work.js";
import { BitWriter } from "./bit-writer.js";
import { NAL_TYPE, nalUnit } from "./nal-unit.js";
import { LOG2_MAX_FRAME_NUM } from "./parameter-sets.js";
import type { Picture } from "./picture.js";
import { macroblockSamples, repeatsLeftEdge } from "./picture.js";

const I_PCM = 25;
/** I_16x16_1_0_0: Intra_16x16 horizontal prediction, no coded luma AC and no chroma. */
const I_16X16_HORIZONTAL = 2;
const CHROMA_HORIZONTAL = 1;

/**
 * coeff_token for TotalCoeff 0, TrailingOnes 0 (H.264 Table 9-5) for the table nC selects:
 * the Intra16x16DCLevel block that every Intra_16x16 macroblock carries, here always empty.
 */
function writeNoCoefficients(bits: BitWriter, nC: number): void {
  if (nC < 2) bits.u(1, 0b1);
  else if (nC < 4) bits.u(2, 0b11);
  else if (nC < 8) bits.u(4, 0b1111);
  else bits.u(6, 0b000011);
}

/**
 * An IDR picture as one I slice that reproduces `picture` exactly: a macroblock whose rows each
 * repeat the sample to their left is Intra_16x16 horizontal with no residual (about a byte), any
 * other is I_PCM (its 384 samples as they are). Smooth horizontal bands cost almost nothing, and
 * the result is lossless, so a decoder's output can be compared with the source sample by sample.
 */
export function* intraSlice(picture: Picture): Work<Buffer> {
  const { across, down } = picture;
  const bits = new BitWriter()
    .ue(0) // first_mb_in_slice
    .ue(7) // slice_type: I (all slices of the picture)
    .ue(0) // pic_parameter_set_id
    .u(LOG2_MAX_FRAME_NUM, 0) // frame_num
    .ue(0) // idr_pic_id
    .flag(false) // no_output_of_prior_pics_flag
    .flag(false) // long_term_reference_flag
    .se(0) // slice_qp_delta
    .ue(1); // disable_deblocking_filter_idc: off
  // Each macroblock's coefficient count as its neighbours' nC sees it: 16 for I_PCM, else 0.
  const isPcm = new Uint8Array(across * down);
  for (let my = 0; my < down; my++) {
    for (let mx = 0; mx < across; mx++) {
      const index = my * across + mx;
      if (repeatsLeftEdge(picture, mx, my)) {
        bits.ue(I_16X16_HORIZONTAL).ue(CHROMA_HORIZONTAL).se(0); // mb_type, chroma mode, qp delta
        const nA = isPcm[index - 1] === 1 ? 16 : 0;
        if (my === 0) writeNoCoefficients(bits, nA);
        else writeNoCoefficients(bits, (nA + (isPcm[index - across] === 1 ? 16 : 0) + 1) >> 1);
      } else {
        isPcm[index] = 1;
        bits
          .ue(I_PCM)
          .alignWithZeros()
          .bytes(macroblockSamples(picture, mx, my));
      }
    }
    yield PAUSE;
  }
  return nalUnit(NAL_TYPE.idrSlice, 3, bits.finish());
}
