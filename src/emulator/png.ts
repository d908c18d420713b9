import { deflateSync } from "node:zlib";
import { crc32, crc32Zeros } from "./crc32.js";
import type { Segment } from "./media-file.js";
import type { Palette } from "./palette.js";

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

/**
 * The picture: a diagonal gradient between two colours with soft discs and gentle waves on top,
 * all placed by the palette, so each prompt gives an image a person can tell apart.
 */
function renderPixels(width: number, height: number, palette: Palette): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  const scale = Math.min(width, height);
  const discs = palette.discs.map((d) => ({
    cx: d.x * width,
    cy: d.y * height,
    r: d.r * scale,
    colour: d.colour,
  }));
  const { from, to } = palette;
  const ripple = Float64Array.from({ length: width }, (_, x) => Math.sin(x / scale) * 3);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const waveY = (y / scale) * palette.waveFrequency;
    for (let x = 0; x < width; x++) {
      // Scalars rather than Rgb tuples: this loop runs for every pixel of up to 4096×4096.
      const t = (x / width + y / height) / 2;
      let r = from[0] + (to[0] - from[0]) * t;
      let g = from[1] + (to[1] - from[1]) * t;
      let b = from[2] + (to[2] - from[2]) * t;
      for (const disc of discs) {
        const dx = x - disc.cx;
        const dy = y - disc.cy;
        const squared = dx * dx + dy * dy;
        if (squared >= disc.r * disc.r) continue; // outside the disc and its soft edge
        const k = Math.min(1, (disc.r - Math.sqrt(squared)) / (disc.r * 0.2)) * 0.85;
        r += (disc.colour[0] - r) * k;
        g += (disc.colour[1] - g) * k;
        b += (disc.colour[2] - b) * k;
      }
      const wave = Math.sin(waveY + (ripple[x] as number)) * 10;
      const at = row + 1 + x * 3;
      raw[at] = clampByte(r + wave);
      raw[at + 1] = clampByte(g + wave);
      raw[at + 2] = clampByte(b + wave);
    }
  }
  // PNG's "Up" filter (rows as differences from the row above), applied bottom-up in place:
  // smooth pictures then deflate faster and smaller even at level 1.
  for (let y = height - 1; y > 0; y--) {
    const row = y * stride;
    raw[row] = 2;
    for (let i = 1; i < stride; i++) {
      raw[row + i] = ((raw[row + i] as number) - (raw[row - stride + i] as number)) & 0xff;
    }
  }
  return raw;
}

function clampByte(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}

/** An 8-bit RGB PNG of `width`×`height`, padded to at least `minBytes` with an `afPd` chunk. */
export function pngSegments(
  width: number,
  height: number,
  palette: Palette,
  minBytes: number,
): Segment[] {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type RGB
  // Level 1: the emulator's event loop matters more than a few kilobytes.
  const idat = deflateSync(renderPixels(width, height, palette), { level: 1 });
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
