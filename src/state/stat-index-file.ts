import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { decodeSha256 } from "./sha256-hex.js";

/**
 * Reading `.agentframer/stat-index.json` (stat-index.ts) without building its JSON: at 500,000
 * outputs the file is 56 MB, and JSON.parse made of it 450,000 path strings, an array of 1.35
 * million numbers and a 29 MB string of hashes, kept for the whole plan. Here the file is scanned
 * as bytes: each path is compared with the output the reader expects at that row (no string is
 * made unless the path has escapes or non-ASCII bytes), numbers and hashes go straight into the
 * reader's columns. A file not exactly in the layout `save()` writes (by hand, say) is parsed
 * with JSON.parse instead; a damaged one reads as nothing.
 */

export const INDEX_VERSION = 2;

/** An output path as the file spells it: compared or decoded only when asked. */
export interface IndexPath {
  is(text: string): boolean;
  text(): string;
}

/** Where the file's rows go. */
export interface IndexSink {
  /** The index row for the file's next path, or -1 to leave that row out. */
  place(path: IndexPath): number;
  /** Once every path is placed: the columns to fill, by index row (3 stats, 32 digest bytes, 1 held). */
  columns(): { stats: Float64Array; digests: Uint8Array; held: Uint8Array };
}

/** The file's columnar layout, as JSON.parse gives it. */
interface IndexFile {
  version: typeof INDEX_VERSION;
  writtenAt: number;
  outputs: string[];
  stats: number[];
  sha256: string;
}

function isIndexFile(value: unknown): value is IndexFile {
  const v = value as Partial<IndexFile> | null;
  return (
    typeof v === "object" &&
    v !== null &&
    v.version === INDEX_VERSION &&
    typeof v.writtenAt === "number" &&
    Array.isArray(v.outputs) &&
    Array.isArray(v.stats) &&
    typeof v.sha256 === "string" &&
    v.stats.length === v.outputs.length * 3 &&
    v.sha256.length === v.outputs.length * 64 &&
    v.outputs.every((o) => typeof o === "string") &&
    v.stats.every((n) => typeof n === "number")
  );
}

const NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
/**
 * No index is larger: a million outputs (the most a manifest may have) with paths of 1,024
 * characters, their stats and hashes come to about 1.2 GB only at the longest paths; anything
 * larger was not written by the tool.
 */
export const MAX_INDEX_BYTES = 1280 * 1024 * 1024;
/** A file not in save()'s layout is parsed whole only up to this size (a string's limit). */
const MAX_PARSED_BYTES = 256 * 1024 * 1024;

/** Thrown (and caught below) where the bytes leave the layout save() writes. */
class NotTheLayout extends Error {}

/** Files below this size (about 70,000 outputs) are parsed whole. */
const PARSE_WHOLE_BELOW = 8 << 20;

/** The file read a window at a time: at 500,000 outputs it is 56 MB, read here 1 MiB at once. */
const WINDOW_BYTES = 1 << 20;

/**
 * Scans the bytes save() writes from a window over the file that slides as it is read; throws
 * NotTheLayout at the first byte that is not so. Positions (`at`, a path's bounds) are in the
 * window; a refill moves what is kept to its start.
 */
class Scanner {
  at = 0;
  end = 0;
  private eof = false;
  bytes: Buffer = Buffer.allocUnsafe(WINDOW_BYTES);

  constructor(private readonly fd: number) {}

  /**
   * Reads more, keeping the window from `keep` (at most `at`) on; returns how far the kept bytes
   * moved. Throws NotTheLayout at the end of the file.
   */
  more(keep: number): number {
    if (this.eof) throw new NotTheLayout();
    this.bytes.copy(this.bytes, 0, keep, this.end);
    this.end -= keep;
    this.at -= keep;
    if (this.end === this.bytes.length) {
      // One token longer than the window (a very long path): a bigger window.
      const grown = Buffer.allocUnsafe(this.bytes.length * 2);
      this.bytes.copy(grown, 0, 0, this.end);
      this.bytes = grown;
    }
    const n = readSync(this.fd, this.bytes, this.end, this.bytes.length - this.end, null);
    if (n === 0) this.eof = true;
    this.end += n;
    return keep;
  }

  /** Makes `n` bytes from `at` readable, unless the file ends first (then fewer are). */
  ensure(n: number): void {
    while (this.end - this.at < n && !this.eof) this.more(this.at);
  }

