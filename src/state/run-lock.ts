import { randomBytes } from "node:crypto";
import { link, readdir, readFile, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { runLockPath } from "./paths.js";
import { openStateDir } from "./state-dir.js";

/** Another render of the same manifest folder is running: nothing was submitted or written. */
export class RunLockError extends Error {
  override readonly name = "RunLockError";
}

/**
 * Two renders of one checkout would share the journal, the cache and the lockfile, and the second
 * one's sweep of stale temp files would delete the first one's downloads in progress. So one
 * render per manifest folder at a time. The lock is a pid file in the folder's `.agentframer/`,
 * beside the state it guards: one in the OS temp folder let two renders with different TMPDIRs
 * both run. A lock whose process is gone is taken over. Separate checkouts never block each other.
 *
 * Taking it must leave no trace when the run then finds the manifest invalid: a state folder it
 * had to create is removed again when it is released, unless the run has put something in it.
 */
async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (facts) => facts.isDirectory(),
    () => false,
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function holderOf(path: string): Promise<number | undefined> {
  const text = await readFile(path, "utf8").catch(() => "");
  const pid = Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Locks this process holds now: a file naming our own pid is stale unless it is one of these. */
const heldHere = new Set<string>();

/**
 * Whether the process named in a lock file is a render still running. The file always names one
 * (see takeLock); one that does not, or cannot be read, was not written by a render: stale.
 */
function heldByLiveRender(path: string, pid: number | undefined): boolean {
  if (pid === undefined) return false;
  return pid === process.pid ? heldHere.has(path) : isRunning(pid);
}

/**
 * Creates the lock file with our pid already in it, or throws EEXIST: the pid goes into a file of
 * our own first, which is then hard-linked into place. Creating the lock file and writing it in
 * two steps left, when the process was killed in between, an empty lock that named no one.
 */
async function takeLock(path: string): Promise<void> {
  const own = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(own, `${process.pid}\n`, { flag: "wx" });
  try {
    await link(own, path);
  } finally {
    await unlink(own).catch(() => {});
  }
}

/**
 * The files of our own that renders killed between writing their pid and linking it into place
 * left behind (see takeLock). Only those of processes that are gone: a live one may be about to
 * link its own.
 */
async function sweepOwnFilesOfDeadRenders(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  for (const name of await readdir(dirname(path)).catch(() => [])) {
    const pid = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length))?.[1];
    if (!name.startsWith(prefix) || pid === undefined || isRunning(Number(pid))) continue;
    await unlink(join(dirname(path), name)).catch(() => {});
  }
}

export async function withRunLock<T>(manifestDir: string, work: () => Promise<T>): Promise<T> {
  const path = runLockPath(manifestDir);
  // No such folder: there is nothing in it to guard, and loading its manifest will say so.
  if (!(await isFolder(manifestDir))) return work();
  const { dir, created } = await openStateDir(manifestDir);
  const removeCreated = async (): Promise<void> => {
    // The run put something in it: it stays.
    if (!created || (await readdir(dir).catch(() => [])).some((n) => n !== ".gitignore")) return;
    await unlink(join(dir, ".gitignore")).catch(() => {});
    await rmdir(dir).catch(() => {});
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await takeLock(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        await removeCreated();
        throw error;
      }
      const pid = await holderOf(path);
      // A second EEXIST means another render took the stale lock over a moment before us.
      if (attempt > 0 || heldByLiveRender(path, pid)) {
        throw new RunLockError(
          `another agentframer render of ${manifestDir} is running (pid ${pid ?? "unknown"}); wait for it ` +
            `to finish, or if it is not running, delete ${path}`,
        );
      }
      // Left by a process that was killed, or unreadable: take it over.
      await unlink(path).catch(() => {});
    }
  }
  heldHere.add(path);
  await sweepOwnFilesOfDeadRenders(path);
  try {
    return await work();
  } finally {
    heldHere.delete(path);
    await unlink(path).catch(() => {});
    await removeCreated();
  }
}
