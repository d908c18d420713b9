import { createHash, randomBytes } from "node:crypto";
import type { Clock } from "./clock.js";
import type { FaultSwitches } from "./faults.js";
import type { MediaFile } from "./media-file.js";
import { generateMedia, generateMediaAsync } from "./media.js";
import type { GenerationRequest } from "./request.js";
import { drawDuration } from "./durations.js";
import { seededRandom } from "./rng.js";
import type { DurationRange, JobStatus, LedgerJob, MediaType } from "./types.js";

export const DEFAULT_DURATIONS: Readonly<Record<MediaType, DurationRange>> = {
  image: { minMs: 50, maxMs: 300 },
  video: { minMs: 50, maxMs: 300 },
  audio: { minMs: 50, maxMs: 300 },
};
/** Share of a job's time spent queued before it runs. */
const QUEUED_SHARE = 0.2;

type Outcome = "succeeded" | "failed" | "canceled" | "quarantined" | "never";

export interface Job {
  id: string;
  key: string;
  bodyHash: string;
  body: Record<string, unknown>;
  request: GenerationRequest;
  createdAt: number;
  startsAt: number;
  /** Infinity for a job that never finishes. */
  endsAt: number;
  outcome: Outcome;
  /** Unguessable path segment of the result URL (not seeded: URLs need not be reproducible). */
  secret: string;
  terminalObservedAt?: number;
  /** What the job was charged (a priced model only). */
  credits?: number;
}

export interface JobSettings {
  seed: number;
  durations: Record<MediaType, DurationRange>;
  timeScale: number;
  resultBytes: number;
}

const TERMINAL: ReadonlySet<JobStatus> = new Set([
  "succeeded",
  "failed",
  "canceled",
  "quarantined",
]);

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL.has(status);
}

/**
 * The jobs and their lifecycle. A job's status is a function of the clock: its durations and its
 * fate are drawn when it is created, from a stream seeded by its body and how many jobs that body
 * already has, so the same requests give the same jobs whatever order they arrive in.
 */
export class JobStore {
  readonly #jobs = new Map<string, Job>();
  readonly #media = new Map<string, MediaFile>();
  readonly #generating = new Map<string, Promise<MediaFile>>();
  readonly #perBody = new Map<string, number>();

  constructor(
    private readonly settings: JobSettings,
    private readonly clock: Clock,
    private readonly faults: FaultSwitches,
  ) {}

  create(
    key: string,
    bodyHash: string,
    body: Record<string, unknown>,
    request: GenerationRequest,
    credits?: number,
  ): Job {
    const ordinal = this.#perBody.get(bodyHash) ?? 0;
    this.#perBody.set(bodyHash, ordinal + 1);
    const jobSeed = `${bodyHash}:${ordinal}`;
    const random = seededRandom(this.settings.seed, "job", jobSeed);
    const range = this.settings.durations[request.type];
    const total = drawDuration(random, range) * this.settings.timeScale;
    const createdAt = this.clock.now();
    const outcome = this.#drawOutcome(jobSeed);
    const job: Job = {
      id: `gen_${createHash("sha256").update(`${this.settings.seed}:${jobSeed}`).digest("hex").slice(0, 20)}`,
      key,
      bodyHash,
      body,
      request,
      createdAt,
      startsAt: createdAt + total * QUEUED_SHARE,
      endsAt: outcome === "never" ? Infinity : createdAt + total,
      outcome,
      secret: randomBytes(16).toString("hex"),
    };
    if (credits !== undefined) job.credits = credits;
    this.#jobs.set(job.id, job);
    return job;
  }

  #drawOutcome(jobSeed: string): Outcome {
    if (this.faults.fires("neverFinish", jobSeed)) return "never";
    if (this.faults.fires("failJob", jobSeed)) return "failed";
    if (this.faults.fires("cancelJob", jobSeed)) return "canceled";
    if (this.faults.fires("unknownStatus", jobSeed)) return "quarantined";
    return "succeeded";
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  all(): Job[] {
    return [...this.#jobs.values()];
  }

  statusOf(job: Job, now = this.clock.now()): JobStatus {
    if (now < job.startsAt) return "queued";
    if (now < job.endsAt || job.outcome === "never") return "running";
    return job.outcome;
  }

  /** The result file, generated on first use and kept (synchronously: ledger hashes). */
  media(job: Job): MediaFile {
    let file = this.#media.get(job.id);
    if (file === undefined) {
      const { seed, resultBytes } = this.settings;
      file = generateMedia(seed, job.bodyHash, job.request, resultBytes);
      this.#media.set(job.id, file);
    }
    return file;
  }

  /** The same file for a download, generated without holding up the event loop. */
  async mediaForDownload(job: Job): Promise<MediaFile> {
    const ready = this.#media.get(job.id);
    if (ready !== undefined) return ready;
    let pending = this.#generating.get(job.id);
    if (pending === undefined) {
      const { seed, resultBytes } = this.settings;
      pending = generateMediaAsync(seed, job.bodyHash, job.request, resultBytes);
      this.#generating.set(job.id, pending);
    }
    try {
      const file = await pending;
      // A synchronous ledger read may have made it meanwhile: keep one, so its hash stays cached.
      if (!this.#media.has(job.id)) this.#media.set(job.id, file);
      return this.#media.get(job.id) ?? file;
    } finally {
      this.#generating.delete(job.id);
    }
  }

  snapshot(job: Job): LedgerJob {
    const now = this.clock.now();
    const status = this.statusOf(job, now);
    const snapshot: LedgerJob = {
      id: job.id,
      key: job.key,
      bodyHash: job.bodyHash,
      body: job.body,
      type: job.request.type,
      createdAt: job.createdAt,
      status,
    };
    if (now >= job.startsAt) snapshot.startedAt = job.startsAt;
    if (isTerminal(status)) snapshot.completedAt = job.endsAt;
    if (job.terminalObservedAt !== undefined) snapshot.terminalObservedAt = job.terminalObservedAt;
    if (job.credits !== undefined) snapshot.credits = job.credits;
    if (status === "succeeded") {
      const file = this.media(job);
      snapshot.sha256 = file.sha256();
      snapshot.size = file.size;
    }
    return snapshot;
  }
}
