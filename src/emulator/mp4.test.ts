import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeYuv420, probe } from "../../test/support/ffmpeg.js";
import { tempDirSync } from "../../test/support/temp-dir.js";
import { generateMedia } from "./media.js";
import { videoShape } from "./mp4.js";
import { paletteFor } from "./palette.js";
import { bodyHashOf, parseGenerationRequest } from "./request.js";
import { videoScene } from "./video-scene.js";
import type { VideoScene } from "./video-scene.js";
import { runSync } from "./work.js";

const dir = tempDirSync("mp4-");

function video(params: Record<string, unknown>, seed = 1, minBytes = 0): Buffer {
  const body = { type: "video", model: "m", prompt: "a paper boat", ...params };
  const parsed = parseGenerationRequest(body);
  if (!parsed.ok) throw new Error(parsed.message);
  return generateMedia(seed, bodyHashOf(body), parsed.request, minBytes).toBuffer();
}

/** The scene the emulator draws for the same request, to compare decoded frames with. */
function sceneFor(params: { width: number; height: number; duration: number }): VideoScene {
  const body = { type: "video", model: "m", prompt: "a paper boat", ...params };
  const shape = videoShape(params.width, params.height, params.duration);
  return runSync(
    videoScene(
      shape.width,
      shape.height,
      shape.frames,
      paletteFor(1, bodyHashOf(body), body.prompt),
    ),
  );
}

/** Top-level (or nested, given a payload) ISO BMFF boxes. */
function boxes(bytes: Buffer): Array<{ type: string; payload: Buffer }> {
  const found: Array<{ type: string; payload: Buffer }> = [];
  for (let at = 0; at < bytes.length;) {
    const size = bytes.readUInt32BE(at);
    expect(size).toBeGreaterThanOrEqual(8);
    found.push({
      type: bytes.toString("latin1", at + 4, at + 8),
      payload: bytes.subarray(at + 8, at + size),
    });
    at += size;
  }
  return found;
}

function child(payload: Buffer, type: string, skip = 0): Buffer {
  const found = boxes(payload.subarray(skip)).find((b) => b.type === type);
  if (found === undefined) throw new Error(`no ${type} box`);
  return found.payload;
}

/**
 * Frame `index` as the encoder meant it, cropped to the shown size: the first picture with the
 * moving macroblock rows shifted right by the disc's offset (the left edge repeated into the gap).
 */
function expectedFrame(scene: VideoScene, width: number, height: number, index: number): Buffer {
  const { first, movingRows } = scene;
  const shift = scene.offset(index);
  const out: number[] = [];
  const plane = (
    samples: Uint8Array,
    stride: number,
    w: number,
    h: number,
    mbSize: number,
    by: number,
  ): void => {
    for (let y = 0; y < h; y++) {
      const moving =
        Math.floor(y / mbSize) >= movingRows.first && Math.floor(y / mbSize) <= movingRows.last;
      for (let x = 0; x < w; x++) {
        out.push(samples[y * stride + (moving ? Math.max(0, x - shift / by) : x)] as number);
      }
    }
  };
  plane(first.luma, first.across * 16, width, height, 16, 1);
  plane(first.cb, first.across * 8, width / 2, height / 2, 8, 2);
  plane(first.cr, first.across * 8, width / 2, height / 2, 8, 2);
  return Buffer.from(out);
}

