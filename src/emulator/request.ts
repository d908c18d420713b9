import { createHash } from "node:crypto";
import type { MediaType } from "./types.js";

export const MAX_IMAGE_SIDE = 4096;
export const DEFAULT_IMAGE_SIDE = 512;
export const DEFAULT_AUDIO_SECONDS = 2;
export const MAX_AUDIO_SECONDS = 60;
/** Cap on the emulator-only `bytes` field, so a typo cannot ask for a terabyte. */
export const MAX_RESULT_BYTES = 1024 * 1024 * 1024;

export interface GenerationRequest {
  type: MediaType;
  model: string;
  prompt: string;
  width: number;
  height: number;
  durationSeconds: number;
  /** Minimum result size (padding), from the emulator-only `bytes` field. */
  bytes: number;
}

export type Parsed = { ok: true; request: GenerationRequest } | { ok: false; message: string };

const MEDIA_TYPES: readonly MediaType[] = ["image", "video", "audio"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keys sorted at every level, so the same body in another order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function bodyHashOf(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

/**
 * Validate a create body. Params are the fields besides type, model and prompt — at the top level
 * as the contract has them, or in a nested `params` object, which some clients send.
 */
export function parseGenerationRequest(body: unknown): Parsed {
  if (!isRecord(body)) return { ok: false, message: "The body must be a JSON object." };
  const { type, model, prompt } = body;
  if (typeof type !== "string" || !MEDIA_TYPES.includes(type as MediaType)) {
    return { ok: false, message: `"type" must be one of ${MEDIA_TYPES.join(", ")}.` };
  }
  if (typeof model !== "string" || model.trim() === "") {
    return { ok: false, message: `"model" must be a non-empty string.` };
  }
  if (typeof prompt !== "string" || prompt.trim() === "") {
    return { ok: false, message: `"prompt" must be a non-empty string.` };
  }
  const nested = isRecord(body.params) ? body.params : {};
  const param = (name: string): unknown => body[name] ?? nested[name];
  const width = integerParam("width", param("width"), 1, MAX_IMAGE_SIDE, DEFAULT_IMAGE_SIDE);
  const height = integerParam("height", param("height"), 1, MAX_IMAGE_SIDE, DEFAULT_IMAGE_SIDE);
  const bytes = integerParam("bytes", param("bytes"), 0, MAX_RESULT_BYTES, 0);
  for (const result of [width, height, bytes]) if (typeof result === "string") return fail(result);
  const duration = param("duration") ?? DEFAULT_AUDIO_SECONDS;
  if (typeof duration !== "number" || !(duration > 0) || duration > MAX_AUDIO_SECONDS) {
    return fail(`"duration" must be a number of seconds in (0, ${MAX_AUDIO_SECONDS}].`);
  }
  return {
    ok: true,
    request: {
      type: type as MediaType,
      model,
      prompt,
      width: width as number,
      height: height as number,
      durationSeconds: duration,
      bytes: bytes as number,
    },
  };
}

function fail(message: string): Parsed {
  return { ok: false, message };
}

/** The value, or an error message. */
function integerParam(
  name: string,
  value: unknown,
  min: number,
  max: number,
  fallback: number,
): number | string {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    return `"${name}" must be an integer from ${min} to ${max}.`;
  }
  return value;
}
