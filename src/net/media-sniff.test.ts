import { describe, expect, it } from "vitest";
import { sniff } from "./media-sniff.js";

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(
    parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))),
  );

const SAMPLES = {
  png: bytes([137, 80, 78, 71, 13, 10, 26, 10], [0, 0, 0, 13]),
  jpg: bytes([0xff, 0xd8, 0xff, 0xe0], "JFIF"),
  gif: bytes("GIF89a", [1, 0]),
  webp: bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "),
  mp4: bytes([0, 0, 0, 32], "ftypisom"),
  mov: bytes([0, 0, 0, 8], "wide"),
  webm: bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]),
  wav: bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "),
  mp3: bytes("ID3", [4, 0, 0]),
  ogg: bytes("OggS", [0, 2]),
  flac: bytes("fLaC", [0, 0, 0, 34]),
  m4a: bytes([0, 0, 0, 28], "ftypM4A "),
} as const;

const TYPE: Record<keyof typeof SAMPLES, "image" | "video" | "audio"> = {
  png: "image",
  jpg: "image",
  gif: "image",
  webp: "image",
  mp4: "video",
  mov: "video",
  webm: "video",
  wav: "audio",
  mp3: "audio",
  ogg: "audio",
  flac: "audio",
  m4a: "audio",
};

describe("sniff", () => {
  it.each(Object.keys(SAMPLES) as Array<keyof typeof SAMPLES>)("accepts a real .%s", (ext) => {
    expect(sniff(SAMPLES[ext], TYPE[ext], ext)).toEqual({ ok: true });
  });

  it("accepts an MP3 that starts straight with a frame", () => {
    expect(sniff(bytes([0xff, 0xfb, 0x90, 0x64]), "audio", ".mp3").ok).toBe(true);
  });

  it("refuses an HTML page, quoting its start", () => {
    const verdict = sniff(Buffer.from("<!DOCTYPE html><html>"), "image", ".png");
    expect(verdict).toEqual({ ok: false, expected: "image PNG (.png)", found: '"<!DOCTYP…"' });
  });

  it("refuses a real file of another format or type", () => {
    expect(sniff(SAMPLES.jpg, "image", "png").ok).toBe(false);
    expect(sniff(SAMPLES.webp, "audio", "wav").ok).toBe(false);
    expect(sniff(SAMPLES.png, "audio", "wav").ok).toBe(false);
    expect(sniff(Buffer.alloc(0), "image", "png")).toMatchObject({ found: "an empty body" });
  });

  it("accepts any format of the type for an extension it does not know", () => {
    expect(sniff(SAMPLES.gif, "image", "img").ok).toBe(true);
    expect(sniff(SAMPLES.wav, "image", "img").ok).toBe(false);
  });
});