describe("the emulator's MP4", () => {
  it("is ftyp + moov + mdat with one avc1 track: Constrained Baseline, the asked size and length", () => {
    const mp4 = video({ width: 640, height: 360, duration: 2 });
    const top = boxes(mp4);
    expect(top.map((b) => b.type)).toEqual(["ftyp", "moov", "mdat"]);
    const moov = top[1]?.payload ?? Buffer.alloc(0);
    const mdia = child(child(moov, "trak"), "mdia");
    const mdhd = child(mdia, "mdhd");
    expect(mdhd.readUInt32BE(16) / mdhd.readUInt32BE(12)).toBe(2);
    const stbl = child(child(mdia, "minf"), "stbl");
    const stsd = child(stbl, "stsd");
    expect(stsd.toString("latin1", 12, 16)).toBe("avc1");
    expect([stsd.readUInt16BE(16 + 24), stsd.readUInt16BE(16 + 26)]).toEqual([640, 360]);
    const avcC = child(stsd.subarray(16 + 78), "avcC");
    expect([avcC[0], avcC[1], avcC[2]]).toEqual([1, 66, 0xc0]); // version, Baseline, constrained
    expect(child(stbl, "stsz").readUInt32BE(8)).toBe(48);
    expect(child(stbl, "stss").subarray(4)).toEqual(Buffer.from([0, 0, 0, 1, 0, 0, 0, 1]));
    expect(child(stbl, "stco").readUInt32BE(8)).toBe(mp4.length - (top[2]?.payload.length ?? 0));
    expect(mp4.length).toBeLessThan(64_000);
  });

  it.each([
    { width: 640, height: 360, duration: 2 },
    { width: 1000, height: 30, duration: 0.5 },
    { width: 48, height: 48, duration: 1 / 24 },
    { width: 161, height: 91, duration: 1 },
  ])("decodes in ffmpeg with no error, frame for frame as drawn: %o", (params) => {
    const file = join(dir, `${params.width}x${params.height}.mp4`);
    writeFileSync(file, video(params));
    const shape = videoShape(params.width, params.height, params.duration);
    const info = probe(file);
    expect(info).toMatchObject({
      codec: "h264 (Constrained Baseline)",
      width: shape.width,
      height: shape.height,
      pixelFormat: "yuv420p",
    });
    expect(info.durationSeconds).toBeCloseTo(shape.frames / 24, 2);
    const decoded = decodeYuv420(file);
    expect(decoded.stderr).toBe("");
    expect(decoded.status).toBe(0);
    const frameBytes = shape.width * shape.height * 1.5;
    expect(decoded.stdout.length).toBe(frameBytes * shape.frames);
    const scene = sceneFor(params);
    const last = shape.frames - 1;
    const frameAt = (i: number): Buffer =>
      decoded.stdout.subarray(i * frameBytes, (i + 1) * frameBytes);
    expect(frameAt(0).equals(expectedFrame(scene, shape.width, shape.height, 0))).toBe(true);
    expect(frameAt(last).equals(expectedFrame(scene, shape.width, shape.height, last))).toBe(true);
  });

  it("asks an odd side to be even (4:2:0 H.264 crops in steps of two) and whole frames", () => {
    expect(videoShape(161, 91, 1.01)).toEqual({ width: 162, height: 92, frames: 24 });
    expect(videoShape(2, 2, 0.001)).toEqual({ width: 2, height: 2, frames: 1 });
  });

  it("shows the disc moving: the last frame differs from the first", () => {
    const scene = sceneFor({ width: 320, height: 180, duration: 1 });
    expect(scene.offset(23)).toBeGreaterThan(100);
    expect(expectedFrame(scene, 320, 180, 23).equals(expectedFrame(scene, 320, 180, 0))).toBe(
      false,
    );
  });

  it("is the same bytes for the same request, and other bytes for another prompt or seed", () => {
    const once = video({ width: 320, height: 240 });
    expect(video({ width: 320, height: 240 }).equals(once)).toBe(true);
    expect(video({ width: 320, height: 240, prompt: "a kite" }).equals(once)).toBe(false);
    expect(video({ width: 320, height: 240 }, 2).equals(once)).toBe(false);
  });

  it("pads with a trailing free box", () => {
    const mp4 = video({ width: 160, height: 90 }, 1, 2_000_000);
    expect(mp4.length).toBe(2_000_000);
    expect(boxes(mp4).map((b) => b.type)).toEqual(["ftyp", "moov", "mdat", "free"]);
  });
});
