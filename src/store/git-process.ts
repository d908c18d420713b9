/**
 * git for the store: arguments (never a shell), a private repository, and an environment from
 * which everything that could point git elsewhere or carry a secret has been removed. A token
 * reaches git only as an `http.<server>/.extraheader` set for the one command through
 * GIT_CONFIG_COUNT: never written to any config file, never on a command line (`ps` shows those).
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { devNull } from "node:os";

export class StoreGitError extends Error {
  override readonly name = "StoreGitError";
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(`git ${args[0] ?? ""} failed (exit ${exitCode ?? "?"}): ${stderr.trim().slice(0, 500)}`);
  }
}

export interface StoreGitOptions {
  /** The store's private bare repository. */
  gitDir: string;
  /** The environment to start from; it is scrubbed (see scrubEnv). */
  env: NodeJS.ProcessEnv;
  /** A token for an https origin, sent only to `serverUrl`. */
  auth?: { token: string; serverUrl: string };
}

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
}

export interface StoreGit {
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

/** Variables that would make git work on another repository, or that hold secrets. */
const DROP =
  /^(GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_ALTERNATE_OBJECT_DIRECTORIES|GIT_NAMESPACE|GIT_CONFIG_COUNT|GIT_CONFIG_KEY_\d+|GIT_CONFIG_VALUE_\d+|GIT_CONFIG_PARAMETERS|GIT_ASKPASS|SSH_ASKPASS|INPUT_.*|AGENTFRAMER_API_KEY|GITHUB_TOKEN|GH_TOKEN|ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN)$/i;

export function scrubEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!DROP.test(key)) clean[key] = value;
  return clean;
}

export function storeGit(options: StoreGitOptions): StoreGit {
  const env: NodeJS.ProcessEnv = {
    ...scrubEnv(options.env),
    GIT_DIR: options.gitDir,
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
    LC_ALL: "C",
  };
  // Whatever the store repository's own config says, git runs no hook, no file-system monitor
  // and no credential helper of its: none of them may ever see the token, or run at all.
  const config: Array<[string, string]> = [
    ["core.hooksPath", devNull],
    ["core.fsmonitor", "false"],
    ["credential.helper", ""],
  ];
  if (options.auth) {
    const basic = Buffer.from(`x-access-token:${options.auth.token}`).toString("base64");
    const server = options.auth.serverUrl.replace(/\/+$/, "");
    config.push([`http.${server}/.extraheader`, `AUTHORIZATION: basic ${basic}`]);
  }
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  const secret = options.auth?.token;
  const scrub = (text: string): string => (secret ? text.split(secret).join("***") : text);
  const start = (args: readonly string[], extra?: NodeJS.ProcessEnv) =>
    spawn("git", [...args], {
      env: { ...env, ...extra },
      stdio: ["pipe", "pipe", "pipe"],
    });
  const finished = (child: ReturnType<typeof start>, args: readonly string[]): Promise<void> =>
    new Promise((resolve, reject) => {
      let stderr = "";
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        if (stderr.length < 64 * 1024) stderr += chunk;
      });
      child.on("error", reject);
      child.on("close", (code) => {
        if (code === 0) resolve();
        else reject(new StoreGitError(args, scrub(stderr), code));
      });
    });

  async function runBytes(args: readonly string[], options: RunOptions = {}): Promise<Buffer> {
    const child = start(args, options.env);
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    // A git that exits without reading its input (an error) closes the pipe: its exit code says why.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
    await finished(child, args);
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
      const done = finished(child, args);
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
      const done = finished(child, args);
      await Promise.all([pipeline(child.stdout, createWriteStream(dest, { flags: "wx" })), done]);
    },
  };
}
