/** The one JSON document `render --json` prints and the action exposes as its `result` output. */

export type AssetOutcome = "rendered" | "unchanged" | "restored" | "failed" | "skipped";

export interface AssetResult {
  id: string;
  status: AssetOutcome;
  output: string;
  hash: string;
  generation?: string;
  error?: string;
  /** Result URL of a fresh render (may expire); lets the PR comment show a thumbnail. */
  url?: string;
  /** Milliseconds from submission to bytes on disk, for rendered assets. */
  durationMs?: number;
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
}

export function countOutcomes(assets: readonly AssetResult[]): RenderCounts {
  const counts: RenderCounts = { rendered: 0, unchanged: 0, restored: 0, failed: 0, skipped: 0 };
  for (const a of assets) counts[a.status] += 1;
  return counts;
}
