/**
 * Fetch a result URL into its output path so that the path holds either its old bytes or the
 * complete, verified new ones — never a partial file. The body streams into a temp file beside
 * the destination while its SHA-256 is computed; the size cap, `Content-Length` and the format's
 * magic bytes are checked on the way; then fsync and rename. The URL is checked by `url-policy.ts`
 * before every connection, redirects included, and no request here carries any credential.
 */
import { createHash } from "node:crypto";
import { closeSync, fdatasync, openSync, renameSync, write } from "node:fs";
import { unlink } from "node:fs/promises";
import { promisify } from "node:util";
import { dirname } from "node:path";
import type { Dispatcher } from "undici";
import { request } from "undici";
import type { AssetType } from "../../manifest/types.js";
import { tempPathFor } from "../../state/atomic-write.js";
import { assertRealFolders, makeRealFolders } from "../../state/real-folders.js";
import { DownloadError, UrlPolicyError, redactUrl } from "../errors.js";
import { discardBody, networkProblem } from "../../net/http.js";
import { SNIFF_BYTES, sniff } from "../../net/media-sniff.js";
import type { Attempt, Sleep } from "../../net/retry.js";
import { DEFAULT_BACKOFF, retryLoop, sleep as realSleep } from "../../net/retry.js";
import type { Lookup } from "../../net/url-policy.js";
import { checkResultUrl, systemLookup } from "../../net/url-policy.js";

export interface DownloadOptions {
  type: AssetType;
  /** The output's extension (with or without the dot); the bytes must match it. */
  extension: string;
  /** Refuse bodies larger than this, as soon as they pass it. */
  maxBytes: number;
  /**
   * The repository root: the folders from it down to the destination must be real folders (or
   * links that stay inside it) when the temp file is created and again at the rename.
   */
  within: string;
  dispatcher: Dispatcher;
  /**
   * The API's origin. Results served from it skip the address check (the user chose that host,
   * e.g. an API on a private network); they still get no credentials.
   */
  apiOrigin?: string;
  lookup?: Lookup;
  /** Whether a URL carries the API key: such a URL, first or a redirect, is never fetched. */
  carriesKey?: (url: string) => boolean;
  signal?: AbortSignal;
  /** Further attempts after a cut connection, a short body, a 5xx or a 408/429. Default 3. */
  retries?: number;
  sleep?: Sleep;
  random?: () => number;
  /** Timeout for headers, and for silence between body chunks. Default 30 s. */
  timeoutMs?: number;
  /** The slowest body accepted, and so each attempt's deadline. Default DEFAULT_PACE. */
  pace?: DownloadPace;
}

/**
 * A body must arrive at `minBytesPerSecond` on average once `graceMs` have passed since the
 * attempt began, so a server trickling a byte every 20 s (which never trips the silence timeout)
 * cannot hold a run. That also bounds each attempt: `graceMs + size / minBytesPerSecond`, where
 * size is the declared `Content-Length`, or the type's cap when none is declared.
 */
export interface DownloadPace {
  graceMs: number;
  minBytesPerSecond: number;
}

/** 30 s of grace, then 64 KiB/s: a 10 MiB image gets 3 min 10 s, a 1 GiB video 4 h 33 min. */
export const DEFAULT_PACE: DownloadPace = { graceMs: 30_000, minBytesPerSecond: 64 * 1024 };

/** The longest one attempt at a body of `bytes` may take under `pace`. */
export function downloadDeadlineMs(bytes: number, pace: DownloadPace = DEFAULT_PACE): number {
  return pace.graceMs + Math.ceil((bytes / pace.minBytesPerSecond) * 1000);
}

export interface DownloadResult {
  sha256: string;
  size: number;
}

const MAX_REDIRECTS = 5;

export async function downloadResult(
  url: string,
  destPath: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const retries = options.retries ?? 3;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  let start: URL;
  try {
    start = new URL(url);
  } catch {
    throw new UrlPolicyError("not a valid URL");
  }
  await makeRealFolders(options.within, dirname(destPath));
  return retryLoop(
    async (): Promise<Attempt<DownloadResult>> => {
      try {
        return { kind: "ok", value: await attemptDownload(start, destPath, options) };
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (!(error instanceof DownloadError) || !error.retryable) throw error;
        return { kind: "retry", problem: error.message, error };
      }
    },
    {
      policy: DEFAULT_BACKOFF,
      random,
      now: Date.now,
      sleep,
      signal: options.signal,
      giveUp: (failure, attempts) => (attempts > retries ? (failure.error as Error) : undefined),
    },
  );
}

