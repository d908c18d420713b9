/**
 * Lock entry lines exactly as entryLine (lockfile.ts) writes them, recognised in the file's
 * bytes for a plan: of an unchanged asset's entry a plan needs only its size and SHA-256, and
 * decoding and parsing each line into an object of eleven strings to keep two numbers was most
 * of a large plan's reading.
 *
 * A line is recognised only if JSON.parse and the lockfile's entry check would accept it and
 * read it the same way: the keys in the written order with nothing between them, strings with no
 * escape or control character (so that their text is their value), field hashes of 1 to 64
 * characters, a non-empty output, a lower-case SHA-256, a safe integer size as JSON.stringify
 * writes it, no variants. Every other line (another layout, a hand edit, damage, an entry a plan
 * keeps whole) is the caller's to parse, which also words any error as a render does.
 */

import { decodeSha256 } from "./sha256-hex.js";

/** A line as written: `    "ID": {"hash":"HASH","fields":{"type":"…"…},…,"renderedAt":"…"}`. */
const ID_START = ascii('    "');
const AFTER_ID = ascii('": {"hash":"');
const AFTER_HASH = ascii('","fields":{"type":"');
const AFTER_TYPE = ascii('","model":"');
const AFTER_MODEL = ascii('","prompt":"');
const AFTER_PROMPT = ascii('","params":"');
const AFTER_PARAMS = ascii('"},"output":"');
const AFTER_OUTPUT = ascii('","sha256":"');
const AFTER_SHA256 = ascii('","size":');
const AFTER_SIZE = ascii(',"generation":"');
const AFTER_GENERATION = ascii('","renderedAt":"');
const LINE_END = ascii('"}');

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
/** Below this, a control character: JSON holds none raw in a string. */
const SPACE = 0x20;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * A field hash's length, as the entry check has it. It counts UTF-16 code units; a string of 1
 * to 64 bytes in UTF-8 has 1 to 64 of those, whatever it holds.
 */
const SHORT_MAX = 64;
const HEX_DIGITS = 64;
/** Digits of Number.MAX_SAFE_INTEGER: a size with more is never safe. */
const SIZE_DIGITS_MAX = 16;
/** How many interleaved runs of the manifest's assets are followed through the lock. */
const RUNS_FOLLOWED = 4;
/** Places tried for each run: the next asset, and the one after (the next is new, say). */
const PLACES_TRIED = 2;

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** What a recognised line holds for a plan. */
export interface RecognisedLine {
  id: string;
  /** The asset's place in the manifest. */
  place: number;
  size: number;
  /** Its SHA-256's 32 bytes (the same array each time). */
  sha256: Uint8Array;
}

/**
 * Reads the lines of lockfile parts in file order. `byId` maps the manifest's ids to places and
 * `hashes` (by place) are their requests' hashes now: a line is recognised only when it is an
 * asset's entry recording that asset's request as it is now.
 */
export class WrittenEntryLines {
  /** The manifest's ids by place, and the places to try first for the next line's id. */
  readonly #ids: string[];
  readonly #tries = new Int32Array(RUNS_FOLLOWED);
  /** The line last recognised: one object, rewritten for each. */
  readonly #line: RecognisedLine = { id: "", place: -1, size: 0, sha256: new Uint8Array(32) };

  constructor(
    private readonly byId: ReadonlyMap<string, number>,
    private readonly hashes: readonly string[],
  ) {
    const ids = new Array<string>(hashes.length);
    byId.forEach((place, id) => {
      ids[place] = id;
    });
    this.#ids = ids;
  }

