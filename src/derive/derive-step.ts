/**
 * The derive step of a render: after every output is in place, each image asset whose web
 * variants are not current (recipe changed, re-rendered, a file gone or replaced) gets them
 * derived from its output's bytes — locally, no job — and its lock entry records them. Files are
 * written atomically (a kill leaves the old file or the new, never part of one), and the lock
 * entry is set only once all of an asset's files are written: after a kill, the next run finds
 * the old record and derives again.
 */
import { hash as oneShotHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { variantPath } from "../manifest/variants.js";
import { variantRecipe } from "../plan/variant-recipe.js";
import type { PlanEntry } from "../plan/types.js";
import { writeFileAtomic } from "../state/atomic-write.js";
import type { LockEntry } from "../state/lock-types.js";
import type { LockedVariant, LockedVariants, StaleVariant } from "../state/lock-variants.js";
import { DeriveError, encodeVariants } from "./encode.js";
import { loadImageLib } from "./image-lib.js";

export interface DeriveContext {
  manifestDir: string;
  /** The asset's lock entry as the run leaves it (after any render or restore). */
  current(id: string): LockEntry | undefined;
  /** Record the entry with its new variants. */
  set(id: string, entry: LockEntry): void;
  /** Stop between assets (Ctrl-C). */
  signal?: AbortSignal;
}

export interface DeriveOutcome {
  id: string;
  /** `derived`: files written; `dropped`: variants turned off, their files now stale. */
  status: "derived" | "dropped" | "failed";
  /** Paths written, relative to the manifest folder. */
  files: string[];
  /** Widths asked for above the image's own: not made. */
  notUpscaled?: number[];
  error?: string;
}

/** An asset needs deriving when its entry is current but its variants record is not. */
function needsDerive(entry: PlanEntry, current: LockEntry): boolean {
  const specs = entry.asset?.variants ?? [];
  const record = current.variants;
  if (specs.length === 0) return record !== undefined && record.files.length > 0;
  if (record === undefined || record.recipe !== variantRecipe(specs)) return true;
  // The entry the plan looked at is still the lock's: its verdict on the files holds.
  return current === entry.lock && entry.variants?.reason !== undefined;
}

/** Earlier files not in the new set and still on disk: prune's to remove. */
async function staleAfter(
  manifestDir: string,
  earlier: readonly (LockedVariants | undefined)[],
  kept: ReadonlySet<string>,
): Promise<StaleVariant[]> {
  const stale = new Map<string, string>();
  for (const record of earlier) {
    for (const f of [...(record?.files ?? []), ...(record?.stale ?? [])]) {
      if (!kept.has(f.path) && !stale.has(f.path)) stale.set(f.path, f.sha256);
    }
  }
  const out: StaleVariant[] = [];
  for (const [path, sha256] of [...stale].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const facts = await stat(join(manifestDir, path)).catch(() => undefined);
    if (facts?.isFile()) out.push({ path, sha256 });
  }
  return out;
}

async function deriveOne(
  entry: PlanEntry,
  current: LockEntry,
  ctx: DeriveContext,
): Promise<DeriveOutcome> {
  const id = entry.id;
  const specs = entry.asset?.variants ?? [];
  const earlier = [entry.lock?.variants, current.variants];
  if (specs.length === 0) {
    const previous = current.variants as LockedVariants;
    const stale = await staleAfter(ctx.manifestDir, earlier, new Set());
    ctx.set(id, { ...current, variants: { ...previous, files: [], stale } });
    return { id, status: "dropped", files: [] };
  }
  const outputPath = join(ctx.manifestDir, current.output);
  const source = await readFile(outputPath);
  // Only from the bytes the lock vouches for: an output edited by hand is the render's to refuse.
  if (oneShotHash("sha256", source, "hex") !== current.sha256) {
    return { id, status: "failed", files: [], error: `${current.output} differs from the lock` };
  }
  const encoded = await encodeVariants(await loadImageLib(), source, specs);
  const files: LockedVariant[] = [];
  for (const v of encoded.variants) {
    const path = variantPath(current.output, v.spec.width, v.spec.format);
    await writeFileAtomic(join(ctx.manifestDir, path), v.bytes);
    files.push({
      path,
      format: v.spec.format,
      width: v.width,
      height: v.height,
      bytes: v.bytes.length,
      sha256: oneShotHash("sha256", v.bytes, "hex"),
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  const stale = await staleAfter(ctx.manifestDir, earlier, new Set(files.map((f) => f.path)));
  const record: LockedVariants = {
    recipe: variantRecipe(specs),
    width: encoded.width,
    height: encoded.height,
    placeholder: encoded.placeholder,
    files,
    ...(stale.length > 0 ? { stale } : {}),
  };
  ctx.set(id, { ...current, variants: record });
  const above = [...new Set(specs.filter((s) => s.width > encoded.width).map((s) => s.width))];
  return {
    id,
    status: "derived",
    files: files.map((f) => f.path),
    ...(above.length ? { notUpscaled: above } : {}),
  };
}

/**
 * Derives what is not current, one asset at a time (libvips already spreads each image over the
 * cores). A failure is that asset's outcome, never the run's: its old record stays.
 */
export async function deriveStep(
  entries: readonly PlanEntry[],
  ctx: DeriveContext,
): Promise<DeriveOutcome[]> {
  const outcomes: DeriveOutcome[] = [];
  for (const entry of entries) {
    if (ctx.signal?.aborted) break;
    if (entry.status === "orphaned" || entry.asset === undefined) continue;
    if (entry.asset.variants === undefined && entry.lock?.variants === undefined) continue;
    const current = ctx.current(entry.id);
    if (current === undefined || !needsDerive(entry, current)) continue;
    try {
      outcomes.push(await deriveOne(entry, current, ctx));
    } catch (error) {
      const message =
        error instanceof DeriveError || error instanceof Error ? error.message : String(error);
      outcomes.push({ id: entry.id, status: "failed", files: [], error: message });
    }
  }
  return outcomes;
}
