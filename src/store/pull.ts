/**
 * `agentframer pull`: put in place the outputs the lock records but the work tree lacks, from the
 * store (the `git lfs pull` of this tool, for outputs that live in the store only). One lookup for
 * every entry, then the bytes in batches (`Store.fetchMany`), each fetched beside its output,
 * checked by the store, compared with the lock's SHA-256 and size (the lock is the truth: the
 * store may hold another render of the same request), then renamed into place. Where an output
 * goes is the manifest's word (`PullItem.output`), never the lock's or the store's. Nothing is
 * rendered and nothing is submitted.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { tempPathFor } from "../state/atomic-write.js";
import type { LockEntry } from "../state/lock-types.js";
import type { FetchItem, Store } from "./store.js";

export interface PullItem {
  id: string;
  /** Where the manifest puts this asset's output (relative to its folder). */
  output: string;
  entry: LockEntry;
}

export type PullOutcome =
  | { id: string; output: string; status: "pulled" }
  | { id: string; output: string; status: "failed"; error: string };

export interface PullOptions {
  store: Store;
  manifestDir: string;
  /** Requests at once, for a backend that fetches entry by entry. */
  concurrency: number;
  /** Called after each item, with how many are done. */
  onProgress?(done: number, total: number, outcome: PullOutcome): void;
}

const failed = (item: PullItem, error: string): PullOutcome => ({
  id: item.id,
  output: item.output,
  status: "failed",
  error,
});

/** Pull every item: one lookup for all of them, then their bytes in batches. */
export async function pullFromStore(
  items: readonly PullItem[],
  options: PullOptions,
): Promise<PullOutcome[]> {
  const { store, manifestDir } = options;
  const outcomes: PullOutcome[] = [];
  const done = (outcome: PullOutcome): void => {
    outcomes.push(outcome);
    options.onProgress?.(outcomes.length, items.length, outcome);
  };
  const hits = await store.lookup(items.map((i) => i.entry.hash));
  const fetches: Array<FetchItem & { item: PullItem; target: string }> = [];
  const folders = new Set<string>();
  for (const item of items) {
    const hit = hits.get(item.entry.hash);
    if (hit === undefined) {
      done(failed(item, `not in the store (${store.label})`));
    } else if (hit.record.sha256 !== item.entry.sha256 || hit.record.size !== item.entry.size) {
      done(
        failed(
          item,
          `the store holds other bytes for this request than the lock records (another render); re-render it with agentframer render --only ${item.id} --force`,
        ),
      );
    } else {
      const target = join(manifestDir, item.output);
      folders.add(dirname(target));
      fetches.push({ hit, dest: tempPathFor(target), item, target });
    }
  }
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await store.fetchMany(
    fetches,
    async (fetched, ok) => {
      const { item, target, dest } = fetched as (typeof fetches)[number];
      if (!ok) {
        done(failed(item, "the store's bytes did not pass verification (see the warning above)"));
        return;
      }
      try {
        await rename(dest, target);
        done({ id: item.id, output: item.output, status: "pulled" });
      } catch (error) {
        await rm(dest, { force: true });
        done(failed(item, (error as Error).message));
      }
    },
    options.concurrency,
  );
  return outcomes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
