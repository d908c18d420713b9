/**
 * Reads the state of output files for the plan: exists, size and SHA-256. The stat index spares
 * re-reading files whose stat has not changed; only the rest are hashed, a few at a time.
 */
import { statSync } from "node:fs";
import type { OutputCheck, OutputState } from "./plan.js";
import { sha256File } from "./sha256-file.js";
import type { StatIndex } from "./stat-index.js";

/** Files hashed at once: enough to keep the thread pool busy, few enough to bound memory. */
const HASH_CONCURRENCY = 16;

export async function readOutputStates(
  manifestDir: string,
  checks: readonly OutputCheck[],
  index: StatIndex,
): Promise<Map<string, OutputState>> {
  const states = new Map<string, OutputState>();
  const toHash: Array<{
    output: string;
    path: string;
    size: number;
    mtimeMs: number;
    ino: number;
  }> = [];

  // Synchronous stat: for tens of thousands of small calls it is several times quicker than
  // the promise API's round trips through the thread pool.
  for (const { output, size } of checks) {
    // Plain concatenation: the loader has already normalised `output`, and path.join's
    // normalisation is measurable across 50,000 files. Windows accepts the forward slash.
    const path = `${manifestDir}/${output}`;
    const s = statSync(path, { throwIfNoEntry: false });
    if (s === undefined) {
      states.set(output, { exists: false });
      index.delete(output);
    } else if (!s.isFile()) {
      // A folder (or device) where the output should be: not the locked bytes.
      states.set(output, { exists: true, size: -1 });
    } else if (s.size !== size) {
      // Modified whatever its hash; not worth reading.
      states.set(output, { exists: true, size: s.size });
    } else {
      const facts = { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
      const sha256 = index.trustedSha256(output, facts);
      if (sha256 !== undefined) states.set(output, { exists: true, size: s.size, sha256 });
      else toHash.push({ output, path, ...facts });
    }
  }

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < toHash.length) {
      const item = toHash[next++];
      if (item === undefined) break;
      const sha256 = await sha256File(item.path, item.size);
      states.set(item.output, { exists: true, size: item.size, sha256 });
      index.set(item.output, item, sha256);
    }
  };
  await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, toHash.length) }, worker));
  return states;
}
