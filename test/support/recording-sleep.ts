/**
 * A `sleep` for tests that records every wait it was asked for and returns at once (on the next
 * turn of the event loop), so retry and poll schedules can be asserted without real time passing.
 * `advance`, if given, is told each wait so a fake clock can move with it.
 */
import type { Sleep } from "../../src/net/retry.js";

export interface RecordingSleep {
  sleep: Sleep;
  waits: number[];
}

export function recordingSleep(advance?: (ms: number) => void): RecordingSleep {
  const waits: number[] = [];
  const sleep: Sleep = async (ms, signal) => {
    signal?.throwIfAborted();
    waits.push(ms);
    advance?.(ms);
    await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  };
  return { sleep, waits };
}
