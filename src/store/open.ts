/**
 * From a store spec to a working Store: the git backend on the repository's `origin`, an
 * S3-compatible bucket, or none. The s3 backend is loaded only when a run uses it.
 */
import { storeGitDirFor } from "../state/paths.js";
import { ensureStateDir } from "../state/state-dir.js";
import { branchRef, exactRef } from "../git/refs.js";
import { gitIn } from "../git/runner.js";
import { createGitStore } from "./git-store.js";
import { storeGit } from "./store-git.js";
import type { StoreSpec } from "./spec.js";
import { StoreSpecError } from "./spec.js";
import type { Store } from "./store.js";

export interface OpenStoreDeps {
  /** The manifest's folder: the private store repository lives in its `.agentframer/`. */
  manifestDir: string;
  env: NodeJS.ProcessEnv;
  /** A token for an https `origin` (the action's github-token), sent only to `serverUrl`. */
  auth?: { token: string; serverUrl: string };
  /** Who the store's commits are by. */
  author: { name: string; email: string };
  warn(message: string): void;
}

export async function openStore(spec: StoreSpec, deps: OpenStoreDeps): Promise<Store | undefined> {
  switch (spec.kind) {
    case "none":
      return undefined;
    case "s3": {
      const { openS3Store } = await import("./s3-store.js");
      return openS3Store(spec, { env: deps.env, warn: deps.warn });
    }
    case "git": {
      const originUrl = await originUrlOf(deps.manifestDir, deps.env);
      if (originUrl === undefined) {
        throw new StoreSpecError(
          `store git: ${deps.manifestDir} is not in a git repository with a remote named origin; ` +
            "add one (git remote add origin URL) or turn the store off (--no-store, store: none)",
        );
      }
      // The private store repository lives in the tool's own state folder, checked to be no link
      // and nothing a commit put there (state-dir.ts): its config names programs git runs.
      await ensureStateDir(deps.manifestDir);
      const gitDir = storeGitDirFor(deps.manifestDir);
      return createGitStore({
        git: storeGit({ gitDir, env: deps.env, ...(deps.auth ? { auth: deps.auth } : {}) }),
        gitDir,
        originUrl,
        branch: spec.branch,
        label: `git branch ${spec.branch} of origin`,
        warn: deps.warn,
        author: deps.author,
      });
    }
  }
}

/** The user's `origin` URL, read without changing anything in their repository. */
export async function originUrlOf(
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const out = await gitIn(dir, env)(["remote", "get-url", "origin"]).catch(() => "");
  return out.trim() || undefined;
}

/** How long the CLI waits to learn whether `origin` has a store branch before going on without. */
const BRANCH_CHECK_TIMEOUT_MS = 30_000;

/**
 * Does `origin` have exactly this branch (not one whose name merely ends the same way)? False
 * when it cannot be asked (no origin, offline, no answer within 30 s).
 */
export async function originHasBranch(
  dir: string,
  branch: string,
  env: NodeJS.ProcessEnv,
): Promise<boolean> {
  const ref = branchRef(branch);
  const listed = await gitIn(
    dir,
    env,
    BRANCH_CHECK_TIMEOUT_MS,
  )(["ls-remote", "origin", ref]).catch(() => "");
  return exactRef(listed, ref) !== undefined;
}

/** A setting from the repository's git config (`git config agentframer.store git:media`). */
export async function gitConfigValue(
  dir: string,
  key: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const out = await gitIn(dir, env)(["config", "--get", key]).catch(() => "");
  return out.trim() || undefined;
}
