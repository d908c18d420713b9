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
import { readFileSync } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.js";

export const STATE_DIR = ".agentframer";
export const STAT_INDEX_FILE = "stat-index.json";
const INDEX_VERSION = 1;
export const RACY_WINDOW_MS = 2000;

/** The stat fields that, unchanged, let a file keep its recorded hash. */
export interface StatFacts {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** [size, mtimeMs, ino, sha256]: arrays keep a 50,000-entry index small and quick to parse. */
type IndexRow = [number, number, number, string];

function isRow(value: unknown): value is IndexRow {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    typeof value[0] === "number" &&
    typeof value[1] === "number" &&
    typeof value[2] === "number" &&
    typeof value[3] === "string"
  );
}

export function statIndexPath(manifestDir: string): string {
  return join(manifestDir, STATE_DIR, STAT_INDEX_FILE);
}

export class StatIndex {
  private readonly rows: Map<string, IndexRow>;
  private writtenAt: number;
  private changed = false;

  private constructor(
    readonly manifestDir: string,
    rows: Map<string, IndexRow>,
    writtenAt: number,
  ) {
    this.rows = rows;
    this.writtenAt = writtenAt;
  }

  /** An index with no entries, for a fresh checkout or a damaged file. */
  static empty(manifestDir: string): StatIndex {
    return new StatIndex(manifestDir, new Map(), 0);
  }

  static async load(manifestDir: string): Promise<StatIndex> {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(statIndexPath(manifestDir), "utf8"));
    } catch {
      return StatIndex.empty(manifestDir);
    }
    const { version, writtenAt, entries } = (data ?? {}) as Record<string, unknown>;
    if (version !== INDEX_VERSION || typeof writtenAt !== "number") {
      return StatIndex.empty(manifestDir);
    }
    const rows = new Map<string, IndexRow>();
    if (typeof entries === "object" && entries !== null) {
      for (const [path, row] of Object.entries(entries)) if (isRow(row)) rows.set(path, row);
    }
    return new StatIndex(manifestDir, rows, writtenAt);
  }

  /** True when entries were added, changed or dropped since load. */
  get dirty(): boolean {
    return this.changed;
  }

  /** The recorded hash, if the file's stat still matches it and is old enough to trust. */
  trustedSha256(output: string, facts: StatFacts): string | undefined {
    const row = this.rows.get(output);
    if (row === undefined) return undefined;
    if (row[0] !== facts.size || row[1] !== facts.mtimeMs || row[2] !== facts.ino) return undefined;
    if (facts.mtimeMs >= this.writtenAt - RACY_WINDOW_MS) return undefined;
    return row[3];
  }

  set(output: string, facts: StatFacts, sha256: string): void {
    const row = this.rows.get(output);
    if (
      row === undefined ||
      row[0] !== facts.size ||
      row[1] !== facts.mtimeMs ||
      row[2] !== facts.ino ||
      row[3] !== sha256 ||
      facts.mtimeMs >= this.writtenAt - RACY_WINDOW_MS
    ) {
      this.changed = true;
    }
    this.rows.set(output, [facts.size, facts.mtimeMs, facts.ino, sha256]);
  }

  delete(output: string): void {
    if (this.rows.delete(output)) this.changed = true;
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
    const s = await stat(join(this.manifestDir, output));
    this.set(output, { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino }, sha256);
  }

  /** Write the index atomically if anything changed. `now` is injectable for tests. */
  async save(now: number = Date.now()): Promise<void> {
    if (!this.changed) return;
    const dir = join(this.manifestDir, STATE_DIR);
    await mkdir(dir, { recursive: true });
    // Machine-specific (inodes, mtimes): keep it out of commits even without a root .gitignore.
    await writeFile(join(dir, ".gitignore"), "*\n", { flag: "wx" }).catch(() => {});
    const entries = Object.fromEntries([...this.rows].sort(([a], [b]) => (a < b ? -1 : 1)));
    const text = JSON.stringify({ version: INDEX_VERSION, writtenAt: now, entries });
    await writeFileAtomic(statIndexPath(this.manifestDir), `${text}\n`);
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
