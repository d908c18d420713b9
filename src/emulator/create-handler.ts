import { retryAfterHeader, slowDown } from "./context.js";
import type { EmulatorContext } from "./context.js";
import type { Exchange } from "./http-util.js";
import { readBody } from "./http-util.js";
import type { Job } from "./jobs.js";
import { bodyHashOf, parseGenerationRequest } from "./request.js";

/** Stripe's limit; longer keys are almost certainly a client bug. */
const MAX_KEY_LENGTH = 255;
const REPLAYED = { "Idempotent-Replayed": "true" };

/** POST /v1/generations. */
export async function handleCreate(ctx: EmulatorContext, ex: Exchange): Promise<void> {
  const raw = await readBody(ex.req);
  if (raw === undefined) {
    // The rest of the body is still on the wire, so this connection cannot be reused.
    ex.refuse(413, "too-large", "The request body is larger than 8 MiB.", { Connection: "close" });
    return;
  }
  if (ctx.faults.fires("outOfCredits")) {
    ex.refuse(402, "out-of-credits", "Your AgentFramer account has no credits left.");
    return;
  }
  const key = ex.req.headers["idempotency-key"];
  if (typeof key !== "string" || key.trim() === "") {
    ex.refuse(
      400,
      "missing-idempotency-key",
      "POST /generations needs an Idempotency-Key header, so that a retried request never creates a second job.",
    );
    return;
  }
  if (key.length > MAX_KEY_LENGTH) {
    ex.refuse(
      400,
      "bad-request",
      `The Idempotency-Key is longer than ${MAX_KEY_LENGTH} characters.`,
    );
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch (error) {
    ex.refuse(400, "bad-request", `The body is not valid JSON: ${(error as Error).message}`);
    return;
  }
  const parsed = parseGenerationRequest(body);
  if (!parsed.ok) {
    ex.refuse(400, "bad-request", parsed.message);
    return;
  }
  if (ctx.faults.fires("create429")) {
    ex.refuse(429, "rate-limited", "Too many requests.", retryAfterHeader(ctx, "1"));
    return;
  }
  if (ctx.faults.fires("create5xx")) {
    ex.refuse(503, "unavailable", "The service is unavailable.", retryAfterHeader(ctx, undefined));
    return;
  }

  const bodyHash = bodyHashOf(body);
  const entry = ctx.keys.lookup(key);
  if (entry?.state === "processing" || (entry === undefined && ctx.faults.fires("conflict409"))) {
    ex.refuse(
      409,
      "in-progress",
      "A request with this Idempotency-Key is still being processed; retry it later with the same key.",
    );
    return;
  }
  if (entry?.state === "done") {
    if (entry.bodyHash !== bodyHash) {
      ex.refuse(
        422,
        "key-reused",
        "This Idempotency-Key was already used with a different request body. Use a new key for a different request.",
      );
      return;
    }
    ctx.ledger.replayed();
    if (entry.outcome.kind === "error") {
      ex.refuse(entry.outcome.httpStatus, "replayed-500", entry.outcome.message, REPLAYED);
      return;
    }
    const job = ctx.jobs.get(entry.outcome.jobId);
    if (job === undefined) throw new Error(`Job ${entry.outcome.jobId} vanished.`);
    ex.json(200, createdBody(ctx, job), REPLAYED);
    return;
  }

  // Charged once, when the job is created: a replay of the key costs nothing again.
  const charge = ctx.credits.chargeFor(parsed.request);
  if (!ctx.credits.take(charge)) {
    ex.refuse(
      402,
      "out-of-credits",
      `This job costs ${charge} credits and the balance is ${ctx.credits.balance}; top up the workspace.`,
    );
    return;
  }
  // The key is "in progress" through the slow delay, which is what makes a concurrent retry 409.
  ctx.keys.reserve(key, bodyHash);
  await slowDown(ctx);
  if (ctx.faults.fires("replay500")) {
    const message = "An internal error occurred while creating the generation.";
    ctx.keys.complete(key, { kind: "error", httpStatus: 500, message });
    ex.refuse(500, "internal-error", message);
    return;
  }
  const job = ctx.jobs.create(
    key,
    bodyHash,
    body as Record<string, unknown>,
    parsed.request,
    charge,
  );
  ctx.keys.complete(key, { kind: "job", jobId: job.id });
  if (ctx.faults.fires("resetAfterCreate")) {
    ex.reset();
    return;
  }
  ex.json(201, createdBody(ctx, job), { Location: `/v1/generations/${job.id}` });
}

function createdBody(ctx: EmulatorContext, job: Job): Record<string, unknown> {
  const body: Record<string, unknown> = { id: job.id, status: ctx.jobs.statusOf(job) };
  if (job.credits !== undefined) body.credits = job.credits;
  return body;
}
