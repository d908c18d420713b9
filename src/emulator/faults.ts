import type { Random } from "./rng.js";
import { seededRandom } from "./rng.js";
import type { FaultName, Faults } from "./types.js";

export const NO_FAULTS: Readonly<Faults> = Object.freeze({
  resetAfterCreate: 0,
  create429: 0,
  create5xx: 0,
  status5xx: 0,
  status429: 0,
  truncateDownload: 0,
  shortContentLength: 0,
  wrongMagic: 0,
  oversizeBody: 0,
  retryAfter: undefined,
  failJob: 0,
  cancelJob: 0,
  neverFinish: 0,
  unknownStatus: 0,
  slowMs: 0,
  blackHole: false,
  malformedStatusBody: 0,
  replay500: 0,
  conflict409: 0,
  redirectResultTo: undefined,
  redirectDownloadTo: undefined,
  authFail: 0,
  forbidden: 0,
  outOfCredits: 0,
  rateLimitPerSecond: 0,
});

/** The faults that are probabilities. */
export type ChanceFault = {
  [K in FaultName]: Faults[K] extends number ? K : never;
}[FaultName] &
  Exclude<FaultName, "oversizeBody" | "slowMs" | "rateLimitPerSecond">;

/**
 * The current switches, and the draws. Each fault draws from its own seeded stream, so turning
 * one on leaves the others' sequences as they were; per-job draws are seeded by the job itself,
 * so a job's fate does not depend on what other requests arrived first.
 */
export class FaultSwitches {
  #faults: Faults;
  readonly #streams = new Map<FaultName, Random>();

  constructor(
    private readonly seed: number,
    initial: Partial<Faults>,
    private readonly onFire: (name: FaultName) => void,
  ) {
    this.#faults = { ...NO_FAULTS };
    this.set(initial);
  }

  get current(): Readonly<Faults> {
    return this.#faults;
  }

  set(changes: Partial<Faults>): void {
    for (const [name, value] of Object.entries(changes)) {
      if (!(name in NO_FAULTS)) throw new TypeError(`Unknown fault switch "${name}".`);
      if (typeof value === "number" && !(value >= 0)) {
        throw new RangeError(`Fault "${name}" must be a number >= 0 (got ${value}).`);
      }
    }
    this.#faults = { ...this.#faults, ...changes };
  }

  /** Draw whether `name` fires now; `jobSeed` makes the draw a function of one job. */
  fires(name: ChanceFault, jobSeed?: string): boolean {
    const chance = this.#faults[name];
    if (!(chance > 0)) return false;
    const random =
      jobSeed === undefined ? this.#stream(name) : seededRandom(this.seed, name, jobSeed);
    const fired = random() < chance;
    if (fired) this.onFire(name);
    return fired;
  }

  /** Count a switch that is not a probability (slowMs, blackHole, ...) as having fired. */
  note(name: FaultName): void {
    this.onFire(name);
  }

  /** A value in [0, 1) from `name`'s stream, for choosing among a fault's variants. */
  pick(name: FaultName): number {
    return this.#stream(name)();
  }

  #stream(name: FaultName): Random {
    let stream = this.#streams.get(name);
    if (stream === undefined) {
      stream = seededRandom(this.seed, "fault", name);
      this.#streams.set(name, stream);
    }
    return stream;
  }
}