  literal(text: string): void {
    this.ensure(text.length);
    for (let k = 0; k < text.length; k++) {
      if (this.bytes[this.at + k] !== text.charCodeAt(k)) throw new NotTheLayout();
    }
    this.at += text.length;
  }

  /** The next byte, or undefined at the end of the file. */
  peek(): number | undefined {
    this.ensure(1);
    return this.at < this.end ? this.bytes[this.at] : undefined;
  }

  /** A JSON string whose opening quote is next; its contents' bounds go into `path`. */
  string(path: BytePath): void {
    if (this.peek() !== 0x22) throw new NotTheLayout();
    let at = this.at + 1;
    path.plain = true;
    for (;;) {
      // Refilled keeping the token from its opening quote (at the end of the file, more() throws).
      if (at >= this.end) {
        at -= this.more(this.at);
        continue;
      }
      const b = this.bytes[at] as number;
      if (b < 0x20) throw new NotTheLayout();
      if (b === 0x22) break;
      if (b === 0x5c) {
        path.plain = false;
        at += 2;
        continue;
      }
      if (b > 0x7f) path.plain = false;
      at++;
    }
    path.bytes = this.bytes;
    path.start = this.at + 1;
    path.end = at;
    this.at = at + 1;
  }

  /** A JSON number (what Number() alone would also accept, "+1" or ".5", is refused). */
  number(): number {
    // No number save() writes is near this long: a longer one is not the layout.
    if (this.end - this.at < 64) this.ensure(64);
    const { bytes } = this;
    const start = this.at;
    let at = start;
    if (bytes[at] === 0x2d) at++;
    const first = at;
    let value = 0;
    for (; at < this.end; at++) {
      const b = bytes[at] as number;
      if (b < 0x30 || b > 0x39) break;
      value = value * 10 + (b - 0x30);
    }
    const digits = at - first;
    if (digits === 0 || (digits > 1 && bytes[first] === 0x30)) throw new NotTheLayout();
    let plain = start === first && digits <= 15;
    if (bytes[at] === 0x2e) {
      plain = false;
      const from = ++at;
      while (at < this.end && (bytes[at] as number) >= 0x30 && (bytes[at] as number) <= 0x39) at++;
      if (at === from) throw new NotTheLayout();
    }
    if (bytes[at] === 0x65 || bytes[at] === 0x45) {
      plain = false;
      at++;
      if (bytes[at] === 0x2b || bytes[at] === 0x2d) at++;
      const from = at;
      while (at < this.end && (bytes[at] as number) >= 0x30 && (bytes[at] as number) <= 0x39) at++;
      if (at === from) throw new NotTheLayout();
    }
    if (at >= this.end) throw new NotTheLayout();
    this.at = at;
    // Up to 15 digits the sum above is exact; anything else is read as JavaScript reads it.
    return plain ? value : Number(bytes.toString("latin1", start, at));
  }
}

/** A path in the window, between its quotes; one object reused for every row. */
class BytePath implements IndexPath {
  bytes: Buffer = Buffer.alloc(0);
  start = 0;
  end = 0;
  /** No escape and no byte above 0x7f: then its bytes are its UTF-16 code units. */
  plain = true;

  is(text: string): boolean {
    if (!this.plain) return this.text() === text;
    const { bytes, start } = this;
    if (this.end - start !== text.length) return false;
    for (let k = text.length - 1; k >= 0; k--) {
      // From the end: paths of one folder differ there, not in their long shared start.
      if (bytes[start + k] !== text.charCodeAt(k)) return false;
    }
    return true;
  }

  text(): string {
    if (this.plain) return this.bytes.toString("latin1", this.start, this.end);
    return JSON.parse(this.bytes.toString("utf8", this.start - 1, this.end + 1)) as string;
  }
}

class TextPath implements IndexPath {
  constructor(private readonly value: string) {}
  is(text: string): boolean {
    return this.value === text;
  }
  text(): string {
    return this.value;
  }
}

/**
 * Reads the file at `path` into a sink from `newSink`: a second one when the first scan found the
 * bytes not in save()'s layout (the first may have placed some rows by then). Undefined when the
 * file is missing, damaged or foreign: nothing in it is to be trusted.
 */
