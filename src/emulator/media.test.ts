import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32 } from "./crc32.js";
import { generateMedia, generateMediaAsync } from "./media.js";
import { PNG_SIGNATURE } from "./png.js";
import { bodyHashOf, parseGenerationRequest } from "./request.js";
import { WAV_SAMPLE_RATE } from "./wav.js";

function media(body: Record<string, unknown>, seed = 1, minBytes = 0): Buffer {
  const parsed = parseGenerationRequest({ model: "m", ...body });
  if (!parsed.ok) throw new Error(parsed.message);
  return generateMedia(seed, bodyHashOf(body), parsed.request, minBytes).toBuffer();
}

/** PNG chunks, each CRC checked. */
function pngChunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(
      crc32(png.subarray(at + 4, at + 8 + length)),
    );
    chunks.push({ type, data });
    at += 12 + length;
  }
  return chunks;
}

function pixels(png: Buffer): Buffer {
  return inflateSync(
    Buffer.concat(
      pngChunks(png)
        .filter((c) => c.type === "IDAT")
        .map((c) => c.data),
    ),
  );
}

describe("PNG", () => {
  it("is a valid PNG of the requested size with correct CRCs", () => {
    const png = media({ type: "image", prompt: "a red fox", width: 320, height: 200 });
    const chunks = pngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    const ihdr = chunks[0]?.data ?? Buffer.alloc(0);
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([
      320, 200, 8, 2,
    ]);
    const raw = pixels(png);
    expect(raw.length).toBe(200 * (1 + 320 * 3));
    const filters = new Set(Array.from({ length: 200 }, (_, y) => raw[y * (1 + 320 * 3)]));
    expect([...filters].every((f) => f !== undefined && f <= 4)).toBe(true);
  });

  it("defaults to 512×512 and looks different for each prompt", () => {
    const fox = media({ type: "image", prompt: "a red fox" });
    const owl = media({ type: "image", prompt: "an owl" });
    expect(pngChunks(fox)[0]?.data.readUInt32BE(0)).toBe(512);
    expect(pixels(fox).equals(pixels(owl))).toBe(false);
    expect(media({ type: "image", prompt: "a red fox" }).equals(fox)).toBe(true);
    expect(media({ type: "image", prompt: "a red fox" }, 2).equals(fox)).toBe(false);
  });

  it("pads to an exact size with a valid ancillary chunk", () => {
    const png = media({ type: "image", prompt: "big", width: 64, height: 64 }, 1, 1_000_000);
    expect(png.length).toBe(1_000_000);
    expect(pngChunks(png).map((c) => c.type)).toEqual(["IHDR", "IDAT", "afPd", "IEND"]);
  });
});

describe("WAV", () => {
  it("is 16-bit mono PCM at 22,050 Hz, two seconds by default, and not silent", () => {
    const wav = media({ type: "audio", prompt: "a calm tune" });
    expect(wav.toString("latin1", 0, 4)).toBe("RIFF");
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.toString("latin1", 8, 16)).toBe("WAVEfmt ");
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(WAV_SAMPLE_RATE);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.toString("latin1", 36, 40)).toBe("data");
    expect(wav.readUInt32LE(40)).toBe(2 * WAV_SAMPLE_RATE * 2);
    let peak = 0;
    for (let at = 44; at < wav.length; at += 2)
      peak = Math.max(peak, Math.abs(wav.readInt16LE(at)));
    expect(peak).toBeGreaterThan(5000);
  });

  it("takes its length from duration and pads with a JUNK chunk", () => {
    const wav = media({ type: "audio", prompt: "x", duration: 0.5 }, 1, 100_001);
    expect(wav.readUInt32LE(40)).toBe(0.5 * WAV_SAMPLE_RATE * 2);
    expect(wav.length).toBeGreaterThanOrEqual(100_001);
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    const junkAt = 44 + wav.readUInt32LE(40);
    expect(wav.toString("latin1", junkAt, junkAt + 4)).toBe("JUNK");
  });
});

describe("sliced generation", () => {
  it.each(["image", "audio", "video"])(
    "gives the same %s bytes as the synchronous one",
    async (type) => {
      const body = { type, model: "m", prompt: "same either way", width: 300, height: 100 };
      const parsed = parseGenerationRequest(body);
      if (!parsed.ok) throw new Error(parsed.message);
      const sliced = await generateMediaAsync(1, bodyHashOf(body), parsed.request, 0);
      expect(sliced.sha256()).toBe(generateMedia(1, bodyHashOf(body), parsed.request, 0).sha256());
    },
  );
});
