/**
 * `agentframer pull`: put in place the outputs the lock records but the work tree lacks, from the
 * store (the `git lfs pull` of this tool, for outputs that live in the store only). Every entry
 * is fetched beside its output, checked by the store with `verifyStoredBytes`, compared with the
 * lock's SHA-256 and size (the lock is the truth: the store may hold another render of the same
 * request), then renamed into place. Nothing is rendered and nothing is submitted.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { tempPathFor } from "../state/atomic-write.js";
import type { LockEntry } from "../state/lock-types.js";
import type { Store, StoreHit } from "./store.js";

export interface PullItem {
  id: string;
  entry: LockEntry;
}

export type PullOutcome =
  | { id: string; output: string; status: "pulled" }
  | { id: string; output: string; status: "failed"; error: string };

export interface PullOptions {
  store: Store;
  manifestDir: string;
  concurrency: number;
  /** Called after each item, with how many are done. */
  onProgress?(done: number, total: number, outcome: PullOutcome): void;
}

function failed(item: PullItem, error: string): PullOutcome {
  return { id: item.id, output: item.entry.output, status: "failed", error };
}

async function pullOne(
  item: PullItem,
  hit: StoreHit | undefined,
  { store, manifestDir }: PullOptions,
): Promise<PullOutcome> {
  const { entry } = item;
  if (hit === undefined) return failed(item, `not in the store (${store.label})`);
  if (hit.record.sha256 !== entry.sha256 || hit.record.size !== entry.size) {
    return failed(
      item,
      `the store holds other bytes for this request than the lock records (another render); re-render it with agentframer render --only ${item.id} --force`,
    );
  }
  const target = join(manifestDir, entry.output);
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    if (!(await store.fetch(hit, temp))) {
      return failed(item, "the store's bytes did not pass verification (see the warning above)");
    }
    await rename(temp, target);
    return { id: item.id, output: entry.output, status: "pulled" };
  } catch (error) {
    await rm(temp, { force: true });
    return failed(item, (error as Error).message);
  }
}

/** Pull every item; one lookup for all of them, then `concurrency` fetches at once. */
export async function pullFromStore(
  items: readonly PullItem[],
  options: PullOptions,
): Promise<PullOutcome[]> {
  const hits = await options.store.lookup(items.map((i) => i.entry.hash));
  const outcomes: PullOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as PullItem;
      const outcome = await pullOne(item, hits.get(item.entry.hash), options);
      outcomes.push(outcome);
      options.onProgress?.(outcomes.length, items.length, outcome);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(Math.max(1, options.concurrency), items.length) }, worker),
  );
  return outcomes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
