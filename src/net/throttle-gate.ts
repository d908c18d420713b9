/**
 * How many requests to one API may be under way at once, learnt from its "429 Too Many Requests"
 * answers the way TCP learns its window (additive increase, multiplicative decrease): no limit
 * until the first 429; then each 429 halves the limit (never below one), each success adds
 * 1/limit, and a limit grown back to `ceiling` is lifted again. A request keeps its place through
 * its retry waits, so a run's lanes slow down together to what the server allows. Without it, a
 * run of 8 lanes against a server allowing 3 requests a second came back 8 at a time after every
 * "Retry-After: 1", was refused again, and failed every asset.
 */
export class ThrottleGate {
  #limit = Number.POSITIVE_INFINITY;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(private readonly ceiling = 64) {}

  /** The current limit (Infinity: none), for tests and logs. */
  get limit(): number {
    return this.#limit;
  }

  /** Waits for a place; the returned function gives it back (call it once, in a `finally`). */
  async enter(signal?: AbortSignal): Promise<() => void> {
    while (this.#active >= Math.floor(this.#limit)) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          const at = this.#waiting.indexOf(wake);
          if (at >= 0) this.#waiting.splice(at, 1);
          reject(signal?.reason as Error);
        };
        const wake = (): void => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        this.#waiting.push(wake);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    }
    this.#active += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#active -= 1;
      this.#wake();
    };
  }

  /** The server said "too many requests": halve what may be under way. */
  throttled(): void {
    this.#limit = Math.max(1, Math.floor(Math.min(this.#limit, this.#active) / 2));
  }

  /** An answer that was not a 429: allow a little more. */
  succeeded(): void {
    if (!Number.isFinite(this.#limit)) return;
    this.#limit += 1 / this.#limit;
    if (this.#limit >= this.ceiling) this.#limit = Number.POSITIVE_INFINITY;
    this.#wake();
  }

  #wake(): void {
    let free = Math.floor(this.#limit) - this.#active;
    while (free > 0 && this.#waiting.length > 0) {
      this.#waiting.shift()?.();
      free -= 1;
    }
  }
}
