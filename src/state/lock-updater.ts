import type { LockEntry, Lockfile } from "./lock-types.js";

/**
 * Keeps `agentframer.lock` up to date while a render runs, at a cost that follows the change.
 *
 * Each asset is made durable the moment it completes by its own small `completed` journal record
 * (O(1)); the lockfile itself is written once when the run ends and, during a long run, at most
 * once per `intervalMs` (a minute by default), each write coalescing every completion since the
 * last and copying the other assets' lines as they are (see lockfile-rewrite.ts). A crash
 * therefore loses nothing that completed: the next run folds the journal's completed records into
 * the lock before it plans. The rare writes during a run only keep the journal from growing
 * without bound; after each, `onWritten` gets the ids it made durable so their records can go.
 */
export interface LockUpdater {
  /** Record a completed asset; the lockfile follows when the run ends, or within `intervalMs`. */
  set(id: string, entry: LockEntry): void;
  /** The lock as it stands in memory (what the next write will hold). */
  current(): Lockfile;
  /** Write now if anything changed, and wait for it. Rethrows a failed write. */
  flush(): Promise<void>;
  /** Final flush; no writes are scheduled after it. */
  close(): Promise<void>;
}

export interface LockUpdaterOptions {
  /** The lock as the lockfile holds it now; the updater adds to it in place. */
  initial: Lockfile;
  /** Write the lock atomically; `changed` names the ids set since the last write. */
  write: (lock: Lockfile, changed: string[]) => Promise<void>;
  /** Called after a write with the ids it made durable. */
  onWritten?: (ids: string[]) => Promise<void>;
  intervalMs?: number;
  now?: () => number;
}

export const LOCK_WRITE_INTERVAL_MS = 60_000;

export function createLockUpdater(options: LockUpdaterOptions): LockUpdater {
  const intervalMs = options.intervalMs ?? LOCK_WRITE_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const lock = options.initial;
  let pending = new Set<string>();
  let lastWriteAt = now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> | undefined;
  let failure: unknown;
  let closed = false;

  const writeOnce = async (): Promise<void> => {
    const ids = [...pending];
    pending = new Set();
    lastWriteAt = now();
    try {
      await options.write(lock, ids);
    } catch (error) {
      for (const id of ids) pending.add(id);
      failure = error;
      return;
    }
    failure = undefined;
    await options.onWritten?.(ids).catch(() => {
      // The journal records stay behind; the next run folds them in again, harmlessly.
    });
  };

  const run = (): Promise<void> => {
    timer = undefined;
    writing ??= writeOnce().finally(() => {
      writing = undefined;
      if (pending.size > 0 && !closed && failure === undefined) schedule();
    });
    return writing;
  };

  const schedule = (): void => {
    if (timer || writing || closed) return;
    const wait = Math.max(0, lastWriteAt + intervalMs - now());
    timer = setTimeout(() => void run(), wait);
  };

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (writing) await writing;
    if (pending.size > 0) await run();
    if (failure !== undefined) throw failure;
  };

  return {
    set(id, entry) {
      lock.assets[id] = entry;
      pending.add(id);
      schedule();
    },
    current: () => lock,
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
