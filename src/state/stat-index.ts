/**
 * `.agentframer/stat-index.json`: output path → size, mtime, inode and SHA-256, like git's index.
 * Hashing 50,000 outputs on every plan is too slow; a file whose stat is unchanged since it was
 * hashed keeps its hash. It is a cache, never the truth: a missing or damaged index is empty.
 *
 * Racy files (git's "racy clean" problem): a file written in the same moment the index recorded
 * it can change again without its mtime moving on a coarse clock. Entries whose mtime is within
 * RACY_WINDOW_MS of the index write are therefore re-hashed, and the index rewritten, until the
 * file is old enough to trust.
 *
 * Loaded for a manifest (`load(dir, outputs)`), its rows are the manifest's outputs by place:
 * three columns of numbers, bytes and flags, with no map and no path string of its own. The file
 * is written in that order, so the next load finds each path where it expects it (a path found
 * elsewhere is looked up in a map, built only then; one no asset writes is dropped).
 */
import { isSha256Hex } from "./sha256-hex.js";
import { statSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import { statIndexPath } from "./paths.js";
import { ensureStateDir } from "./state-dir.js";
import { INDEX_VERSION, readIndexFile, type IndexPath, type IndexSink } from "./stat-index-file.js";

export const RACY_WINDOW_MS = 2000;
/** About how much of the index file is written at once: below V8's large object size, so it dies young. */
const FILE_CHUNK_CHARS = 1 << 16;
/**
 * How far past the last place found a path is looked for before the map: the file skips the
 * outputs it has no entry for (new assets, missing files), and those gaps are usually short.
 */
const LOOK_AHEAD = 64;

/** What JSON.stringify would escape in a string: quote, backslash, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The stat fields that, unchanged, let a file keep its recorded hash. */
export interface StatFacts {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** Columns by row: size, mtimeMs and ino (three a row), the SHA-256's bytes, and 1 where a row holds an entry. */
interface Columns {
  stats: Float64Array;
  digests: Uint8Array;
  held: Uint8Array;
}

function columnsFor(rows: number): Columns {
  return {
    stats: new Float64Array(rows * 3),
    digests: new Uint8Array(rows * 32),
    held: new Uint8Array(rows),
  };
}

function mapOf(paths: readonly string[]): Map<string, number> {
  const rows = new Map<string, number>();
  for (let row = 0; row < paths.length; row++) rows.set(paths[row] as string, row);
  return rows;
}

/** Places the file's rows: by the manifest's outputs when given, else each path in a row of its own. */
class RowPlacer implements IndexSink {
  /** The place after the last path found. */
  private cursor = 0;
  /** Paths beyond the manifest's outputs (only without a manifest). */
  readonly extra: string[] = [];
  rowOfPath: Map<string, number> | undefined;
  /** The file holds what a save would not write: rows dropped, or out of the manifest's order. */
  stale = false;
  built: Columns | undefined;

  constructor(private readonly placed: readonly string[] | undefined) {
    if (placed === undefined) this.rowOfPath = new Map();
  }

  place(path: IndexPath): number {
    const { placed } = this;
    if (placed === undefined) {
      const text = path.text();
      const known = this.rowOfPath?.get(text);
      if (known !== undefined) return known;
      this.extra.push(text);
      this.rowOfPath?.set(text, this.extra.length - 1);
      return this.extra.length - 1;
    }
    const end = Math.min(this.cursor + LOOK_AHEAD, placed.length);
    for (let place = this.cursor; place < end; place++) {
      if (path.is(placed[place] as string)) {
        this.cursor = place + 1;
        return place;
      }
    }
    this.rowOfPath ??= mapOf(placed);
    const place = this.rowOfPath.get(path.text());
    if (place === undefined || place < this.cursor) this.stale = true;
    if (place === undefined) return -1;
    this.cursor = place + 1;
    return place;
  }

  columns(): Columns {
    this.built = columnsFor(this.placed?.length ?? this.extra.length);
    return this.built;
  }
}

export class StatIndex {
  /** Rows 0 to placed.length - 1: the manifest's outputs by place (none without a manifest). */
  readonly #placed: readonly string[];
  /** Paths of the rows after those, in the order they were added. */
  readonly #extra: string[];
  /** Every row's path → row, built only when a path is looked up without its place. */
  #rowOfPath: Map<string, number> | undefined;
  #columns: Columns;
  #writtenAt: number;
  #changed: boolean;

  private constructor(
    readonly manifestDir: string,
    placed: readonly string[],
    loaded?: { placer: RowPlacer; writtenAt: number },
  ) {
    this.#placed = placed;
    this.#extra = loaded?.placer.extra ?? [];
    this.#rowOfPath = loaded?.placer.rowOfPath;
    this.#columns = loaded?.placer.built ?? columnsFor(placed.length);
    this.#writtenAt = loaded?.writtenAt ?? 0;
    this.#changed = loaded?.placer.stale ?? false;
  }

  /** An index with no entries, for a fresh checkout or a damaged file. */
  static empty(manifestDir: string, outputs: readonly string[] = []): StatIndex {
    return new StatIndex(manifestDir, outputs);
  }

  /**
   * The index on disk. With `outputs` (the manifest's, by place) rows are those places, and
   * entries for any other path are dropped (the index is then dirty, so that a save drops them
   * from the file); without, every entry is kept.
   */
  static async load(
    manifestDir: string,
    outputs?: readonly string[],
    /** Tests read small files by the scan that large ones take (stat-index-file.ts). */
    options?: { parseWholeBelow?: number },
  ): Promise<StatIndex> {
    const read = readIndexFile(statIndexPath(manifestDir), () => new RowPlacer(outputs), options);
    if (read === undefined) return StatIndex.empty(manifestDir, outputs);
    return new StatIndex(manifestDir, outputs ?? [], {
      placer: read.sink,
      writtenAt: read.writtenAt,
    });
  }

  /** True when entries were added, changed or dropped since load. */
  get dirty(): boolean {
    return this.#changed;
  }

  get #rows(): number {
    return this.#placed.length + this.#extra.length;
  }

  /** The row of `output`; `place` is its place in the manifest, when the caller knows it. */
  #rowOf(output: string, place?: number): number | undefined {
    if (place !== undefined && this.#placed[place] === output) return place;
    if (this.#rowOfPath === undefined) {
      this.#rowOfPath = mapOf(this.#placed);
      for (const [k, path] of this.#extra.entries())
        this.#rowOfPath.set(path, this.#placed.length + k);
    }
    return this.#rowOfPath.get(output);
  }

  #addRow(output: string): number {
    const row = this.#rows;
    this.#extra.push(output);
    this.#rowOfPath?.set(output, row);
    const { stats, digests, held } = this.#columns;
    if (row >= held.length) {
      const grown = columnsFor(Math.max(16, held.length * 2));
      grown.stats.set(stats);
      grown.digests.set(digests);
      grown.held.set(held);
      this.#columns = grown;
    }
    return row;
  }

  #matches(row: number, facts: StatFacts): boolean {
    const { stats, held } = this.#columns;
    const at = row * 3;
    return (
      held[row] === 1 &&
      stats[at] === facts.size &&
      stats[at + 1] === facts.mtimeMs &&
      stats[at + 2] === facts.ino
    );
  }

  /**
   * The row whose recorded hash still holds for `output` (its stat matches, and is old enough to
   * trust), or -1. `place`: the output's place in the manifest, spares a lookup by path.
   */
  trustedRow(output: string, facts: StatFacts, place?: number): number {
    const row = this.#rowOf(output, place);
    if (row === undefined || !this.#matches(row, facts)) return -1;
    return facts.mtimeMs >= this.#writtenAt - RACY_WINDOW_MS ? -1 : row;
  }

  /** Whether a row's recorded hash is the SHA-256 `hex` spells (lower case), without a string. */
  digestIs(row: number, hex: string): boolean {
    return digestIs(this.#columns.digests, row * 32, hex);
  }

  /** The recorded hash, if the file's stat still matches it and is old enough to trust. */
  trustedSha256(output: string, facts: StatFacts): string | undefined {
    const row = this.trustedRow(output, facts);
    return row < 0 ? undefined : this.#hexAt(row);
  }

  #hexAt(row: number): string {
    const { digests } = this.#columns;
    return Buffer.from(digests.buffer, digests.byteOffset, digests.length).toString(
      "hex",
      row * 32,
      row * 32 + 32,
    );
  }

  set(output: string, facts: StatFacts, sha256: string, place?: number): void {
    // Rows hold 32 bytes: anything but a digest would be read back as another one.
    if (!isSha256Hex(sha256)) throw new TypeError(`not a SHA-256 hex digest: ${sha256}`);
    const digest = Buffer.from(sha256, "hex");
    this.setDigest(output, facts, digest, 0, place);
  }

  /** `set` with the digest's 32 bytes at `at` in `digest`. */
  setDigest(
    output: string,
    facts: StatFacts,
    digest: Uint8Array,
    at: number,
    place?: number,
  ): void {
    const row = this.#rowOf(output, place) ?? this.#addRow(output);
    const { stats, digests, held } = this.#columns;
    if (
      this.#matches(row, facts) &&
      sameBytes(digests, row * 32, digest, at) &&
      facts.mtimeMs < this.#writtenAt - RACY_WINDOW_MS
    ) {
      return;
    }
    stats[row * 3] = facts.size;
    stats[row * 3 + 1] = facts.mtimeMs;
    stats[row * 3 + 2] = facts.ino;
    digests.set(digest.subarray(at, at + 32), row * 32);
    held[row] = 1;
    this.#changed = true;
  }

  delete(output: string, place?: number): void {
    const row = this.#rowOf(output, place);
    if (row === undefined || this.#columns.held[row] !== 1) return;
    this.#columns.held[row] = 0;
    this.#changed = true;
  }

  /**
   * Record an output the render engine has just written (or restored): stat it now, so the next
   * plan trusts the hash without reading the bytes. Call `save()` once after a batch.
   */
  async record(output: string, sha256: string): Promise<void> {
    // One stat of a file just written, its metadata cached: cheaper called directly than through
    // libuv's thread pool (see real-folders.ts).
    const s = statSync(join(this.manifestDir, output));
    this.set(output, { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino }, sha256);
  }

  /**
   * The file, as `JSON.stringify` of its columns would give it (rows in the index's order: the
   * manifest's, then paths added since), in pieces of about 64 KiB: after a render of 50,000
   * outputs it is 6 MB, which as one buffer sat on top of the lock's last write at a render's peak.
   */
  *#fileChunks(now: number): Generator<string> {
    const { stats, held } = this.#columns;
    const rows: number[] = [];
    for (let row = 0; row < this.#rows; row++) if (held[row] === 1) rows.push(row);
    const pathAt = (row: number): string =>
      row < this.#placed.length
        ? (this.#placed[row] as string)
        : (this.#extra[row - this.#placed.length] as string);
    // JSON.stringify only for a path with something to escape; most are quoted as they are.
    const quoted = (path: string): string =>
      NEEDS_ESCAPE.test(path) ? JSON.stringify(path) : `"${path}"`;
    let chunk = `{"version":${INDEX_VERSION},"writtenAt":${JSON.stringify(now)},"outputs":[`;
    const add = function* (text: string): Generator<string> {
      chunk += text;
      if (chunk.length < FILE_CHUNK_CHARS) return;
      yield chunk;
      chunk = "";
    };
    for (const [i, row] of rows.entries())
      yield* add(`${i === 0 ? "" : ","}${quoted(pathAt(row))}`);
    yield* add('],"stats":[');
    for (const [i, row] of rows.entries()) {
      const at = row * 3;
      yield* add(`${i === 0 ? "" : ","}${stats[at]},${stats[at + 1]},${stats[at + 2]}`);
    }
    yield* add('],"sha256":"');
    for (const row of rows) yield* add(this.#hexAt(row));
    yield chunk + '"}\n';
  }

  /** Write the index atomically if anything changed. `now` is injectable for tests. */
  async save(now: number = Date.now()): Promise<void> {
    if (!this.#changed) return;
    // Machine-specific (inodes, mtimes): the state folder's own .gitignore keeps it out of commits.
    await ensureStateDir(this.manifestDir);
    // Not synced to disk: a cache, and one a crash leaves missing or damaged is only empty.
    await writeFileAtomic(statIndexPath(this.manifestDir), this.#fileChunks(now), {
      durable: false,
    });
    this.#writtenAt = now;
    this.#changed = false;
  }
}

function sameBytes(a: Uint8Array, at: number, b: Uint8Array, bt: number): boolean {
  for (let k = 0; k < 32; k++) if (a[at + k] !== b[bt + k]) return false;
  return true;
}

const HEX_CODES = [..."0123456789abcdef"].map((c) => c.charCodeAt(0));

/** Whether the 32 bytes at `at` are the digest `hex` spells (lower case), without a string. */
export function digestIs(bytes: Uint8Array, at: number, hex: string): boolean {
  if (hex.length !== 64) return false;
  for (let k = 0; k < 32; k++) {
    const byte = bytes[at + k] ?? 0;
    if (hex.charCodeAt(2 * k) !== HEX_CODES[byte >> 4]) return false;
    if (hex.charCodeAt(2 * k + 1) !== HEX_CODES[byte & 15]) return false;
  }
  return true;
}

/**
 * For the render engine: after writing (or restoring) outputs, record their hashes so the next
 * `plan` need not read them. One load and one save for the whole batch.
 */
export async function recordOutputStates(
  manifestDir: string,
  outputs: ReadonlyArray<{ output: string; sha256: string }>,
): Promise<void> {
  const index = await StatIndex.load(manifestDir);
  for (const { output, sha256 } of outputs) await index.record(output, sha256);
  await index.save();
}
