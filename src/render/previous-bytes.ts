/**
 * A committed output's bytes, copied to a private file only when they are exactly the bytes
 * described: the right size before a byte is read, then SHA-256 and the type's magic bytes as they
 * stream, never more than `expected.size` read. The checkout is hostile (a pull request commits
 * what it likes): the path is opened without following a symbolic link and without waiting on a
 * FIFO, and anything but a regular file of that size is refused unread.
 */
import { constants } from "node:fs";
import { open, rm } from "node:fs/promises";
import type { ExpectedBytes } from "../net/verify-bytes.js";
import { BytesCheck } from "../net/verify-bytes.js";

/** The answer for a file that is simply not there (an output kept in the store only). */
export const NOT_IN_CHECKOUT = "is not in the checkout";

/** Bytes read at a time. */
const CHUNK = 1024 * 1024;

/**
 * Copy `source` to `dest` (a new file) if it holds the expected bytes. Undefined when it did, else
 * why not (and `dest` is not left behind).
 */
export async function copyExpectedBytes(
  source: string,
  dest: string,
  expected: ExpectedBytes,
  maxBytes: number,
): Promise<string | undefined> {
  if (expected.size > maxBytes) return `${expected.size} bytes, more than ${maxBytes} are read`;
  let input;
  try {
    input = await open(source, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? NOT_IN_CHECKOUT : `cannot be opened (${code ?? "error"})`;
  }
  try {
    const facts = await input.stat();
    if (!facts.isFile()) return "is not a regular file";
    if (facts.size !== expected.size)
      return `is ${facts.size} bytes where the lock says ${expected.size}`;
    const check = new BytesCheck(expected);
    const output = await open(dest, "wx", 0o600);
    let verdict: string | undefined;
    try {
      const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(expected.size, 1)));
      for (let at = 0; ;) {
        const { bytesRead } = await input.read(buffer, 0, buffer.length, at);
        if (bytesRead === 0) break;
        const piece = buffer.subarray(0, bytesRead);
        at += bytesRead;
        // The file grew since its size was read: more than described is never taken.
        if (!check.update(piece)) {
          verdict = "grew while it was read";
          break;
        }
        await output.write(piece);
      }
    } finally {
      await output.close();
    }
    if (verdict === undefined) {
      const result = check.verdict();
      if (!result.ok) verdict = result.why;
    }
    if (verdict !== undefined) await rm(dest, { force: true });
    return verdict;
  } finally {
    await input.close();
  }
}
