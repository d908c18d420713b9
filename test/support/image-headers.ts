/**
 * An image's format and pixel size read from its own header bytes — never from the library that
 * wrote it, so a test of derived images cannot agree with itself by construction.
 */
export interface HeaderSize {
  format: "png" | "jpeg" | "webp" | "avif";
  width: number;
  height: number;
}

export function readImageHeader(bytes: Buffer): HeaderSize {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { format: "png", width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") {
    return { format: "webp", ...webpSize(bytes) };
  }
  if (
    bytes.toString("latin1", 4, 8) === "ftyp" &&
    /avi[fs]/.test(bytes.toString("latin1", 8, 32))
  ) {
    return { format: "avif", ...avifSize(bytes) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return { format: "jpeg", ...jpegSize(bytes) };
  throw new Error(
    `not a PNG, JPEG, WebP or AVIF file (starts ${bytes.subarray(0, 12).toString("hex")})`,
  );
}

function webpSize(bytes: Buffer): { width: number; height: number } {
  const chunk = bytes.toString("latin1", 12, 16);
  if (chunk === "VP8X") {
    return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
  }
  if (chunk === "VP8L") {
    const bits = bytes.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === "VP8 ") {
    return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
  }
  throw new Error(`unknown WebP chunk ${chunk}`);
}

/** The primary item's `ispe` (image spatial extent) property in the HEIF meta box. */
function avifSize(bytes: Buffer): { width: number; height: number } {
  const at = bytes.indexOf("ispe", 0, "latin1");
  if (at < 0) throw new Error("AVIF without an ispe box");
  // box type, then version and flags (4 bytes), then width and height.
  return { width: bytes.readUInt32BE(at + 8), height: bytes.readUInt32BE(at + 12) };
}

function jpegSize(bytes: Buffer): { width: number; height: number } {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) throw new Error(`JPEG marker expected at ${at}`);
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    // Start-of-frame markers (baseline, progressive, ...) carry the size; C4, C8 and CC do not.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  throw new Error("JPEG without a start-of-frame marker");
}

/**
 * How long the file says it is, from its own structure: a WebP's RIFF size, the sum of an AVIF's
 * top-level boxes, a PNG's chunks up to IEND. A file cut short (a write killed halfway) says more
 * than it holds; a whole one says exactly its length.
 */
export function declaredLength(bytes: Buffer): number {
  const { format } = readImageHeader(bytes);
  if (format === "webp") return 8 + bytes.readUInt32LE(4);
  if (format === "avif") {
    let at = 0;
    while (at + 8 <= bytes.length) {
      const size = bytes.readUInt32BE(at);
      if (size === 0) return Number.POSITIVE_INFINITY; // "to the end": not a length it declares
      at += size === 1 ? Number(bytes.readBigUInt64BE(at + 8)) : size;
    }
    return at;
  }
  if (format === "png") {
    let at = 8;
    while (at + 8 <= bytes.length) {
      const length = bytes.readUInt32BE(at);
      const type = bytes.toString("latin1", at + 4, at + 8);
      at += 12 + length; // length, type, data, CRC
      if (type === "IEND") return at;
    }
    return Number.POSITIVE_INFINITY;
  }
  throw new Error(`no declared length for ${format}`);
}
