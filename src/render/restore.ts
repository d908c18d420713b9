import { join } from "node:path";
import type { Asset } from "../manifest/types.js";
import type { PlanEntry } from "../plan/types.js";
import type { JobContext } from "./job.js";
import { recordOutput } from "./record.js";
import type { AssetResult } from "./result.js";

type RestoreContext = Pick<
  JobContext,
  "manifestDir" | "repoRoot" | "cache" | "journal" | "updater" | "index" | "now" | "reporter"
>;

/**
 * Produce an asset's output from the cache instead of a job: the bytes are copied and verified as
 * every stored entry is (size, SHA-256, the type's magic bytes; a bad entry is dropped), then
 * recorded exactly like a render's, with the generation that first produced them. Undefined
 * means a miss: the caller renders instead.
 */
export async function restoreFromCache(
  entry: PlanEntry,
  ctx: RestoreContext,
): Promise<AssetResult | undefined> {
  if (!entry.asset) return undefined;
  const target = join(ctx.manifestDir, entry.output);
  let meta;
  try {
    meta = await ctx.cache.restore(entry.hash, {
      path: target,
      type: entry.asset.type,
      within: ctx.repoRoot,
    });
  } catch (error) {
    ctx.reporter.emit({
      kind: "warning",
      message: `could not restore ${entry.id} from the cache: ${(error as Error).message}`,
    });
    return undefined;
  }
  if (!meta) return undefined;
  const withAsset = entry as PlanEntry & { asset: Asset };
  await recordOutput(withAsset, meta.generation, { sha256: meta.sha256, size: meta.size }, ctx, {
    fromCache: true,
  });
  const result: AssetResult = {
    id: entry.id,
    status: "restored",
    output: entry.output,
    hash: entry.hash,
    generation: meta.generation,
  };
  ctx.reporter.emit({ kind: "asset", result });
  return result;
}
