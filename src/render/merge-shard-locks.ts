/**
 * The merge of shard locks into a manifest's lock, with its I/O: read the locks, check the bytes
 * each taken entry names, and write the manifest's lock atomically, or write nothing at all when
 * two locks disagree or an entry's bytes are not where it says.
 */
import { stat } from "node:fs/promises";
import type { Manifest } from "../manifest/types.js";
import { hashAssets } from "../plan/hash.js";
import { sha256File } from "../plan/sha256-file.js";
import type { LockEntry } from "../state/lock-types.js";
import {
  describeConflict,
  mergeLocks,
  type LockMergeOutcome,
  type MergeCandidate,
} from "../state/lock-merge.js";
import { readLockfile, writeLockfile } from "../state/lockfile.js";
import { lockfilePathFor } from "../state/paths.js";
import { withRunLock } from "../state/run-lock.js";
import type { Store } from "../store/store.js";

/**
 * Why each entry's bytes cannot be taken (undefined: they are as the entry says), in the order
 * given. All entries at once, so that a store is asked once for all of them, not once per entry.
 */
export type CheckBytes = (entries: readonly LockEntry[]) => Promise<Array<string | undefined>>;

export interface ShardLockFile {
  /** Absolute path. */
  path: string;
  /** As messages name it (the path the user gave). */
  name: string;
}

export interface ShardMergeReport extends LockMergeOutcome {
  /** Taken entries whose bytes did not check out, with why. */
  badBytes: Array<{ candidate: MergeCandidate; why: string }>;
  /** Whether the manifest's lock was written. */
  written: boolean;
  /** Every reason nothing was written, one line each. */
  problems: string[];
}

/** Entries checked at once on disk: enough to overlap reads, few enough to bound open files. */
const CHECK_CONCURRENCY = 16;

/** The output file beside the manifest must hold exactly the bytes the entry records. */
export function outputOnDisk(manifestDir: string): CheckBytes {
  const one = async (entry: LockEntry): Promise<string | undefined> => {
    const path = `${manifestDir}/${entry.output}`;
    const facts = await stat(path).catch(() => undefined);
    if (facts === undefined || !facts.isFile()) return `${entry.output} is not on disk`;
    if (facts.size !== entry.size) {
      return `${entry.output} holds ${facts.size} bytes where the lock says ${entry.size}`;
    }
    if ((await sha256File(path, facts.size)) !== entry.sha256) {
      return `${entry.output} does not hold the bytes the lock records (SHA-256 differs)`;
    }
    return undefined;
  };
  return async (entries) => {
    const whys = new Array<string | undefined>(entries.length);
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const at = next++;
        whys[at] = await one(entries[at] as LockEntry);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, entries.length) }, worker));
    return whys;
  };
}

/**
 * With outputs in the store only, the store must hold exactly the bytes the entry records: a
 * lock entry is the promise that `agentframer pull` can bring them. One lookup for every entry.
 */
export function heldInStore(store: Pick<Store, "lookup" | "label">): CheckBytes {
  return async (entries) => {
    const hits = entries.length > 0 ? await store.lookup(entries.map((e) => e.hash)) : new Map();
    return entries.map((entry) => {
      const hit = hits.get(entry.hash);
      if (hit === undefined) return `${entry.output} is not in the store (${store.label})`;
      if (hit.record.sha256 !== entry.sha256 || hit.record.size !== entry.size) {
        return `the store (${store.label}) holds other bytes for ${entry.output} than the lock records`;
      }
      return undefined;
    });
  };
}

async function checkAll(
  taken: readonly MergeCandidate[],
  check: CheckBytes,
): Promise<ShardMergeReport["badBytes"]> {
  const whys = await check(taken.map((c) => c.entry));
  const bad: ShardMergeReport["badBytes"] = [];
  taken.forEach((candidate, i) => {
    const why = whys[i];
    if (why !== undefined) bad.push({ candidate, why });
  });
  return bad.sort((a, b) => (a.candidate.id < b.candidate.id ? -1 : 1));
}

/**
 * Merge `shards` into the manifest's lock. Throws LockfileError for a lock that does not parse
 * (naming it) and ManifestError for a manifest whose requests cannot be hashed.
 */
export async function mergeShardLocks(
  manifest: Manifest,
  shards: readonly ShardLockFile[],
  check: CheckBytes = outputOnDisk(manifest.dir),
): Promise<ShardMergeReport> {
  const hashes = hashAssets(manifest.assets);
  const assets = manifest.assets.map((a, i) => ({
    id: a.id,
    output: a.output,
    hash: hashes[i] as string,
  }));
  const named = await Promise.all(
    shards.map(async ({ path, name }) => ({ name, lock: await readLockfile(path) })),
  );
  return withRunLock(manifest.dir, async () => {
    const lockPath = lockfilePathFor(manifest.path);
    const outcome = mergeLocks(await readLockfile(lockPath), named, assets);
    const badBytes = outcome.conflicts.length === 0 ? await checkAll(outcome.taken, check) : [];
    const problems = [
      ...outcome.conflicts.map(describeConflict),
      ...badBytes.map(({ candidate, why }) => `${candidate.id} (from ${candidate.lock}): ${why}`),
    ];
    const written = problems.length === 0 && outcome.taken.length > 0;
    if (written) await writeLockfile(lockPath, outcome.merged);
    return { ...outcome, badBytes, written, problems };
  });
}
