/**
 * The pull request a `workflow_run` run may comment on: the privileged half of the fork-safe
 * pattern. Half 1 runs the fork's own copy of its workflow, so anything it hands over (an
 * artifact, a PR number) is the fork's to choose. This trusts only what GitHub wrote into the
 * event (the head commit, branch and repository of the run) and what the API says about open
 * PRs, and refuses on any mismatch, before anything is spent.
 */
import type { PullRequestInfo, TriggeringRun } from "./context.js";

/** An open pull request, as the API lists it. */
export interface PullSummary {
  number: number;
  headSha: string;
  headRef: string;
  /** owner/name of the head repository; "" when the fork was deleted. */
  headRepo: string;
  baseSha: string;
}

/** The API call this needs; pull-lookup.ts has the real one. */
export interface PullLookup {
  /** Open PRs into this repository whose head is `headOwner:branch`. */
  openPullsForHead(headOwner: string, branch: string): Promise<PullSummary[]>;
}

export class UntrustedRunError extends Error {
  override readonly name = "UntrustedRunError";
}

const PR_EVENTS = new Set(["pull_request", "pull_request_target"]);
const SHA = /^[0-9a-f]{40}$/;

/**
 * The PR whose head is the commit the triggering run was for, and which is checked out.
 * `requested` (the pull-request input) may name it, and must then be that PR.
 */
export async function pullRequestForRun(
  run: TriggeringRun,
  checkedOut: string | undefined,
  requested: number | undefined,
  lookup: PullLookup,
): Promise<PullRequestInfo> {
  if (!PR_EVENTS.has(run.event)) {
    throw new UntrustedRunError(
      `this workflow_run reports on a '${run.event}' run, not a pull request, so there is no ` +
        "pull request to comment on; run this workflow only for pull_request runs " +
        "(see docs/action.md#fork-pull-requests)",
    );
  }
  if (!SHA.test(run.headSha) || run.headBranch === "" || !run.headRepo.includes("/")) {
    throw new UntrustedRunError(
      "the workflow_run event names no head commit, branch and repository; nothing to render",
    );
  }
  if (checkedOut !== run.headSha) {
    throw new UntrustedRunError(
      `the work tree is at ${checkedOut ?? "no commit"}, but the run this workflow_run reports ` +
        `on was for ${run.headSha}: check out \`\${{ github.event.workflow_run.head_sha }}\` ` +
        "(not a SHA taken from an artifact) before this step",
    );
  }
  const headOwner = run.headRepo.split("/")[0] ?? "";
  const pulls = (await lookup.openPullsForHead(headOwner, run.headBranch)).filter(
    (p) => p.headSha === run.headSha && p.headRepo === run.headRepo,
  );
  const matching = requested === undefined ? pulls : pulls.filter((p) => p.number === requested);
  const pull = matching[0];
  if (pull === undefined || matching.length > 1) {
    const found = pulls.map((p) => `#${p.number}`).join(", ") || "none";
    const asked = requested === undefined ? "" : ` The pull-request input asked for #${requested}.`;
    throw new UntrustedRunError(
      `no single open pull request has ${run.headRepo}:${run.headBranch} at ${run.headSha} as ` +
        `its head (found: ${found}).${asked} Nothing was rendered: the PR was closed or pushed ` +
        "to again (the newer push's run renders it), or the number came from somewhere it " +
        "should not (an artifact of the fork's run is the fork's to write).",
    );
  }
  return {
    number: pull.number,
    baseSha: pull.baseSha,
    headRef: pull.headRef,
    // Whatever repository the head is in, this run has the base repository's secrets and token:
    // it is the workflow_run half, not the fork's own run.
    fromFork: false,
  };
}
