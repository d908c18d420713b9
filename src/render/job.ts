import { extname, join } from "node:path";
import type { Dispatcher } from "undici";
import { MAX_RESULT_BYTES } from "../manifest/limits.js";
import type { Asset } from "../manifest/types.js";
import { recordOutput } from "./record.js";
import type { RecordContext } from "./record.js";
import { requestBody } from "../plan/hash.js";
import type { PlanEntry } from "../plan/types.js";
import type { ApiClient } from "./api/client.js";
import { idempotencyKey, newKeyNonce } from "./api/idempotency-key.js";
import type { DownloadPace } from "./download/download.js";
import { downloadResult } from "./download/download.js";
import type { PollSchedule } from "./polling/schedule.js";
import {
  ApiRejectedError,
  JobCanceledError,
  JobFailedError,
  RenderError,
  UnknownStatusError,
} from "./errors.js";
import type { InFlightRecord } from "../state/journal.js";
import { pollUntilDone } from "./polling/poller.js";
import type { AssetResult } from "./result.js";
import type { Sleep } from "../net/retry.js";

/** How long one job may take from submission (queueing included) before it is given up. */
export const DEFAULT_JOB_DEADLINE_MS = 30 * 60 * 1000;

/** Everything one job needs, shared by all jobs of a run. */
export interface JobContext extends RecordContext {
  /** Outputs are written only through real folders below it (see state/real-folders.ts). */
  repoRoot: string;
  client: ApiClient;
  dispatcher: Dispatcher;
  model: PollSchedule;
  force: boolean;
  jobDeadlineMs: number;
  /** Download timeout for headers and between chunks; the downloader's default if unset. */
  requestTimeoutMs?: number;
  /** The slowest download accepted; the downloader's default if unset. */
  downloadPace?: DownloadPace;
  sleep: Sleep;
  random: () => number;
  /** Aborted on Ctrl-C and when the key is refused: jobs in flight stop and stay journaled. */
  signal: AbortSignal;
  /** A failure that reaches beyond its asset (auth: the run; credits: new submissions). */
  onWideFailure(error: RenderError): void;
}

/**
 * One asset from submission to a recorded output: journal the key, POST (or pick up the job an
 * interrupted run left), poll, download, then cache, journal as completed, and hand the lock
 * entry to the updater. Never throws: the outcome, failures included, is the returned result.
 */
export async function runJob(
  entry: PlanEntry & { asset: Asset },
  resume: InFlightRecord | undefined,
  ctx: JobContext,
): Promise<AssetResult> {
  const { asset } = entry;
  const base: AssetResult = {
    id: entry.id,
    status: "failed",
    output: entry.output,
    hash: entry.hash,
  };
  const startedAt = ctx.now();
  let generation = resume?.state === "submitted" ? resume.generation : undefined;
  let created = generation !== undefined;
  // When the server answered the POST: the job's age counts from there, not from before the
  // journal write and the request (which take longer, and vary more, when 40 start at once).
  let createdAt = startedAt;
  // What the server said the job cost, in its create answer or (later, so it wins) its status.
  let charged: number | undefined;
  try {
    if (generation === undefined) {
      // A forced render needs a new job, hence a new key; journaled first so a resume reuses it.
      const key = resume?.key ?? idempotencyKey(entry.hash, ctx.force ? newKeyNonce() : undefined);
      await ctx.journal.submitting(entry.id, entry.hash, key);
      const job = await ctx.client.create(requestBody(asset), key, ctx.signal);
      charged = job.credits;
      createdAt = ctx.now();
      generation = job.id;
      created = true;
      await ctx.journal.submitted(entry.id, entry.hash, key, generation, { durable: ctx.force });
      ctx.reporter.emit(
        resume
          ? { kind: "resumed", id: entry.id, generation }
          : { kind: "submitted", id: entry.id, generation },
      );
    } else {
      ctx.reporter.emit({ kind: "resumed", id: entry.id, generation });
    }

    const done = await pollUntilDone(ctx.client, generation, {
      deadlineMs: startedAt + ctx.jobDeadlineMs,
      now: ctx.now,
      sleep: ctx.sleep,
      signal: ctx.signal,
      model: ctx.model,
      kind: `${asset.type}/${asset.model}`,
      // A job picked up from an interrupted run has been going since then: the model learns
      // its true duration. The deadline counts from this run, so an old record still gets polled.
      submittedAt: resume ? Date.parse(resume.at) || startedAt : createdAt,
    });
    const target = join(ctx.manifestDir, entry.output);
    const bytes = await downloadResult(done.url, target, {
      type: asset.type,
      extension: extname(entry.output),
      maxBytes: MAX_RESULT_BYTES[asset.type],
      within: ctx.repoRoot,
      dispatcher: ctx.dispatcher,
      apiOrigin: ctx.client.origin,
      carriesKey: (url) => ctx.client.carriesKey(url),
      signal: ctx.signal,
      sleep: ctx.sleep,
      random: ctx.random,
      ...(ctx.requestTimeoutMs !== undefined ? { timeoutMs: ctx.requestTimeoutMs } : {}),
      ...(ctx.downloadPace ? { pace: ctx.downloadPace } : {}),
    });
    await recordOutput(entry, generation, bytes, ctx, { forced: ctx.force });
    // A literal of its own, not `{ ...base, … }`: a spread gave each result its own hidden class
    // in V8, a few hundred bytes per asset kept until the run ends (14 MB at 50,000 jobs).
    const rendered: AssetResult = {
      id: entry.id,
      status: "rendered",
      output: entry.output,
      hash: entry.hash,
      generation,
      durationMs: Math.round(ctx.now() - startedAt),
    };
    // Added after, so results with and without a charge share two hidden classes, not one each.
    charged = done.job.credits ?? charged;
    if (charged !== undefined) rendered.credits = charged;
    return rendered;
  } catch (error) {
    const failed = await failure(entry, base, error, created, generation, ctx);
    // A job the server charged for and then failed still cost what it said.
    if (charged !== undefined && failed.status === "failed") failed.credits = charged;
    return failed;
  }
}

async function failure(
  entry: PlanEntry,
  base: AssetResult,
  error: unknown,
  created: boolean,
  generation: string | undefined,
  ctx: JobContext,
): Promise<AssetResult> {
  const withGeneration = generation === undefined ? base : { ...base, generation };
  if (ctx.signal.aborted) {
    // Interrupted or stopped: the journal keeps the job for the next run to pick up.
    return {
      ...withGeneration,
      status: "skipped",
      error: "stopped while in flight; a re-run resumes it",
    };
  }
  if (error instanceof RenderError && error.scope !== "asset") {
    ctx.onWideFailure(error);
    // A refused key or a 402 means no job was created for this request.
    if (!created) await ctx.journal.remove(entry.id).catch(() => {});
    return { ...withGeneration, status: "skipped", error: error.message };
  }
  if (isFinalForThisKey(error)) await ctx.journal.remove(entry.id).catch(() => {});
  const message = error instanceof Error ? error.message : String(error);
  return { ...withGeneration, status: "failed", error: message };
}

/**
 * Whether the journal record can go: the server refused the request (nothing was created) or the
 * job reached an end that waiting will not change. Otherwise (a deadline, a failed download, a
 * full disk) it stays, so the next run picks the job up instead of paying for a new one.
 */
function isFinalForThisKey(error: unknown): boolean {
  return (
    error instanceof ApiRejectedError ||
    error instanceof JobFailedError ||
    error instanceof JobCanceledError ||
    error instanceof UnknownStatusError
  );
}
