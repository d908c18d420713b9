/**
 * Whether an asset whose output is current still needs its web variants derived: the recipe
 * changed (or variants were turned on or off), a variant file is gone, or one was edited by hand.
 * None of it is a job: deriving is local (render/derive-step.ts), so such an asset stays
 * `unchanged` and carries the reason here.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { sha256File } from "./sha256-file.js";
import type { Plan, PlanEntry, VariantsPlan } from "./types.js";
import { variantRecipe } from "./variant-recipe.js";

/** The output's width when it is known: from the lock's variants record, else the width asked for. */
function sourceWidth(entry: PlanEntry): number | undefined {
  const locked = entry.lock?.variants?.width;
  if (locked !== undefined) return locked;
  const asked = entry.asset?.params["width"];
  return typeof asked === "number" && Number.isInteger(asked) && asked > 0 ? asked : undefined;
}

export async function planVariants(entry: PlanEntry, manifestDir: string): Promise<VariantsPlan> {
  const specs = entry.asset?.variants ?? [];
  const locked = entry.lock?.variants;
  const out: VariantsPlan = {};
  const width = sourceWidth(entry);
  if (width !== undefined) {
    const above = [...new Set(specs.filter((s) => s.width > width).map((s) => s.width))];
    if (above.length > 0) out.notUpscaled = above;
  }
  if (locked?.stale?.length) out.stale = locked.stale.length;
  if (entry.status !== "unchanged") return out;
  if (specs.length === 0) {
    if (locked !== undefined && locked.files.length > 0) out.reason = "variants changed";
    return out;
  }
  if (
    locked === undefined ||
    locked.recipe !== variantRecipe(specs, entry.asset?.type ?? "image")
  ) {
    out.reason = "variants changed";
    return out;
  }
  const modified: string[] = [];
  for (const file of locked.files) {
    const path = join(manifestDir, file.path);
    const facts = statSync(path, { throwIfNoEntry: false });
    if (facts === undefined || !facts.isFile()) {
      out.reason ??= "variants missing";
      continue;
    }
    if (facts.size !== file.bytes || (await sha256File(path, facts.size)) !== file.sha256) {
      modified.push(file.path);
    }
  }
  if (modified.length > 0) {
    out.reason = "variants modified";
    out.modified = modified;
  }
  return out;
}

/** Every entry's variants plan, on the entries themselves; only assets with variants now or before. */
export async function planAllVariants(plan: Plan, manifestDir: string): Promise<void> {
  for (const entry of plan.entries) {
    if (entry.asset?.variants === undefined && entry.lock?.variants === undefined) continue;
    if (entry.status === "orphaned") continue;
    const variants = await planVariants(entry, manifestDir);
    if (Object.keys(variants).length > 0) entry.variants = variants;
  }
}
