/**
 * The AgentFramer REST client: `POST /generations` and `GET /generations/{id}` (and the optional
 * `GET /models` and `GET /credits`, read as text for api/credits-schema.ts) over undici, with
 * typed errors, retries and timeouts. Every POST carries an Idempotency-Key, and every retry of it
 * carries the same key, so a retry after a lost answer returns the job the first attempt created.
 * The key is sent to the API's origin only: the client never follows redirects, and downloads go
 * through `download.ts`, which sends no credentials at all.
 */
import type { Dispatcher } from "undici";
import { request } from "undici";
import type { CreatedJob, JobState, Parsed } from "./schema.js";
import {
  MAX_API_BODY_BYTES,
  parseCreateResponse,
  parseStatusResponse,
  saysKeyReused,
  serverMessage,
} from "./schema.js";
import {
  ApiAuthError,
  ApiCreditsError,
  DownloadError,
  ApiRejectedError,
  ApiUnavailableError,
  ApiUnreachableError,
  ProtocolError,
  RenderError,
  UrlPolicyError,
  scrub,
} from "../errors.js";
import type { Attempt, BackoffPolicy, RetryBudget, Sleep } from "../../net/retry.js";
import { ThrottleGate } from "../../net/throttle-gate.js";
import {
  DEFAULT_BACKOFF,
  parseRetryAfter,
  retryLoop,
  sleep as realSleep,
} from "../../net/retry.js";
import { firstHeader, isConnectFailure, networkProblem, readCapped } from "../../net/http.js";
import { isLoopbackHostname } from "../../net/url-policy.js";
import { carriesKey } from "../../net/leaked-key.js";

export type { CreatedJob, JobState } from "./schema.js";

export interface ApiClientOptions {
  /** e.g. https://api.agentframer.com/v1. Plain http only for loopback (the key would travel in clear). */
  baseUrl: string;
  apiKey: string;
  /** An undici Agent whose pool the caller sized to the run's concurrency. */
  dispatcher: Dispatcher;
  retryBudget: RetryBudget;
  sleep?: Sleep;
  /** Wall clock in epoch ms, for `Retry-After` dates. */
  now?: () => number;
  random?: () => number;
  log?: (event: ApiEvent) => void;
  /** Attempts per request, the first included. Default 6. */
  maxAttempts?: number;
  /** Timeout for the answer's headers, and between body chunks. Default 30 s. */
  requestTimeoutMs?: number;
  backoff?: BackoffPolicy;
}

export type ApiOperation = "create" | "status" | "read";

export interface ApiEvent {
  type: "retry";
  op: ApiOperation;
  /** The attempt that just failed, from 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** What went wrong, e.g. "HTTP 503" or "ECONNRESET". Never holds the key. */
  problem: string;
}

export interface CreateResult extends CreatedJob {
  /** The server said `Idempotent-Replayed: true`: this key had already created the job. */
  replayed: boolean;
}

export interface StatusResult {
  job: JobState;
  /** The server's `Retry-After` on this answer, clamped, if it sent a usable one. */
  retryAfterMs?: number;
  /** The server said `Preference-Applied: wait=…`: it held the answer as asked. */
  preferenceApplied: boolean;
}

export interface StatusOptions {
  /** Ask the server to hold the answer up to this many seconds (`Prefer: wait=N`). */
  preferWaitSeconds?: number;
  /**
   * Keep trying failed requests (5xx, resets, unreadable answers) until this time (the job's
   * deadline, same clock as `now`) instead of `maxAttempts` times; the run's budget still bounds
   * it. `Prefer: wait` is never longer than the time left.
   */
  retryUntilMs?: number;
  signal?: AbortSignal;
}

export interface ApiClient {
  /** The API's origin, e.g. https://api.agentframer.com: the one origin that ever sees the key. */
  readonly origin: string;
  /** The run's shared retry budget, which the poller also draws on. */
  readonly retryBudget: RetryBudget;
  /** Whether `text` holds the key in any case or encoding (the key itself stays in here). */
  carriesKey(text: string): boolean;
  create(
    body: Record<string, unknown>,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<CreateResult>;
  status(id: string, options?: StatusOptions): Promise<StatusResult>;
  /**
   * `GET /models` or `GET /credits`, optional in the contract: the answer's text, or undefined
   * when the server does not offer it (404, 405, 501). A refused key still throws ApiAuthError.
   */
  read(resource: "models" | "credits", signal?: AbortSignal): Promise<string | undefined>;
}

/** Malformed answers are retried (a proxy hiccup), but only this many before a ProtocolError. */
const MAX_MALFORMED = 3;
/** Attempts of one request that fail to connect, before a run that never reached the API stops. */
const UNREACHABLE_AFTER_ATTEMPTS = 3;
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = new URL(options.baseUrl.replace(/\/+$/, ""));
  if (base.protocol !== "https:" && base.protocol !== "http:") {
    throw new TypeError(`the API URL must be http(s), not ${base.protocol}`);
  }
  if (base.protocol === "http:" && !isLoopbackHostname(base.hostname)) {
    throw new TypeError("the API URL must use https unless it is a loopback address");
  }
  if (!options.apiKey) throw new TypeError("an API key is required");
  const endpoint = `${base.origin}${base.pathname}`.replace(/\/+$/, "");
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const budget = options.retryBudget;
  const authorization = `Bearer ${options.apiKey}`;
  const scrubbed = (text: string): string => scrub(text, options.apiKey);

