import { extname, join } from "node:path";
import type { Asset } from "../manifest/types.js";
import type { PlanEntry } from "../plan/types.js";
import { lockEntryFor } from "../plan/lock-entry.js";
import type { CacheStore } from "../state/local-cache.js";
import type { Journal } from "../state/journal.js";
import type { LockUpdater } from "../state/lock-updater.js";
import type { StatIndex } from "../state/stat-index.js";
import type { ProgressReporter } from "./progress/events.js";

/** Where a finished output is recorded: what a job, a cache restore and a store restore share. */
export interface RecordContext {
  manifestDir: string;
  cache: CacheStore;
  journal: Journal;
  updater: LockUpdater;
  index: StatIndex;
  now: () => number;
  reporter: ProgressReporter;
}

/** Make a finished output durable: cache entry, completed journal record, lock and stat index. */
export async function recordOutput(
  entry: PlanEntry & { asset: Asset },
  generation: string,
  bytes: { sha256: string; size: number },
  ctx: RecordContext,
  how: { fromCache?: boolean; forced?: boolean } = {},
): Promise<void> {
  const target = join(ctx.manifestDir, entry.output);
  const extension = extname(entry.output).replace(/^\./, "");
  if (!how.fromCache) {
    await ctx.cache
      .put(entry.hash, target, { ...bytes, generation, extension })
      .catch((e: unknown) => {
        // The cache only saves work; the output and the lock are what count.
        const message = `could not cache ${entry.id}: ${(e as Error).message}`;
        ctx.reporter.emit({ kind: "warning", message });
      });
  }
  const lockEntry = lockEntryFor(
    entry.asset,
    { ...bytes, generation, renderedAt: new Date(ctx.now()) },
    entry.hash,
  );
  await ctx.journal.completed(entry.id, entry.hash, lockEntry, how.forced === true);
  ctx.updater.set(entry.id, lockEntry);
  await ctx.index.record(entry.output, bytes.sha256).catch(() => {});
}
