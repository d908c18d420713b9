/**
 * The asset hash: SHA-256 over a canonical form of the request the API will receive, so that two
 * manifests asking for the same thing hash the same whatever their key order or YAML style, and
 * any change to what is sent changes the hash. The output path is deliberately not part of it:
 * moving an output is not a re-render.
 *
 * The hash and the POST body come from one function (`requestBodyJson`), so they cannot drift:
 * the bytes hashed are the bytes a render sends, after a format-version line.
 */
import { hash as oneShotHash } from "node:crypto";
import { ManifestError } from "../manifest/errors.js";
import type { ManifestProblem } from "../manifest/errors.js";
import { RESERVED_PARAMS } from "../manifest/schema.js";
import type { Asset, JsonValue } from "../manifest/types.js";
import type { LockEntry } from "../state/lock-types.js";
import type { RequestField } from "./types.js";

/** Bump when the canonical form changes: every asset then plans as `changed`, on purpose. */
export const HASH_FORMAT = "agentframer-asset-v1";
const PREFIX = `${HASH_FORMAT}\n`;

/** Hex digits kept of each per-field hash: enough to tell fields apart, short enough to diff. */
const FIELD_HASH_LENGTH = 16;

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit at every depth (Array#sort's default
 * order), no whitespace, numbers as JSON.stringify writes them (so -0 becomes 0). Non-finite
 * numbers have no JSON form and would otherwise collide with `null`, so they are refused.
 */
export function canonicalJson(value: JsonValue): string {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
      return JSON.stringify(value);
  }
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  let out = "";
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    if (member === undefined) continue;
    out += `${out === "" ? "" : ","}${quoteKey(key)}:${canonicalJson(member)}`;
  }
  return `{${out}}`;
}

/** Param names repeat across every asset; quoting each once saves a JSON.stringify per key. */
const quotedKeys = new Map<string, string>();
function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * The loader refuses these already; checked again here because a param named like a body field
 * would silently override it, and hashing must never cover a request other than the one sent.
 */
function checkParams(asset: Asset): void {
  const reserved = RESERVED_PARAMS.filter((key) => Object.hasOwn(asset.params, key));
  if (reserved.length > 0) {
    throw new ManifestError([
      {
        ...asset.source,
        message: `asset "${asset.id}": params may not set ${reserved.join(", ")}; set it on the asset itself`,
      },
    ]);
  }
}

/**
 * The POST /generations body, {type, model, prompt, ...params}, as canonical JSON: the one
 * function both the hash and the request come from. Send these exact bytes, so a retry with the
 * same idempotency key carries a byte-identical body. Serialised straight from the asset (no
 * merged object in between): plan hashes tens of thousands of these.
 */
export function requestBodyJson(asset: Asset): string {
  // The rows of one `each:` share one frozen params object (and type and model): everything but
  // the prompt is then serialised once, not once per row.
  const shared = sharedParts(asset);
  if (shared !== undefined) return shared.head + JSON.stringify(asset.prompt) + shared.tail;
  return fullBodyJson(asset);
}

function fullBodyJson(asset: Asset): string {
  checkParams(asset);
  const { params } = asset;
  const keys = Object.keys(params);
  keys.push("model", "prompt", "type");
  keys.sort();
  let out = "";
  try {
    for (const key of keys) {
      const value =
        key === "type"
          ? asset.type
          : key === "model"
            ? asset.model
            : key === "prompt"
              ? asset.prompt
              : params[key];
      if (value === undefined) continue;
      out += `${out === "" ? "" : ","}${quoteKey(key)}:${canonicalJson(value)}`;
    }
  } catch (error) {
    throw new ManifestError([
      { ...asset.source, message: `asset "${asset.id}": ${(error as Error).message} in params` },
    ]);
  }
  return `{${out}}`;
}

/** The body around the prompt, for one params object with one type and model. */
interface SharedParts {
  type: string;
  model: string;
  /** Everything up to and including `"prompt":`. */
  head: string;
  /** Everything after the prompt's value, including the closing brace. */
  tail: string;
}

/** Only deeply frozen params are cached: a mutable object could change under its cached bytes. */
const sharedByParams = new WeakMap<object, SharedParts | null>();

