import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { sniff, SNIFF_BYTES, type MediaType } from "./media-sniff.js";

/** What a file's bytes must be: a store record's or a cache meta's description of them. */
export interface ExpectedBytes {
  sha256: string;
  size: number;
  type: MediaType;
  extension: string;
}

export type VerifyVerdict = { ok: true } | { ok: false; why: string };

/**
 * Are the bytes in `file` the ones the record describes: same size, same SHA-256, and opening as
 * the record's type and format? Every entry read from a store (or the local cache) passes here
 * before it may reach an output path.
 */
export async function verifyStoredBytes(
  file: string,
  record: ExpectedBytes,
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
