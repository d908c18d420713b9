import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Temp names are unique per process by a random prefix drawn once and a counter: random bytes
 * for every name cost more than the rest of a small write.
 */
const processPrefix = randomBytes(3).toString("hex");
let counter = 0;

/** A temp name beside `target`, so the final rename stays on one file system. */
export function tempPathFor(target: string): string {
  counter = (counter + 1) % 0x1000000;
  const unique = `${processPrefix}${counter.toString(16).padStart(6, "0")}`;
  return join(dirname(target), `.${basename(target)}.${unique}.tmp`);
}

/**
 * Write `data` to `target` so that a reader (or a crash) sees either the old file or the new one,
 * never a partial one: write a temp file beside it, fsync, rename over the target. `durable:
 * false` skips the fsync, for caches: readers still never see a partial file, but after a power
 * loss the new file may be empty or missing, which a cache must (and does) treat as empty.
 * `data` may come in pieces (an iterable), written one after another, so that a big file is never
 * held whole in memory.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array | Iterable<string | Uint8Array>,
  { durable = true }: { durable?: boolean } = {},
): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await open(temp, "wx", 0o644);
  try {
    if (typeof data === "string" || data instanceof Uint8Array) await handle.writeFile(data);
    else for (const piece of data) await handle.writeFile(piece);
    if (durable) await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}
