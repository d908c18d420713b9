/**
 * Does a downloaded file start the way its type and extension say it should? An HTML error page,
 * a JSON body or a PNG where a WAV was asked for is caught here, before it lands at the output
 * path. Signatures are the formats' magic bytes (WHATWG MIME Sniffing and each format's spec).
 */

/** The kinds of media the API delivers (the manifest's asset types). */
export type MediaType = "image" | "video" | "audio";

/** Bytes needed to decide; shorter files are judged on what there is. */
export const SNIFF_BYTES = 16;

interface Format {
  name: string;
  type: MediaType;
  matches(head: Buffer): boolean;
}

const ascii = (head: Buffer, at: number, text: string) =>
  head.length >= at + text.length && head.toString("latin1", at, at + text.length) === text;

const isoBox = (head: Buffer, boxes: string[]) => boxes.some((box) => ascii(head, 4, box));

const FORMATS: Record<string, Format> = {
  png: {
    name: "PNG",
    type: "image",
    matches: (h) => h.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
  },
  jpeg: {
    name: "JPEG",
    type: "image",
    matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  },
  gif: {
    name: "GIF",
    type: "image",
    matches: (h) => ascii(h, 0, "GIF87a") || ascii(h, 0, "GIF89a"),
  },
  webp: { name: "WebP", type: "image", matches: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WEBP") },
  avif: { name: "AVIF", type: "image", matches: (h) => ascii(h, 4, "ftypavi") },
  mp4: { name: "MP4", type: "video", matches: (h) => isoBox(h, ["ftyp"]) },
  // QuickTime files may open with other top-level atoms than ftyp.
  mov: {
    name: "QuickTime",
    type: "video",
    matches: (h) => isoBox(h, ["ftyp", "moov", "wide", "mdat", "free", "skip"]),
  },
  webm: {
    name: "WebM/Matroska",
    type: "video",
    matches: (h) => h.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
  },
  wav: { name: "WAV", type: "audio", matches: (h) => ascii(h, 0, "RIFF") && ascii(h, 8, "WAVE") },
  mp3: {
    name: "MP3",
    type: "audio",
    // An ID3v2 tag, or straight into an MPEG audio frame (11 sync bits set).
    matches: (h) => ascii(h, 0, "ID3") || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
  },
  ogg: { name: "Ogg", type: "audio", matches: (h) => ascii(h, 0, "OggS") },
  flac: { name: "FLAC", type: "audio", matches: (h) => ascii(h, 0, "fLaC") },
  m4a: { name: "MPEG-4 audio", type: "audio", matches: (h) => isoBox(h, ["ftyp"]) },
  aac: {
    name: "AAC (ADTS)",
    type: "audio",
    matches: (h) => h[0] === 0xff && ((h[1] ?? 0) & 0xf6) === 0xf0,
  },
};

const BY_EXTENSION: Record<string, keyof typeof FORMATS> = {
  png: "png",
  jpg: "jpeg",
  jpeg: "jpeg",
  gif: "gif",
  webp: "webp",
  avif: "avif",
  mp4: "mp4",
  m4v: "mp4",
  mov: "mov",
  webm: "webm",
  mkv: "webm",
  wav: "wav",
  mp3: "mp3",
  ogg: "ogg",
  oga: "ogg",
  opus: "ogg",
  flac: "flac",
  m4a: "m4a",
  aac: "aac",
};

export type SniffVerdict = { ok: true } | { ok: false; expected: string; found: string };

/**
 * Checks `head` (the first SNIFF_BYTES of the file, or all of a shorter one) against the format
 * the extension names; an extension this table does not know accepts any format of `type`.
 */
export function sniff(head: Buffer, type: MediaType, extension: string): SniffVerdict {
  const ext = extension.replace(/^\./, "").toLowerCase();
  const named = BY_EXTENSION[ext];
  const candidates = named
    ? [FORMATS[named]]
    : Object.values(FORMATS).filter((format) => format.type === type);
  const formats = candidates.filter((f): f is Format => f !== undefined);
  if (formats.some((format) => format.type === type && format.matches(head))) return { ok: true };
  return {
    ok: false,
    expected: `${type} ${formats.map((f) => f.name).join(" or ")}${named ? ` (.${ext})` : ""}`,
    found: describe(head),
  };
}

/** The first bytes, as text when they are printable (an HTML page says so), else as hex. */
function describe(head: Buffer): string {
  if (head.length === 0) return "an empty body";
  const first = head.subarray(0, 8);
  const printable = [...first].every((b) => b >= 0x20 && b < 0x7f);
  return printable
    ? `"${first.toString("latin1")}…"`
    : `bytes ${first.toString("hex").replace(/(..)/g, "$1 ").trim()}`;
}
