/**
 * The Idempotency-Key format. Deterministic on purpose: a retried POST, a re-run after a crash,
 * and two CI runs of the same commit all send the same key and so get the same job (the server
 * keeps keys about 24 hours), while a changed request hashes to a new key.
 *
 *   af1-<assetHash>            a normal render
 *   af1-<assetHash>-<nonce>    a `--force` render: a new key, so a new job
 *
 * `af1` versions the format; change it only with a migration note, because a new format means
 * every in-flight job is submitted again.
 */

import { randomBytes } from "node:crypto";

const KEY_FORMAT_VERSION = "af1";

/**
 * The key for an asset. A forced render passes a fresh nonce (`newKeyNonce`), which the caller
 * must journal before the POST so that resuming the forced render reuses it.
 */
export function idempotencyKey(assetHash: string, nonce?: string): string {
  const parts = nonce ? [KEY_FORMAT_VERSION, assetHash, nonce] : [KEY_FORMAT_VERSION, assetHash];
  const key = parts.join("-");
  if (!/^[\w.:-]{1,255}$/.test(key)) {
    throw new TypeError("asset hash and nonce must be short URL-safe strings");
  }
  return key;
}

/** A fresh nonce for `--force`: 16 random hex digits. */
export function newKeyNonce(): string {
  return randomBytes(8).toString("hex");
}
