/**
 * Runs the bundled CLI (dist/cli/index.js) as a user's shell would: a fresh Node process in a
 * folder, with only the environment given (and PATH). Needs `npm run build` first, like the tests
 * of the built action.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const DIST_CLI = resolve(import.meta.dirname, "../../dist/cli/index.js");

export interface DistCliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runDistCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<DistCliRun> {
  if (!existsSync(DIST_CLI)) {
    throw new Error(`${DIST_CLI} is missing: run \`npm run build\` before these tests`);
  }
  const child = spawn(process.execPath, [DIST_CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const code = await new Promise<number | null>((done, fail) => {
    child.on("error", fail);
    child.on("close", done);
  });
  return { code, stdout, stderr };
}
