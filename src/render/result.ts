/** The one JSON document `render --json` prints and the action exposes as its `result` output. */
import type { AssetType } from "../manifest/types.js";
import type { StoreLocation, StoreRefuser } from "../store/store.js";

export type AssetOutcome = "rendered" | "unchanged" | "restored" | "failed" | "skipped";

export interface AssetResult {
  id: string;
  status: AssetOutcome;
  output: string;
  hash: string;
  generation?: string;
  error?: string;
  /** Where the store keeps these bytes (a commit and path of the store branch): a lasting preview. */
  stored?: StoreLocation;
  /** Milliseconds from submission to bytes on disk, for rendered assets. */
  durationMs?: number;
  /** A video's or audio file's length, and why it has no review preview, when it has none. */
  preview?: { durationSeconds?: number; note?: string };
  /**
   * The render this run replaced (the lock's previous entry, by its hash), where the store shows
   * a checked review preview of it: for the report's "Before" (see before-previews.ts).
   */
  before?: { hash: string; type: AssetType; stored: StoreLocation; durationSeconds?: number };
  /** What the job cost, as the server said (create or status answer's `credits`). */
  credits?: number;
  /** Web variants derived in this run (no job), when any were. */
  variants?: VariantsOutcome;
}

export interface VariantsOutcome {
  /**
   * Files written, relative to the manifest folder; none when variants were turned off (their
   * files are left for `prune`).
   */
  files: string[];
  /** Widths asked for above the image's own: not made (never upscaled). */
  notUpscaled?: number[];
  /**
   * Why deriving failed, or (a video without ffmpeg) why it waits; the asset's output and old
   * variants are untouched.
   */
  error?: string;
}

export interface RenderCounts {
  rendered: number;
  unchanged: number;
  restored: number;
  failed: number;
  skipped: number;
}

export interface RenderResult {
  assets: AssetResult[];
  counts: RenderCounts;
  /** Why the run stopped early (auth, credits, budget, interrupt), if it did. Exit code 3. */
  stopped?: string;
  /** What the store did in this run, when one was configured. */
  store?: StoreOutcome;
  /**
   * Web variants: assets derived in this run and files written, when any were; `waiting`: videos
   * whose variants were not made for want of ffmpeg (a warning says so; a later run makes them).
   */
  variants?: { assets: number; files: number; failed: number; waiting?: number };
  /** What the run was estimated to cost, what it spent, and what restores saved. */
  credits?: CreditOutcome;
}

/**
 * A run's credits. `null` is unknown (a model with no price, a server that does not say), never
 * 0. Restored and unchanged assets cost nothing; `notSpent` is what rendering the restored ones
 * would have cost.
 */
export interface CreditOutcome {
  /** Estimated credits of the jobs this run was to submit. */
  estimate: number | null;
  /** The jobs' own `credits` where the server reported them, else their estimate. */
  spent: number | null;
  /** Some of `spent` is an estimate: the server did not say what those jobs cost. */
  spentIsEstimate: boolean;
  /** Models with no price among the assets this run was to render or restore, sorted. */
  unknownModels: string[];
  /** Assets restored instead of rendered, and how many of them came from the store. */
  restored: number;
  restoredFromStore: number;
  /** What rendering the restored assets would have cost. */
  notSpent: number | null;
}

export interface StoreOutcome {
  /** Which store (no credentials). */
  label: string;
  restored: number;
  /** Entries this run wrote or found already held, when it wrote. */
  written: number;
  /**
   * Why writing to the store failed, if it did. The outputs are still on disk and in the cache, and
   * in the lock unless the manifest keeps outputs in the store (then those assets are failed).
   */
  error?: string;
  /**
   * Which store refused the write outright, if one did: `git` (a token that may only read, a rule
   * on the branch) or `s3` (credentials without s3:PutObject). Re-running as it is cannot help;
   * the job's permissions, the branch's rules or the credentials' rights must change.
   */
  refused?: StoreRefuser;
}

export function countOutcomes(assets: readonly AssetResult[]): RenderCounts {
  const counts: RenderCounts = { rendered: 0, unchanged: 0, restored: 0, failed: 0, skipped: 0 };
  for (const a of assets) counts[a.status] += 1;
  return counts;
}
