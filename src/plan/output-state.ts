/**
 * Reads the state of output files for the plan: exists, size and SHA-256. The stat index spares
 * re-reading files whose stat has not changed; only the rest are hashed, a few at a time.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync, type Stats } from "node:fs";
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
  /** Where the output is in the list the probe was given, when the caller knows. */
  at?: number,
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
  for (const { output, size, asset } of checks) {
    // Plain concatenation: the loader has already normalised `output`, and path.join's
    // normalisation is measurable across 50,000 files. Windows accepts the forward slash.
    const path = `${manifestDir}/${output}`;
    const known = prestat?.(output, asset);
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

/** What probeOutput needs of node:fs and node:crypto, passed in so that it runs on any thread. */
interface ProbeModules {
  fs: { statSync: typeof statSync; readFileSync: typeof readFileSync };
  crypto: { createHash: typeof createHash };
}

/**
 * Stats output `i` (and, up to `hashUpTo` bytes, hashes it) into shared memory. Run on both
 * threads: the worker gets its source text, so it must use nothing but its parameters. Kinds, at
 * facts[i * 4], written last: 0 not done, 1 no such file, 2 file, 3 not a file, 4 stat failed
 * (the caller stats it again, to throw the same error), 5 file with its SHA-256 in digests.
 */
function probeOutput(
  i: number,
  path: string,
  hashUpTo: number,
  facts: Float64Array,
  digests: Uint8Array,
  { fs, crypto }: ProbeModules,
): void {
  let s;
  try {
    s = fs.statSync(path, { throwIfNoEntry: false });
  } catch {
    facts[i * 4] = 4;
    return;
  }
  if (s === undefined) {
    facts[i * 4] = 1;
    return;
  }
  facts[i * 4 + 1] = s.size;
  facts[i * 4 + 2] = s.mtimeMs;
  facts[i * 4 + 3] = s.ino;
  let kind = s.isFile() ? 2 : 3;
  if (kind === 2 && s.size <= hashUpTo) {
    try {
      digests.set(crypto.createHash("sha256").update(fs.readFileSync(path)).digest(), i * 32);
      kind = 5;
    } catch {
      // Unreadable: left for the caller, whose read reports it.
    }
  }
  facts[i * 4] = kind;
}

// Plain CommonJS, run with `eval`: no file to locate next to the bundle. Both threads take
// outputs from one shared counter, so neither waits while the other has work left.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const modules = { fs: require("node:fs"), crypto: require("node:crypto") };
const probe = ${probeOutput.toString()};
const { dir, outputs, hashUpTo, claim, facts, digests } = workerData;
const next = new Int32Array(claim);
const f = new Float64Array(facts);
const d = new Uint8Array(digests);
for (;;) {
  const i = Atomics.add(next, 0, 1);
  if (i >= outputs.length) break;
  probe(i, dir + "/" + outputs[i], hashUpTo, f, d, modules);
}
parentPort.postMessage("done");
`;

const NOT_A_FILE = { size: -1, mtimeMs: 0, ino: 0, isFile: () => false };

export interface OutputProbe {
  /**
   * Takes over what the worker has not started (unless `steal` is false), waits for it, and
   * gives the lookup for readOutputStates.
   */
  finish(options?: { steal?: boolean }): Promise<Prestat>;
}

/**
 * Starts stat-ing `outputs` on a worker thread, so that the 50,000 stat calls of a large plan
 * run on the second core while this thread parses the lockfile and hashes requests; `finish`
 * then shares what is left. With `hash` (no stat index yet: every output would be read) the
 * outputs are also read and hashed. `undefined` when there are too few outputs to be worth it.
 * An output the probe has no answer for is stat-ed and read by readOutputStates, as before.
 */
export function probeOutputs(
  dir: string,
  outputs: readonly string[],
  { min = STAT_WORKER_MIN, hash = false }: { min?: number; hash?: boolean } = {},
): OutputProbe | undefined {
  if (outputs.length < min) return undefined;
  const shared = {
    claim: new SharedArrayBuffer(4),
    facts: new SharedArrayBuffer(outputs.length * 4 * 8),
    digests: new SharedArrayBuffer(hash ? outputs.length * 32 : 0),
  };
  const hashUpTo = hash ? READ_WHOLE_UP_TO : -1;
  const workerDone = new Promise<void>((resolve) => {
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { dir, outputs, hashUpTo, ...shared },
      });
      // A plan that fails early (a damaged lockfile) must not wait for the thread to finish.
      worker.unref();
      worker.once("message", () => {
        resolve();
        void worker.terminate();
      });
      worker.once("error", () => resolve());
      worker.once("exit", () => resolve());
    } catch {
      resolve(); // no thread: this one does it all in finish()
    }
  });
  const next = new Int32Array(shared.claim);
  const facts = new Float64Array(shared.facts);
  const digests = new Uint8Array(shared.digests);
  return {
    async finish({ steal = true } = {}) {
      const modules = { fs: { statSync, readFileSync }, crypto: { createHash } };
      for (let i = steal ? Atomics.add(next, 0, 1) : outputs.length; i < outputs.length;) {
        probeOutput(i, `${dir}/${outputs[i]}`, hashUpTo, facts, digests, modules);
        i = Atomics.add(next, 0, 1);
      }
      await workerDone;
      // By position when the caller gives it (plan does: outputs are in asset order), else by
      // name through a map built only then.
      let rows: Map<string, number> | undefined;
      const rowOf = (output: string, at: number | undefined): number | undefined => {
        if (at !== undefined && outputs[at] === output) return at;
        if (rows === undefined) {
          rows = new Map();
          for (let i = 0; i < outputs.length; i++) rows.set(outputs[i] as string, i);
        }
        return rows.get(output);
      };
      return (output, at) => {
        const i = rowOf(output, at);
        const kind = i === undefined ? 0 : facts[i * 4];
        if (i === undefined || kind === 0 || kind === 4) return undefined;
        if (kind === 1) return null;
        if (kind === 3) return NOT_A_FILE;
        const [size, mtimeMs, ino] = [
          facts[i * 4 + 1] ?? 0,
          facts[i * 4 + 2] ?? 0,
          facts[i * 4 + 3] ?? 0,
        ];
        if (kind !== 5) return { size, mtimeMs, ino, isFile: () => true };
        const sha256 = Buffer.from(shared.digests, i * 32, 32).toString("hex");
        return { size, mtimeMs, ino, isFile: () => true, sha256 };
      };
    },
  };
}
