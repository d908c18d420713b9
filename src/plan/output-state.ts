/**
 * Reads the state of output files for the plan: whether each still holds the bytes its lock entry
 * recorded. The stat index spares re-reading files whose stat has not changed; only the rest are
 * hashed, a few at a time.
 */
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { OutputStates } from "./plan.js";
import { READ_WHOLE_UP_TO, sha256File } from "./sha256-file.js";
import { readLfsPointer } from "./lfs-pointer.js";
import type { LockedBytes } from "../state/plan-lock.js";
import { digestIs, type StatFacts, type StatIndex } from "../state/stat-index.js";

/** Files hashed at once: enough to keep the thread pool busy, few enough to bound memory. */
const HASH_CONCURRENCY = 16;

/**
 * How the output of each asset whose request is unchanged compares with the bytes its lock entry
 * recorded, by the asset's place. `outputs` are the assets' outputs by place; `locked(place)`
 * gives those bytes, or undefined for an asset whose output is not to be examined (a new or
 * changed request renders whatever is on disk). Nothing is kept per output but a verdict byte:
 * a hash read from the index or the probe is compared where it lies.
 */
export async function readOutputStates(
  manifestDir: string,
  outputs: readonly string[],
  locked: (place: number) => LockedBytes | undefined,
  index: StatIndex,
  probe?: ProbeAnswers,
): Promise<OutputStates> {
  const states = new OutputStates(outputs.length);
  const toHash: Array<{
    place: number;
    output: string;
    path: string;
    facts: StatFacts;
    expected: string;
  }> = [];

  for (let place = 0; place < outputs.length; place++) {
    const expected = locked(place);
    if (expected === undefined) continue;
    const output = outputs[place] as string;
    // Plain concatenation: the loader has already normalised `output`, and path.join's
    // normalisation is measurable across 50,000 files. Windows accepts the forward slash.
    const path = (): string => `${manifestDir}/${output}`;
    const row = probe === undefined ? -1 : probe.row(output, place);
    let kind: number;
    let facts: StatFacts = NO_FACTS;
    if (probe !== undefined && row >= 0) {
      kind = probe.kind(row);
      if (kind !== MISSING && kind !== NOT_A_FILE) facts = probe.factsAt(row);
    } else {
      // Synchronous stat: for tens of thousands of small calls it is several times quicker than
      // the promise API's round trips through the thread pool.
      const s = statSync(path(), { throwIfNoEntry: false });
      kind = s === undefined ? MISSING : s.isFile() ? FILE : NOT_A_FILE;
      if (s !== undefined) facts = { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
    }
    if (kind === MISSING) {
      states.set(place, "missing");
      index.delete(output, place);
    } else if (kind === NOT_A_FILE) {
      // A folder (or device) where the output should be: not the locked bytes.
      states.set(place, "modified");
    } else if (facts.size !== expected.size) {
      // Modified whatever its hash, unless it is an LFS pointer to the locked bytes (a checkout
      // that did not fetch LFS files): only then is a small file read.
      const pointer = readLfsPointer(path(), facts.size);
      const lfs = pointer?.sha256 === expected.sha256 && pointer.size === expected.size;
      states.set(place, lfs ? "lfs pointer" : "modified");
    } else {
      const trusted = index.trustedRow(output, facts, place);
      if (trusted >= 0) {
        states.set(place, index.digestIs(trusted, expected.sha256) ? "locked" : "modified");
      } else if (probe !== undefined && kind === HASHED) {
        states.set(place, probe.digestIs(row, expected.sha256) ? "locked" : "modified");
        index.setDigest(output, facts, probe.digests, row * 32, place);
      } else toHash.push({ place, output, path: path(), facts, expected: expected.sha256 });
    }
  }

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < toHash.length) {
      const item = toHash[next++];
      if (item === undefined) break;
      const sha256 = await sha256File(item.path, item.facts.size);
      states.set(item.place, sha256 === item.expected ? "locked" : "modified");
      index.set(item.output, item.facts, sha256, item.place);
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

/** The probe's kinds (see probeOutput) that readOutputStates tells apart; 0 and 4 are no answer. */
const MISSING = 1;
const FILE = 2;
const NOT_A_FILE = 3;
const HASHED = 5;
const NO_FACTS: StatFacts = { size: -1, mtimeMs: 0, ino: 0 };

/** What the probe found, by row of its list. */
export class ProbeAnswers {
  /** Row → where the row's path is in the list by name, built only when a place does not match. */
  #rows: Map<string, number> | undefined;

  constructor(
    private readonly outputs: readonly string[],
    private readonly facts: Float64Array,
    /** The SHA-256 of a hashed row at row * 32. */
    readonly digests: Uint8Array,
    /** Where the list has the output of the asset at each place (absent: at that place). */
    private readonly places: ArrayLike<number> | undefined,
  ) {}

  /**
   * The row that answers for `output`, the output of the asset at `place`, or -1 when the probe
   * has no answer (not in its list, or the stat failed): then the caller stats it itself.
   */
  row(output: string, place?: number): number {
    const at =
      place === undefined ? -1 : this.places === undefined ? place : (this.places[place] ?? -1);
    let row = at;
    if (at < 0 || this.outputs[at] !== output) {
      if (this.#rows === undefined) {
        this.#rows = new Map();
        for (let i = 0; i < this.outputs.length; i++) this.#rows.set(this.outputs[i] as string, i);
      }
      row = this.#rows.get(output) ?? -1;
    }
    const kind = row < 0 ? 0 : this.facts[row * 4];
    return kind === 0 || kind === 4 ? -1 : row;
  }

  /** 1 no such file, 2 a file, 3 not a file, 5 a file and its SHA-256 in `digests`. */
  kind(row: number): number {
    return this.facts[row * 4] as number;
  }

  factsAt(row: number): StatFacts {
    const { facts } = this;
    return {
      size: facts[row * 4 + 1] as number,
      mtimeMs: facts[row * 4 + 2] as number,
      ino: facts[row * 4 + 3] as number,
    };
  }

  /** Whether a hashed row's bytes have the SHA-256 `hex` spells (lower case). */
  digestIs(row: number, hex: string): boolean {
    return digestIs(this.digests, row * 32, hex);
  }
}

export interface OutputProbe {
  /**
   * Takes over what the worker has not started (unless `steal` is false), waits for it, and
   * gives its answers for readOutputStates; `places` says where the probe's list has each
   * asset's output, when it is not in the manifest's order (a probe of the lockfile's outputs).
   * Undefined when the worker never started: the caller stats everything itself.
   */
  finish(options?: {
    steal?: boolean;
    places?: ArrayLike<number>;
  }): Promise<ProbeAnswers | undefined>;
}

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
    async finish({ steal = true, places } = {}) {
      const shared = await sharing;
      if (shared === undefined) {
        await workerDone;
        return undefined;
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
      return new ProbeAnswers(outputs, facts, digests, places);
    },
  };
}
