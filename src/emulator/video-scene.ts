import type { Picture } from "./h264/picture.js";
import { blankPicture } from "./h264/picture.js";
import type { MotionField, MotionVector } from "./h264/motion-slice.js";
import type { Palette, Rgb } from "./palette.js";
import { mix } from "./palette.js";
import type { Work } from "./work.js";
import { PAUSE } from "./work.js";

/**
 * What the emulator's videos show: a vertical gradient with the prompt's colours and a disc that
 * slides from the left edge to the right over the whole clip. The background is the same along
 * each row, so moving the macroblock rows that hold the disc sideways moves the disc and nothing
 * else: every frame after the first is pure motion (a few bytes), and the first is cheap except
 * along the disc's edge.
 */
export interface VideoScene {
  first: Picture;
  /** The motion that moves the disc `shift` samples (even) further right. */
  motion(shift: number): MotionField;
  /** How far (samples, even) the disc has moved right by frame `index`. */
  offset(index: number): number;
  /** The macroblock rows that move (first and last, inclusive; none when first > last). */
  movingRows: { first: number; last: number };
}

const MARGIN = 2;
const ROWS_PER_PAUSE = 64;

/** BT.709 limited range, as the stream's VUI says. */
function toYCbCr([r, g, b]: Rgb): [number, number, number] {
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return [
    16 + (219 * y) / 255,
    128 + (224 * (b - y)) / (1.8556 * 255),
    128 + (224 * (r - y)) / (1.5748 * 255),
  ];
}

export function* videoScene(
  width: number,
  height: number,
  frames: number,
  palette: Palette,
): Work<VideoScene> {
  const across = Math.ceil(width / 16);
  const down = Math.ceil(height / 16);
  const first = blankPicture(across, down);
  const radius = Math.floor(Math.min(width / 2 - 2 * MARGIN, height) / 4);
  const cy = height / 2;
  const cx = MARGIN + radius;
  const travel = Math.max(0, width - 2 * (MARGIN + radius));
  const hasDisc = radius >= 2;
  const stride = across * 16;
  const cStride = across * 8;
  // The padding beyond the shown size repeats the last row and column (so it moves like them).
  const backgroundOf = (y: number): Rgb =>
    mix(palette.from, palette.to, height > 1 ? Math.min(y, height - 1) / (height - 1) : 0);
  const coverAt = (x: number, y: number): number => {
    const sy = Math.min(y, height - 1);
    const distance = Math.hypot(Math.min(x, width - 1) + 0.5 - cx, sy + 0.5 - cy);
    return Math.min(1, Math.max(0, radius + 0.5 - distance));
  };
  // Only samples near the disc differ from their row's background.
  const discLeft = hasDisc ? Math.max(0, Math.floor((cx - radius - 2) / 2) * 2) : 0;
  const discRight = hasDisc ? Math.min(stride, Math.ceil((cx + radius + 2) / 2) * 2) : 0;
  for (let y = 0; y < down * 16; y += 2) {
    const rows = [backgroundOf(y), backgroundOf(y + 1)] as const;
    const [lumaTop, cbTop, crTop] = toYCbCr(rows[0]);
    const [lumaBottom, cbBottom, crBottom] = toYCbCr(rows[1]);
    first.luma.fill(Math.round(lumaTop), y * stride, (y + 1) * stride);
    first.luma.fill(Math.round(lumaBottom), (y + 1) * stride, (y + 2) * stride);
    const c = (y / 2) * cStride;
    first.cb.fill(Math.round((cbTop + cbBottom) / 2), c, c + cStride);
    first.cr.fill(Math.round((crTop + crBottom) / 2), c, c + cStride);
    if (hasDisc && y + 2 >= cy - radius - 1 && y <= cy + radius + 1) {
      for (let x = discLeft; x < discRight; x += 2) {
        let sumB = 0;
        let sumR = 0;
        for (const [dy, background] of rows.entries()) {
          for (let dx = 0; dx < 2; dx++) {
            const cover = coverAt(x + dx, y + dy);
            const rgb = cover === 0 ? background : mix(background, palette.accent, cover);
            const [luma, cb, cr] = toYCbCr(rgb);
            first.luma[(y + dy) * stride + x + dx] = Math.round(luma);
            sumB += cb;
            sumR += cr;
          }
        }
        first.cb[c + x / 2] = Math.round(sumB / 4);
        first.cr[c + x / 2] = Math.round(sumR / 4);
      }
    }
    if (y % ROWS_PER_PAUSE === 0) yield PAUSE;
  }
  // Macroblock rows the disc touches: the ones that move.
  const topRow = hasDisc ? Math.floor(Math.max(0, cy - radius - 1) / 16) : 1;
  const bottomRow = hasDisc ? Math.floor(Math.min(down * 16 - 1, cy + radius + 1) / 16) : 0;
  // Even offsets keep chroma (half the luma resolution) on whole samples: no interpolation.
  const offset = (index: number): number =>
    frames <= 1 ? 0 : 2 * Math.round((travel * index) / (frames - 1) / 2);
  const still: MotionVector = { x: 0, y: 0 };
  return {
    first,
    offset,
    movingRows: { first: topRow, last: bottomRow },
    motion(shift) {
      // A vector (in quarter samples) says where a macroblock's samples come from: moving right
      // means reading from the left.
      const moving: MotionVector = { x: -4 * shift, y: 0 };
      return {
        across,
        down,
        vectorAt: (_mx, my) => (my >= topRow && my <= bottomRow ? moving : still),
      };
    },
  };
}
