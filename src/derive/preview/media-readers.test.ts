import { writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirSync } from "../../../test/support/temp-dir.js";
import { generateMedia } from "../../emulator/media.js";
import { bodyHashOf, parseGenerationRequest } from "../../emulator/request.js";
import { findFfmpeg } from "./ffmpeg-tool.js";
import { MediaFileReader } from "./media-file-reader.js";
import { mp4DurationSeconds } from "./mp4-duration.js";
import { wavPeaks } from "./wav-peaks.js";

const dir = tempDirSync("af-media-readers-");

function emulated(body: Record<string, unknown>, minBytes = 0): string {
  const full = { model: "m", prompt: "x", ...body };
  const parsed = parseGenerationRequest(full);
  if (!parsed.ok) throw new Error(parsed.message);
  const file = join(dir, `${bodyHashOf(full)}-${minBytes}`);
  writeFileSync(file, generateMedia(1, bodyHashOf(full), parsed.request, minBytes).toBuffer());
  return file;
}

async function withReader<T>(file: string, use: (r: MediaFileReader) => Promise<T>): Promise<T> {
  const handle = await open(file, "r");
  try {
    return await use(new MediaFileReader(handle, (await handle.stat()).size));
  } finally {
    await handle.close();
  }
}

function wav(chunks: Buffer[]): string {
  const body = Buffer.concat([Buffer.from("WAVE"), ...chunks]);
  const head = Buffer.alloc(8);
  head.write("RIFF");
  head.writeUInt32LE(body.length, 4);
  const file = join(dir, `wav-${Math.random().toString(36).slice(2)}.wav`);
  writeFileSync(file, Buffer.concat([head, body]));
  return file;
}

