import type { Emulator } from "../../src/emulator/types.js";

/**
 * Runs the emulator's clock fast: every `everyMs` of real time it moves `stepMs` forward, which
 * ends the jobs due by then and answers the status requests held for them (see `advanceClock`).
 * For the part of a test that needs its jobs finished, not watched in flight (a re-run after a
 * kill), so the test waits milliseconds for what the jobs' real-looking durations would take
 * seconds to reach. Returns the function that stops it.
 */
export function fastForward(emulator: Emulator, stepMs = 1_000, everyMs = 20): () => void {
  const timer = setInterval(() => emulator.advanceClock(stepMs), everyMs);
  return () => clearInterval(timer);
}
