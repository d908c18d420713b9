/**
 * Review previews kept in the store beside an entry: a small WebP (an image's thumbnail, a
 * video's poster frame, an audio file's waveform), described in the entry's record. Everything
 * about a preview read back from a store is hostile until checked here: the record's description
 * must be in shape and within bounds, and the bytes must be that many, hash to that SHA-256 and
 * open as a WebP of that size — only then may a comment link to them.
 */
import { createHash } from "node:crypto";
import type { StorePreview } from "./store.js";

/** Previews are made a few tens of kilobytes; anything past this is refused unread. */
export const MAX_PREVIEW_BYTES = 512 * 1024;
export const MAX_PREVIEW_SIDE = 4096;
/** Longer than any render the API makes (a minute), with room; a length past it is not believed. */
export const MAX_DURATION_SECONDS = 24 * 60 * 60;

const SHA256 = /^[0-9a-f]{64}$/;
const side = (v: unknown): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= MAX_PREVIEW_SIDE;

/** A record's `preview` field, or undefined when it is absent or out of shape. */
export function parseStorePreview(value: unknown): StorePreview | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const p = value as Record<string, unknown>;
  if (p.format !== "webp") return undefined;
  if (typeof p.sha256 !== "string" || !SHA256.test(p.sha256)) return undefined;
  const size = p.size;
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1 || size > MAX_PREVIEW_BYTES)
    return undefined;
  if (!side(p.width) || !side(p.height)) return undefined;
  return { format: "webp", sha256: p.sha256, size, width: p.width, height: p.height };
}

/** A record's `durationSeconds`, or undefined when absent or not a believable length. */
export function parseDuration(value: unknown): number | undefined {
  return typeof value === "number" &&
    Number.isFinite(value) &&
    value > 0 &&
    value <= MAX_DURATION_SECONDS
    ? value
    : undefined;
}

/** Width and height from a WebP's own header (lossy VP8, lossless VP8L or extended VP8X). */
export function webpSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 30) return undefined;
  if (bytes.toString("latin1", 0, 4) !== "RIFF" || bytes.toString("latin1", 8, 12) !== "WEBP")
    return undefined;
  switch (bytes.toString("latin1", 12, 16)) {
    case "VP8X":
      return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
    case "VP8L": {
      if (bytes[20] !== 0x2f) return undefined;
      const bits = bytes.readUInt32LE(21);
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
    }
    case "VP8 ":
      if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
      return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    default:
      return undefined;
  }
}

/** Are these the preview bytes the record describes? A reason when not. */
export function checkPreviewBytes(bytes: Buffer, preview: StorePreview): string | undefined {
  if (bytes.length !== preview.size)
    return `its preview is ${bytes.length} bytes where the record says ${preview.size}`;
  if (createHash("sha256").update(bytes).digest("hex") !== preview.sha256)
    return "its preview does not match its SHA-256";
  const size = webpSize(bytes);
  if (size === undefined) return "its preview is not a WebP image";
  if (size.width !== preview.width || size.height !== preview.height)
    return `its preview is ${size.width}×${size.height} where the record says ${preview.width}×${preview.height}`;
  return undefined;
}