function chunk(id: string, data: Buffer, claimed = data.length): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, "latin1");
  head.writeUInt32LE(claimed, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function fmt(tag: number, channels: number, rate: number, bits: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(tag, 0);
  b.writeUInt16LE(channels, 2);
  b.writeUInt32LE(rate, 4);
  b.writeUInt32LE((rate * channels * bits) / 8, 8);
  b.writeUInt16LE((channels * bits) / 8, 12);
  b.writeUInt16LE(bits, 14);
  return b;
}

describe("WAV peaks", () => {
  it("reads the emulator's WAV, padding and all: its length, and a louder start than end of each note", async () => {
    const file = emulated({ type: "audio", duration: 2 }, 3_000_000);
    const peaks = await withReader(file, (r) => wavPeaks(r, 80));
    expect(peaks.durationSeconds).toBe(2);
    expect(Math.max(...peaks.high)).toBeGreaterThan(0.4);
    expect(Math.min(...peaks.low)).toBeLessThan(-0.4);
    // Eight notes of 0.25 s over 80 columns: each note's first column is louder than its last.
    for (let note = 0; note < 8; note++)
      expect(peaks.high[note * 10]!).toBeGreaterThan(peaks.high[note * 10 + 9]!);
  });

  it("reads stereo 24-bit and float samples, and a data chunk that claims more than the file holds", async () => {
    const stereo = Buffer.alloc(6 * 4);
    stereo.writeIntLE(-8388608, 0, 3); // left, frame 0: full scale down
    stereo.writeIntLE(4194304, 9, 3); // right, frame 1: half scale up
    const file = wav([chunk("fmt ", fmt(1, 2, 8000, 24)), chunk("data", stereo, 1_000_000)]);
    const peaks = await withReader(file, (r) => wavPeaks(r, 2));
    expect(peaks.durationSeconds).toBe(4 / 8000);
    expect([peaks.low[0], peaks.high[0]]).toEqual([-1, 0.5]);
    const float = Buffer.alloc(8);
    float.writeFloatLE(0.25, 0);
    float.writeFloatLE(7, 4); // out of range: clamped
    const f = wav([
      chunk("LIST", Buffer.alloc(3)),
      chunk("fmt ", fmt(3, 1, 100, 32)),
      chunk("data", float),
    ]);
    const fp = await withReader(f, (r) => wavPeaks(r, 1));
    expect(fp.high[0]).toBe(1);
  });

  it.each([
    ["not RIFF", Buffer.from("OggS0000000000000000")],
    ["no fmt chunk", null],
    ["compressed samples", "adpcm"],
    ["a block size that does not add up", "block"],
  ])("refuses a file with %s", async (_why, kind) => {
    const data = chunk("data", Buffer.alloc(16));
    const file =
      kind instanceof Buffer
        ? (() => {
            const p = join(dir, "bad.wav");
            writeFileSync(p, kind);
            return p;
          })()
        : kind === null
          ? wav([data])
          : kind === "adpcm"
            ? wav([chunk("fmt ", fmt(2, 1, 8000, 4)), data])
            : wav([
                chunk(
                  "fmt ",
                  Buffer.concat([fmt(1, 2, 8000, 16).subarray(0, 12), Buffer.from([9, 0, 16, 0])]),
                ),
                data,
              ]);
    await expect(withReader(file, (r) => wavPeaks(r, 10))).rejects.toThrow(/./);
  });
});

describe("MP4 length", () => {
  it("is the emulator video's asked duration, padded file or not", async () => {
    for (const [duration, pad] of [
      [4, 0],
      [1.5, 5_000_000],
    ] as const) {
      const file = emulated({ type: "video", width: 64, height: 32, duration }, pad);
      expect(await withReader(file, mp4DurationSeconds)).toBe(duration);
    }
  });

  it("refuses a file with no movie header, or a box that claims to be smaller than its header", async () => {
    const noMoov = join(dir, "no-moov.mp4");
    writeFileSync(
      noMoov,
      Buffer.from("0000001866747970697361680000000069736f6d00000008667265650000", "hex"),
    );
    await expect(withReader(noMoov, mp4DurationSeconds)).rejects.toThrow(/moov/);
    const tiny = join(dir, "tiny.mp4");
    writeFileSync(tiny, Buffer.from("0000000466747970", "hex"));
    await expect(withReader(tiny, mp4DurationSeconds)).rejects.toThrow(/size 4/);
  });
});

describe("finding ffmpeg", () => {
  const executables = new Set(["/opt/ff/ffmpeg", "/usr/bin/ffmpeg", "/work/repo/bin/ffmpeg"]);
  const isExecutable = (p: string) => executables.has(p);

  it("takes AGENTFRAMER_FFMPEG when set, else the first absolute PATH folder that has it", () => {
    expect(
      findFfmpeg({ AGENTFRAMER_FFMPEG: "/opt/ff/ffmpeg", PATH: "/usr/bin" }, isExecutable),
    ).toEqual({ found: true, path: "/opt/ff/ffmpeg" });
    expect(findFfmpeg({ AGENTFRAMER_FFMPEG: "", PATH: "/nowhere:/usr/bin" }, isExecutable)).toEqual(
      { found: true, path: "/usr/bin/ffmpeg" },
    );
  });

  it("never looks in a relative PATH folder (the checkout), and says why when there is none", () => {
    const prev = process.cwd();
    try {
      process.chdir("/");
      expect(findFfmpeg({ PATH: "bin:.:work/repo/bin" }, (p) => p.endsWith("ffmpeg"))).toEqual({
        found: false,
        why: "ffmpeg was not found on PATH",
      });
    } finally {
      process.chdir(prev);
    }
    expect(findFfmpeg({ AGENTFRAMER_FFMPEG: "ffmpeg" }, isExecutable)).toEqual({
      found: false,
      why: "AGENTFRAMER_FFMPEG must be an absolute path",
    });
    expect(findFfmpeg({ AGENTFRAMER_FFMPEG: "/opt/none/ffmpeg" }, isExecutable)).toEqual({
      found: false,
      why: "AGENTFRAMER_FFMPEG names no executable file",
    });
  });
});
