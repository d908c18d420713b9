/**
 * What the client accepts from the API, as pure parsers over the response text: tolerant of fields
 * the contract does not name (they are dropped), strict about the ones it relies on. A parse
 * failure is a value, not a throw, because the client retries a malformed answer a few times
 * before it gives up with a ProtocolError.
 */
import { z } from "zod";

/** Cap on an API answer's body; the contract's answers are a few hundred bytes. */
export const MAX_API_BODY_BYTES = 1024 * 1024;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface CreatedJob {
  id: string;
  status?: string;
  /** What the job cost, when the server says (the contract's optional `credits`). */
  credits?: number;
}

/** A job as `GET /generations/{id}` describes it. `status` may be one this tool does not know. */
export interface JobState {
  id: string;
  status: string;
  url?: string;
  error?: string;
  /** What the job cost, when the server says. */
  credits?: number;
}

// Ids go into a URL path (encoded) and into messages; anything this long or odd is not an id.
// Encoding leaves "." and ".." as they are, and a URL resolves them: `/generations/..` would
// send the authenticated status request to `/v1/` instead.
const id = z
  .string()
  .regex(/^[\w.:~-]{1,200}$/, "not a plausible generation id")
  .refine((text) => !/^\.+$/.test(text), "not a plausible generation id (only dots)");
const status = z.string().min(1).max(64);

const CreateBody = z.object({ id, status: status.nullish(), credits: z.unknown().optional() });

const StatusBody = z
  .object({
    id,
    status,
    url: z.string().min(1).max(16_384).nullish(),
    error: z.unknown().optional(),
    credits: z.unknown().optional(),
  })
  .refine((job) => job.status !== "succeeded" || typeof job.url === "string", {
    message: "status succeeded without a url",
    path: ["url"],
  });

export function parseCreateResponse(text: string): Parsed<CreatedJob> {
  const parsed = parseWith(CreateBody, text);
  if (!parsed.ok) return parsed;
  const { id: jobId, status: jobStatus } = parsed.value;
  const job: CreatedJob = jobStatus ? { id: jobId, status: jobStatus } : { id: jobId };
  const credits = chargedCredits(parsed.value.credits);
  if (credits !== undefined) job.credits = credits;
  return { ok: true, value: job };
}

/**
 * A job's `credits`, if it is a plausible charge. Optional in the contract, so a nonsense value
 * (negative, a string, 1e300) is dropped rather than failing a job that rendered: the report
 * then falls back to the estimate, marked as one.
 */
export function chargedCredits(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1e9
    ? value
    : undefined;
}

export function parseStatusResponse(text: string, expectedId: string): Parsed<JobState> {
  const parsed = parseWith(StatusBody, text);
  if (!parsed.ok) return parsed;
  const body = parsed.value;
  if (body.id !== expectedId) {
    return { ok: false, problem: `asked for generation ${expectedId}, got ${body.id}` };
  }
  const job: JobState = { id: body.id, status: body.status };
  if (body.url) job.url = body.url;
  const error = errorText(body.error);
  if (error !== undefined) job.error = error;
  const credits = chargedCredits(body.credits);
  if (credits !== undefined) job.credits = credits;
  return { ok: true, value: job };
}

/**
 * The server's own words from an error answer, for the asset's message: `{"error": "..."}`,
 * `{"error": {"message": "..."}}`, `{"message": "..."}`, or short plain text.
 */
export function serverMessage(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === "object") {
      const record = body as Record<string, unknown>;
      return errorText(record["error"]) ?? errorText(record["message"]);
    }
  } catch {
    // Not JSON: fall through to the plain text.
  }
  const plain = text.trim();
  return plain && plain.length <= 500 && !plain.startsWith("<") ? plain : undefined;
}

/** Whether an error answer says the idempotency key was used before with another request. */
export function saysKeyReused(text: string): boolean {
  return /key[-_ ]reuse|reused|already (been )?used|different (request|body|payload|param)/i.test(
    text,
  );
}

function errorText(value: unknown): string | undefined {
  if (typeof value === "string") return value || undefined;
  if (value && typeof value === "object") {
    const message = (value as Record<string, unknown>)["message"];
    if (typeof message === "string" && message) return message;
  }
  return undefined;
}

function parseWith<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: "the body is not JSON" };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return { ok: false, problem: `${where}${issue?.message ?? "invalid body"}` };
}
