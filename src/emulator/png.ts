import { crc32, crc32Zeros } from "./crc32.js";
import type { Segment } from "./media-file.js";
import type { Palette } from "./palette.js";
import type { Work } from "./work.js";
import { PAUSE } from "./work.js";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Private, ancillary, safe-to-copy chunk type that viewers skip: holds padding for big results. */
export const PNG_PADDING_CHUNK = "afPd";
const CHUNK_OVERHEAD = 12;

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(data.length + CHUNK_OVERHEAD);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const SINE_STEPS = 1024;
/** About a millisecond of work between chances for the event loop to run. */
const PIXELS_PER_PAUSE = 32_768;
const SINE = Float64Array.from({ length: SINE_STEPS }, (_, i) =>
  Math.sin((2 * Math.PI * i) / SINE_STEPS),
);

/**
 * The picture: a diagonal gradient between two colours with soft discs and gentle waves on top,
 * all placed by the palette, so each prompt gives an image a person can tell apart. It runs on the
 * emulator's event loop for every pixel (up to 4096×4096), hence scalars, a sine table, and rows
 * written straight out with PNG's "Up" filter (each row as its difference from the one above),
 * which also lets deflate at level 1 compress these smooth pictures well.
 */
function* renderPixels(width: number, height: number, palette: Palette): Work<Buffer> {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  const scale = Math.min(width, height);
  const discs = palette.discs.map((d) => {
    const r = d.r * scale;
    return { cx: d.x * width, cy: d.y * height, r, edge: 1 / (r * 0.2), colour: d.colour };
  });
  const [fromR, fromG, fromB] = palette.from;
  const [toR, toG, toB] = palette.to;
  const ripple = Float64Array.from({ length: width }, (_, x) => Math.sin(x / scale) * 3);
  const toSineIndex = SINE_STEPS / (2 * Math.PI);
  // Uint8ClampedArray rounds and clamps on assignment.
  const rowsPerPause = Math.max(1, Math.floor(PIXELS_PER_PAUSE / width));
  let current = new Uint8ClampedArray(width * 3);
  let previous = new Uint8ClampedArray(width * 3);
  for (let y = 0; y < height; y++) {
    const waveY = (y / scale) * palette.waveFrequency;
    const rowDiscs = discs.filter((d) => Math.abs(y - d.cy) < d.r);
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      let r = fromR + (toR - fromR) * t;
      let g = fromG + (toG - fromG) * t;
      let b = fromB + (toB - fromB) * t;
      for (const disc of rowDiscs) {
        const dx = x - disc.cx;
        const dy = y - disc.cy;
        const squared = dx * dx + dy * dy;
        if (squared >= disc.r * disc.r) continue; // outside the disc and its soft edge
        const k = Math.min(1, (disc.r - Math.sqrt(squared)) * disc.edge) * 0.85;
        r += (disc.colour[0] - r) * k;
        g += (disc.colour[1] - g) * k;
        b += (disc.colour[2] - b) * k;
      }
      const phase = Math.floor((waveY + (ripple[x] as number)) * toSineIndex);
      const wave = (SINE[phase & (SINE_STEPS - 1)] as number) * 10;
      current[x * 3] = r + wave;
      current[x * 3 + 1] = g + wave;
      current[x * 3 + 2] = b + wave;
    }
    const row = y * stride;
    raw[row] = y === 0 ? 0 : 2; // filter: None for the first row, Up for the rest
    for (let i = 0; i < current.length; i++) {
      raw[row + 1 + i] = ((current[i] as number) - (y === 0 ? 0 : (previous[i] as number))) & 0xff;
    }
    [current, previous] = [previous, current];
    if (y % rowsPerPause === rowsPerPause - 1) yield PAUSE;
  }
  return raw;
}

/** An 8-bit RGB PNG of `width`×`height`, padded to at least `minBytes` with an `afPd` chunk. */
export function* pngSegments(
  width: number,
  height: number,
  palette: Palette,
  minBytes: number,
): Work<Segment[]> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type RGB
  const raw = yield* renderPixels(width, height, palette);
  const idat = yield { deflate: raw };
  if (idat === undefined) throw new Error("The driver must answer a deflate step.");
  const head = Buffer.concat([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", idat)]);
  const end = chunk("IEND", Buffer.alloc(0));
  const base = head.length + end.length;
  if (minBytes <= base) return [head, end];
  const padding = Math.max(0, minBytes - base - CHUNK_OVERHEAD);
  const padStart = Buffer.alloc(8);
  padStart.writeUInt32BE(padding, 0);
  padStart.write(PNG_PADDING_CHUNK, 4, "latin1");
  const padCrc = Buffer.alloc(4);
  padCrc.writeUInt32BE(crc32Zeros(crc32(Buffer.from(PNG_PADDING_CHUNK, "latin1")), padding));
  return [head, padStart, { zeros: padding }, padCrc, end];
}
