/**
 * The few S3 calls the store needs (GET and PUT of one object), signed with SigV4 and sent
 * with undici, with retries for 5xx, 429 and network faults. Every message it makes names the
 * store and the key, never a credential: S3 error bodies echo the access key id, so what is read
 * from them is scrubbed too.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { request, type Dispatcher } from "undici";
import { discardBody, firstHeader, networkProblem, readCapped } from "../../net/http.js";
import {
  DEFAULT_BACKOFF,
  retryLoop,
  sleep as realSleep,
  type Attempt,
  type Sleep,
} from "../../net/retry.js";
import { redactSecrets } from "../../net/leaked-key.js";
import { neutralizeOutsideText } from "../../util/outside-text.js";
import { StoreRefusedError } from "../store.js";
import { secretsOf, type S3Config } from "./config.js";
import { EMPTY_SHA256, signRequest, uriEncode } from "./sigv4.js";

export class S3StoreError extends Error {
  override readonly name = "S3StoreError";
}

export type S3Body = { bytes: Buffer } | { file: string; size: number; sha256: string };

export interface S3Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData["body"];
}

export interface S3ClientDeps {
  dispatcher?: Dispatcher;
  sleep?: Sleep;
  now?: () => Date;
  random?: () => number;
}

/** Attempts per request: a store that is down fails the lookup in seconds, not minutes. */
const ATTEMPTS = 4;
/** Error bodies read for their Code and Message, at most. */
const ERROR_BODY_CAP = 16 * 1024;
const TIMEOUT_MS = 60_000;

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

export class S3Client {
  readonly label: string;
  private readonly secrets: string[];

  constructor(
    readonly config: S3Config,
    private readonly deps: S3ClientDeps = {},
  ) {
    this.label = `s3://${config.bucket}${config.prefix ? `/${config.prefix}` : ""}`;
    this.secrets = secretsOf(config);
  }

  /**
   * The object's URL: `<endpoint>/<bucket>/<prefix>/<key>` (path style) or on the bucket's host;
   * with `key` null, the bucket's own URL (what a listing asks).
   */
  urlOf(key: string | null): URL {
    const full = key === null ? "" : this.config.prefix ? `${this.config.prefix}/${key}` : key;
    const { endpoint, bucket, pathStyle } = this.config;
    const url = new URL(endpoint);
    if (pathStyle)
      url.pathname = `/${uriEncode(bucket, false)}${key === null ? "" : `/${uriEncode(full, true)}`}`;
    else {
      url.hostname = `${bucket}.${endpoint.hostname}`;
      url.pathname = `/${uriEncode(full, true)}`;
    }
    return url;
  }

  /** The prefix every key of the store sits under, as a listing's `prefix` names it. */
  get keyPrefix(): string {
    return this.config.prefix ? `${this.config.prefix}/` : "";
  }

  /** Every credential string replaced, so that no message can carry one. */
  scrub(text: string): string {
    // Raw, URL-encoded (a session token in an echoed query string) or base64 (basic auth).
    return redactSecrets(text, this.secrets);
  }

  /**
   * One request, retried (through the one retry loop) on 5xx, 429 and network faults; other
   * answers are returned as they are, for the caller to read.
   */
  async send(
    method: "GET" | "PUT",
    key: string | null,
    options: {
      body?: S3Body;
      headers?: Record<string, string>;
      query?: Record<string, string>;
    } = {},
  ): Promise<S3Response> {
    const url = this.urlOf(key);
    for (const [name, value] of Object.entries(options.query ?? {}))
      url.searchParams.set(name, value);
    const { sleep = realSleep, now = () => new Date(), random = Math.random } = this.deps;
    const body = options.body;
    const attempt = async (): Promise<Attempt<S3Response>> => {
      const headers = signRequest({
        method,
        url,
        headers: {
          ...options.headers,
          ...(body
            ? { "content-length": String("bytes" in body ? body.bytes.length : body.size) }
            : {}),
        },
        payloadSha256:
          body === undefined ? EMPTY_SHA256 : "bytes" in body ? sha256Of(body.bytes) : body.sha256,
        region: this.config.region,
        credentials: this.config.credentials,
        now: now(),
      });
      let answer;
      try {
        answer = await request(url, {
          method,
          headers,
          // A new stream per attempt: a retried PUT sends the file from its start.
          body:
            body === undefined
              ? undefined
              : "bytes" in body
                ? body.bytes
                : createReadStream(body.file),
          dispatcher: this.deps.dispatcher,
          headersTimeout: TIMEOUT_MS,
          bodyTimeout: TIMEOUT_MS,
        });
      } catch (error) {
        return { kind: "retry", problem: networkProblem(error), error };
      }
      if (!retryable(answer.statusCode)) {
        return {
          kind: "ok",
          value: { status: answer.statusCode, headers: answer.headers, body: answer.body },
        };
      }
      discardBody(answer.body);
      return {
        kind: "retry",
        problem: `HTTP ${answer.statusCode}`,
        retryAfter: firstHeader(answer.headers["retry-after"]),
      };
    };
    return retryLoop(attempt, {
      policy: DEFAULT_BACKOFF,
      random,
      now: () => now().getTime(),
      sleep,
      giveUp: (failure, attempts) =>
        attempts >= ATTEMPTS
          ? new S3StoreError(
              this.scrub(
                `${this.label}: ${method} ${key ?? "(listing)"} failed after ${attempts} attempts: ${failure.problem}`,
              ),
            )
          : undefined,
    });
  }

  /** The error for an answer the caller did not expect: status, S3's Code and Message, scrubbed. */
  async failure(method: string, key: string, response: S3Response): Promise<S3StoreError> {
    const { code, answered } = await this.answer(method, key, response);
    const hint =
      response.status === 403
        ? " (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the key's rights on the bucket)"
        : response.status === 404 && code === "NoSuchBucket"
          ? " (create the bucket, or fix the store's bucket name)"
          : "";
    return new S3StoreError(this.scrub(`${answered}${hint}`));
  }

  /**
   * A PUT answered 403: the store may be read with these credentials but not written (no
   * s3:PutObject, a bucket policy that denies it). Running again as it is cannot help, so the
   * message names the permission and where it is needed, not a retry.
   */
  async refusal(key: string, response: S3Response): Promise<StoreRefusedError> {
    const { answered } = await this.answer("PUT", key, response);
    const { bucket, prefix } = this.config;
    return new StoreRefusedError(
      this.scrub(
        `${answered}: these credentials may not write to the store. Allow s3:PutObject on ` +
          `arn:aws:s3:::${bucket}/${prefix ? `${prefix}/` : ""}* for the key in AWS_ACCESS_KEY_ID ` +
          "(or lift the bucket policy that denies it); until then every run's write is refused the same way",
      ),
      "s3",
    );
  }

  /** "LABEL: METHOD KEY answered STATUS Code: Message", S3's words capped and neutralised. */
  private async answer(
    method: string,
    key: string,
    response: S3Response,
  ): Promise<{ code: string | undefined; answered: string }> {
    const text = (await readCapped(response.body, response.headers, ERROR_BODY_CAP)) ?? "";
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
    const message = /<Message>([^<]{1,300})<\/Message>/.exec(text)?.[1];
    // S3's words, or whoever answers in its place: neutralised before they reach any log.
    const detail = neutralizeOutsideText([code, message].filter(Boolean).join(": "));
    return {
      code,
      answered: `${this.label}: ${method} ${key} answered ${response.status}${detail ? ` ${detail}` : ""}`,
    };
  }
}

function sha256Of(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
