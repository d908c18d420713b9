/**
 * Every name the action shares with action.yml, the runner or GitHub, in one place, so a rename
 * is one edit and a test can check action.yml against this file.
 */
import { DEFAULT_API_URL, DEFAULT_CONCURRENCY } from "../render/config.js";

export const Inputs = {
  Manifest: "manifest",
  ApiKey: "api-key",
  ApiUrl: "api-url",
  Publish: "publish",
  GithubToken: "github-token",
  Concurrency: "concurrency",
  MaxJobs: "max-jobs",
  MaxCredits: "max-credits",
  Cache: "cache",
  Store: "store",
  Shard: "shard",
  /** The fan-in of a matrix: merge these shard locks (files, or folders of `*.lock`) and publish. */
  LockMerge: "lock-merge",
  CommitMessage: "commit-message",
  FailOnError: "fail-on-error",
  /** For the fork-safe pattern only (docs/action.md): the PR to comment on from a workflow_run. */
  PullRequest: "pull-request",
} as const;
export type InputName = (typeof Inputs)[keyof typeof Inputs];

export const Outputs = {
  Rendered: "rendered",
  Unchanged: "unchanged",
  Failed: "failed",
  ChangedFiles: "changed-files",
  Result: "result",
  CommentId: "comment-id",
  CommitSha: "commit-sha",
  CreditsEstimate: "credits-estimate",
  CreditsSpent: "credits-spent",
} as const;
export type OutputName = (typeof Outputs)[keyof typeof Outputs];

/**
 * Defaults for inputs the runner fills from action.yml. Repeated here because a run outside the
 * runner (tests, `act`, a local script) gets no defaults; a unit test keeps both in step.
 */
export const InputDefaults: Partial<Record<InputName, string>> = {
  [Inputs.Manifest]: "agentframer.yml",
  [Inputs.ApiUrl]: DEFAULT_API_URL,
  [Inputs.Publish]: "auto",
  [Inputs.Concurrency]: String(DEFAULT_CONCURRENCY),
  [Inputs.Cache]: "true",
  [Inputs.Store]: "git",
  [Inputs.CommitMessage]: "chore(media): render assets with agentframer",
  [Inputs.FailOnError]: "true",
};

export const PUBLISH_MODES = ["auto", "commit", "comment", "none"] as const;
export type PublishMode = (typeof PUBLISH_MODES)[number];

export const MAX_CONCURRENCY = 64;

/** The commit identity GitHub shows with the Actions avatar. */
export const BOT_NAME = "github-actions[bot]";
export const BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com";

/**
 * A git trailer on every commit this action makes. A push event whose HEAD carries it was made
 * by this action (with a PAT or app token, which do trigger workflows), so that run stops early
 * instead of starting a loop.
 */
export const COMMIT_TRAILER = "Rendered-by: agentframer-render";

/** Bump to orphan every saved cache at once (e.g. when the cache layout changes). */
export const CACHE_KEY_VERSION = "agentframer-cache-v1";

export const DOCS_URL = "https://github.com/agentframer/render/blob/main/docs/action.md";
export const FORK_DOCS_URL = `${DOCS_URL}#fork-pull-requests`;
/** Who may write the store, and what a run that may not shows instead of previews. */
export const STORE_WRITE_DOCS_URL = `${DOCS_URL}#when-the-store-cannot-be-written`;

/** Printed first thing, so the cold-start bench (scripts/bench/action.mjs) can time to it. */
export const START_MARKER = "agentframer render: starting";