  /**
   * The members in `bytes` from `start` to `end` (a lockfile part as readWrittenBody gives it),
   * in file order: each recognised line to `recognised` (the object is reused), and each run of
   * other lines, decoded as one string of members, to `other`. False as soon as `other` is.
   */
  read(
    bytes: Buffer,
    start: number,
    end: number,
    recognised: (line: RecognisedLine) => void,
    other: (members: string) => boolean,
  ): boolean {
    let unread = -1; // where the run of lines not recognised starts
    let memberStart = true; // whether `line` starts just after a line-ending comma (or the part)
    for (let line = start; line < end;) {
      if (memberStart) {
        const lineEnd = this.#recognise(bytes, line);
        // Ended by the part's end, or by a line-ending comma with a line after it (a part that
        // ends in `,\n` ends with an empty member, which JSON refuses).
        if (
          lineEnd === end ||
          (lineEnd > 0 &&
            lineEnd + 2 < end &&
            bytes[lineEnd] === COMMA &&
            bytes[lineEnd + 1] === NEWLINE)
        ) {
          if (unread >= 0 && !other(bytes.toString("utf8", unread, line - 2))) return false;
          unread = -1;
          recognised(this.#line);
          line = lineEnd + 2;
          continue;
        }
      }
      if (unread < 0) unread = line;
      let newline = line;
      while (newline < end && bytes[newline] !== NEWLINE) newline++;
      memberStart = newline < end && bytes[newline - 1] === COMMA;
      line = newline + 1;
    }
    return unread < 0 || other(bytes.toString("utf8", unread, end));
  }

  /**
   * Where the line at `start` ends (just past its `"}`) if it is an unchanged asset's entry as
   * written, else -1; then `#line` holds what it records. Each byte is looked at once: the fixed
   * text between the values, and each value's bytes as the value is read. Nothing is read past
   * a line break, which every part has after its end.
   */
  #recognise(bytes: Buffer, start: number): number {
    if (!literalAt(bytes, start, ID_START)) return -1;
    const idStart = start + ID_START.length;
    const idEnd = stringEnd(bytes, idStart);
    if (idEnd < 0 || !literalAt(bytes, idEnd, AFTER_ID)) return -1;
    const place = this.#place(bytes, idStart, idEnd);
    const hash = this.hashes[place];
    let at = idEnd + AFTER_ID.length;
    if (hash === undefined || hash.length !== HEX_DIGITS || !textAt(bytes, at, hash)) return -1;
    at += HEX_DIGITS;
    if (!literalAt(bytes, at, AFTER_HASH)) return -1;
    at = stringThen(bytes, at + AFTER_HASH.length, 1, SHORT_MAX, AFTER_TYPE);
    at = stringThen(bytes, at, 1, SHORT_MAX, AFTER_MODEL);
    at = stringThen(bytes, at, 1, SHORT_MAX, AFTER_PROMPT);
    at = stringThen(bytes, at, 1, SHORT_MAX, AFTER_PARAMS);
    at = stringThen(bytes, at, 1, Infinity, AFTER_OUTPUT);
    const line = this.#line;
    if (at < 0 || !decodeSha256(bytes, at, line.sha256)) return -1;
    at += HEX_DIGITS;
    if (!literalAt(bytes, at, AFTER_SHA256)) return -1;
    at += AFTER_SHA256.length;
    const sizeAt = at;
    let size = 0;
    for (let c = bytes[at] as number; c >= ZERO && c <= NINE; c = bytes[++at] as number) {
      size = size * 10 + (c - ZERO);
    }
    const digits = at - sizeAt;
    // JSON.stringify writes no leading zero, sign, fraction or exponent.
    if (digits === 0 || digits > SIZE_DIGITS_MAX || (digits > 1 && bytes[sizeAt] === ZERO)) {
      return -1;
    }
    if (size > Number.MAX_SAFE_INTEGER || !literalAt(bytes, at, AFTER_SIZE)) return -1;
    at = stringThen(bytes, at + AFTER_SIZE.length, 0, Infinity, AFTER_GENERATION);
    // renderedAt ends the line: an entry with variants goes on, and is not recognised.
    const close = at < 0 ? -1 : stringEnd(bytes, at);
    if (close < 0 || !literalAt(bytes, close, LINE_END)) return -1;
    line.id = this.#ids[place] as string;
    line.place = place;
    line.size = size;
    return close + LINE_END.length;
  }

  /**
   * The place of the asset whose id is bytes[idStart, idEnd), or -1. The lock is sorted by id,
   * and so, often, are runs of the manifest's assets: the asset after one found lately is tried
   * first, which spares most lines decoding the id and a lookup in a map of every id (whose cache
   * misses, on a large manifest, cost more than the rest of the line). Several runs interleave in
   * the lock when ids hold numbers of different lengths (SKU10000, SKU100000, SKU100001, SKU10001,
   * …): the next place of each of the last few runs is tried, and the one after it, past an asset
   * new since the lock was written.
   */
  #place(bytes: Buffer, idStart: number, idEnd: number): number {
    const length = idEnd - idStart;
    const tries = this.#tries;
    for (let skip = 0; skip < PLACES_TRIED; skip++) {
      for (let i = 0; i < tries.length; i++) {
        const place = (tries[i] as number) + skip;
        const id = this.#ids[place];
        if (id !== undefined && id.length === length && textAt(bytes, idStart, id)) {
          this.#follow(i, place);
          return place;
        }
      }
    }
    const id = bytes.toString("utf8", idStart, idEnd);
    const place = this.byId.get(id);
    if (place === undefined || this.#ids[place] !== id) return -1;
    this.#follow(tries.length - 1, place);
    return place;
  }

  /** The run at `i` (or a new one in the stead of the last) is now at `place`: tried first. */
  #follow(i: number, place: number): void {
    const tries = this.#tries;
    tries.copyWithin(1, 0, i);
    tries[0] = place + 1;
  }
}

/**
 * Where the string whose bytes start at `at` closes, or -1 if it holds an escape or a control
 * character. A line break, which ends every line, ends the search.
 */
function stringEnd(bytes: Uint8Array, at: number): number {
  for (let i = at; ; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) return i;
    if (c < SPACE || c === BACKSLASH) return -1;
  }
}

/**
 * Past a string's bytes at `at` (`at` < 0: no string) and the `next` bytes after its closing quote
 * (which `next` begins with); -1 unless the string's length in bytes is within `min` and `max`.
 */
function stringThen(
  bytes: Uint8Array,
  at: number,
  min: number,
  max: number,
  next: Uint8Array,
): number {
  if (at < 0) return -1;
  const close = stringEnd(bytes, at);
  const length = close - at;
  if (close < 0 || length < min || length > max || !literalAt(bytes, close, next)) return -1;
  return close + next.length;
}

/** Whether `bytes` hold `literal` at `at`. */
function literalAt(bytes: Uint8Array, at: number, literal: Uint8Array): boolean {
  for (let i = 0; i < literal.length; i++) {
    if (bytes[at + i] !== literal[i]) return false;
  }
  return true;
}

/** Whether `bytes` hold `text` at `at`, `text` being ASCII (a character beyond never matches). */
function textAt(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || bytes[at + i] !== c) return false;
  }
  return true;
}