  /**
   * A generation id is written to the journal, the lockfile, the cache and every report: one
   * that carries the key would put it in all of them, so the job is refused, not recorded.
   */
  function refuseKeyInId(jobId: string): void {
    if (carriesKey(jobId, options.apiKey)) {
      throw new ProtocolError("the generation id it answered carries the API key; refused");
    }
  }

  // The run's requests slow down together when the API says "too many requests".
  const gate = new ThrottleGate();

  // Until the API has answered once, connection failures may mean a wrong URL or no network:
  // then waiting out every asset's retries only delays the one message that helps.
  let answered = false;

  /**
   * One request, tried again through the one retry loop: up to `maxAttempts` times, or until
   * `until` (a status poll keeps trying while its job's deadline lasts), within the run's budget.
   */
  async function withRetries<T>(
    op: ApiOperation,
    signal: AbortSignal | undefined,
    attempt: () => Promise<Attempt<T>>,
    until?: number,
  ): Promise<T> {
    // A place at the gate is held through the retry waits too: held only while a request is
    // out, the lanes still come back together after each Retry-After and the server refuses
    // them again (8 lanes against 3 requests a second then failed most assets).
    const leave = await gate.enter(signal);
    try {
      return await retried(op, signal, paced(attempt), until);
    } finally {
      leave();
    }
  }

  /** Tells the gate what each answer said: a 429 narrows it, an answer that served widens it. */
  function paced<T>(attempt: () => Promise<Attempt<T>>): () => Promise<Attempt<T>> {
    return async () => {
      const outcome = await attempt();
      if (outcome.kind === "retry" && outcome.throttled === true) gate.throttled();
      else if (outcome.kind === "ok") gate.succeeded();
      return outcome;
    };
  }

  function retried<T>(
    op: ApiOperation,
    signal: AbortSignal | undefined,
    attempt: () => Promise<Attempt<T>>,
    until?: number,
  ): Promise<T> {
    let malformed = 0;
    return retryLoop(
      (n) =>
        attempt().catch((error: unknown): Attempt<T> => {
          if (signal?.aborted) throw signal.reason;
          // A verdict (ours or the server's) is final; only a network fault is retried.
          if (error instanceof RenderError || error instanceof DownloadError) throw error;
          const problem = networkProblem(error);
          if (!answered && isConnectFailure(error) && n >= UNREACHABLE_AFTER_ATTEMPTS) {
            throw new ApiUnreachableError(endpoint, problem);
          }
          return { kind: "retry", problem };
        }),
      {
        policy,
        random,
        now,
        sleep,
        signal,
        budget: {
          allowance: budget,
          spent: (failure, n) => new ApiUnavailableError("budget", n, failure.problem),
        },
        giveUp(failure, n) {
          if (failure.malformed) malformed += 1;
          const outOfTries =
            until === undefined
              ? n >= maxAttempts || (failure.malformed === true && malformed >= MAX_MALFORMED)
              : now() >= until;
          if (!outOfTries) return undefined;
          if (failure.malformed) return new ProtocolError(failure.problem);
          const asked = parseRetryAfter(failure.retryAfter, now(), policy.retryAfterCapMs);
          return new ApiUnavailableError("attempts", n, failure.problem, asked);
        },
        onRetry: (failure, n, delayMs) =>
          options.log?.({ type: "retry", op, attempt: n, delayMs, problem: failure.problem }),
      },
    );
  }

  async function send(
    method: "GET" | "POST",
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    headersTimeout: number,
    signal: AbortSignal | undefined,
  ): Promise<Answer> {
    const response = await request(url, {
      method,
      headers: { authorization, accept: "application/json", ...headers },
      body,
      dispatcher: options.dispatcher,
      signal,
      headersTimeout,
      bodyTimeout: timeoutMs,
    });
    answered = true;
    const text = await readCapped(response.body, response.headers, MAX_API_BODY_BYTES);
    const header = (name: string) => firstHeader(response.headers[name]);
    return { status: response.statusCode, text, header };
  }

