import type { Asset } from "../manifest/types.js";
import type { LockEntry } from "../state/lock-types.js";

export const PLAN_STATUSES = [
  "new",
  "changed",
  "unchanged",
  "missing",
  "modified",
  "orphaned",
  "stored",
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export type RequestField = "type" | "model" | "prompt" | "params";

/** What a render would do with one asset (or one orphaned lock entry). */
export interface PlanEntry {
  id: string;
  status: PlanStatus;
  /** Output path relative to the manifest folder. */
  output: string;
  /** The asset's hash now (for orphaned entries, the hash in the lock). */
  hash: string;
  /** For `changed`: which request fields differ from the lock. */
  changedFields?: RequestField[];
  /** Absent for `orphaned`. */
  asset?: Asset;
  /**
   * The lock entry, when there is one. A plan that is only shown (`planManifestToShow`, for
   * `agentframer plan`) leaves it out where the entry records the asset's request as it is now
   * and has no variants: the plan read only its bytes (state/plan-lock.ts).
   */
  lock?: LockEntry;
  /** Web variants: what deriving them would do (no job); absent when the asset has none. */
  variants?: VariantsPlan;
}

export interface Plan {
  entries: PlanEntry[];
  counts: Record<PlanStatus, number>;
  /** Unchanged outputs that are Git LFS pointers to the locked bytes (LFS files not fetched). */
  lfsPointers?: number;
}

/**
 * Entries a render must produce bytes for: everything but `unchanged`, `orphaned` and `stored`
 * (an output that lives in the store only: `agentframer pull` brings it, no render does).
 */
export function needsRender(entry: PlanEntry): boolean {
  return entry.status !== "unchanged" && entry.status !== "orphaned" && entry.status !== "stored";
}

/** Whether a current output's web variants need deriving (plan/variant-state.ts); no job. */
export type VariantsReason = "variants changed" | "variants missing" | "variants modified";

export interface VariantsPlan {
  reason?: VariantsReason;
  /** For `variants modified`: the files whose bytes differ from the lock. */
  modified?: string[];
  /** Widths asked for above the output's own width: not made (never upscaled). */
  notUpscaled?: number[];
  /** Files of an earlier recipe still on disk, for `prune`. */
  stale?: number;
}
