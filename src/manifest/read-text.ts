import { constants } from "node:fs";
import type { Stats } from "node:fs";
import { open, stat } from "node:fs/promises";
import { formatMiB } from "./limits.js";

export type TextRead = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a UTF-8 text file no larger than `maxBytes`. The size is checked on the open handle,
 * before reading, so that a huge or growing file cannot exhaust memory. Never throws.
 *
 * Only a regular file is opened: opening a FIFO for reading blocks until a writer comes, in a
 * thread nothing can interrupt (not Ctrl-C, not SIGTERM), and a device may never end. So the
 * path is stat'ed first, and opened non-blocking so that one swapped in after the stat is still
 * refused by the fstat that follows instead of hanging.
 */
export async function readTextFile(path: string, maxBytes: number): Promise<TextRead> {
  let handle;
  try {
    const before = await stat(path);
    if (!before.isFile()) return { ok: false, reason: notRegular(before) };
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: ioReason(error) };
  }
  try {
    const facts = await handle.stat();
    if (!facts.isFile()) return { ok: false, reason: notRegular(facts) };
    if (facts.size > maxBytes) {
      return {
        ok: false,
        reason: `it is ${formatMiB(facts.size)}, over the limit of ${formatMiB(maxBytes)}`,
      };
    }
    // Read one byte past the limit: a file that grew since fstat is still refused.
    const buffer = Buffer.alloc(Math.min(facts.size, maxBytes) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) {
        return { ok: false, reason: `it is larger than the limit of ${formatMiB(maxBytes)}` };
      }
    }
    try {
      return { ok: true, text: utf8.decode(buffer.subarray(0, filled)) };
    } catch {
      return { ok: false, reason: "it is not valid UTF-8 text" };
    }
  } catch (error) {
    return { ok: false, reason: ioReason(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** What a non-regular file is, for "cannot read …: it is a named pipe (FIFO), not a regular file". */
export function notRegular(facts: Stats): string {
  const what = facts.isDirectory()
    ? "a folder"
    : facts.isFIFO()
      ? "a named pipe (FIFO)"
      : facts.isSocket()
        ? "a socket"
        : facts.isCharacterDevice() || facts.isBlockDevice()
          ? "a device"
          : "something other than a file";
  return `it is ${what}, not a regular file`;
}

function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder";
    case "ENOTDIR":
      return "a parent of it is not a folder";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
