/** Hand-built plans and results for publish tests: the shapes the engine hands the action. */
import type { Asset } from "../../src/manifest/types.js";
import type { LockEntry } from "../../src/state/lock-types.js";
import { PLAN_STATUSES, type Plan, type PlanEntry, type PlanStatus } from "../../src/plan/types.js";
import { countOutcomes, type AssetResult, type RenderResult } from "../../src/render/result.js";

export function asset(id: string, overrides: Partial<Asset> = {}): Asset {
  return {
    id,
    type: "image",
    model: "flux-1.1-pro",
    prompt: `A picture of ${id}`,
    params: { width: 64, height: 64 },
    output: `public/${id}.png`,
    source: { file: "/repo/agentframer.yml", line: 3, col: 5 },
    ...overrides,
  };
}

export function lockEntry(a: Asset): LockEntry {
  return {
    hash: `old-${a.id}`,
    fields: { type: "t", model: "m", prompt: "p", params: "q" },
    output: a.output,
    sha256: "0".repeat(64),
    size: 10,
    generation: `gen-old-${a.id}`,
    renderedAt: "2024-01-01T00:00:00.000Z",
  };
}

export function planEntry(a: Asset, status: PlanStatus, extra: Partial<PlanEntry> = {}): PlanEntry {
  return {
    id: a.id,
    status,
    output: a.output,
    hash: `hash-${a.id}`,
    asset: a,
    ...(status === "new" ? {} : { lock: lockEntry(a) }),
    ...extra,
  };
}

export function planOf(entries: PlanEntry[]): Plan {
  const counts = Object.fromEntries(PLAN_STATUSES.map((s) => [s, 0])) as Record<PlanStatus, number>;
  for (const e of entries) counts[e.status] += 1;
  return { entries, counts };
}

export function resultOf(assets: AssetResult[], stopped?: string): RenderResult {
  return { assets, counts: countOutcomes(assets), ...(stopped ? { stopped } : {}) };
}
