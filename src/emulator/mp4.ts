import { intraSlice } from "./h264/intra-slice.js";
import type { WrittenBits } from "./h264/bit-writer.js";
import { motionSlice, motionSliceData } from "./h264/motion-slice.js";
import {
  levelFor,
  pictureParameterSet,
  PROFILE_COMPATIBILITY,
  PROFILE_IDC,
  sequenceParameterSet,
} from "./h264/parameter-sets.js";
import type { Segment } from "./media-file.js";
import { box, fullBox, IDENTITY_MATRIX, u16, u32, u8 } from "./mp4-boxes.js";
import type { Palette } from "./palette.js";
import { videoScene } from "./video-scene.js";
import type { Work } from "./work.js";
import { PAUSE } from "./work.js";

export const VIDEO_FPS = 24;
/** Media time units per second: 512 per frame at 24 fps. */
const TIMESCALE = VIDEO_FPS * 512;
const MOVIE_TIMESCALE = 1000;
const FRAMES_PER_PAUSE = 48;

export interface VideoShape {
  width: number;
  height: number;
  frames: number;
}

/**
 * The size and length of the video for a request: 4:2:0 H.264 holds only even sides (its crop
 * steps are two samples), so an odd side is rounded up; whole frames at 24 fps, at least one.
 */
export function videoShape(width: number, height: number, durationSeconds: number): VideoShape {
  return {
    width: width + (width % 2),
    height: height + (height % 2),
    frames: Math.max(1, Math.round(durationSeconds * VIDEO_FPS)),
  };
}

/** An AVC sample: each NAL unit behind its four-byte length. */
function sample(...nalUnits: Buffer[]): Buffer {
  return Buffer.concat(nalUnits.flatMap((nal) => [u32(nal.length), nal]));
}

/** The 'avc1' sample description with its decoder configuration ('avcC'). */
function avc1SampleEntry(shape: VideoShape, sps: Buffer, pps: Buffer): Buffer {
  const compressorName = Buffer.alloc(32);
  const name = "AgentFramer H.264";
  compressorName[0] = name.length;
  compressorName.write(name, 1, "latin1");
  const avcC = box(
    "avcC",
    u8(1, PROFILE_IDC, PROFILE_COMPATIBILITY, levelFor({ ...shape, fps: VIDEO_FPS })),
    u8(0xff), // four-byte NAL lengths
    u8(0xe1), // one SPS
    u16(sps.length),
    sps,
    u8(1), // one PPS
    u16(pps.length),
    pps,
  );
  return box(
    "avc1",
    Buffer.alloc(6), // reserved
    u16(1), // data reference index
    u16(0, 0), // pre-defined, reserved
    u32(0, 0, 0), // pre-defined
    u16(shape.width, shape.height),
    u32(0x00480000, 0x00480000), // 72 dpi
    u32(0), // reserved
    u16(1), // frames per sample
    compressorName,
    u16(0x0018, 0xffff), // depth, pre-defined −1
    avcC,
  );
}

function moov(shape: VideoShape, stsd: Buffer, sizes: number[], mdatDataOffset: number): Buffer {
  const durationMs = Math.round((shape.frames / VIDEO_FPS) * MOVIE_TIMESCALE);
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
    u32(shape.width * 0x10000, shape.height * 0x10000),
  );
  const frameTicks = TIMESCALE / VIDEO_FPS;
  const mdhd = fullBox(
    "mdhd",
    0,
    0,
    u32(0, 0, TIMESCALE, shape.frames * frameTicks),
    u16(0x55c4, 0), // language "und"
  );
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
    fullBox("stsd", 0, 0, u32(1), stsd),
    fullBox("stts", 0, 0, u32(1, shape.frames, frameTicks)),
    fullBox("stss", 0, 0, u32(1, 1)), // the first frame is the only key frame
    fullBox("stsc", 0, 0, u32(1, 1, shape.frames, 1)),
    fullBox("stsz", 0, 0, u32(0, shape.frames, ...sizes)),
    fullBox("stco", 0, 0, u32(1, mdatDataOffset)),
  );
  const minf = box("minf", fullBox("vmhd", 0, 1, u16(0, 0, 0, 0)), dinf, stbl);
  return box("moov", mvhd, box("trak", tkhd, box("mdia", mdhd, hdlr, minf)));
}

/**
 * A progressive MP4 (ftyp, moov, mdat) with one H.264 Constrained Baseline track that browsers
 * play: an IDR picture, then one P picture per frame moving the disc, all in one chunk; padded
 * with a trailing `free` box for big results.
 */
export function* mp4Segments(
  palette: Palette,
  shape: VideoShape,
  minBytes: number,
): Work<Segment[]> {
  const scene = yield* videoScene(shape.width, shape.height, shape.frames, palette);
  const sps = sequenceParameterSet({ ...shape, fps: VIDEO_FPS });
  const pps = pictureParameterSet();
  const samples = [sample(yield* intraSlice(scene.first))];
  const sliceDataByShift = new Map<number, WrittenBits>();
  for (let index = 1; index < shape.frames; index++) {
    const shift = scene.offset(index) - scene.offset(index - 1);
    let data = sliceDataByShift.get(shift);
    if (data === undefined) {
      data = motionSliceData(scene.motion(shift));
      sliceDataByShift.set(shift, data);
    }
    samples.push(sample(motionSlice(data, index)));
    if (index % FRAMES_PER_PAUSE === 0) yield PAUSE;
  }
  const ftyp = box(
    "ftyp",
    Buffer.from("isom", "latin1"),
    u32(0x200),
    Buffer.from("isomiso2avc1mp41", "latin1"),
  );
  const stsd = avc1SampleEntry(shape, sps, pps);
  const sizes = samples.map((s) => s.length);
  // moov's size does not depend on the offset's value, so measure it once with a placeholder.
  const moovSize = moov(shape, stsd, sizes, 0).length;
  const mdatBytes = sizes.reduce((sum, size) => sum + size, 0);
  const head = Buffer.concat([
    ftyp,
    moov(shape, stsd, sizes, ftyp.length + moovSize + 8),
    u32(8 + mdatBytes),
    Buffer.from("mdat", "latin1"),
  ]);
  const base = head.length + mdatBytes;
  if (minBytes <= base) return [head, ...samples];
  const padding = Math.max(0, minBytes - base - 8);
  const freeHeader = Buffer.concat([u32(8 + padding), Buffer.from("free", "latin1")]);
  return [head, ...samples, freeHeader, { zeros: padding }];
}
