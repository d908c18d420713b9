/**
 * One small error class per way a render can fail, each carrying a message fit to show next to the
 * asset id. `scope` tells the scheduler how far the failure reaches:
 * - `run`: stop everything (the key is refused);
 * - `submissions`: stop submitting new jobs, let the ones in flight finish (out of credits);
 * - `asset`: fail this one asset and carry on.
 *
 * Messages never hold the API key (server text is scrubbed of it) nor a signed URL's query string.
 */
import { clip } from "../net/errors.js";
import { redactKey } from "../net/leaked-key.js";
import { neutralizeOutsideText } from "../util/outside-text.js";

export { DownloadError, UrlPolicyError, redactUrl, type DownloadErrorKind } from "../net/errors.js";

export type FailureScope = "run" | "submissions" | "asset";

export abstract class RenderError extends Error {
  abstract readonly scope: FailureScope;
}

/** 401/403: the key is missing, wrong, revoked or lacks the scope. */
export class ApiAuthError extends RenderError {
  override readonly name = "ApiAuthError";
  readonly scope = "run";
  constructor(
    readonly status: number,
    serverMessage: string | undefined,
  ) {
    super(
      `the API refused the key (HTTP ${status}${detail(serverMessage)}): check AGENTFRAMER_API_KEY ` +
        `(or the action's api-key input) and its workspace scope`,
    );
  }
}

/** 402: the workspace is out of credits; no new job can start. */
export class ApiCreditsError extends RenderError {
  override readonly name = "ApiCreditsError";
  readonly scope = "submissions";
  constructor(serverMessage: string | undefined) {
    super(`out of credits (HTTP 402${detail(serverMessage)}): top up the workspace, then re-run`);
  }
}

export const KEY_REUSED_MESSAGE =
  "idempotency key reused with a different request — the manifest entry changed while a job was " +
  "in flight; re-run, or use --force";

/** 400/422 (and other 4xx the contract does not name): the server will not take this request. */
export class ApiRejectedError extends RenderError {
  override readonly name = "ApiRejectedError";
  readonly scope = "asset";
  constructor(
    readonly status: number,
    serverMessage: string | undefined,
    readonly keyReused = false,
  ) {
    super(
      keyReused
        ? `${KEY_REUSED_MESSAGE} (HTTP ${status}${detail(serverMessage)})`
        : `the API rejected the request (HTTP ${status}${detail(serverMessage)})`,
    );
  }
}

/**
 * Retryable failures (network, 409, 429, 5xx, malformed answers) went on past the attempts allowed
 * for one request (`attempts`) or past the run's shared retry budget (`budget`).
 */
export class ApiUnavailableError extends RenderError {
  override readonly name = "ApiUnavailableError";
  readonly scope = "asset";
  constructor(
    readonly reason: "attempts" | "budget",
    readonly attempts: number,
    readonly lastProblem: string,
    /** The last answer's `Retry-After`, clamped: whoever tries again must not come back sooner. */
    readonly retryAfterMs?: number,
  ) {
    super(
      reason === "budget"
        ? `the API kept failing and the run's retry budget is spent (last: ${lastProblem})`
        : `the API kept failing after ${attempts} attempts (last: ${lastProblem})`,
    );
  }
}

/**
 * The API could not be reached at all (refused, no such host, no route) before it had answered
 * once in this run: a wrong URL or no network. Every asset would fail the same way, so the run
 * stops with this one message; no job was created.
 */
export class ApiUnreachableError extends RenderError {
  override readonly name = "ApiUnreachableError";
  readonly scope = "run";
  constructor(
    readonly url: string,
    problem: string,
  ) {
    super(
      `cannot reach the API at ${url} (${problem}): check --api-url or AGENTFRAMER_API_URL and ` +
        "the network, then run again; nothing reached the server",
    );
  }
}

/** The API answered something outside the contract: not JSON, wrong shape, or too large. */
export class ProtocolError extends RenderError {
  override readonly name = "ProtocolError";
  readonly scope = "asset";
  constructor(problem: string) {
    super(`unexpected answer from the API: ${problem}`);
  }
}

export class JobFailedError extends RenderError {
  override readonly name = "JobFailedError";
  readonly scope = "asset";
  constructor(
    readonly jobId: string,
    readonly serverError: string | undefined,
  ) {
    // The same key would only replay this failed job (for about a day): say how to get a new one.
    super(
      `generation ${jobId} failed: ${serverError ?? "the API gave no reason"}; ` +
        "re-run with --force to submit it again",
    );
  }
}

export class JobCanceledError extends RenderError {
  override readonly name = "JobCanceledError";
  readonly scope = "asset";
  constructor(readonly jobId: string) {
    super(`generation ${jobId} was canceled on the server; re-run with --force to submit it again`);
  }
}

export class JobTimeoutError extends RenderError {
  override readonly name = "JobTimeoutError";
  readonly scope = "asset";
  constructor(
    readonly jobId: string,
    readonly waitedMs: number,
    readonly lastStatus: string | undefined,
  ) {
    super(
      `generation ${jobId} did not finish within ${Math.round(waitedMs / 1000)} s ` +
        `(last status: ${lastStatus ?? "unknown"}); a later run picks it up again`,
    );
  }
}

/** A status outside queued/running/succeeded/failed/canceled that did not change by the deadline. */
export class UnknownStatusError extends RenderError {
  override readonly name = "UnknownStatusError";
  readonly scope = "asset";
  constructor(
    readonly jobId: string,
    readonly status: string,
  ) {
    super(
      `generation ${jobId} stayed in status "${clip(status, 40)}", which this tool does not know`,
    );
  }
}

/**
 * Server-supplied text made safe to print: the key removed (in any case or percent-encoding),
 * neutralised (no workflow command: see util/outside-text.ts), on one line, clipped.
 */
export function scrub(text: string, secret: string | undefined): string {
  let out = neutralizeOutsideText(redactKey(text, secret));
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  out = out.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  return clip(out, 300);
}

function detail(serverMessage: string | undefined): string {
  return serverMessage ? `: ${serverMessage}` : "";
}