async function attemptDownload(
  start: URL,
  destPath: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const lookup = options.lookup ?? systemLookup;
  const timeout = options.timeoutMs ?? 30_000;
  const startedAt = performance.now();
  let current = start;
  for (let hop = 0; ; hop += 1) {
    // Checked before the address (a host name holding the key would reach DNS) and for every
    // hop, the API's own origin included: the key travels only in the API's Authorization header.
    if (options.carriesKey?.(current.href)) {
      throw new UrlPolicyError(
        hop === 0
          ? "it carries the API key; it is neither fetched nor shown"
          : "a redirect carries the API key; it is not followed",
      );
    }
    const target = await checkResultUrl(current, lookup, options.apiOrigin);
    const pinned = new URL(current);
    pinned.hostname = target.family === 6 ? `[${target.address}]` : target.address;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(pinned, {
        method: "GET",
        // The Host header keeps virtual hosting and TLS (SNI, certificate name) on the real name.
        headers: { host: current.host, accept: "*/*", "accept-encoding": "identity" },
        dispatcher: options.dispatcher,
        signal: options.signal,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new DownloadError("http", `${redactUrl(current)}: ${networkProblem(error)}`, true);
    }
    const { statusCode } = response;
    const location = response.headers["location"];
    if (statusCode >= 300 && statusCode < 400 && typeof location === "string") {
      await response.body.dump();
      if (hop >= MAX_REDIRECTS) throw new UrlPolicyError(`more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current);
      continue;
    }
    if (statusCode !== 200) {
      await response.body.dump().catch(() => {});
      const retryable = statusCode >= 500 || statusCode === 408 || statusCode === 429;
      const hint =
        statusCode === 403 || statusCode === 410 ? " (a signed URL may have expired)" : "";
      throw new DownloadError(
        "http",
        `HTTP ${statusCode} from ${redactUrl(current)}${hint}`,
        retryable,
      );
    }
    return streamToFile(response, destPath, options, startedAt);
  }
}

async function streamToFile(
  response: Dispatcher.ResponseData,
  destPath: string,
  options: DownloadOptions,
  startedAt: number,
): Promise<DownloadResult> {
  const { body } = response;
  const declared = contentLength(response.headers["content-length"]);
  if (declared !== undefined && declared > options.maxBytes) {
    discardBody(body);
    throw tooLarge(options.maxBytes, `Content-Length says ${declared}`);
  }
  const pace = options.pace ?? DEFAULT_PACE;
  const deadlineMs = downloadDeadlineMs(declared ?? options.maxBytes, pace);
  const deadline = setTimeout(
    () => {
      body.destroy(
        new DownloadError(
          "too-slow",
          `not finished within ${seconds(deadlineMs)} s (the deadline for ${declared ?? options.maxBytes} bytes at ${pace.minBytesPerSecond} bytes/s)`,
          true,
        ),
      );
    },
    Math.max(0, deadlineMs - (performance.now() - startedAt)),
  );
  const temp = tempPathFor(destPath);
  // Opening, closing and renaming touch only metadata and take microseconds: called directly,
  // not through libuv's thread pool, which costs more than the calls (see state/real-folders.ts).
  // The bytes and the sync go through the pool, as they can take long.
  let fd: number | undefined = openSync(temp, "wx", 0o644);
  try {
    const hash = createHash("sha256");
    let size = 0;
    let head: Buffer | undefined = Buffer.alloc(0);
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > options.maxBytes) throw tooLarge(options.maxBytes, "the body went past it");
        checkPace(size, performance.now() - startedAt, pace);
        if (head) {
          head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES)]);
          if (head.length >= SNIFF_BYTES) {
            checkMagic(head, options);
            head = undefined;
          }
        }
        hash.update(chunk);
        await writeAll(fd, chunk);
      }
    } catch (error) {
      discardBody(body);
      if (error instanceof DownloadError || isDiskError(error)) throw error;
      if (options.signal?.aborted) throw error;
      throw new DownloadError("truncated", `connection lost after ${size} bytes`, true);
    }
    if (head) checkMagic(head, options);
    if (declared !== undefined && size !== declared) {
      throw new DownloadError("truncated", `got ${size} of ${declared} bytes`, true);
    }
    // The bytes and the size that reaches them: all a reader of the output needs after a crash.
    await syncData(fd);
    closeSync(fd);
    fd = undefined;
    await assertRealFolders(options.within, dirname(destPath));
    renameSync(temp, destPath);
    return { sha256: hash.digest("hex"), size };
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    await unlink(temp).catch(() => {});
    throw error;
  } finally {
    clearTimeout(deadline);
  }
}

function checkPace(size: number, elapsedMs: number, pace: DownloadPace): void {
  const owed = ((elapsedMs - pace.graceMs) / 1000) * pace.minBytesPerSecond;
  if (owed > size) {
    throw new DownloadError(
      "too-slow",
      `only ${size} bytes in ${seconds(elapsedMs)} s, slower than the minimum of ${pace.minBytesPerSecond} bytes/s`,
      true,
    );
  }
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1).replace(/\.0$/, "");
}

function checkMagic(head: Buffer, options: DownloadOptions): void {
  const verdict = sniff(head, options.type, options.extension);
  if (!verdict.ok) {
    throw new DownloadError("type-mismatch", `expected ${verdict.expected}, got ${verdict.found}`);
  }
}

function tooLarge(maxBytes: number, why: string): DownloadError {
  return new DownloadError("too-large", `larger than the ${maxBytes}-byte cap (${why})`);
}

const writeChunk = promisify(write);

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Closing after a failure: the failure is what the caller hears about.
  }
}
const syncData = promisify(fdatasync);

async function writeAll(fd: number, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await writeChunk(fd, chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

function contentLength(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** File-system failures (full disk, no permission) are the caller's to report, not a retry. */
function isDiskError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" && /^E(NOSPC|ACCES|PERM|ROFS|DQUOT|ISDIR|NOTDIR|MFILE|IO)$/.test(code)
  );
}