  function refusal(answer: Answer): Attempt<never> {
    const { status } = answer;
    const message = answer.text === undefined ? undefined : serverMessage(answer.text);
    const said = message === undefined ? undefined : scrub(message, options.apiKey);
    // 422 is the IETF draft's answer to a reused key; Stripe-like servers say so with a 400 or
    // 409, which otherwise mean "bad request" and "still in progress, retry".
    const reuse = saysKeyReused(answer.text ?? "");
    if (status === 401 || status === 403) throw new ApiAuthError(status, said);
    if (status === 402) throw new ApiCreditsError(said);
    if (status === 422 || ((status === 409 || status === 400) && reuse)) {
      throw new ApiRejectedError(status, said, reuse || (status === 422 && said === undefined));
    }
    if (status === 408 || status === 409 || status === 429 || status >= 500) {
      const retryAfter = answer.header("retry-after");
      return { kind: "retry", problem: `HTTP ${status}`, retryAfter, throttled: status === 429 };
    }
    if (status >= 300 && status < 400) {
      throw new ProtocolError(`HTTP ${status} redirect; check the API URL`);
    }
    throw new ApiRejectedError(status, said);
  }

  return {
    origin: base.origin,
    retryBudget: budget,
    carriesKey: (text) => carriesKey(text, options.apiKey),

    create(body, key, signal) {
      if (!key) {
        return Promise.reject(
          new TypeError("create() needs an idempotency key: a POST is never sent without one"),
        );
      }
      const payload = JSON.stringify(body);
      return withRetries("create", signal, async () => {
        const answer = await send(
          "POST",
          `${endpoint}/generations`,
          { "content-type": "application/json", "idempotency-key": key },
          payload,
          timeoutMs,
          signal,
        );
        if (answer.status < 200 || answer.status > 299) return refusal(answer);
        const parsed = parseBody(answer, parseCreateResponse);
        if (!parsed.ok)
          return { kind: "retry", malformed: true, problem: scrubbed(parsed.problem) };
        refuseKeyInId(parsed.value.id);
        const replayed = /^true$/i.test(answer.header("idempotent-replayed") ?? "");
        return { kind: "ok", value: { ...parsed.value, replayed } };
      });
    },

    read(resource, signal) {
      return withRetries("read", signal, async () => {
        const answer = await send(
          "GET",
          `${endpoint}/${resource}`,
          {},
          undefined,
          timeoutMs,
          signal,
        );
        if (answer.status === 404 || answer.status === 405 || answer.status === 501) {
          return { kind: "ok", value: undefined };
        }
        if (answer.status !== 200) return refusal(answer);
        if (answer.text === undefined) {
          return { kind: "retry", malformed: true, problem: `the /${resource} body is too large` };
        }
        return { kind: "ok", value: answer.text };
      });
    },

    status(id, statusOptions = {}) {
      const { signal, retryUntilMs } = statusOptions;
      return withRetries(
        "status",
        signal,
        async () => {
          const left = retryUntilMs === undefined ? Infinity : (retryUntilMs - now()) / 1000;
          // Past a deadline the caller's remaining time is negative; a negative wait would make a
          // negative headers timeout, which undici refuses in a way that can leave its pool stuck.
          const wait = Math.max(
            0,
            Math.floor(Math.min(statusOptions.preferWaitSeconds ?? 0, left)),
          );
          const headers: Record<string, string> = wait > 0 ? { prefer: `wait=${wait}` } : {};
          const answer = await send(
            "GET",
            `${endpoint}/generations/${encodeURIComponent(id)}`,
            headers,
            undefined,
            // A held answer legitimately takes up to `wait` seconds before its headers.
            wait * 1000 + timeoutMs,
            signal,
          );
          if (answer.status !== 200) {
            if (answer.status === 404 || answer.status === 410) {
              throw new ApiRejectedError(answer.status, `generation ${id} is not known to the API`);
            }
            return refusal(answer);
          }
          const parsed = parseBody(answer, (text) => parseStatusResponse(text, id));
          if (!parsed.ok) {
            return { kind: "retry", malformed: true, problem: scrubbed(parsed.problem) };
          }
          const job = parsed.value;
          // The status ends up in messages ("last status: …") when it is not one the tool knows.
          job.status = scrubbed(job.status);
          if (job.error !== undefined) job.error = scrubbed(job.error);
          // Fetching such a URL would hand the key to the result's host (its DNS, in a host
          // name), and the URL itself ends up in the PR comment, the summary and the outputs.
          if (job.url !== undefined && carriesKey(job.url, options.apiKey)) {
            throw new UrlPolicyError("it carries the API key; it is neither fetched nor shown");
          }
          const result: StatusResult = {
            job,
            preferenceApplied: /\bwait\b/i.test(answer.header("preference-applied") ?? ""),
          };
          const retryAfter = answer.header("retry-after");
          const retryAfterMs = parseRetryAfter(retryAfter, now(), policy.retryAfterCapMs);
          if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
          return { kind: "ok", value: result };
        },
        retryUntilMs,
      );
    },
  };
}

interface Answer {
  status: number;
  /** The body as text, or undefined if it was larger than the cap. */
  text: string | undefined;
  header(name: string): string | undefined;
}

function parseBody<T>(answer: Answer, parse: (text: string) => Parsed<T>): Parsed<T> {
  if (answer.text === undefined) {
    return { ok: false, problem: `the body is larger than ${MAX_API_BODY_BYTES} bytes` };
  }
  return parse(answer.text);
}
