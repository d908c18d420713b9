/**
 * `.agentframer/stat-index.json`: output path → size, mtime, inode and SHA-256, like git's index.
 * Hashing 50,000 outputs on every plan is too slow; a file whose stat is unchanged since it was
 * hashed keeps its hash. It is a cache, never the truth: a missing or damaged index is empty.
 *
 * Racy files (git's "racy clean" problem): a file written in the same moment the index recorded
 * it can change again without its mtime moving on a coarse clock. Entries whose mtime is within
 * RACY_WINDOW_MS of the index write are therefore re-hashed, and the index rewritten, until the
 * file is old enough to trust.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "./atomic-write.js";
import { statIndexPath } from "./paths.js";
import { ensureStateDir } from "./state-dir.js";

const INDEX_VERSION = 2;
export const RACY_WINDOW_MS = 2000;
/** About how much of the index file is written at once: below V8's large object size, so it dies young. */
const FILE_CHUNK_CHARS = 1 << 16;

/** What JSON.stringify would escape in a string: quote, backslash, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The stat fields that, unchanged, let a file keep its recorded hash. */
export interface StatFacts {
  size: number;
  mtimeMs: number;
  ino: number;
}

/**
 * On disk, column-wise: `outputs` (paths), `stats` (size, mtimeMs, ino per output, flat) and
 * `sha256` (all hashes concatenated). Parsed, that is one array of strings, one of doubles and one
 * string — a fraction of the time and memory of 50,000 small objects.
 */
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

export class StatIndex {
  /** Output path → row in `stats` (three numbers a row) and in `hashes`. */
  private readonly rows: Map<string, number>;
  private readonly stats: number[];
  /** Hashes from disk, concatenated; rows set since load are in `setHashes`. */
  private readonly loadedHashes: string;
  private readonly setHashes = new Map<number, string>();
  private writtenAt: number;
  private changed = false;

  private constructor(
    readonly manifestDir: string,
    file: IndexFile | undefined,
  ) {
    // A loop, not new Map(outputs.map(...)): no pair array per output.
    this.rows = new Map();
    const outputs = file?.outputs ?? [];
    for (let row = 0; row < outputs.length; row++) this.rows.set(outputs[row] as string, row);
    this.stats = file?.stats ?? [];
    this.loadedHashes = file?.sha256 ?? "";
    this.writtenAt = file?.writtenAt ?? 0;
  }

  /** An index with no entries, for a fresh checkout or a damaged file. */
  static empty(manifestDir: string): StatIndex {
    return new StatIndex(manifestDir, undefined);
  }

  static async load(manifestDir: string): Promise<StatIndex> {
    try {
      const data: unknown = JSON.parse(readFileSync(statIndexPath(manifestDir), "utf8"));
      return new StatIndex(manifestDir, isIndexFile(data) ? data : undefined);
    } catch {
      return StatIndex.empty(manifestDir);
    }
  }

  /** True when entries were added, changed or dropped since load. */
  get dirty(): boolean {
    return this.changed;
  }

  private hashAt(row: number): string {
    return this.setHashes.get(row) ?? this.loadedHashes.slice(row * 64, row * 64 + 64);
  }

  private matches(row: number, facts: StatFacts): boolean {
    const at = row * 3;
    return (
      this.stats[at] === facts.size &&
      this.stats[at + 1] === facts.mtimeMs &&
      this.stats[at + 2] === facts.ino
    );
  }

  /** The recorded hash, if the file's stat still matches it and is old enough to trust. */
  trustedSha256(output: string, facts: StatFacts): string | undefined {
    const row = this.rows.get(output);
    if (row === undefined || !this.matches(row, facts)) return undefined;
    if (facts.mtimeMs >= this.writtenAt - RACY_WINDOW_MS) return undefined;
    return this.hashAt(row);
  }

  set(output: string, facts: StatFacts, sha256: string): void {
    // Hashes are stored end to end, 64 digits each: anything else would shift every later row.
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new TypeError(`not a SHA-256 hex digest: ${sha256}`);
    let row = this.rows.get(output);
    if (
      row !== undefined &&
      this.matches(row, facts) &&
      this.hashAt(row) === sha256 &&
      facts.mtimeMs < this.writtenAt - RACY_WINDOW_MS
    ) {
      return;
    }
    if (row === undefined) {
      row = this.stats.length / 3;
      this.rows.set(output, row);
    }
    // In place (splice would build a removed-items array on every call).
    this.stats[row * 3] = facts.size;
    this.stats[row * 3 + 1] = facts.mtimeMs;
    this.stats[row * 3 + 2] = facts.ino;
    this.setHashes.set(row, sha256);
    this.changed = true;
  }

  delete(output: string): void {
    if (this.rows.delete(output)) this.changed = true;
  }

  /**
   * Whether every entry is for one of `outputs`, which must be distinct: then `retain` of any
   * set holding them would drop nothing.
   */
  holdsOnly(outputs: readonly string[]): boolean {
    if (outputs.length < this.rows.size) return false;
    let held = 0;
    for (const output of outputs) if (this.rows.has(output)) held++;
    return held === this.rows.size;
  }

  /** Keep only the given outputs, so entries for renamed or removed assets do not pile up. */
  retain(outputs: ReadonlySet<string>): void {
    for (const path of this.rows.keys()) if (!outputs.has(path)) this.delete(path);
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
   * The file as `JSON.stringify(file) + "\n"` would give it (an IndexFile, outputs sorted), in
   * pieces of about 64 KiB: after a render of 50,000 outputs it is 6 MB, which as one buffer (or
   * a string and its UTF-8 copy) sat on top of the lock's last write at a render's peak.
   */
  private *fileChunks(now: number): Generator<string> {
    const outputs = [...this.rows.keys()].sort();
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
    for (const [i, output] of outputs.entries()) {
      yield* add(i === 0 ? quoted(output) : `,${quoted(output)}`);
    }
    yield* add('],"stats":[');
    for (const [i, output] of outputs.entries()) {
      const row = this.rows.get(output) as number;
      const at = row * 3;
      const [size, mtimeMs, ino] = [this.stats[at], this.stats[at + 1], this.stats[at + 2]];
      yield* add(`${i === 0 ? "" : ","}${size ?? 0},${mtimeMs ?? 0},${ino ?? 0}`);
    }
    yield* add('],"sha256":"');
    for (const output of outputs) yield* add(this.hashAt(this.rows.get(output) as number));
    yield chunk + '"}\n';
  }

  /** Write the index atomically if anything changed. `now` is injectable for tests. */
  async save(now: number = Date.now()): Promise<void> {
    if (!this.changed) return;
    // Machine-specific (inodes, mtimes): the state folder's own .gitignore keeps it out of commits.
    await ensureStateDir(this.manifestDir);
    // Not synced to disk: a cache, and one a crash leaves missing or damaged is only empty.
    await writeFileAtomic(statIndexPath(this.manifestDir), this.fileChunks(now), {
      durable: false,
    });
    this.writtenAt = now;
    this.changed = false;
  }
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
