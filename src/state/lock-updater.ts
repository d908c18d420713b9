import type { LockEntry, Lockfile } from "./lock-types.js";

/**
 * Keeps `agentframer.lock` up to date while a render runs, without making it O(n²).
 *
 * Why not rewrite the lockfile after every asset: it is one sorted JSON document, so each rewrite
 * costs O(n); 50,000 assets would mean 50,000 rewrites of a 50,000-entry file. Instead each asset
 * is made durable the moment it completes by its own small `completed` journal record (O(1)), and
 * the lockfile is rewritten atomically at most once per `intervalMs` (coalescing every completion
 * in between) and once more at the end. A crash therefore loses nothing that completed: the next
 * run folds the journal's completed records into the lock before it plans. After each successful
 * write, `onWritten` gets the ids that write made durable so their journal records can go.
 */
export interface LockUpdater {
  /** Record a completed asset; the lockfile follows within `intervalMs`. */
  set(id: string, entry: LockEntry): void;
  /** The lock as it stands in memory (what the next write will hold). */
  current(): Lockfile;
  /** Write now if anything changed, and wait for it. Rethrows a failed write. */
  flush(): Promise<void>;
  /** Final flush; no writes are scheduled after it. */
  close(): Promise<void>;
}

export interface LockUpdaterOptions {
  initial: Lockfile;
  /** Serialise and write the whole lockfile atomically. */
  write: (lock: Lockfile) => Promise<void>;
  /** Called after a write with the ids it made durable. */
  onWritten?: (ids: string[]) => Promise<void>;
  intervalMs?: number;
  now?: () => number;
}

export function createLockUpdater(options: LockUpdaterOptions): LockUpdater {
  const intervalMs = options.intervalMs ?? 250;
  const now = options.now ?? Date.now;
  const lock: Lockfile = { version: 1, assets: { ...options.initial.assets } };
  let pending = new Set<string>();
  let lastWriteAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> | undefined;
  let failure: unknown;
  let closed = false;

  const writeOnce = async (): Promise<void> => {
    const ids = [...pending];
    pending = new Set();
    lastWriteAt = now();
    try {
      await options.write({ version: 1, assets: { ...lock.assets } });
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
