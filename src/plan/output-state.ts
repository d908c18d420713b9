/**
 * Reads the state of output files for the plan: exists, size and SHA-256. The stat index spares
 * re-reading files whose stat has not changed; only the rest are hashed, a few at a time.
 */
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { Worker } from "node:worker_threads";
import type { OutputCheck, OutputState } from "./plan.js";
import { READ_WHOLE_UP_TO, sha256File } from "./sha256-file.js";
import { readLfsPointer } from "./lfs-pointer.js";
import type { StatIndex } from "../state/stat-index.js";

/** Files hashed at once: enough to keep the thread pool busy, few enough to bound memory. */
const HASH_CONCURRENCY = 16;

/**
 * What `stat` said about one output (`null`: no such file), and the SHA-256 of the bytes read
 * after it when the worker hashed them; `undefined` to stat it here (see `statInWorker`).
 */
type Prestat = (
  output: string,
  /** Where the output is in the probe's list, when the caller knows. */
  at?: number,
  /** The SHA-256 the caller expects: given back (the same string) when the bytes have it. */
  expected?: string,
) => (Pick<Stats, "size" | "mtimeMs" | "ino" | "isFile"> & { sha256?: string }) | null | undefined;

/**
 * The lock's own string when a hash just read equals it: states then share the lock's strings
 * rather than hold 50,000 equal copies while the plan is made.
 */
function same(sha256: string, locked: string | undefined): string {
  return sha256 === locked ? locked : sha256;
}

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
    locked: string | undefined;
  }> = [];

  // Synchronous stat: for tens of thousands of small calls it is several times quicker than
  // the promise API's round trips through the thread pool.
  for (const { output, size, sha256: locked, asset } of checks) {
    // Plain concatenation: the loader has already normalised `output`, and path.join's
    // normalisation is measurable across 50,000 files. Windows accepts the forward slash.
    const path = `${manifestDir}/${output}`;
    const known = prestat?.(output, asset, locked);
    const s =
      known === undefined ? statSync(path, { throwIfNoEntry: false }) : (known ?? undefined);
    if (s === undefined) {
      states.set(output, { exists: false });
      index.delete(output);
    } else if (!s.isFile()) {
      // A folder (or device) where the output should be: not the locked bytes.
      states.set(output, { exists: true, size: -1 });
    } else if (s.size !== size) {
      // Modified whatever its hash, unless it is an LFS pointer to the locked bytes (a checkout
      // that did not fetch LFS files): only then is a small file read.
      const pointer = locked === undefined ? undefined : readLfsPointer(path, s.size);
      if (pointer !== undefined && pointer.sha256 === locked && pointer.size === size) {
        states.set(output, { exists: true, size, sha256: locked, lfsPointer: true });
      } else {
        states.set(output, { exists: true, size: s.size });
      }
    } else {
      const facts = { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
      const sha256 = index.trustedSha256(output, facts);
      if (sha256 !== undefined) {
        states.set(output, { exists: true, size: s.size, sha256: same(sha256, locked) });
      } else if (known?.sha256 !== undefined) {
        // Already the lock's own string when it matches (the probe was told what to expect).
        states.set(output, { exists: true, size: s.size, sha256: known.sha256 });
        index.set(output, facts, known.sha256);
      } else toHash.push({ output, path, locked, ...facts });
    }
  }

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < toHash.length) {
      const item = toHash[next++];
      if (item === undefined) break;
      const sha256 = same(await sha256File(item.path, item.size), item.locked);
      states.set(item.output, { exists: true, size: item.size, sha256 });
      index.set(item.output, item, sha256);
    }
  };
  await Promise.all(Array.from({ length: Math.min(HASH_CONCURRENCY, toHash.length) }, worker));
  return states;
}

/** Bytes read at once when hashing an output: most outputs of a large batch fit in one read. */
const SCRATCH_BYTES = 256 * 1024;

