/**
 * What the action needs to know about the workflow run, read from the runner's environment and
 * the event payload file. Read by hand rather than through @actions/github's `context`, which
 * would load Octokit on every run, even runs that never talk to GitHub.
 */
import { readFileSync } from "node:fs";

export interface PullRequestInfo {
  number: number;
  /** The commit the PR is compared against: "before" images link here. */
  baseSha: string;
  /** The PR's branch, where `publish: commit` pushes on a pull request. */
  headRef: string;
  /** The head repository differs from the base: secrets are withheld and the token is read-only. */
  fromFork: boolean;
}

/**
 * The run a `workflow_run` event reports on, as GitHub wrote it (not the artifact the run left,
 * which a fork's copy of the workflow controls): the privileged half of the fork-safe pattern
 * trusts these fields only.
 */
export interface TriggeringRun {
  /** What set the run off: `pull_request` for half 1 of the fork-safe pattern. */
  event: string;
  headSha: string;
  headBranch: string;
  /** owner/name of the repository the head commit is in: a fork's, for a fork PR. */
  headRepo: string;
}

export interface RunContext {
  eventName: string;
  owner: string;
  repo: string;
  /** e.g. https://github.com, for links in the comment and summary. */
  serverUrl: string;
  pullRequest: PullRequestInfo | undefined;
  /** The commit outputs were last committed at before this run, for "before" links. */
  beforeSha: string | undefined;
  /** The branch named by the event when HEAD is detached (GITHUB_HEAD_REF, else GITHUB_REF). */
  branch: string | undefined;
  /** The commit this run renders: the PR's head (not the merge commit), else GITHUB_SHA. */
  headSha: string | undefined;
  /** The pushed head commit's message, for the loop guard. */
  headCommitMessage: string | undefined;
  /** On a `workflow_run` event, the run it reports on. */
  triggeringRun: TriggeringRun | undefined;
  /** This workflow run's page ({server}/{owner}/{repo}/actions/runs/{id}), linked from reports. */
  runUrl: string | undefined;
}

interface EventPayload {
  before?: unknown;
  workflow_run?: {
    event?: unknown;
    head_sha?: unknown;
    head_branch?: unknown;
    head_repository?: { full_name?: unknown } | null;
  } | null;
  head_commit?: { message?: unknown } | null;
  pull_request?: {
    number?: unknown;
    base?: { sha?: unknown; repo?: { full_name?: unknown } | null };
    head?: { ref?: unknown; sha?: unknown; repo?: { full_name?: unknown } | null };
  };
}

const PR_EVENTS = new Set(["pull_request", "pull_request_target", "pull_request_review"]);
const NULL_SHA = /^0+$/;

export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const pr = PR_EVENTS.has(eventName) ? payload.pull_request : undefined;
  const pullRequest =
    pr && typeof pr.number === "number"
      ? {
          number: pr.number,
          baseSha: asString(pr.base?.sha) ?? "",
          headRef: asString(pr.head?.ref) ?? env.GITHUB_HEAD_REF ?? "",
          // A deleted fork leaves head.repo null; treat it as a fork, the cautious answer.
          fromFork: asString(pr.head?.repo?.full_name) !== asString(pr.base?.repo?.full_name),
        }
      : undefined;
  const pushBefore = asString(payload.before);
  const refBranch = env.GITHUB_REF?.startsWith("refs/heads/")
    ? env.GITHUB_REF.slice("refs/heads/".length)
    : undefined;
  const serverUrl = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  // A run id is a number; anything else would make a link to somewhere else.
  const runId = /^\d{1,20}$/.test(env.GITHUB_RUN_ID ?? "") ? env.GITHUB_RUN_ID : undefined;
  return {
    eventName,
    owner,
    repo,
    serverUrl,
    pullRequest,
    beforeSha:
      pullRequest?.baseSha ||
      (pushBefore && !NULL_SHA.test(pushBefore) ? pushBefore : undefined) ||
      env.GITHUB_SHA ||
      undefined,
    branch: pullRequest?.headRef || env.GITHUB_HEAD_REF || refBranch,
    headSha: (pr && asString(pr.head?.sha)) || env.GITHUB_SHA || undefined,
    headCommitMessage: asString(payload.head_commit?.message),
    triggeringRun: eventName === "workflow_run" ? triggeringRun(payload) : undefined,
    runUrl: runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined,
  };
}

function triggeringRun(payload: EventPayload): TriggeringRun | undefined {
  const run = payload.workflow_run;
  if (!run) return undefined;
  return {
    event: asString(run.event) ?? "",
    headSha: asString(run.head_sha) ?? "",
    headBranch: asString(run.head_branch) ?? "",
    headRepo: asString(run.head_repository?.full_name) ?? "",
  };
}

function readPayload(path: string | undefined): EventPayload {
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as EventPayload) : {};
  } catch {
    return {};
  }
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
