import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach } from "vitest";

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A real temporary folder with a `.git` folder in it, removed after the test. */
export async function tempRepo(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "agentframer-plan-"));
  made.push(dir);
  await mkdir(join(dir, ".git"));
  return dir;
}

/** Every file under `dir` (relative, sorted), to assert what a command wrote. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}
