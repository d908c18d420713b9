/**
 * The lock as a plan reads it, which is less than a render must hold. An entry that records an
 * asset's request as it is now (the usual case: most of a large catalogue is unchanged) matters
 * to a plan only for the bytes it recorded, its size and SHA-256, compared with the output on
 * disk. Those go into three columns by the asset's place in the manifest (41 bytes an asset)
 * instead of an object, a fields object and six strings each (about 500 bytes, and work for the
 * garbage collector for as long as the plan runs): at 500,000 assets, 270 MB less and 1.5 s less
 * CPU. Such an entry's line, as this tool writes it, is read in the file's bytes without being
 * decoded or parsed (written-entry-line.ts): at 500,000 assets, 1.4 s less again. Every other
 * entry (a changed request, one with variants, one for no asset, a line in another layout) is
 * parsed, checked and kept whole.
 *
 * Only `agentframer plan` reads the lock this way; a render, `pull` and `lock merge` need every
 * entry whole (`readLockfile`), and `planLockOf` lets the plan's code read that too.
 */
import type { LockEntry, Lockfile } from "./lock-types.js";
import {
  emptyLockfile,
  entryChecker,
  isLockfileToRead,
  readLockfile,
  readWrittenBody,
  type ShareStrings,
} from "./lockfile.js";
import { isSha256Hex } from "./sha256-hex.js";
import { WrittenEntryLines, type RecognisedLine } from "./written-entry-line.js";
import { LockfileError } from "./lockfile-error.js";

/** What a plan compares of an entry that records its asset's request as it is now. */
export interface LockedBytes {
  size: number;
  sha256: string;
}

export interface PlanLock {
  /** How many entries (distinct ids) the lock holds. */
  readonly count: number;
  /** The entry of `id`, when it was kept whole. */
  whole(id: string): LockEntry | undefined;
  /**
   * The bytes recorded for the asset at `place` in the manifest, when its entry recorded the
   * request the asset makes now and was kept as only those (then `whole` has no entry for it).
   */
  sameRequest(place: number): LockedBytes | undefined;
  /** Every entry kept whole, by id (the lock's orphans are among them). */
  wholeEntries(): Iterable<[string, LockEntry]>;
}

/** A lock read whole, as a plan reads it. */
export function planLockOf(lock: Lockfile): PlanLock {
  let count: number | undefined;
  return {
    // Counted only when asked: a plan asks once, and only when it may have orphans.
    get count() {
      return (count ??= Object.keys(lock.assets).length);
    },
    whole: (id) => lock.assets[id],
    sameRequest: () => undefined,
    wholeEntries: () => Object.entries(lock.assets),
  };
}

/** The columns, filled while the lockfile is read. */
class ColumnLock implements PlanLock {
  count = 0;
  /** 1 where the asset's entry is in the columns. */
  readonly #kept: Uint8Array;
  readonly #size: Float64Array;
  readonly #sha256: Buffer;
  readonly #whole = new Map<string, LockEntry>();

  constructor(assets: number) {
    this.#kept = new Uint8Array(assets);
    this.#size = new Float64Array(assets);
    this.#sha256 = Buffer.alloc(32 * assets);
  }

  whole(id: string): LockEntry | undefined {
    return this.#whole.get(id);
  }

