/**
 * Builds a folder once per content of its inputs and shares it: every test file, every vitest
 * worker and every run that asks for the same inputs gets the same finished folder, and only one
 * of them builds it. Finished folders are named by the inputs' hash and written under a temporary
 * name, then renamed into place, so a folder that exists is complete. A lock folder (holding the
 * builder's pid) makes the others wait instead of building too; a lock whose builder died is
 * taken over.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";

export interface CompileOnceOptions {
  /** Where the finished folders live, one per hash. */
  cacheDir: string;
  /** Files and folders (every file under them, recursively) whose content names the build. */
  inputs: string[];
  /** Paths in `inputs` are hashed relative to this, so a moved checkout keeps its hash. */
  root: string;
  /** Files under `inputs` that do not change the build (tests beside the code). */
  ignore?: (file: string) => boolean;
  /** Extra text that names the build (a tool's version, the build's options). */
  salt: string;
  /** Writes the build into `dir`, an empty folder. */
  build(dir: string): Promise<void>;
  /** How long to wait for another process's build before giving up. */
  waitMs?: number;
}

/** Folders of other hashes older than this are removed when a new one is built. */
const STALE_BUILD_MS = 24 * 60 * 60 * 1000;
/** A lock that never got its holder's pid (the holder died taking it) is stale after this. */
const UNNAMED_LOCK_MS = 60_000;

/** The finished folder for the inputs' current content, building it if nobody has. */
export async function compileOnce(options: CompileOnceOptions): Promise<string> {
  const hash = hashInputs(options);
  const done = join(options.cacheDir, hash);
  const lock = join(options.cacheDir, `${hash}.lock`);
  const deadline = Date.now() + (options.waitMs ?? 300_000);
  await mkdir(options.cacheDir, { recursive: true });
  while (!existsSync(done)) {
    if (await takeLock(lock)) {
      try {
        if (!existsSync(done)) await buildInto(done, options);
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
      break;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the build locked by ${lock}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return done;
}

async function buildInto(done: string, options: CompileOnceOptions): Promise<void> {
  const scratch = `${done}.${process.pid}.tmp`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  try {
    await options.build(scratch);
    await rename(scratch, done);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  await removeStaleBuilds(options.cacheDir, done);
}

/** True if this process now holds `lock`; a lock left by a process that is gone is removed. */
async function takeLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number(await readFile(join(lock, "pid"), "utf8").catch(() => ""));
    // A lock without a pid is usually being taken right now; it is stale only once it is old.
    const stale = holder > 0 ? !isAlive(holder) : Date.now() - mtimeMs(lock) > UNNAMED_LOCK_MS;
    if (stale) await rm(lock, { recursive: true, force: true });
    return false;
  }
  await writeFile(join(lock, "pid"), String(process.pid));
  return true;
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now(); // Gone already: not stale, the next look finds it free.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function removeStaleBuilds(cacheDir: string, keep: string): Promise<void> {
  const now = Date.now();
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (path === keep || name.endsWith(".lock")) continue;
    if (now - statSync(path).mtimeMs > STALE_BUILD_MS) {
      await rm(path, { recursive: true, force: true });
    }
  }
}

function hashInputs(options: CompileOnceOptions): string {
  const hash = createHash("sha256").update(options.salt);
  const files = options.inputs.flatMap(filesUnder).filter((f) => !options.ignore?.(f));
  for (const file of files.sort()) {
    hash.update(`\0${relative(options.root, file)}\0`).update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
