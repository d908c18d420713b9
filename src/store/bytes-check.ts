/**
 * The one check every stored entry's bytes pass, fed as they stream in: size, SHA-256 and the
 * type's magic bytes against the record. It keeps no more than the first few bytes, so a backend
 * can check what it writes while it writes it, and stop as soon as there is more than the record
 * says (a running limit: nothing past `record.size` is ever accepted).
 */
import { createHash, type Hash } from "node:crypto";
import { sniff, SNIFF_BYTES } from "../render/download/media-sniff.js";
import type { StoreRecord } from "./store.js";

export type VerifyVerdict = { ok: true } | { ok: false; why: string };

export class BytesCheck {
  private readonly hash: Hash = createHash("sha256");
  private head = Buffer.alloc(0);
  /** Bytes seen so far. */
  size = 0;

  constructor(readonly record: Pick<StoreRecord, "sha256" | "size" | "type" | "extension">) {}

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
