import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { copyFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { compileOnce } from "./compile-once.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const TSC_VERSION = (
  createRequire(import.meta.url)("typescript/package.json") as { version: string }
).version;

/**
 * The CLI compiled from the source under test, to run as a real child process (so it can be
 * SIGKILLed). Compiled with tsc into a private folder under node_modules/.cache rather than
 * using dist/ or lib/: that works the same on a fresh clone, in CI after `npm run build`, and
 * while dist/ is stale during development, and never races another build. The folder sits inside
 * the repository so the compiled files resolve their dependencies from its node_modules; a copy of
 * package.json one level above the output (where lib/ would find it) gives the files their ESM
 * scope and the version they import.
 *
 * One compile serves every test file and every run while the source stays the same: the folder is
 * named by a hash of src/ (tests aside), the tsconfigs and package.json (see compile-once.ts).
 * Type errors are the typecheck step's business, so tsc only emits (`--noCheck`, which
 * `isolatedModules` makes give the same files), at half the cost of a checked compile.
 */
export async function compileCli(): Promise<{ main: string }> {
  const dir = await compileOnce({
    cacheDir: join(ROOT, "node_modules", ".cache", "agentframer-cli"),
    root: ROOT,
    inputs: ["src", "tsconfig.json", "tsconfig.build.json", "package.json"].map((p) =>
      join(ROOT, p),
    ),
    ignore: (file) => file.endsWith(".test.ts"),
    salt: `tsc ${TSC_VERSION} --noCheck -p tsconfig.build.json`,
    build: async (outDir) => {
      await copyFile(join(ROOT, "package.json"), join(outDir, "package.json"));
      await promisify(execFile)(
        process.execPath,
        [TSC, "-p", "tsconfig.build.json", "--noCheck", "--outDir", join(outDir, "lib")],
        { cwd: ROOT },
      ).catch((error: { stdout?: string }) => {
        // A syntax error is still emitted (as tsc always does); the tests show what it breaks.
        if (!/error TS/.test(error.stdout ?? "")) throw error;
      });
    },
  });
  return { main: join(dir, "lib", "cli", "main.js") };
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
