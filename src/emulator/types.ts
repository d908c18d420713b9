/**
 * Public interface of the AgentFramer emulator: a loopback implementation of the REST contract in
 * docs/api-contract.md, with a ledger of what clients did and switches for injected faults. Tests, benchmarks
 * and `agentframer emulator` / `render --emulator` all drive it through these types; the
 * implementation is `startEmulator` in `./index.ts`.
 */

export type MediaType = "image" | "video" | "audio";

/** Statuses the emulator answers. `canceled` and `quarantined` (an unknown status) never change. */
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "canceled" | "quarantined";

/** Job durations drawn uniformly from [minMs, maxMs]. */
export interface UniformDurations {
  minMs: number;
  maxMs: number;
}

/**
 * Job durations drawn log-normally — the shape real render times have, most near a typical time
 * with a longer tail of slow ones — and kept within [minMs, maxMs] (a draw outside is drawn
 * again; deterministic for a seed). E.g. `{ minMs: 4000, maxMs: 16000, medianMs: 7000,
 * spread: 0.35 }`: a median of 7 s, about 70% of jobs take 5–10 s and one in twenty over 12 s.
 */
export interface LogNormalDurations extends UniformDurations {
  /** The typical duration: half the jobs take less (before truncation). > 0, within the range. */
  medianMs: number;
  /** σ of ln(duration), ≥ 0: 0.35 puts 90% within ×0.56–×1.78 of the median, 1 within ×0.19–×5.2. */
  spread: number;
}

/** `{minMs, maxMs}` alone is uniform; with `medianMs` and `spread`, log-normal within the range. */
export type DurationRange = UniformDurations | LogNormalDurations;

export interface EmulatorOptions {
  /** API port; 0 or undefined picks any free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Port of the second loopback server that serves result files (another origin). 0 = any. */
  resultsPort?: number;
  /** If set, only this Bearer key is accepted; otherwise any non-empty key. No key is always 401. */
  apiKey?: string;
  /** Seeds every random choice: durations, faults, media. Default 1. */
  seed?: number;
  /**
   * Job durations from creation to the end, drawn per job: uniform over `{minMs, maxMs}`, or
   * log-normal with `medianMs` and `spread` added (see `DurationRange`). Default 50–300 ms,
   * uniform, for each type.
   */
  durations?: Partial<Record<MediaType, DurationRange>>;
  /** Multiplies every drawn duration (benchmarks use real-looking durations, tests tiny ones). */
  timeScale?: number;
  /** Default true: a status GET with `Prefer: wait=N` is held until the job ends or N s pass. */
  honourPreferWait?: boolean;
  /** Cap on N in `Prefer: wait=N`, in seconds. Default 60. */
  maxPreferWaitSeconds?: number;
  /** `Retry-After` (seconds) sent with queued/running statuses. Default 1. */
  retryAfterHintSeconds?: number;
  /** Initial fault switches; change them later with `setFaults`. */
  faults?: Partial<Faults>;
  /** Result URLs carry a signed token that expires this long after the status answer. 10 min. */
  urlTtlMs?: number;
  /** Idempotency keys are forgotten this long after first use (emulator clock). Default 24 h. */
  idempotencyKeyTtlMs?: number;
  /**
   * Pad every result file to at least this many bytes (a PNG ancillary chunk, a WAV `JUNK` chunk,
   * an MP4 `free` box), streamed without holding it in memory. A request field `bytes` does the
   * same per job. Default 0 (no padding).
   */
  resultBytes?: number;
  /**
   * The contract's optional credit endpoints. Absent (the default): `GET /v1/models` and
   * `GET /v1/credits` answer 404 and jobs carry no `credits`, as a server without them does.
   */
  credits?: CreditOptions;
}

/** A model's price in the contract's `GET /models` shape. */
export interface ModelPrice {
  credits: number;
  per: "image" | "megapixel" | "second";
}

export interface CreditOptions {
  /**
   * Served by `GET /v1/models`; a job of a priced model is charged at creation (per image, per
   * width × height / 10⁶, or per `duration` second, with the emulator's own defaults for missing
   * params) and its create and status answers carry `credits`. Unpriced models cost nothing.
   */
  prices?: Record<string, ModelPrice & { type?: MediaType }>;
  /**
   * Served by `GET /v1/credits` (404 when undefined). Each new job's charge is taken from it; a
   * job it cannot cover answers 402 and is not created.
   */
  balance?: number;
}

/**
 * Injected faults. Numbers in 0..1 are probabilities, drawn per request (or per job for the job
 * outcomes) from the seeded RNG; each fault has its own RNG stream, so switching one on does not
 * change when another fires. All default to off.
 */
