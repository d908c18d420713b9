/**
 * Reading a file under `.agentframer/` that anyone may have put there: the folder is the tool's
 * own (state-dir.ts), but what is in it may come from an Actions cache another branch's run saved,
 * or from an earlier job in a self-hosted runner's workspace. So a file is read only when it is
 * a plain file no larger than its bound: opened without following a symbolic link and without
 * waiting on a FIFO, its kind and size taken from the open handle, never more than the bound read.
 * Folders on the way are checked with lstat by `isRealFolder` (O_NOFOLLOW guards the last name).
 */
import { constants, lstatSync, type Stats } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";

/** The bytes, or why they were not read; `absent` when there is no such file. */
export type PlainRead = { ok: true; bytes: Buffer } | { ok: false; absent: boolean; why: string };

const NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export async function readPlainFile(path: string, maxBytes: number): Promise<PlainRead> {
  let handle;
  try {
    handle = await open(path, NO_FOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    const absent = code === "ENOENT" || code === "ENOTDIR";
    return { ok: false, absent, why: code === "ELOOP" ? "it is a link" : code };
  }
  try {
    const facts = await handle.stat();
    if (!facts.isFile()) return { ok: false, absent: false, why: "it is not a regular file" };
    if (facts.size > maxBytes) {
      return { ok: false, absent: false, why: `it is larger than ${maxBytes} bytes` };
    }
    const buffer = Buffer.alloc(facts.size);
    const { bytesRead } = await handle.read(buffer, 0, facts.size, 0);
    return { ok: true, bytes: buffer.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/**
 * Whether `path` is a plain file of at most `maxBytes` (lstat: a link is not one); its size, or
 * undefined. For a file copied by path afterwards (a reflink needs the path): nothing races to
 * swap what the tool's own folder holds, the threat is what was put there before the run.
 */
export function plainFileSize(path: string, maxBytes: number): number | undefined {
  const facts = lstatOf(path);
  return facts?.isFile() && facts.size <= maxBytes ? facts.size : undefined;
}

/** Whether `path` is a real folder (lstat: a link to one is not). */
export function isRealFolder(path: string): boolean {
  return lstatOf(path)?.isDirectory() ?? false;
}

/**
 * `path` made if absent and checked to be a real folder, for a write into it: a link in its place
 * (made before the run) is never written through. Its parent is made as needed; the folders
 * above `.agentframer/` are checked by state-dir.ts.
 */
export async function makeRealFolder(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // Not recursive: a link named `path` is EEXIST, and nothing is made behind it.
  await mkdir(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  if (!isRealFolder(path)) {
    throw new Error(`${path} is a link or not a folder; nothing is written through it`);
  }
}

/** Called directly, not through libuv's pool: a lookup of cached metadata (see real-folders.ts). */
function lstatOf(path: string): Stats | undefined {
  try {
    // An absent path is the common answer: no exception (and its stack) made for it.
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
