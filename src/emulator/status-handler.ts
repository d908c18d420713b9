import type { OutgoingHttpHeaders } from "node:http";
import { retryAfterHeader, slowDown } from "./context.js";
import type { EmulatorContext } from "./context.js";
import type { Exchange } from "./http-util.js";
import { preferredWaitSeconds } from "./http-util.js";
import type { Job } from "./jobs.js";
import { isTerminal } from "./jobs.js";
import { EXTENSIONS } from "./media.js";
import type { StatusRequestRecord } from "./types.js";

/** GET /v1/generations/{id}. */
export async function handleStatus(ctx: EmulatorContext, ex: Exchange, id: string): Promise<void> {
  const record: StatusRequestRecord = { at: ex.record.at, held: false, httpStatus: 0 };
  ctx.ledger.statusRequest(id, record);
  try {
    await answerStatus(ctx, ex, id, record);
  } finally {
    record.httpStatus = ex.record.httpStatus;
    if (record.httpStatus !== 0) record.answeredAt = ctx.clock.now();
  }
}

async function answerStatus(
  ctx: EmulatorContext,
  ex: Exchange,
  id: string,
  record: StatusRequestRecord,
): Promise<void> {
  const job = ctx.jobs.get(id);
  if (job === undefined) {
    ex.refuse(404, "not-found", `No generation with id "${id}".`);
    return;
  }
  if (ctx.faults.fires("status429")) {
    ex.refuse(429, "rate-limited", "Too many requests.", retryAfterHeader(ctx, "1"));
    return;
  }
  if (ctx.faults.fires("status5xx")) {
    ex.refuse(503, "unavailable", "The service is unavailable.", retryAfterHeader(ctx, undefined));
    return;
  }
  const headers: OutgoingHttpHeaders = {};
  const wait = ctx.honourPreferWait ? preferredWaitSeconds(ex.req.headers.prefer) : undefined;
  if (wait !== undefined) {
    const seconds = Math.min(wait, ctx.maxPreferWaitSeconds);
    headers["Preference-Applied"] = `wait=${seconds}`;
    if (!isTerminal(ctx.jobs.statusOf(job))) {
      record.held = true;
      await holdUntilEnd(ctx, ex, job, seconds * 1000);
    }
  }
  await slowDown(ctx);
  if (ctx.faults.fires("malformedStatusBody")) {
    sendMalformed(ctx, ex, job);
    return;
  }
  const now = ctx.clock.now();
  const status = ctx.jobs.statusOf(job, now);
  record.jobStatus = status;
  if (isTerminal(status)) job.terminalObservedAt ??= now;
  else headers["Retry-After"] = String(ctx.retryAfterHintSeconds);
  ex.json(200, statusBody(ctx, job, now), headers);
}

/** Hold until the job ends, `ms` pass, the client leaves or the emulator closes. */
async function holdUntilEnd(ctx: EmulatorContext, ex: Exchange, job: Job, ms: number) {
  const deadline = ctx.clock.now() + ms;
  const clientLeft = new AbortController();
  const onClose = (): void => clientLeft.abort();
  ex.res.once("close", onClose);
  try {
    while (!ctx.sleeper.closed && !clientLeft.signal.aborted) {
      const now = ctx.clock.now();
      if (now >= deadline || isTerminal(ctx.jobs.statusOf(job, now))) return;
      // Timers may fire a little early; the loop re-checks and sleeps the remainder.
      await ctx.sleeper.sleep(Math.max(1, Math.min(job.endsAt, deadline) - now), clientLeft.signal);
    }
  } finally {
    ex.res.off("close", onClose);
  }
}

/** The contract's status document, plus the extra fields a real API would carry. */
function statusBody(ctx: EmulatorContext, job: Job, now: number): Record<string, unknown> {
  const status = ctx.jobs.statusOf(job, now);
  const body: Record<string, unknown> = {
    id: job.id,
    status,
    type: job.request.type,
    model: job.request.model,
    created_at: new Date(job.createdAt).toISOString(),
  };
  if (job.credits !== undefined) body.credits = job.credits;
  if (now >= job.startsAt) body.started_at = new Date(job.startsAt).toISOString();
  if (status === "running" && Number.isFinite(job.endsAt)) {
    body.progress = Math.min(0.99, (now - job.startsAt) / (job.endsAt - job.startsAt));
  }
  if (isTerminal(status)) body.completed_at = new Date(job.endsAt).toISOString();
  if (status === "succeeded") {
    const redirect = ctx.faults.current.redirectResultTo;
    if (redirect !== undefined) {
      ctx.faults.note("redirectResultTo");
      body.url = redirect;
    } else {
      const { url, expiresAt } = ctx.urls.mint(job, EXTENSIONS[job.request.type]);
      body.url = url;
      body.url_expires_at = new Date(expiresAt).toISOString();
    }
  }
  if (status === "failed") {
    body.error = {
      code: "generation_failed",
      message: "The model could not render this prompt (injected failure).",
    };
  }
  if (status === "canceled") body.error = { code: "canceled", message: "The job was canceled." };
  return body;
}

/** Answers a broken client must survive: cut JSON, an HTML page, wrong types, null, an array. */
function sendMalformed(ctx: EmulatorContext, ex: Exchange, job: Job): void {
  const variants: Array<[string, string]> = [
    [`{"id":"${job.id}","status":"succ`, "application/json"],
    ["<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"],
    [JSON.stringify({ id: 42, status: ["succeeded"], url: { href: 7 } }), "application/json"],
    ["null", "application/json"],
    [JSON.stringify([{ id: job.id, status: "succeeded" }]), "application/json"],
  ];
  const [text, type] = variants[Math.floor(ctx.faults.pick("malformedStatusBody") * 5)] ?? [
    "",
    "application/json",
  ];
  ex.text(200, text, type);
}
