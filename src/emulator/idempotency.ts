import type { Clock } from "./clock.js";

export type StoredOutcome =
  { kind: "job"; jobId: string } | { kind: "error"; httpStatus: number; message: string };

export type KeyEntry =
  | { state: "processing"; bodyHash: string; firstSeenAt: number }
  | { state: "done"; bodyHash: string; firstSeenAt: number; outcome: StoredOutcome };

/**
 * Idempotency keys, as Stripe and the IETF draft describe them: a key is reserved while its first
 * request is processed (a second request then gets 409), then remembers that request's body hash
 * and outcome until it expires, `ttlMs` after first use on the emulator clock.
 */
export class IdempotencyStore {
  readonly #entries = new Map<string, KeyEntry>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  lookup(key: string): KeyEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry !== undefined && this.clock.now() - entry.firstSeenAt >= this.ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  reserve(key: string, bodyHash: string): void {
    this.#entries.set(key, { state: "processing", bodyHash, firstSeenAt: this.clock.now() });
  }

  complete(key: string, outcome: StoredOutcome): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) throw new Error(`Idempotency key ${key} was not reserved.`);
    this.#entries.set(key, { ...entry, state: "done", outcome });
  }
}