  sameRequest(place: number): LockedBytes | undefined {
    if (this.#kept[place] !== 1) return undefined;
    const at = 32 * place;
    return { size: this.#size[place] as number, sha256: this.#sha256.toString("hex", at, at + 32) };
  }

  wholeEntries(): Iterable<[string, LockEntry]> {
    return this.#whole.entries();
  }

  /** A line recognised as an unchanged asset's entry, kept as its bytes. */
  keepLine(line: RecognisedLine): void {
    this.#keepBytes(line.id, line.place, line.size);
    this.#sha256.set(line.sha256, 32 * line.place);
  }

  /** An entry read whole and checked, kept as its bytes when it records the asset's request now. */
  keep(id: string, place: number | undefined, sameRequest: boolean, entry: LockEntry): void {
    if (
      place !== undefined &&
      sameRequest &&
      entry.variants === undefined &&
      isSha256Hex(entry.sha256)
    ) {
      this.#keepBytes(id, place, entry.size);
      this.#sha256.write(entry.sha256, 32 * place, 32, "hex");
    } else this.#keepWhole(id, place, entry);
  }

  /** A later entry for an id replaces an earlier one, as in JSON.parse. */
  #keepBytes(id: string, place: number, size: number): void {
    if (this.#kept[place] !== 1 && !this.#whole.delete(id)) this.count += 1;
    this.#kept[place] = 1;
    this.#size[place] = size;
  }

  #keepWhole(id: string, place: number | undefined, entry: LockEntry): void {
    const inColumns = place !== undefined && this.#kept[place] === 1;
    if (inColumns) this.#kept[place] = 0;
    if (!inColumns && !this.#whole.has(id)) this.count += 1;
    this.#whole.set(id, entry);
  }
}

/**
 * What `share` is given for an entry kept as its bytes: no strings of it are kept, so none are
 * worth sharing, but the caller still learns of the entry in its place in the file.
 */
const NO_STRINGS = Object.freeze(Object.create(null) as Record<string, unknown>);

/**
 * Reads the lockfile at `path` for a plan of the manifest whose assets are `byId` (id → place)
 * with request hashes `hashes` (by place). `share` is called with each entry in file order
 * before it is checked, as `readLockfile` calls it (for an entry kept as its bytes, with an
 * empty record and the asset's place). A line exactly as this tool writes it for an unchanged asset (most of a large lock)
 * goes straight into the columns (written-entry-line.ts); the lines between those are parsed and
 * checked as `readLockfile` does. A lockfile not in the layout this tool writes, or a damaged
 * one, is read whole by `readLockfile` (which throws the same LockfileError a render would); a
 * missing one is empty.
 */
export async function readPlanLock(
  path: string,
  byId: ReadonlyMap<string, number>,
  hashes: readonly string[],
  share?: ShareStrings,
): Promise<PlanLock> {
  // A link, a FIFO or an oversized file throws here, in a render's words.
  if (!isLockfileToRead(path)) return planLockOf(emptyLockfile());
  const lock = new ColumnLock(hashes.length);
  const check = entryChecker(path);
  const lines = new WrittenEntryLines(byId, hashes);
  /** Members parsed as readLockfile parses them; false unless there is at least one. */
  const readWhole = (members: string): boolean => {
    let part: Record<string, unknown>;
    try {
      part = JSON.parse(`{${members}}`) as Record<string, unknown>;
    } catch {
      return false;
    }
    const ids = Object.keys(part);
    for (const id of ids) {
      const raw = part[id];
      if (share && typeof raw === "object" && raw !== null) {
        share(id, raw as Record<string, unknown>);
      }
      const entry = check(id, raw);
      const place = byId.get(id);
      lock.keep(id, place, place !== undefined && entry.hash === hashes[place], entry);
    }
    // `{}`: a blank line, which the whole file's JSON would refuse.
    return ids.length > 0;
  };
  const keepLine = (line: RecognisedLine): void => {
    share?.(line.id, NO_STRINGS, line.place);
    lock.keepLine(line);
  };
  let written: boolean;
  try {
    written = readWrittenBody(path, (bytes, start, end) =>
      lines.read(bytes, start, end, keepLine, readWhole),
    );
  } catch (error) {
    // A damaged entry: the whole file's first problem, worded as a render words it (a merge
    // conflict further down, say, rather than the first entry it broke). A file gone since the
    // stat: empty, as readLockfile has it.
    const gone = (error as NodeJS.ErrnoException).code === "ENOENT";
    if (!(error instanceof LockfileError) && !gone) throw error;
    written = false;
  }
  return written ? lock : planLockOf(await readLockfile(path));
}
