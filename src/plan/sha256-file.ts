import { createHash, hash as oneShotHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";

/** Above this, stream the file: a long video must not be held in memory just to hash it. */
const STREAM_ABOVE_BYTES = 8 * 1024 * 1024;

/** SHA-256 (hex) of a file's bytes. `size` (from a stat) picks whole-file read or streaming. */
export async function sha256File(path: string, size: number): Promise<string> {
  if (size <= STREAM_ABOVE_BYTES) return oneShotHash("sha256", await readFile(path), "hex");
  const hasher = createHash("sha256");
  for await (const chunk of createReadStream(path)) hasher.update(chunk as Buffer);
  return hasher.digest("hex");
}
