interface Sleep {
  timer: NodeJS.Timeout;
  resolve: () => void;
}

/**
 * Every wait the emulator makes (slow answers, held `Prefer: wait` requests) goes through here, so
 * moving the clock can wake them early and `close()` can end them all and leave no timer behind.
 */
export class Sleeper {
  readonly #pending = new Set<Sleep>();
  #closed = false;

  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves after `ms`, or earlier on `wakeAll()`, `close()` or `signal`'s abort. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.#closed || signal?.aborted === true || !(ms > 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(sleep.timer);
        this.#pending.delete(sleep);
        signal?.removeEventListener("abort", finish);
        resolve();
      };
      const sleep: Sleep = { timer: setTimeout(finish, ms), resolve: finish };
      this.#pending.add(sleep);
      signal?.addEventListener("abort", finish, { once: true });
    });
  }

  wakeAll(): void {
    for (const sleep of [...this.#pending]) sleep.resolve();
  }

  close(): void {
    this.#closed = true;
    this.wakeAll();
  }
}
