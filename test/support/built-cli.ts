import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const ROOT = resolve(import.meta.dirname, "../..");

/**
 * The CLI compiled from the source under test, to run as a real child process (so it can be
 * SIGKILLed). Compiled with tsc into a private folder under node_modules/.cache rather than
 * using dist/ or lib/: that works the same on a fresh clone, in CI after `npm run build`, and
 * while dist/ is stale during development, and never races another build. The folder sits inside
 * the repository so the compiled files resolve their dependencies from its node_modules; a copy of
 * package.json one level above the output (where lib/ would find it) gives the files their ESM
 * scope and the version they import.
 */
export async function compileCli(): Promise<{ main: string; remove(): Promise<void> }> {
  const base = join(ROOT, "node_modules", ".cache", "agentframer-e2e");
  const outDir = join(base, `${process.pid}-${Date.now()}`);
  await mkdir(outDir, { recursive: true });
  await copyFile(join(ROOT, "package.json"), join(base, "package.json"));
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  // Type errors are the typecheck step's business; emit regardless so this test tests behaviour.
  await promisify(execFile)(
    process.execPath,
    [tsc, "-p", "tsconfig.build.json", "--outDir", outDir],
    {
      cwd: ROOT,
    },
  ).catch((error: { stdout?: string }) => {
    if (!/error TS/.test(error.stdout ?? "")) throw error;
  });
  return {
    main: join(outDir, "cli", "main.js"),
    remove: () => rm(outDir, { recursive: true, force: true }),
  };
}

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
}

/**
 * Run the compiled CLI as a child process. `launcher` runs in front of node (`prlimit
 * --fsize=N`), for a test that needs the process under a limit from its first instruction.
 */
export function spawnCli(
  main: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  launcher: readonly string[] = [],
): CliRun {
  const [command, ...rest] = [...launcher, process.execPath, main, ...args] as [
    string,
    ...string[],
  ];
  const child = spawn(command, rest, {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.on("close", (code, signal) => resolve(code ?? signal ?? -1));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Poll `condition` every 10 ms until it holds, or fail after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
