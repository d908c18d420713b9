/**
 * A real git remote for tests: a bare repository in a temp folder, seeded with a first commit,
 * and a clone of it as the work tree (what actions/checkout leaves on a runner). `pushFromElsewhere`
 * moves the remote from a second clone, to stage a push race. All of it is removed after the test,
 * or sooner by `cleanup()`.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tempDirSync } from "./temp-dir.js";

export interface GitRemote {
  /** The bare repository (the "origin"). */
  bare: string;
  /** A clone of it on `branch`, checked out like a runner's workspace. */
  clone: string;
  branch: string;
  /** Runs git in `cwd` (default the clone) and returns its stdout. */
  git(args: string[], cwd?: string): string;
  /** Commits `files` to the remote's branch from a separate clone, so the work tree falls behind. */
  pushFromElsewhere(files: Record<string, string | Uint8Array>, message: string): string;
  /**
   * Installs a pre-receive hook on the bare repository that refuses every push, printing `says`
   * (as GitHub's branch protection prints GH006), and counts the pushes it refused.
   */
  refusePushes(says: string): void;
  /** How many pushes the hook from `refusePushes` has refused. */
  refusedPushes(): number;
  /** The remote branch's head commit. */
  remoteHead(): string;
  /** Files a commit touched, sorted. */
  filesIn(commit: string): string[];
  cleanup(): void;
}

/** A fixed identity and no user or system config, so a developer's git setup cannot leak in. */
export const GIT_TEST_ENV: NodeJS.ProcessEnv = {
  GIT_AUTHOR_NAME: "Test Author",
  GIT_AUTHOR_EMAIL: "author@example.test",
  GIT_COMMITTER_NAME: "Test Author",
  GIT_COMMITTER_EMAIL: "author@example.test",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_TERMINAL_PROMPT: "0",
};

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

export function createGitRemote(
  initial: Record<string, string | Uint8Array>,
  branch = "main",
): GitRemote {
  const root = tempDirSync("af-git-");
  const bare = join(root, "origin.git");
  const clone = join(root, "work");
  const seed = join(root, "seed");
  const git = (args: string[], cwd = clone): string =>
    execFileSync("git", args, {
      cwd,
      env: { ...process.env, ...GIT_TEST_ENV },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });

  git(["init", "--quiet", "--bare", `--initial-branch=${branch}`, bare], root);
  git(["init", "--quiet", `--initial-branch=${branch}`, seed], root);
  writeFiles(seed, initial);
  git(["add", "--all"], seed);
  git(["commit", "--quiet", "-m", "initial"], seed);
  git(["push", "--quiet", bare, `HEAD:refs/heads/${branch}`], seed);
  git(["clone", "--quiet", "--branch", branch, bare, clone], root);

  let other = 0;
  return {
    bare,
    clone,
    branch,
    git,
    pushFromElsewhere(files, message) {
      const elsewhere = join(root, `elsewhere-${other++}`);
      git(["clone", "--quiet", "--branch", branch, bare, elsewhere], root);
      writeFiles(elsewhere, files);
      git(["add", "--all"], elsewhere);
      git(["commit", "--quiet", "-m", message], elsewhere);
      git(["push", "--quiet", "origin", `HEAD:refs/heads/${branch}`], elsewhere);
      return git(["rev-parse", "HEAD"], elsewhere).trim();
    },
    refusePushes(says) {
      const hook = join(bare, "hooks", "pre-receive");
      const count = join(root, "refused-pushes");
      const quoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
      writeFileSync(
        hook,
        `#!/bin/sh\necho refused >> ${quoted(count)}\necho ${quoted(says)} >&2\nexit 1\n`,
      );
      chmodSync(hook, 0o755);
    },
    refusedPushes() {
      const count = join(root, "refused-pushes");
      return existsSync(count) ? readFileSync(count, "utf8").split("\n").filter(Boolean).length : 0;
    },
    remoteHead: () => git(["rev-parse", `refs/heads/${branch}`], bare).trim(),
    filesIn: (commit) =>
      git(["show", "--name-only", "--format=", commit], bare).split("\n").filter(Boolean).sort(),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
