import { createHash, randomBytes } from "node:crypto";
import { link, readFile, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Another render of the same manifest folder is running: nothing was submitted or written. */
export class RunLockError extends Error {
  override readonly name = "RunLockError";
}

/**
 * Two renders of one checkout would share the journal, the cache and the lockfile, and the second
 * one's sweep of stale temp files would delete the first one's downloads in progress. So one
 * render per manifest folder at a time. The lock lives in the OS temp folder, keyed by the folder's
 * path, so taking it writes nothing into the repository (an invalid manifest must leave no trace)
 * and separate checkouts never block each other. A lock whose process is gone is taken over.
 */
export function runLockPath(manifestDir: string, dir = tmpdir()): string {
  const key = createHash("sha256").update(manifestDir).digest("hex").slice(0, 24);
  return join(dir, `agentframer-render-${key}.pid`);
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

export async function withRunLock<T>(
  manifestDir: string,
  work: () => Promise<T>,
  lockDir?: string,
): Promise<T> {
  const path = runLockPath(manifestDir, lockDir);
  for (let attempt = 0; ; attempt++) {
    try {
      await takeLock(path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
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
  try {
    return await work();
  } finally {
    heldHere.delete(path);
    await unlink(path).catch(() => {});
  }
}