export interface Faults {
  /** POST creates the job, then destroys the socket without answering. Fresh creations only. */
  resetAfterCreate: number;
  /** POST answers 429 (with `retryAfter`, else "1") before touching the key. */
  create429: number;
  /** POST answers 503 (with `retryAfter` if set) before touching the key. */
  create5xx: number;
  /** Status GET answers 503 (with `retryAfter` if set). */
  status5xx: number;
  /** Status GET answers 429 (with `retryAfter`, else "1"). */
  status429: number;
  /** Download sends the headers with the full Content-Length, about half the body, then a reset. */
  truncateDownload: number;
  /** Download sends fewer bytes than its Content-Length, then closes the connection cleanly. */
  shortContentLength: number;
  /** Download's first 16 bytes are an HTML doctype instead of the file's magic bytes. */
  wrongMagic: number;
  /** If > 0, downloads send the file padded with zeros to this many bytes, chunked (no length). */
  oversizeBody: number;
  /** Literal `Retry-After` value for injected 429/503 ("2", an HTTP date, "0", "-1", "garbage"). */
  retryAfter: string | undefined;
  /** Job ends `failed` with an error message. Drawn per job. */
  failJob: number;
  /** Job ends `canceled`. Drawn per job. */
  cancelJob: number;
  /** Job stays `running` for ever. Drawn per job. */
  neverFinish: number;
  /** Job ends in the unknown status `quarantined`, which never changes. Drawn per job. */
  unknownStatus: number;
  /** Every answer (API and results) waits this long before its headers; downloads also pause mid-body. */
  slowMs: number;
  /** Accept connections and never answer: true/"all" both servers, "api" or "results" just one. */
  blackHole: boolean | "api" | "results";
  /** Status GET answers 200 with a body that is not the contract's JSON. */
  malformedStatusBody: number;
  /** POST fails with 500 after reserving the key; retries with that key replay the same 500. */
  replay500: number;
  /** POST answers 409 "in progress" (as if a concurrent request held the key); nothing created. */
  conflict409: number;
  /** Result URLs in status answers are this literal URL instead (hostile-URL tests). */
  redirectResultTo: string | undefined;
  /** The results server answers every download with a 302 to this literal URL. */
  redirectDownloadTo: string | undefined;
  /** Any API request answers 401. */
  authFail: number;
  /** Any API request answers 403. */
  forbidden: number;
  /** POST answers 402 (out of credits). */
  outOfCredits: number;
  /** If > 0, API requests beyond this many in any 1 s window answer 429. */
  rateLimitPerSecond: number;
}

export type FaultName = keyof Faults;

export interface LedgerJob {
  id: string;
  /** Idempotency key that created the job. */
  key: string;
  /** SHA-256 of the canonical JSON body (keys sorted), hex. */
  bodyHash: string;
  body: Record<string, unknown>;
  type: MediaType;
  /** Emulator-clock epoch milliseconds. */
  createdAt: number;
  startedAt?: number;
  completedAt?: number;
  /** Status now. */
  status: JobStatus;
  /** When a status GET first answered a terminal status for this job. */
  terminalObservedAt?: number;
  /** SHA-256 (hex) and size of the result file the results server serves, for succeeded jobs. */
  sha256?: string;
  size?: number;
  /** What the job was charged, when its model has a price. */
  credits?: number;
}

export interface StatusRequestRecord {
  /** Arrival, emulator clock. */
  at: number;
  /** The request was held by `Prefer: wait` (honoured while the job was still going). */
  held: boolean;
  /** When the answer was sent (undefined for injected resets and black holes). */
  answeredAt?: number;
  /** HTTP status answered, 0 if none. */
  httpStatus: number;
  /** Job status answered, if a job status was answered. */
  jobStatus?: JobStatus;
}

export type RequestKind = "create" | "status" | "download" | "models" | "credits";

export interface RequestRecord {
  kind: RequestKind | "other";
  at: number;
  /** HTTP status answered; 0 for resets and black holes. */
  httpStatus: number;
}

export interface Ledger {
  jobs(): LedgerJob[];
  jobsByKey(key: string): LedgerJob[];
  /**
   * Live counters. `create`: POSTs received; `createReplayed`: answers with
   * `Idempotent-Replayed: true`; `status`, `download`, `models`, `credits`: GETs received.
   * `rejected` counts answers that refused a request, by reason (see `RejectReason`).
   */
  requests: {
    create: number;
    createReplayed: number;
    status: number;
    download: number;
    models: number;
    credits: number;
    rejected: Record<string, number>;
  };
  /** Times each fault fired. */
  faultsInjected: Partial<Record<FaultName, number>>;
  /** Every request in arrival order (for rate and timing assertions). */
  requestLog(): readonly RequestRecord[];
  /** True if any request to the results origin carried an Authorization header or an API key. */
  keyReachedResultsOrigin(): boolean;
  statusRequestsFor(id: string): StatusRequestRecord[];
  /** Forget requests, counters and the key flag; jobs and idempotency keys stay (server state). */
  reset(): void;
}

/** Reasons counted in `ledger.requests.rejected`. */
export type RejectReason =
  | "unauthorized"
  | "forbidden"
  | "out-of-credits"
  | "missing-idempotency-key"
  | "bad-request"
  | "key-reused"
  | "in-progress"
  | "internal-error"
  | "replayed-500"
  | "rate-limited"
  | "unavailable"
  | "not-found"
  | "url-expired"
  | "bad-token"
  | "too-large"
  | "method-not-allowed";

export interface Emulator {
  /** e.g. http://127.0.0.1:41234/v1 */
  apiUrl: string;
  /** e.g. http://127.0.0.1:41235 — a different origin from the API. */
  resultsOrigin: string;
  ledger: Ledger;
  /** Merge these switches into the current faults (others keep their values). */
  setFaults(faults: Partial<Faults>): void;
  /** The balance `GET /v1/credits` answers now, after every charge; undefined when not offered. */
  balance(): number | undefined;
  /** Move the emulator clock forward: jobs progress, keys and result URLs expire. */
  advanceClock(ms: number): void;
  /** Answer held requests, destroy sockets, clear timers. Idempotent. */
  close(): Promise<void>;
}

export type StartEmulator = (options?: EmulatorOptions) => Promise<Emulator>;
