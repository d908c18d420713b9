import { createHash, hash as oneShotHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";

/**
 * Up to this size a file is read in one synchronous call: for the many small outputs of a batch
 * that is several times cheaper than the promise API's open/stat/read/close round trips through
 * the thread pool. Larger files (video) are streamed, so they are never held whole in memory.
 */
export const READ_WHOLE_UP_TO = 4 * 1024 * 1024;

/** SHA-256 (hex) of a file's bytes. `size` (from a stat) picks whole-file read or streaming. */
export async function sha256File(path: string, size: number): Promise<string> {
  if (size <= READ_WHOLE_UP_TO) return oneShotHash("sha256", readFileSync(path), "hex");
  const hasher = createHash("sha256");
  for await (const chunk of createReadStream(path)) hasher.update(chunk as Buffer);
  return hasher.digest("hex");
}
