import type { Segment } from "./media-file.js";
import type { Palette } from "./palette.js";
import { mix } from "./palette.js";
import type { Work } from "./work.js";
import { PAUSE } from "./work.js";

export const VIDEO_WIDTH = 160;
export const VIDEO_HEIGHT = 90;
export const VIDEO_FRAMES = 24;
const FPS = 24;
const MOVIE_TIMESCALE = 1000;

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, "latin1");
  return Buffer.concat([header, body]);
}

function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
  const versionAndFlags = Buffer.alloc(4);
  versionAndFlags.writeUInt32BE(((version << 24) | flags) >>> 0);
  return box(type, versionAndFlags, ...payload);
}

function u32(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => out.writeUInt32BE(v >>> 0, i * 4));
  return out;
}

function u16(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => out.writeUInt16BE(v & 0xffff, i * 2));
  return out;
}

const IDENTITY_MATRIX = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);

/** A gradient with a disc sliding across it, one RGB24 frame per sample. */
function* renderFrames(palette: Palette): Work<Buffer> {
  const frameBytes = VIDEO_WIDTH * VIDEO_HEIGHT * 3;
  const frames = Buffer.alloc(frameBytes * VIDEO_FRAMES);
  const radius = VIDEO_HEIGHT / 4;
  for (let f = 0; f < VIDEO_FRAMES; f++) {
    const cx = radius + ((VIDEO_WIDTH - 2 * radius) * f) / (VIDEO_FRAMES - 1);
    const cy = VIDEO_HEIGHT / 2;
    for (let y = 0; y < VIDEO_HEIGHT; y++) {
      for (let x = 0; x < VIDEO_WIDTH; x++) {
        const inside = (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
        const [r, g, b] = inside
          ? palette.accent
          : mix(palette.from, palette.to, (x / VIDEO_WIDTH + y / VIDEO_HEIGHT) / 2);
        const at = f * frameBytes + (y * VIDEO_WIDTH + x) * 3;
        frames[at] = Math.round(r);
        frames[at + 1] = Math.round(g);
        frames[at + 2] = Math.round(b);
      }
    }
    yield PAUSE;
  }
  return frames;
}

/** The QuickTime 'raw ' (uncompressed RGB, depth 24) sample description. */
function rawSampleEntry(): Buffer {
  const compressorName = Buffer.alloc(32);
  const name = "AgentFramer raw RGB";
  compressorName[0] = name.length;
  compressorName.write(name, 1, "latin1");
  return box(
    "raw ",
    Buffer.alloc(6), // reserved
    u16(1), // data reference index
    u16(0, 0), // version, revision
    u32(0, 0, 0), // vendor, temporal and spatial quality
    u16(VIDEO_WIDTH, VIDEO_HEIGHT),
    u32(0x00480000, 0x00480000), // 72 dpi
    u32(0), // data size
    u16(1), // frames per sample
    compressorName,
    u16(24, 0xffff), // depth, colour table id (none)
  );
}

function moov(frameBytes: number, mdatDataOffset: number): Buffer {
  const durationMs = Math.round((VIDEO_FRAMES / FPS) * MOVIE_TIMESCALE);
  const mvhd = fullBox(
    "mvhd",
    0,
    0,
    u32(0, 0, MOVIE_TIMESCALE, durationMs, 0x00010000),
    u16(0x0100, 0),
    u32(0, 0),
    IDENTITY_MATRIX,
    u32(0, 0, 0, 0, 0, 0),
    u32(2), // next track id
  );
  const tkhd = fullBox(
    "tkhd",
    0,
    0x000003, // enabled, in movie
    u32(0, 0, 1, 0, durationMs, 0, 0),
    u16(0, 0, 0, 0), // layer, alternate group, volume, reserved
    IDENTITY_MATRIX,
    u32(VIDEO_WIDTH << 16, VIDEO_HEIGHT << 16),
  );
  const mdhd = fullBox("mdhd", 0, 0, u32(0, 0, FPS, VIDEO_FRAMES), u16(0x55c4, 0)); // "und"
  const hdlr = fullBox(
    "hdlr",
    0,
    0,
    u32(0),
    Buffer.from("vide", "latin1"),
    u32(0, 0, 0),
    Buffer.from("VideoHandler\0", "latin1"),
  );
  const dinf = box("dinf", fullBox("dref", 0, 0, u32(1), fullBox("url ", 0, 1)));
  const stbl = box(
    "stbl",
    fullBox("stsd", 0, 0, u32(1), rawSampleEntry()),
    fullBox("stts", 0, 0, u32(1, VIDEO_FRAMES, 1)),
    fullBox("stsc", 0, 0, u32(1, 1, VIDEO_FRAMES, 1)),
    fullBox("stsz", 0, 0, u32(frameBytes, VIDEO_FRAMES)),
    fullBox("stco", 0, 0, u32(1, mdatDataOffset)),
  );
  const minf = box("minf", fullBox("vmhd", 0, 1, u16(0, 0, 0, 0)), dinf, stbl);
  return box("moov", mvhd, box("trak", tkhd, box("mdia", mdhd, hdlr, minf)));
}

/**
 * An ISO BMFF file (ftyp, moov, mdat) with one video track of uncompressed RGB frames, which
 * ffprobe and VLC recognise without any codec; padded with a trailing `free` box for big results.
 */
export function* mp4Segments(palette: Palette, minBytes: number): Work<Segment[]> {
  const ftyp = box("ftyp", Buffer.from("isom", "latin1"), u32(0x200), Buffer.from("isomiso2mp41"));
  const frames = yield* renderFrames(palette);
  const frameBytes = VIDEO_WIDTH * VIDEO_HEIGHT * 3;
  // moov's size does not depend on the offset's value, so measure it once with a placeholder.
  const moovSize = moov(frameBytes, 0).length;
  const mdatHeader = u32(8 + frames.length);
  const head = Buffer.concat([
    ftyp,
    moov(frameBytes, ftyp.length + moovSize + 8),
    mdatHeader,
    Buffer.from("mdat", "latin1"),
  ]);
  const base = head.length + frames.length;
  if (minBytes <= base) return [head, frames];
  const padding = Math.max(0, minBytes - base - 8);
  const freeHeader = Buffer.concat([u32(8 + padding), Buffer.from("free", "latin1")]);
  return [head, frames, freeHeader, { zeros: padding }];
}
