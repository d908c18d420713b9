import { mkdir, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { tempDir } from "./temp-dir.js";

/** A real temporary folder with a `.git` folder in it, removed after the test. */
export async function tempRepo(): Promise<string> {
  const dir = await tempDir("agentframer-plan-");
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
