import type { LockedVariants } from "./lock-variants.js";

/** One asset's record in `agentframer.lock`. No secrets, nothing machine-specific. */
export interface LockEntry {
  /** The asset hash (see plan/hash.ts) of the request that produced the output. */
  hash: string;
  /** Short hashes of each request field, so `plan` can say which field changed. */
  fields: { type: string; model: string; prompt: string; params: string };
  /** Output path relative to the manifest folder, forward slashes. */
  output: string;
  /** SHA-256 (hex) of the output bytes. */
  sha256: string;
  size: number;
  /** The AgentFramer generation id that produced the bytes. */
  generation: string;
  /** ISO-8601 UTC time the output was written. */
  renderedAt: string;
  /** The web variants derived from this output (see lock-variants.ts); absent when none were. */
  variants?: LockedVariants;
}

export interface Lockfile {
  version: 1;
  assets: Record<string, LockEntry>;
}
