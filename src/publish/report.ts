/**
 * The one model the PR comment and the job summary are both drawn from: a row per asset joining
 * what the plan said (why it renders, what changed, the model) with what the render did (status,
 * result URL, duration, error). Pure: paths and links are worked out here, not in the renderers.
 */
import { posix } from "node:path";
import type { AssetType } from "../manifest/types.js";
import type { Plan, PlanStatus, RequestField } from "../plan/types.js";
import type { AssetOutcome, RenderResult } from "../render/result.js";
import { encodePath } from "./markdown-escape.js";

export interface ReportRow {
  id: string;
  /** What happened to the asset; for a plan-only run, what would happen. */
  status: AssetOutcome | PlanStatus;
  /** Why it rendered (new, changed, missing, modified), when the plan knew. */
  reason?: PlanStatus;
  /** Output path relative to the repository root. */
  output: string;
  type?: AssetType;
  model?: string;
  prompt?: string;
  /** The prompt at the base commit, when it changed and could be read there. */
  previousPrompt?: string;
  changedFields?: RequestField[];
  /** The result URL from the API: a fresh render's preview. It may expire. */
  url?: string;
  durationMs?: number;
  error?: string;
  /** The output as committed before this run, when the lock had a previous render. */
  beforeUrl?: string;
}

export interface Report {
  /** The manifest path relative to the repository root. */
  manifest: string;
  /** True when nothing was submitted (a fork PR, no key): rows are the plan. */
  planOnly: boolean;
  counts: Array<[label: string, count: number]>;
  rows: ReportRow[];
  /** Why the run stopped early, if it did. */
  stopped?: string;
}

export interface ReportLinks {
  serverUrl: string;
  owner: string;
  repo: string;
  /** The commit to show "before" files from (the PR base, the push's previous head). */
  beforeSha: string | undefined;
}

export interface ReportInput {
  manifest: string;
  plan: Plan | undefined;
  result: RenderResult | undefined;
  links: ReportLinks | undefined;
  /** Prompts by asset id at the base commit (see action/base-prompts.ts), for prompt diffs. */
  previousPrompts?: ReadonlyMap<string, string>;
}

/** Statuses whose output existed and was recorded before, so a "before" is worth linking. */
const HAD_PREVIOUS: ReadonlySet<PlanStatus> = new Set(["changed", "missing", "modified"]);

export function buildReport({
  manifest,
  plan,
  result,
  links,
  previousPrompts,
}: ReportInput): Report {
  const dir = posix.dirname(manifest);
  const toRepoPath = (output: string) => (dir === "." ? output : posix.join(dir, output));
  const planById = new Map((plan?.entries ?? []).map((e) => [e.id, e]));
  const beforeUrl = (output: string) =>
    links?.beforeSha
      ? `${links.serverUrl}/${links.owner}/${links.repo}/blob/${links.beforeSha}/${encodePath(
          toRepoPath(output),
        )}?raw=true`
      : undefined;

  if (result === undefined) {
    const rows = (plan?.entries ?? []).map((entry): ReportRow => {
      const lockOutput = entry.lock?.output;
      return {
        id: entry.id,
        status: entry.status,
        reason: entry.status,
        output: toRepoPath(entry.output),
        type: entry.asset?.type,
        model: entry.asset?.model,
        prompt: entry.asset?.prompt,
        previousPrompt: previousPrompts?.get(entry.id),
        changedFields: entry.changedFields,
        beforeUrl: HAD_PREVIOUS.has(entry.status) && lockOutput ? beforeUrl(lockOutput) : undefined,
      };
    });
    const counts = Object.entries(plan?.counts ?? {}).filter(([, n]) => n > 0);
    return { manifest, planOnly: true, counts, rows };
  }

  const rows = result.assets.map((asset): ReportRow => {
    const entry = planById.get(asset.id);
    const lockOutput = entry?.lock?.output;
    const hadPrevious = entry !== undefined && HAD_PREVIOUS.has(entry.status);
    return {
      id: asset.id,
      status: asset.status,
      reason: entry?.status,
      output: toRepoPath(asset.output),
      type: entry?.asset?.type,
      model: entry?.asset?.model,
      prompt: entry?.asset?.prompt,
      previousPrompt: previousPrompts?.get(asset.id),
      changedFields: entry?.changedFields,
      url: asset.url,
      durationMs: asset.durationMs,
      error: asset.error,
      beforeUrl: hadPrevious && lockOutput ? beforeUrl(lockOutput) : undefined,
    };
  });
  const counts = Object.entries(result.counts).filter(
    ([label, n]) => n > 0 || label === "rendered" || label === "failed",
  );
  return { manifest, planOnly: false, counts, rows, stopped: result.stopped };
}
