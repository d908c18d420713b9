/**
 * A 4:2:0 picture in whole macroblocks: luma `across`×16 by `down`×16, each chroma plane half
 * that in both directions. Samples beyond the shown size are the encoder's to choose (they are
 * cropped away), but they are decoded and may be referenced by motion.
 */
export interface Picture {
  across: number;
  down: number;
  luma: Uint8Array;
  cb: Uint8Array;
  cr: Uint8Array;
}

export function blankPicture(across: number, down: number): Picture {
  return {
    across,
    down,
    luma: new Uint8Array(across * 16 * down * 16),
    cb: new Uint8Array(across * 8 * down * 8),
    cr: new Uint8Array(across * 8 * down * 8),
  };
}

/**
 * True when every row of macroblock (mx, my) repeats the last sample of the same row in the
 * macroblock to its left, in all three planes: horizontal intra prediction then reproduces it
 * exactly with no residual.
 */
export function repeatsLeftEdge(picture: Picture, mx: number, my: number): boolean {
  if (mx === 0) return false;
  const rowsMatch = (plane: Uint8Array, size: number): boolean => {
    const stride = picture.across * size;
    for (let y = my * size; y < (my + 1) * size; y++) {
      const left = plane[y * stride + mx * size - 1];
      for (let x = mx * size; x < (mx + 1) * size; x++) {
        if (plane[y * stride + x] !== left) return false;
      }
    }
    return true;
  };
  return rowsMatch(picture.luma, 16) && rowsMatch(picture.cb, 8) && rowsMatch(picture.cr, 8);
}

/** A macroblock's 256 luma then 2×64 chroma samples in raster order, as I_PCM carries them. */
export function macroblockSamples(picture: Picture, mx: number, my: number): Uint8Array {
  const out = new Uint8Array(384);
  let at = 0;
  const copy = (plane: Uint8Array, size: number): void => {
    const stride = picture.across * size;
    for (let y = my * size; y < (my + 1) * size; y++) {
      const row = y * stride + mx * size;
      out.set(plane.subarray(row, row + size), at);
      at += size;
    }
  };
  copy(picture.luma, 16);
  copy(picture.cb, 8);
  copy(picture.cr, 8);
  return out;
}
