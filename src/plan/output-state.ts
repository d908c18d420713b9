/**
 * Reads the state of output files for the plan: exists, size and SHA-256. The stat index spares
 * re-reading files whose stat has not changed; only the rest are hashed, a few at a time.
 */
import { statSync, type Stats } from "node:fs";
import { Worker } from "node:worker_threads";
import type { OutputCheck, OutputState } from "./plan.js";
import { READ_WHOLE_UP_TO, sha256File } from "./sha256-file.js";
import type { StatIndex } from "./stat-index.js";

/** Files hashed at once: enough to keep the thread pool busy, few enough to bound memory. */
const HASH_CONCURRENCY = 16;

/**
 * What `stat` said about one output (`null`: no such file), and the SHA-256 of the bytes read
 * after it when the worker hashed them; `undefined` to stat it here (see `statInWorker`).
 */
type Prestat = (
  output: string,
) => (Pick<Stats, "size" | "mtimeMs" | "ino" | "isFile"> & { sha256?: string }) | null | undefined;

export async function readOutputStates(
  manifestDir: string,
  checks: readonly OutputCheck[],
  index: StatIndex,
  prestat?: Prestat,
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
    const known = prestat?.(output);
    const s =
      known === undefined ? statSync(path, { throwIfNoEntry: false }) : (known ?? undefined);
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
      else if (known?.sha256 !== undefined) {
        states.set(output, { exists: true, size: s.size, sha256: known.sha256 });
        index.set(output, facts, known.sha256);
      } else toHash.push({ output, path, ...facts });
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

/** Below this many outputs a worker's start-up costs more than the stat calls it takes over. */
export const STAT_WORKER_MIN = 2000;

// Plain CommonJS, run with `eval`: no file to locate next to the bundle. Per output: kind (0 no
// such file, 1 file, 2 something else, 3 stat failed: the caller stats it again, to throw the
// same error), size, mtimeMs, ino; and, for files up to `hashUpTo` bytes, their SHA-256 (64
// digits a row, "-" where not hashed or unreadable: the caller reads it itself).
const STAT_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { readFileSync, statSync } = require("node:fs");
const { createHash } = require("node:crypto");
const { dir, outputs, hashUpTo } = workerData;
const facts = new Float64Array(outputs.length * 4);
const NOT_HASHED = "-".repeat(64);
let hashes = "";
for (let i = 0; i < outputs.length; i++) {
  const path = dir + "/" + outputs[i];
  let s;
  try {
    s = statSync(path, { throwIfNoEntry: false });
  } catch {
    facts[i * 4] = 3;
  }
  let sha256 = NOT_HASHED;
  if (s !== undefined) {
    facts[i * 4] = s.isFile() ? 1 : 2;
    facts[i * 4 + 1] = s.size;
    facts[i * 4 + 2] = s.mtimeMs;
    facts[i * 4 + 3] = s.ino;
    if (s.isFile() && s.size <= hashUpTo) {
      try {
        sha256 = createHash("sha256").update(readFileSync(path)).digest("hex");
      } catch {}
    }
  }
  if (hashUpTo > 0) hashes += sha256;
}
parentPort.postMessage({ facts, hashes }, [facts.buffer]);
`;

const NOT_A_FILE = { size: -1, mtimeMs: 0, ino: 0, isFile: () => false };

/**
 * Starts stat-ing `outputs` on a worker thread, so that the 50,000 stat calls of a large plan
 * run on the second core while this thread parses the lockfile and hashes requests. With `hash`
 * (no stat index yet: every output would be read) it also reads and hashes them there. Resolves
 * to a lookup for readOutputStates (an output it has no answer for is stat-ed and read there, as
 * before), or to `undefined` when there are too few outputs to be worth a thread or the thread
 * failed.
 */
export function statInWorker(
  manifestDir: string,
  outputs: readonly string[],
  { min = STAT_WORKER_MIN, hash = false }: { min?: number; hash?: boolean } = {},
): Promise<Prestat | undefined> {
  if (outputs.length < min) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(STAT_WORKER_SOURCE, {
        eval: true,
        workerData: { dir: manifestDir, outputs, hashUpTo: hash ? READ_WHOLE_UP_TO : 0 },
      });
    } catch {
      resolve(undefined);
      return;
    }
    // A plan that fails early (a damaged lockfile) must not wait for the thread to finish.
    worker.unref();
    worker.once("message", ({ facts, hashes }: { facts: Float64Array; hashes: string }) => {
      const rows = new Map<string, number>();
      for (let i = 0; i < outputs.length; i++) rows.set(outputs[i] as string, i);
      resolve((output) => {
        const i = rows.get(output);
        const kind = i === undefined ? 3 : facts[i * 4];
        if (kind === 0) return null;
        if (kind !== 1 && kind !== 2) return undefined;
        if (kind === 2) return NOT_A_FILE;
        const at = (i as number) * 4;
        const [size, mtimeMs, ino] = [facts[at + 1] ?? 0, facts[at + 2] ?? 0, facts[at + 3] ?? 0];
        const sha256 = hashes.slice((i as number) * 64, (i as number) * 64 + 64);
        return sha256.length === 64 && sha256[0] !== "-"
          ? { size, mtimeMs, ino, isFile: () => true, sha256 }
          : { size, mtimeMs, ino, isFile: () => true };
      });
      void worker.terminate();
    });
    worker.once("error", () => resolve(undefined));
  });
}
