import type { StoreRecord } from "./store.js";
import { parseJsonObject } from "../util/json-object.js";
import { parseDuration, parseStorePreview } from "./preview.js";

export { verifyStoredBytes, type VerifyVerdict } from "../net/verify-bytes.js";

const SHA256 = /^[0-9a-f]{64}$/;
const HASH = /^[0-9a-f]{16,128}$/;
const EXTENSION = /^[a-z0-9]{1,8}$/;
/**
 * The record's free-text fields were written by whoever can write the store, and they reach logs,
 * the lock and the PR comment: one line each, short, no control characters (no line break that
 * could start a workflow command, no terminal escape).
 */
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const TEXT = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]{0,200}$/;

/** A record read from a store, or undefined when any field is missing or out of shape. */
export function parseStoreRecord(text: string): StoreRecord | undefined {
  const r = parseJsonObject(text);
  if (!r) return undefined;
  const str = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : undefined);
  const [hash, sha256, type, extension, model, generation, created] = [
    str("hash"),
    str("sha256"),
    str("type"),
    str("extension"),
    str("model"),
    str("generation"),
    str("created"),
  ];
  const size = r.size;
  if (!hash || !HASH.test(hash) || !sha256 || !SHA256.test(sha256)) return undefined;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) return undefined;
  if (type !== "image" && type !== "video" && type !== "audio") return undefined;
  if (!extension || !EXTENSION.test(extension)) return undefined;
  if (model === undefined || generation === undefined || created === undefined) return undefined;
  if (!TEXT.test(model) || !TEXT.test(generation) || !TEXT.test(created)) return undefined;
  // Optional, and dropped (not the record) when out of shape: an entry without them still restores.
  const preview = parseStorePreview(r.preview);
  const durationSeconds = parseDuration(r.durationSeconds);
  return {
    hash,
    sha256,
    size,
    type,
    extension,
    model,
    generation,
    created,
    ...(preview ? { preview } : {}),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
  };
}

/** The record as the store keeps it: keys in a fixed order, one line. */
export function serializeStoreRecord(record: StoreRecord): string {
  const { hash, sha256, size, type, extension, model, generation, created } = record;
  const { preview, durationSeconds } = record;
  return `${JSON.stringify({
    hash,
    sha256,
    size,
    type,
    extension,
    model,
    generation,
    created,
    ...(preview
      ? {
          preview: {
            format: preview.format,
            sha256: preview.sha256,
            size: preview.size,
            width: preview.width,
            height: preview.height,
          },
        }
      : {}),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
  })}\n`;
}
