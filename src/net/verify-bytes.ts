/**
 * The one check every stored entry's bytes pass (a store's, or the local cache's): size, SHA-256
 * and the type's magic bytes against what the record says. It can be fed as bytes stream in, so
 * that a backend checks what it writes while it writes it and stops as soon as more bytes come
 * than the record says (a running limit: nothing past `size` is ever accepted).
 */
import { createHash, type Hash } from "node:crypto";
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

export class BytesCheck {
  private readonly hash: Hash = createHash("sha256");
  private head = Buffer.alloc(0);
  /** Bytes seen so far. */
  size = 0;

  constructor(readonly record: ExpectedBytes) {}

  /** False once more bytes have come than the record says: the caller stops reading. */
  update(bytes: Buffer): boolean {
    if (this.head.length < SNIFF_BYTES)
      this.head = Buffer.concat([this.head, bytes.subarray(0, SNIFF_BYTES - this.head.length)]);
    this.hash.update(bytes);
    this.size += bytes.length;
    return this.size <= this.record.size;
  }

  /** The verdict once every byte has been fed. */
  verdict(): VerifyVerdict {
    const { record } = this;
    if (this.size !== record.size)
      return { ok: false, why: `${this.size} bytes where the record says ${record.size}` };
    if (this.hash.digest("hex") !== record.sha256)
      return { ok: false, why: "its bytes do not match their SHA-256" };
    const verdict = sniff(this.head, record.type, record.extension);
    if (!verdict.ok)
      return { ok: false, why: `expected ${verdict.expected}, found ${verdict.found}` };
    return { ok: true };
  }
}

/**
 * Are the bytes in `file` the ones the record describes? Every entry read from a store (or the
 * local cache) passes here, or through a BytesCheck as it streams, before it may reach an output.
 */
export async function verifyStoredBytes(
  file: string,
  record: ExpectedBytes,
): Promise<VerifyVerdict> {
  const check = new BytesCheck(record);
  for await (const chunk of createReadStream(file)) check.update(chunk as Buffer);
  return check.verdict();
}
