/**
 * The emulator's clock: the real clock plus an offset that tests can push forward, so that a 24 h
 * key expiry or a 10 min URL expiry can be tested without waiting.
 */
export class Clock {
  #offset = 0;

  now(): number {
    return Date.now() + this.#offset;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`The clock only moves forward (got ${ms} ms).`);
    this.#offset += ms;
  }
}
