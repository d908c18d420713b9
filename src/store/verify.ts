import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { sniff, SNIFF_BYTES } from "../render/download/media-sniff.js";
import type { StoreRecord } from "./store.js";
import { parseJsonObject } from "../util/json-object.js";

export type VerifyVerdict = { ok: true } | { ok: false; why: string };

/**
 * Are the bytes in `file` the ones the record describes: same size, same SHA-256, and opening as
 * the record's type and format? Every entry read from a store (or the local cache) passes here
 * before it may reach an output path.
 */
export async function verifyStoredBytes(
  file: string,
  record: Pick<StoreRecord, "sha256" | "size" | "type" | "extension">,
): Promise<VerifyVerdict> {
  const hash = createHash("sha256");
  let size = 0;
  let head = Buffer.alloc(0);
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    if (head.length < SNIFF_BYTES) head = Buffer.concat([head, bytes.subarray(0, SNIFF_BYTES)]);
    hash.update(bytes);
    size += bytes.length;
  }
  if (size !== record.size)
    return { ok: false, why: `${size} bytes where the record says ${record.size}` };
  if (hash.digest("hex") !== record.sha256)
    return { ok: false, why: "its bytes do not match their SHA-256" };
  const verdict = sniff(head.subarray(0, SNIFF_BYTES), record.type, record.extension);
  if (!verdict.ok)
    return { ok: false, why: `expected ${verdict.expected}, found ${verdict.found}` };
  return { ok: true };
}

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
  return { hash, sha256, size, type, extension, model, generation, created };
}

/** The record as the store keeps it: keys in a fixed order, one line. */
export function serializeStoreRecord(record: StoreRecord): string {
  const { hash, sha256, size, type, extension, model, generation, created } = record;
  return `${JSON.stringify({ hash, sha256, size, type, extension, model, generation, created })}\n`;
}
