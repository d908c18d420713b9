/**
 * Runs the built action (dist/action/index.js) the way the GitHub runner does: a fresh Node
 * process in the workspace, inputs as INPUT_* variables (hyphens kept, upper-cased), the event
 * payload in a file at GITHUB_EVENT_PATH, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files to
 * append to. Those files, and the HOME and RUNNER_TEMP the action gets, sit in a temp folder
 * removed after the test. Needs `npm run build` first (CI builds before it tests).
 */
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { tempDir } from "./temp-dir.js";
import { GIT_TEST_ENV } from "./git-remote.js";

export const DIST_ACTION = resolve(import.meta.dirname, "../../dist/action/index.js");

export interface ActionRunOptions {
  workspace: string;
  inputs: Record<string, string>;
  eventName: string;
  event: unknown;
  /** GITHUB_API_URL: the GitHub stub. */
  githubApiUrl?: string;
  env?: NodeJS.ProcessEnv;
  /** The bundle to run, when not this checkout's dist/action/index.js (a copy elsewhere). */
  main?: string;
  /**
   * A safety net for tests of hangs: the runner's own job timeout, which kills the step with
   * SIGKILL after this long. `killed` then says so.
   */
  killAfterMs?: number;
  /**
   * Called once the step has started, with its process and what it has printed so far: for tests
   * that signal it as a runner cancelling the workflow does.
   */
  onStart?: (child: ChildProcess, printed: () => string) => void;
}

export interface ActionRun {
  code: number | null;
  /** The signal that ended the step, if one did (then `code` is null). */
  signal: NodeJS.Signals | null;
  /** The exit status as the runner reports it: the code, or 128 + N for the signal N. */
  status: number;
  /** Whether killAfterMs ran out and the step was killed rather than ending by itself. */
  killed: boolean;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The raw GITHUB_OUTPUT file, for byte-level scans. */
  outputFile: string;
}

export async function runDistAction(options: ActionRunOptions): Promise<ActionRun> {
  const main = options.main ?? DIST_ACTION;
  if (!existsSync(main)) {
    throw new Error(`${main} is missing: run \`npm run build\` before these tests`);
  }
  const dir = await tempDir("af-runner-");
  const eventPath = join(dir, "event.json");
  const outputPath = join(dir, "output.txt");
  const summaryPath = join(dir, "summary.md");
  writeFileSync(eventPath, JSON.stringify(options.event));
  writeFileSync(outputPath, "");
  writeFileSync(summaryPath, "");
  const inputs = Object.fromEntries(
    Object.entries(options.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    ...GIT_TEST_ENV,
    // The action commits as the bot; no ambient identity may stand in for it.
    GIT_AUTHOR_NAME: undefined,
    GIT_AUTHOR_EMAIL: undefined,
    GIT_COMMITTER_NAME: undefined,
    GIT_COMMITTER_EMAIL: undefined,
    GITHUB_ACTIONS: "true",
    CI: "true",
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_REPOSITORY: "octo/media",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: options.githubApiUrl ?? "http://127.0.0.1:9",
    GITHUB_REF: "refs/heads/main",
    ...inputs,
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];

  const child = spawn(process.execPath, [main], {
    cwd: options.workspace,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  let killed = false;
  const timer =
    options.killAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          killed = true;
          child.kill("SIGKILL");
        }, options.killAfterMs);
  options.onStart?.(child, () => stdout + stderr);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
    child.on("error", fail);
    child.on("close", (exitCode, exitSignal) => done([exitCode, exitSignal]));
  }).finally(() => clearTimeout(timer));
  const outputFile = readFileSync(outputPath, "utf8");
  return {
    code,
    signal,
    status: code ?? 128 + (signal ? constants.signals[signal] : 0),
    killed,
    stdout,
    stderr,
    outputs: parseOutputFile(outputFile),
    summary: readFileSync(summaryPath, "utf8"),
    outputFile,
  };
}

/** GITHUB_OUTPUT's heredoc records: `name<<DELIM\nvalue\nDELIM\n`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? "");
    if (!match) continue;
    const [, name = "", delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? "");
    outputs[name] = value.join("\n");
  }
  return outputs;
}
