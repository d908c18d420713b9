/**
 * With `outputs: store` the committed lock is the promise that the store holds each entry's bytes:
 * `plan` says `stored` for an entry whose output is absent, `pull` fetches it, and nothing renders
 * it again. So a render lets an entry of its own into the lockfile only once the store holds the
 * bytes; until then the lockfile keeps the asset's previous entry, or none. Nothing paid for is
 * lost meanwhile: the bytes are in the output and in the cache, and the next run restores them
 * from there and writes them to the store without a new job.
 */
import type { LockEntry, Lockfile } from "../state/lock-types.js";
import type { AssetResult } from "./result.js";

export interface StoreOnlyLock {
  /**
   * The lock as the lockfile may hold it, for a write of the lock updater that makes `changed`
   * durable: this run's entries that the store does not hold yet are left out.
   */
  writable(lock: Lockfile, changed: readonly string[]): Lockfile;
  /** The store holds this asset's bytes: its entry may be written. */
  confirm(id: string): void;
  /** Ids this run recorded whose bytes the store does not hold, in the order they were recorded. */
  withheld(): string[];
}

/** `previous` gives the entry an asset had in the lockfile before this run, if any. */
export function storeOnlyLock(previous: (id: string) => LockEntry | undefined): StoreOnlyLock {
  const recorded = new Set<string>();
  const confirmed = new Set<string>();
  const withheld = (): string[] => [...recorded].filter((id) => !confirmed.has(id));
  return {
    writable(lock, changed) {
      for (const id of changed) recorded.add(id);
      const held = withheld();
      if (held.length === 0) return lock;
      // Without a prototype, like the lock's own: an id such as "__proto__" stays data.
      const assets = Object.assign(Object.create(null) as Lockfile["assets"], lock.assets);
      for (const id of held) {
        const before = previous(id);
        if (before === undefined) delete assets[id];
        else assets[id] = before;
      }
      return { ...lock, assets };
    },
    confirm(id) {
      confirmed.add(id);
    },
    withheld,
  };
}

export interface WithheldContext {
  /** The lockfile's name, for the message (`agentframer.lock`). */
  lockName: string;
  /** The store's label, when the run has one. */
  store: string | undefined;
  /** Why writing to the store failed, when it did. */
  cause: string | undefined;
  /**
   * The store refused the write outright (StoreRefusedError): `cause` names what to change, and
   * running again as it is would be refused the same.
   */
  refused: boolean;
  /** Whether this run writes to the store at all. */
  wrote: boolean;
  interrupted: boolean;
  warn(message: string): void;
}

/**
 * Turn each withheld asset's outcome into a failure that says so, and say once, as a warning, why
 * and what to do. The run then exits 1 (3 when it stopped early), as when assets fail.
 */
export function withheldFromLock(
  ids: readonly string[],
  results: Map<string, AssetResult>,
  ctx: WithheldContext,
): void {
  if (ids.length === 0) return;
  const why = ctx.interrupted
    ? "the run was interrupted before writing them"
    : ctx.store === undefined
      ? "no store is configured"
      : !ctx.wrote
        ? "this run does not write to the store"
        : ctx.cause !== undefined
          ? `${ctx.refused ? "the store refused the write" : "writing failed"}: ${ctx.cause}`
          : "the store did not take them";
  const fix = ctx.interrupted
    ? "Run the same command again"
    : ctx.refused
      ? "Allow what the store's message names, then run the same command again"
      : ctx.store !== undefined && ctx.wrote
        ? "Fix the store, then run the same command again"
        : "Run again with a store this run writes to (CLI: --store SPEC --store-push; the action writes by default)";
  const short =
    ctx.cause === undefined ? why : ctx.refused ? "the store refused the write" : "writing failed";
  const n = ids.length;
  ctx.warn(
    `${n} new output${n === 1 ? "" : "s"} did not reach the store${ctx.store ? ` (${ctx.store})` : ""}: ${why}. ` +
      `With outputs: store, ${ctx.lockName} records only what the store holds, so it leaves ${n === 1 ? "it" : "them"} out; ` +
      `the bytes are kept in .agentframer/cache. ${fix}: it writes them to the store from there, with no new job.`,
  );
  for (const id of ids) {
    const result = results.get(id);
    if (result === undefined) continue;
    results.set(id, {
      ...result,
      status: "failed",
      error: `not written to the store (${short}), so not recorded in ${ctx.lockName}; the next run writes it from .agentframer/cache with no new job${ctx.refused ? " once the store allows it" : ""}`,
    });
  }
}
