/**
 * From a store spec to a working Store: the git backend on the repository's `origin`, an
 * S3-compatible bucket, or none. The s3 backend is loaded only when a run uses it.
 */
import { execFile } from "node:child_process";
import { storeGitDirFor } from "../state/paths.js";
import { ensureStateDir } from "../state/state-dir.js";
import { branchRef, exactRef } from "../git/refs.js";
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
export function originUrlOf(dir: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      "git",
      ["remote", "get-url", "origin"],
      { cwd: dir, env: { ...env, GIT_TERMINAL_PROMPT: "0" } },
      (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}

/**
 * Does `origin` have exactly this branch (not one whose name merely ends the same way)? False
 * when it cannot be asked (no origin, offline).
 */
export function originHasBranch(
  dir: string,
  branch: string,
  env: NodeJS.ProcessEnv,
): Promise<boolean> {
  const ref = branchRef(branch);
  return new Promise((resolve) => {
    execFile(
      "git",
      ["ls-remote", "origin", ref],
      { cwd: dir, env: { ...env, GIT_TERMINAL_PROMPT: "0" }, timeout: 30_000 },
      (error, stdout) => resolve(!error && exactRef(String(stdout), ref) !== undefined),
    );
  });
}

/** A setting from the repository's git config (`git config agentframer.store git:media`). */
export function gitConfigValue(
  dir: string,
  key: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", ["config", "--get", key], { cwd: dir, env }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}
