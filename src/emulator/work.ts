import { promisify } from "node:util";
import { deflate, deflateSync } from "node:zlib";

/**
 * Media generation is written once as a generator of steps and run two ways: synchronously (the
 * ledger's hashes, tests) or sliced across event-loop turns with deflate on libuv's thread pool
 * (downloads), so a 4096×4096 image never stalls the answers to held status requests.
 */
export type Step = { pause: true } | { deflate: Buffer };
export type Work<T> = Generator<Step, T, Buffer | undefined>;

export const PAUSE: Step = { pause: true };
/** Deflate level 1: the emulator's event loop matters more than a few kilobytes. */
const DEFLATE = { level: 1 };
const deflateAsync = promisify(deflate);

export function runSync<T>(work: Work<T>): T {
  let input: Buffer | undefined;
  for (;;) {
    const step = work.next(input);
    if (step.done === true) return step.value;
    input = "deflate" in step.value ? deflateSync(step.value.deflate, DEFLATE) : undefined;
  }
}

export async function runAsync<T>(work: Work<T>): Promise<T> {
  let input: Buffer | undefined;
  for (;;) {
    const step = work.next(input);
    if (step.done === true) return step.value;
    if ("deflate" in step.value) {
      input = await deflateAsync(step.value.deflate, DEFLATE);
    } else {
      input = undefined;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
