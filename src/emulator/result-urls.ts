import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Clock } from "./clock.js";
import type { Job } from "./jobs.js";

export type UrlCheck = "ok" | "expired" | "bad-token";

/**
 * Signed result URLs, the way CDNs sign them: an unguessable path plus `expires` and an HMAC
 * `token` over both, with a key that lives only as long as the emulator.
 */
export class ResultUrls {
  /** Set once the results server listens. */
  origin = "";
  readonly #key = randomBytes(32);

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  static pathFor(job: Job, extension: string): string {
    return `/files/${job.secret}/${job.id}.${extension}`;
  }

  mint(job: Job, extension: string): { url: string; expiresAt: number } {
    const path = ResultUrls.pathFor(job, extension);
    const expiresAt = this.clock.now() + this.ttlMs;
    const query = new URLSearchParams({
      expires: String(expiresAt),
      token: this.#sign(path, expiresAt),
    });
    return { url: `${this.origin}${path}?${query.toString()}`, expiresAt };
  }

  check(path: string, expires: string | null, token: string | null): UrlCheck {
    const expiresAt = Number(expires);
    if (expires === null || token === null || !Number.isSafeInteger(expiresAt)) return "bad-token";
    const expected = Buffer.from(this.#sign(path, expiresAt));
    const given = Buffer.from(token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "bad-token";
    return this.clock.now() > expiresAt ? "expired" : "ok";
  }

  #sign(path: string, expiresAt: number): string {
    return createHmac("sha256", this.#key).update(`${path}\n${expiresAt}`).digest("base64url");
  }
}