function sharedParts(asset: Asset): SharedParts | undefined {
  const { params, type, model, prompt } = asset;
  if (typeof prompt !== "string") return undefined;
  const cached = sharedByParams.get(params);
  if (cached === null) return undefined;
  if (cached !== undefined && cached.type === type && cached.model === model) return cached;
  if (!isDeepFrozen(params)) {
    sharedByParams.set(params, null);
    return undefined;
  }
  let parts: SharedParts;
  try {
    checkParams(asset);
    parts = { type, model, ...membersAroundPrompt(asset) };
  } catch {
    // A reserved or non-finite param: the full path reports it, for this asset.
    return undefined;
  }
  sharedByParams.set(params, parts);
  return parts;
}

/** The body's members in fullBodyJson's order and form, split where the prompt's value goes. */
function membersAroundPrompt(asset: Asset): { head: string; tail: string } {
  const { params } = asset;
  const keys = Object.keys(params);
  keys.push("model", "prompt", "type");
  keys.sort();
  let head = "";
  let tail = "";
  let afterPrompt = false;
  for (const key of keys) {
    if (key === "prompt") {
      head += `${head === "" ? "" : ","}${quoteKey(key)}:`;
      afterPrompt = true;
      continue;
    }
    const value = key === "type" ? asset.type : key === "model" ? asset.model : params[key];
    if (value === undefined) continue;
    const member = `${quoteKey(key)}:${canonicalJson(value)}`;
    if (afterPrompt) tail += `,${member}`;
    else head += `${head === "" ? "" : ","}${member}`;
  }
  return { head: `{${head}`, tail: `${tail}}` };
}

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (!Object.isFrozen(value)) return false;
  return Object.values(value).every(isDeepFrozen);
}

/** The POST /generations body as an object, parsed back from `requestBodyJson`. */
export function requestBody(asset: Asset): Record<string, JsonValue> {
  return JSON.parse(requestBodyJson(asset)) as Record<string, JsonValue>;
}

function sha256Hex(text: string): string {
  return oneShotHash("sha256", text, "hex");
}

/** The asset hash (64 hex digits) recorded in the lockfile and used as the cache key. */
export function assetHash(asset: Asset): string {
  return sha256Hex(PREFIX + requestBodyJson(asset));
}

/**
 * Hash every asset, reporting every asset whose request cannot be sent (a reserved or
 * non-finite param) at once, as the manifest's other problems are.
 */
export function hashAssets(assets: readonly Asset[]): string[] {
  const problems: ManifestProblem[] = [];
  const hashes = assets.map((asset) => {
    try {
      return assetHash(asset);
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      problems.push(...error.problems);
      return "";
    }
  });
  if (problems.length > 0) throw new ManifestError(problems);
  return hashes;
}

/** Short per-field hashes, kept in the lockfile so `plan` can say which field changed. */
export function fieldHashes(asset: Asset): LockEntry["fields"] {
  return {
    type: sharedFieldHash("type", asset.type),
    model: sharedFieldHash("model", asset.model),
    prompt: fieldHash("prompt", asset.prompt),
    params: sharedFieldHash("params", asset.params),
  };
}

function fieldHash(field: RequestField, value: JsonValue): string {
  // The digest's first bytes as hex, not a slice of the 64-digit string: a slice would keep the
  // whole string alive in every lock entry a render holds.
  return oneShotHash("sha256", `${PREFIX}${field}\n${canonicalJson(value)}`, "buffer").toString(
    "hex",
    0,
    FIELD_HASH_LENGTH / 2,
  );
}

/** Recent field hashes by field and value: the type, model and params most assets share. */
const recentFieldHashes = new Map<string, string>();
const RECENT_FIELD_HASHES = 256;

/**
 * A field whose value most assets share (50,000 rows of one CSV have one type, model and params):
 * hashed once, and one string held by every lock entry instead of one each.
 */
function sharedFieldHash(field: RequestField, value: JsonValue): string {
  const key = `${field}\n${canonicalJson(value)}`;
  let hash = recentFieldHashes.get(key);
  if (hash === undefined) {
    if (recentFieldHashes.size >= RECENT_FIELD_HASHES) recentFieldHashes.clear();
    hash = fieldHash(field, value);
    recentFieldHashes.set(key, hash);
  }
  return hash;
}

const REQUEST_FIELDS: readonly RequestField[] = ["type", "model", "prompt", "params"];

/** Which request fields differ between two sets of per-field hashes, in a fixed order. */
export function changedFields(
  now: LockEntry["fields"],
  locked: Partial<LockEntry["fields"]>,
): RequestField[] {
  return REQUEST_FIELDS.filter((field) => now[field] !== locked[field]);
}
