import type { WavPeaks } from "./wav-peaks.js";

/** An image as raw RGB samples, row by row. */
export interface RawImage {
  width: number;
  height: number;
  channels: 3;
  pixels: Buffer;
}

/** GitHub's light canvas and accent, so the picture sits in a comment like its own UI. */
const BACKGROUND = [0xf6, 0xf8, 0xfa] as const;
const WAVE = [0x09, 0x69, 0xda] as const;
const MIDLINE = [0xd0, 0xd7, 0xde] as const;

/**
 * The waveform: for each column a bar from its lowest to its highest sample, around a midline,
 * on a light background. Quiet columns still show a one-pixel bar, so silence reads as a line.
 */
export function drawWaveform(peaks: WavPeaks, height: number): RawImage {
  const width = peaks.low.length;
  const pixels = Buffer.alloc(width * height * 3);
  const paint = (x: number, y: number, [r, g, b]: readonly [number, number, number]): void => {
    const at = (y * width + x) * 3;
    pixels[at] = r;
    pixels[at + 1] = g;
    pixels[at + 2] = b;
  };
  const middle = Math.floor(height / 2);
  const rowOf = (value: number): number =>
    Math.max(0, Math.min(height - 1, Math.round(middle - value * (middle - 1))));
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) paint(x, y, y === middle ? MIDLINE : BACKGROUND);
    const top = rowOf(peaks.high[x] as number);
    const bottom = rowOf(peaks.low[x] as number);
    for (let y = Math.min(top, bottom); y <= Math.max(top, bottom); y++) paint(x, y, WAVE);
  }
  return { width, height, channels: 3, pixels };
}
