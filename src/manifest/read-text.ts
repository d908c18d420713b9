import { open } from "node:fs/promises";
import { formatMiB } from "./limits.js";

export type TextRead = { ok: true; text: string } | { ok: false; reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a UTF-8 text file no larger than `maxBytes`. The size is checked on the open handle,
 * before reading, so that a huge or growing file cannot exhaust memory. Never throws.
 */
export async function readTextFile(path: string, maxBytes: number): Promise<TextRead> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    return { ok: false, reason: ioReason(error) };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, reason: "it is not a regular file" };
    if (stat.size > maxBytes) {
      return {
        ok: false,
        reason: `it is ${formatMiB(stat.size)}, over the limit of ${formatMiB(maxBytes)}`,
      };
    }
    // Read one byte past the limit: a file that grew since fstat is still refused.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
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