export function readIndexFile<S extends IndexSink>(
  path: string,
  newSink: () => S,
  { parseWholeBelow = PARSE_WHOLE_BELOW }: { parseWholeBelow?: number } = {},
): { writtenAt: number; sink: S } | undefined {
  // The state folder is the tool's own (state-dir.ts), but what is in it may be an earlier job's
  // on a self-hosted runner: only a plain file of bounded size is read, never through a link,
  // never waited on as a FIFO, and only through the handle whose kind and size were checked.
  let fd: number;
  try {
    fd = openSync(path, NO_FOLLOW);
  } catch {
    return undefined;
  }
  let text: string;
  try {
    const facts = fstatSync(fd);
    if (!facts.isFile() || facts.size > MAX_INDEX_BYTES) return undefined;
    // A small file is parsed whole: JSON.parse is quicker than the scan until the scan's loops
    // are compiled, and what it builds is small and short-lived.
    if (facts.size >= parseWholeBelow) {
      try {
        const sink = newSink();
        return { writtenAt: scanLayout(new Scanner(fd), sink), sink };
      } catch (error) {
        if (!(error instanceof NotTheLayout)) return undefined;
      }
    }
    if (facts.size > MAX_PARSED_BYTES) return undefined;
    const bytes = Buffer.allocUnsafe(facts.size);
    let read = 0;
    for (let n = -1; n !== 0 && read < bytes.length; read += n) {
      n = readSync(fd, bytes, read, bytes.length - read, read);
    }
    text = bytes.toString("utf8", 0, read);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isIndexFile(file)) return undefined;
  const sink = newSink();
  const writtenAt = readParsed(file, sink);
  return writtenAt === undefined ? undefined : { writtenAt, sink };
}

/**
 * `{"version":2,"writtenAt":N,"outputs":[...],"stats":[...],"sha256":"..."}` and a line break,
 * nothing else; the sink's `place` may have been called for some rows before a NotTheLayout.
 */
function scanLayout(scan: Scanner, sink: IndexSink): number {
  scan.literal(`{"version":${INDEX_VERSION},"writtenAt":`);
  const writtenAt = scan.number();
  scan.literal(`,"outputs":[`);
  const path = new BytePath();
  let rows = new Int32Array(1024);
  let count = 0;
  if (scan.peek() !== 0x5d) {
    for (;;) {
      scan.string(path);
      if (count === rows.length) {
        const grown = new Int32Array(rows.length * 2);
        grown.set(rows);
        rows = grown;
      }
      rows[count++] = sink.place(path);
      if (scan.peek() !== 0x2c) break;
      scan.at++;
    }
  }
  scan.literal(`],"stats":[`);
  const { stats, digests, held } = sink.columns();
  for (let k = 0; k < count; k++) {
    if (k > 0) scan.literal(",");
    const size = scan.number();
    scan.literal(",");
    const mtimeMs = scan.number();
    scan.literal(",");
    const ino = scan.number();
    const row = rows[k] as number;
    if (row < 0) continue;
    stats[row * 3] = size;
    stats[row * 3 + 1] = mtimeMs;
    stats[row * 3 + 2] = ino;
  }
  scan.literal(`],"sha256":"`);
  for (let k = 0; k < count; k++) {
    scan.ensure(64);
    const row = rows[k] as number;
    if (scan.end - scan.at < 64) throw new NotTheLayout();
    if (row >= 0 && !decodeSha256(scan.bytes, scan.at, digests, row * 32)) {
      throw new NotTheLayout();
    }
    scan.at += 64;
  }
  scan.literal(`"}`);
  for (let b = scan.peek(); b !== undefined; b = scan.peek()) {
    if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09) throw new NotTheLayout();
    scan.at++;
  }
  for (let k = 0; k < count; k++) {
    const row = rows[k] as number;
    if (row >= 0) held[row] = 1;
  }
  return writtenAt;
}

/** The same rows from a parsed file; undefined if a digit of its hashes is not lower-case hex. */
function readParsed(file: IndexFile, sink: IndexSink): number | undefined {
  const rows = file.outputs.map((output) => sink.place(new TextPath(output)));
  const { stats, digests, held } = sink.columns();
  // Node decodes upper case too, and stops at a character that is not hex: written back, the
  // digits must be the same ones (both native, quicker than checking each digit here).
  const bytes = Buffer.from(file.sha256, "hex");
  if (bytes.length * 2 !== file.sha256.length || bytes.toString("hex") !== file.sha256) {
    return undefined;
  }
  for (const [k, row] of rows.entries()) {
    if (row < 0) continue;
    for (let b = 0; b < 32; b++) digests[row * 32 + b] = bytes[k * 32 + b] as number;
    stats[row * 3] = file.stats[k * 3] as number;
    stats[row * 3 + 1] = file.stats[k * 3 + 1] as number;
    stats[row * 3 + 2] = file.stats[k * 3 + 2] as number;
    held[row] = 1;
  }
  return file.writtenAt;
}
