/** The step's outputs, set the same way whether the run rendered, only planned or failed. */
import type { Plan } from "../plan/types.js";
import {
  countOutcomes,
  type AssetResult,
  type CreditOutcome,
  type RenderResult,
} from "../render/result.js";
import { Outputs } from "./constants.js";
import type { ActionHost } from "./host.js";

/**
 * GitHub keeps at most 1 MB of outputs per job. A result bigger than this drops its unchanged
 * entries, then every entry; the counts always stay.
 */
const RESULT_OUTPUT_LIMIT = 900_000;

export interface RunOutputs {
  result: RenderResult;
  changedFiles: readonly string[];
  commentId?: number;
  commitSha?: string;
}

/** The `result` document of a run that planned but submitted nothing. */
export function planOnlyResult(plan: Plan, reason: string): RenderResult {
  const assets = plan.entries
    .filter((e) => e.status !== "orphaned")
    .map((e): AssetResult => ({
      id: e.id,
      status: e.status === "unchanged" || e.status === "stored" ? "unchanged" : "skipped",
      output: e.output,
      hash: e.hash,
    }));
  const toRender = assets.some((a) => a.status === "skipped");
  // Nothing was priced without a key: what it would cost is unknown, and nothing was spent.
  const credits: CreditOutcome = {
    estimate: toRender ? null : 0,
    spent: 0,
    spentIsEstimate: false,
    unknownModels: [],
    restored: 0,
    restoredFromStore: 0,
    notSpent: 0,
  };
  return { assets, counts: countOutcomes(assets), stopped: reason, credits };
}

export function setRunOutputs(host: ActionHost, outputs: RunOutputs): void {
  const { counts } = outputs.result;
  host.setOutput(Outputs.Rendered, String(counts.rendered));
  host.setOutput(Outputs.Unchanged, String(counts.unchanged));
  host.setOutput(Outputs.Failed, String(counts.failed));
  host.setOutput(Outputs.ChangedFiles, JSON.stringify(outputs.changedFiles));
  host.setOutput(Outputs.Result, resultJson(outputs.result));
  host.setOutput(
    Outputs.CommentId,
    outputs.commentId === undefined ? "" : String(outputs.commentId),
  );
  host.setOutput(Outputs.CommitSha, outputs.commitSha ?? "");
  // "unknown", never 0: a price or a charge the tool could not learn.
  const credits = outputs.result.credits;
  host.setOutput(Outputs.CreditsEstimate, creditsOutput(credits ? credits.estimate : 0));
  host.setOutput(Outputs.CreditsSpent, creditsOutput(credits ? credits.spent : 0));
}

function creditsOutput(credits: number | null): string {
  return credits === null ? "unknown" : String(credits);
}

function resultJson(result: RenderResult): string {
  const full = JSON.stringify(result);
  if (full.length <= RESULT_OUTPUT_LIMIT) return full;
  const notUnchanged = JSON.stringify({
    ...result,
    assets: result.assets.filter((a) => a.status !== "unchanged"),
    truncated: "unchanged assets omitted to fit GitHub's output size limit",
  });
  if (notUnchanged.length <= RESULT_OUTPUT_LIMIT) return notUnchanged;
  return JSON.stringify({
    assets: [],
    counts: result.counts,
    stopped: result.stopped,
    truncated: "assets omitted to fit GitHub's output size limit; see the job summary",
  });
}