/** Below this many outputs a worker's start-up costs more than the stat calls it takes over. */
export const STAT_WORKER_MIN = 2000;

/**
 * Below this many lockfile bytes (about 1,500 entries) a worker's start-up costs more than the
 * stat calls it takes over.
 */
export const PROBE_WORKER_MIN_LOCK_BYTES = 512 * 1024;

/** What probeOutput needs of node:fs and node:crypto, passed in so that it runs on any thread. */
interface ProbeModules {
  fs: {
    constants: typeof constants;
    statSync: typeof statSync;
    fstatSync: typeof fstatSync;
    openSync: typeof openSync;
    readSync: typeof readSync;
    closeSync: typeof closeSync;
  };
  crypto: { createHash: typeof createHash };
  /** A buffer of this thread's to read files into. */
  scratch: Buffer;
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
  modules: ProbeModules,
): void {
  if (hashUpTo < 0) {
    let s;
    try {
      s = modules.fs.statSync(path, { throwIfNoEntry: false });
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
    facts[i * 4] = s.isFile() ? 2 : 3;
    return;
  }
  // To hash: open, fstat, read, close — a path stat first would be one more system call per
  // file. Non-blocking, so that a FIFO where an output should be opens at once (and is then seen
  // not to be a file) instead of waiting for a writer; not through a symbolic link (the probe
  // may run before the manifest's links are checked), which is left to the caller instead.
  const { fs, crypto, scratch } = modules;
  const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = fs.constants;
  let fd;
  try {
    fd = fs.openSync(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
  } catch (error) {
    const code = (error as { code?: string }).code;
    facts[i * 4] = code === "ENOENT" || code === "ENOTDIR" ? 1 : 4;
    return;
  }
  try {
    const s = fs.fstatSync(fd);
    facts[i * 4 + 1] = s.size;
    facts[i * 4 + 2] = s.mtimeMs;
    facts[i * 4 + 3] = s.ino;
    let kind = s.isFile() ? 2 : 3;
    if (kind === 2 && s.size <= hashUpTo) {
      try {
        // One read for a file smaller than the scratch buffer (a short read of a regular file
        // means its end), else a read per chunk.
        const hasher = crypto.createHash("sha256");
        for (let at = 0; ;) {
          const n = fs.readSync(fd, scratch, 0, scratch.length, at);
          if (n > 0) hasher.update(scratch.subarray(0, n));
          at += n;
          if (n < scratch.length) break;
        }
        digests.set(hasher.digest(), i * 32);
        kind = 5;
      } catch {
        // Unreadable: left for the caller, whose read reports it.
      }
    }
    facts[i * 4] = kind;
  } catch {
    facts[i * 4] = 4;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The output paths a lockfile names, read a chunk at a time with a pattern rather than parsed:
 * only a guess at what plan will ask about, which it checks by name (a path the lock does not
 * name is stat-ed by the caller). One path per entry, in the lockfile's order; paths that are not
 * plain relative ones (absolute, `..`, `.`, backslashes) are given as "" and never probed, so a
 * hostile lockfile cannot point the probe outside the folder.
 * Run on the worker from its source text, like probeOutput.
 */
function lockedOutputs(lockPath: string, { fs }: ProbeModules): string[] {
  const pattern = /"output"\s*:\s*"((?:[^"\\\n]|\\.)*)"/g;
  const outputs: string[] = [];
  let fd;
  try {
    fd = fs.openSync(lockPath, "r");
  } catch {
    return outputs;
  }
  try {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    let kept = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, kept, buffer.length - kept, null);
      const end = kept + n;
      // Whole lines only (a line break is one byte in UTF-8); a line longer than the buffer is
      // skipped, since nothing depends on finding every path.
      const lineEnd = n === 0 ? end : buffer.lastIndexOf(10, end - 1) + 1;
      if (lineEnd === 0 && end === buffer.length) {
        kept = 0;
        continue;
      }
      const text = buffer.toString("utf8", 0, lineEnd);
      for (const match of text.matchAll(pattern)) {
        // A refused path keeps its place (as "", never probed), so places match the lock's entries.
        outputs.push(plainPath(match[1] as string));
      }
      buffer.copy(buffer, 0, lineEnd, end);
      kept = end - lineEnd;
      if (n === 0) return outputs;
    }
  } catch {
    return outputs;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A lockfile's `output` value (JSON string contents) decoded, or "" unless it is a plain relative
 * path: no empty, `.` or `..` segment, no leading `/`, no backslash, no NUL. Run on the worker.
 */
function plainPath(raw: string): string {
  let path = raw;
  if (raw.includes("\\")) {
    try {
      path = JSON.parse(`"${raw}"`) as string;
    } catch {
      return "";
    }
  }
  if (path.includes("\\") || path.includes("\0")) return "";
  return path.split("/").some((s) => s === "" || s === "." || s === "..") ? "" : path;
}

/** What the worker shares once it knows the paths: where their facts go (and the paths, if it read them). */
interface ProbeShared {
  outputs?: string[];
  claim: SharedArrayBuffer;
  facts: SharedArrayBuffer;
  digests: SharedArrayBuffer;
}

// Plain CommonJS, run with `eval`: no file to locate next to the bundle. The worker takes the
// paths it is given or reads them from the lockfile, shares the memory for their facts, then both
// threads take outputs from one shared counter, so neither waits while the other has work left.
const WORKER_SOURCE = `
const SCRATCH_BYTES = ${SCRATCH_BYTES};
const { parentPort, workerData } = require("node:worker_threads");
const modules = { fs: require("node:fs"), crypto: require("node:crypto"), scratch: Buffer.allocUnsafe(SCRATCH_BYTES) };
const probe = ${probeOutput.toString()};
const plainPath = ${plainPath.toString()};
const lockedOutputs = ${lockedOutputs.toString()};
const { dir, given, lockPath, hashUpTo } = workerData;
const outputs = given ?? lockedOutputs(lockPath, modules);
const shared = {
  claim: new SharedArrayBuffer(4),
  facts: new SharedArrayBuffer(outputs.length * 4 * 8),
  digests: new SharedArrayBuffer(hashUpTo >= 0 ? outputs.length * 32 : 0),
};
parentPort.postMessage(given ? shared : { outputs, ...shared });
const next = new Int32Array(shared.claim);
const f = new Float64Array(shared.facts);
const d = new Uint8Array(shared.digests);
for (;;) {
  const i = Atomics.add(next, 0, 1);
  if (i >= outputs.length) break;
  if (outputs[i]) probe(i, dir + "/" + outputs[i], hashUpTo, f, d, modules);
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

/** Whether the 32 bytes at `at` are the digest `hex` spells (lower-case), without a string. */
function digestIs(bytes: Uint8Array, at: number, hex: string): boolean {
  if (hex.length !== 64) return false;
  for (let k = 0; k < 32; k++) {
    const byte = bytes[at + k] ?? 0;
    if (hex.charCodeAt(2 * k) !== HEX_CODES[byte >> 4]) return false;
    if (hex.charCodeAt(2 * k + 1) !== HEX_CODES[byte & 15]) return false;
  }
  return true;
}
const HEX_CODES = [..."0123456789abcdef"].map((c) => c.charCodeAt(0));

/** A probe that knows nothing: the caller stats every output itself. */
const UNKNOWN: Prestat = () => undefined;

/** Which outputs to probe: a list (looked up by place), or those a lockfile names. */
export type ProbeSource = { outputs: readonly string[] } | { lockPath: string };

/**
 * Starts stat-ing outputs on a worker thread, so that the 50,000 stat calls of a large plan run
 * on the second core while this thread works; `finish` then shares what is left. With `hash`
 * (no stat index yet: every output would be read) the outputs are also read and hashed.
 *
 * The outputs are either given, or those the lockfile at `lockPath` names: that can start before
 * the manifest is even loaded, since plan only examines outputs whose request is unchanged, and
 * those are in the lock. `undefined` when there are too few outputs (or lockfile bytes) to be
 * worth a thread. An output the probe has no answer for is stat-ed and read by
 * readOutputStates, as before.
 */
export function probeOutputs(
  dir: string,
  source: ProbeSource,
  {
    min = STAT_WORKER_MIN,
    minLockBytes = PROBE_WORKER_MIN_LOCK_BYTES,
    hash = false,
  }: { min?: number; minLockBytes?: number; hash?: boolean } = {},
): OutputProbe | undefined {
  const given = "outputs" in source ? source.outputs : undefined;
  const lockPath = "lockPath" in source ? source.lockPath : undefined;
  if (given !== undefined && given.length < min) return undefined;
  if (lockPath !== undefined) {
    const bytes = statSync(lockPath, { throwIfNoEntry: false })?.size ?? 0;
    if (bytes === 0 || bytes < minLockBytes) return undefined;
  }
  const hashUpTo = hash ? READ_WHOLE_UP_TO : -1;
  // What the worker shared once it knew the paths; undefined if it never got that far.
  let resolveShared: (shared: ProbeShared | undefined) => void = () => {};
  const sharing = new Promise<ProbeShared | undefined>((resolve) => (resolveShared = resolve));
  const workerDone = new Promise<void>((resolve) => {
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { dir, given, lockPath, hashUpTo },
        // It keeps little but the paths; left to grow, its young generation took the peak of a
        // cold 51,000-asset plan from 192–196 MB to 217–221 MB (1 MB and 4 MB measure the same).
        resourceLimits: { maxYoungGenerationSizeMb: 4 },
      });
      // A plan that fails early (a bad manifest) must not wait for the thread to finish.
      worker.unref();
      worker.on("message", (message: ProbeShared | "done") => {
        if (message !== "done") return resolveShared(message);
        resolve();
        void worker.terminate();
      });
      worker.once("error", () => resolve());
      worker.once("exit", () => resolve());
    } catch {
      resolve(); // no thread: the caller stats everything
    }
  });
  void workerDone.then(() => resolveShared(undefined)); // no-op once shared
  return {
    async finish({ steal = true } = {}) {
      const shared = await sharing;
      if (shared === undefined) {
        await workerDone;
        return UNKNOWN;
      }
      const outputs = given ?? shared.outputs ?? [];
      const next = new Int32Array(shared.claim);
      const facts = new Float64Array(shared.facts);
      const digests = new Uint8Array(shared.digests);
      const modules: ProbeModules = {
        fs: { constants, statSync, fstatSync, openSync, readSync, closeSync },
        crypto: { createHash },
        scratch: Buffer.allocUnsafe(SCRATCH_BYTES),
      };
      for (let i = steal ? Atomics.add(next, 0, 1) : outputs.length; i < outputs.length;) {
        if (outputs[i]) probeOutput(i, `${dir}/${outputs[i]}`, hashUpTo, facts, digests, modules);
        i = Atomics.add(next, 0, 1);
      }
      await workerDone;
      // By place when the caller gives it (plan knows each output's place in the manifest or the
      // lock) and the path there matches, else by name through a map built only then.
      let rows: Map<string, number> | undefined;
      const rowOf = (output: string, at: number | undefined): number | undefined => {
        if (at !== undefined && outputs[at] === output) return at;
        if (rows === undefined) {
          rows = new Map();
          for (let i = 0; i < outputs.length; i++) rows.set(outputs[i] as string, i);
        }
        return rows.get(output);
      };
      return (output, at, expected) => {
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
        const sha256 =
          expected !== undefined && digestIs(digests, i * 32, expected)
            ? expected
            : Buffer.from(shared.digests, i * 32, 32).toString("hex");
        return { size, mtimeMs, ino, isFile: () => true, sha256 };
      };
    },
  };
}
