import { createHash } from "node:crypto";
import { readFile, stat, unlink, writeFile } from "node:fs/promises";
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

/** A lock file with no pid yet may be one another render has created but not yet written. */
const UNWRITTEN_GRACE_MS = 5000;

async function heldByLiveRender(path: string, pid: number | undefined): Promise<boolean> {
  if (pid === undefined) {
    const facts = await stat(path).catch(() => undefined);
    return facts !== undefined && Date.now() - facts.mtimeMs < UNWRITTEN_GRACE_MS;
  }
  return pid === process.pid ? heldHere.has(path) : isRunning(pid);
}

export async function withRunLock<T>(
  manifestDir: string,
  work: () => Promise<T>,
  lockDir?: string,
): Promise<T> {
  const path = runLockPath(manifestDir, lockDir);
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = await holderOf(path);
      // A second EEXIST means another render took the stale lock over a moment before us.
      if (attempt > 0 || (await heldByLiveRender(path, pid))) {
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
