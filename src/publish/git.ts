/**
 * A small git runner: `git` with arguments (never a shell), in one folder, with a fixed
 * environment so that a user's hooks, pager or prompts cannot change what it does.
 */
import { execFile } from "node:child_process";

export class GitError extends Error {
  override readonly name = "GitError";
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | undefined,
    /** What git printed on stdout before failing: `push --porcelain` reports each ref there. */
    readonly stdout = "",
  ) {
    super(`git ${args.join(" ")} failed (exit ${exitCode ?? "?"}): ${stderr.trim()}`);
  }
}

export type Git = (args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<string>;

export function gitIn(cwd: string, baseEnv: NodeJS.ProcessEnv = process.env): Git {
  return (args, env) =>
    new Promise((resolve, reject) => {
      execFile(
        "git",
        [...args],
        {
          cwd,
          env: { ...baseEnv, ...env, GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat", LC_ALL: "C" },
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          if (error) {
            const code = typeof error.code === "number" ? error.code : undefined;
            reject(new GitError(args, stderr || error.message, code, stdout));
          } else {
            resolve(stdout);
          }
        },
      );
    });
}

/** A pathspec that matches exactly this path: output names like `shot[1].png` are not globs. */
export function literal(path: string): string {
  return `:(literal)${path}`;
}
