/**
 * The one way the tool runs git: arguments (never a shell), a fixed locale, no prompt and no
 * pager, and stderr kept for the error. Two kinds of caller share it: the work tree of the user's
 * checkout (`gitIn`, for commits and `check-ignore`) and the store's private repository
 * (`storeGit` in store/store-git.ts, which adds a scrubbed environment and its own config).
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";

const STDERR_KEPT = 64 * 1024;

export class GitError extends Error {
  override readonly name = "GitError";
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | undefined,
    /** What git printed on stdout before failing: `push --porcelain` reports each ref there. */
    readonly stdout = "",
  ) {
    super(`git ${args[0] ?? ""} failed (exit ${exitCode ?? "?"}): ${stderr.trim().slice(0, 500)}`);
  }
}

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** A deadline: past it the command is killed and fails saying so (network commands). */
  timeoutMs?: number;
}

export interface GitRunner {
  run(args: readonly string[], options?: RunOptions): Promise<string>;
  /** The same, with stdout as bytes (`cat-file --batch`). */
  runBytes(args: readonly string[], options?: RunOptions): Promise<Buffer>;
  /** Stream a command's stdout into a new file (`git cat-file blob OID > dest`). */
  toFile(args: readonly string[], dest: string): Promise<void>;
  /** A command whose stdout is read as it comes (`cat-file --batch` of a whole pull). */
  stream(args: readonly string[], input: string): GitStream;
}

export interface GitStream {
  stdout: AsyncIterable<Buffer>;
  /** Settles when git exits: rejects with its error, or when `stop` ended it early. */
  done: Promise<void>;
  /** End git now (the reader gave up): what it was still writing is not wanted. */
  stop(): void;
}

export interface GitRunnerOptions {
  /** The folder git runs in (a work tree); the store passes GIT_DIR in `env` instead. */
  cwd?: string;
  /** The whole environment git sees, before the fixed variables below. */
  env: NodeJS.ProcessEnv;
  /** Text that must never appear in an error (a token): replaced by `***`. */
  secrets?: readonly string[];
  /**
   * What git prints may be a server's words (a remote's messages, a URL it was given): passed
   * through this before an error keeps it. The store gives the neutraliser of outside text and
   * its credentials' scrub (util/outside-text.ts, net/leaked-key.ts), which this layer cannot see.
   */
  outsideText?: (text: string) => string;
}

export function gitRunner(options: GitRunnerOptions): GitRunner {
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
    LC_ALL: "C",
  };
  const secrets = (options.secrets ?? []).filter((s) => s.length > 0);
  const outside = options.outsideText ?? ((text: string) => text);
  const scrub = (text: string): string =>
    outside(secrets.reduce((out, secret) => out.split(secret).join("***"), text));
  const start = (args: readonly string[], extra?: NodeJS.ProcessEnv) =>
    spawn("git", [...args], {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: { ...env, ...extra },
      stdio: ["pipe", "pipe", "pipe"],
    });
  const finished = (
    child: ReturnType<typeof start>,
    args: readonly string[],
    stdout: () => string,
    timeoutMs?: number,
  ): Promise<void> =>
    new Promise((resolve, reject) => {
      let stderr = "";
      let late = false;
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              late = true;
              child.kill("SIGKILL");
              // A helper git started (git-remote-https) may still hold the pipes open: the
              // command is over for us all the same.
              child.stdout.destroy();
              child.stderr.destroy();
            }, timeoutMs);
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        if (stderr.length < STDERR_KEPT) stderr += chunk;
      });
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        if (code === 0 && !late) return resolve();
        const said = late
          ? `did not finish within ${Math.round((timeoutMs ?? 0) / 1000)} s; stopped. ${stderr}`
          : stderr;
        reject(new GitError(args, scrub(said), code ?? undefined, scrub(stdout())));
      });
    });

  async function runBytes(args: readonly string[], options: RunOptions = {}): Promise<Buffer> {
    const child = start(args, options.env);
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    // A git that exits without reading its input (an error) closes the pipe: its exit code says why.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
    await finished(child, args, () => Buffer.concat(chunks).toString("utf8"), options.timeoutMs);
    return Buffer.concat(chunks);
  }

  return {
    runBytes,
    async run(args, options) {
      return (await runBytes(args, options)).toString("utf8");
    },
    stream(args, input) {
      const child = start(args);
      child.stdin.on("error", () => {});
      child.stdin.end(input);
      const done = finished(child, args, () => "");
      // The caller awaits `done` only when it read to the end; a stopped git must not go unhandled.
      done.catch(() => {});
      return {
        stdout: child.stdout,
        done,
        stop: () => {
          if (child.exitCode === null) child.kill();
        },
      };
    },
    async toFile(args, dest) {
      const child = start(args);
      child.stdin.on("error", () => {});
      child.stdin.end();
      const done = finished(child, args, () => "");
      await Promise.all([pipeline(child.stdout, createWriteStream(dest, { flags: "wx" })), done]);
    },
  };
}

/** The commands that talk to a remote: each is given a deadline. */
export const NETWORK_COMMANDS: ReadonlySet<string> = new Set(["ls-remote", "fetch", "push"]);

/** The git subcommand of `args`, past any `-c key=value` before it. */
export function subcommandOf(args: readonly string[]): string | undefined {
  let i = 0;
  while (args[i] === "-c") i += 2;
  return args[i];
}

/**
 * The deadline of a network command in the user's checkout (the commit's fetch and push, the base
 * commit's fetch): long enough for a push of many renders, short of a job's whole timeout.
 */
export const WORK_TREE_NETWORK_TIMEOUT_MS = 10 * 60_000;

/** git in a work tree, as one function: what commits, comments and `check-ignore` need. */
export type Git = (args: readonly string[], env?: NodeJS.ProcessEnv) => Promise<string>;

export function gitIn(
  cwd: string,
  baseEnv: NodeJS.ProcessEnv = process.env,
  networkTimeoutMs = WORK_TREE_NETWORK_TIMEOUT_MS,
): Git {
  const runner = gitRunner({ cwd, env: baseEnv });
  return (args, env) =>
    runner.run(args, {
      ...(env ? { env } : {}),
      // A remote that accepts the connection and never answers would hold the step until the
      // runner kills it; a deadline ends the command and says so.
      ...(NETWORK_COMMANDS.has(subcommandOf(args) ?? "") ? { timeoutMs: networkTimeoutMs } : {}),
    });
}

/** A pathspec that matches exactly this path: output names like `shot[1].png` are not globs. */
export function literal(path: string): string {
  return `:(literal)${path}`;
}
