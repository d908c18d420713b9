import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runPool } from "./pool.js";

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("runPool", () => {
  it("never runs more than the limit at once, under any interleaving, and loses no item", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        async (delays, limit) => {
          let running = 0;
          let peak = 0;
          const done: number[] = [];
          const items = delays.map((delay, index) => ({ delay, index }));
          await runPool(items, limit, async ({ delay, index }) => {
            running += 1;
            peak = Math.max(peak, running);
            await tick(delay);
            running -= 1;
            done.push(index);
          });
          expect(peak).toBeLessThanOrEqual(limit);
          expect(done.sort((a, b) => a - b)).toEqual(items.map((i) => i.index));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("uses the whole limit when there is work for it", async () => {
    let running = 0;
    let peak = 0;
    await runPool([1, 2, 3, 4, 5, 6, 7, 8], 3, async () => {
      running += 1;
      peak = Math.max(peak, running);
      await tick(5);
      running -= 1;
    });
    expect(peak).toBe(3);
  });

  it("stops starting new items when told, lets the running ones finish, and hands back the rest", async () => {
    let stop = false;
    const finished: number[] = [];
    const outcome = await runPool(
      [0, 1, 2, 3, 4, 5],
      2,
      async (item) => {
        if (item === 1) stop = true;
        await tick(5);
        finished.push(item);
      },
      () => !stop,
    );
    expect(finished.sort()).toEqual([0, 1]);
    expect(outcome.notStarted).toEqual([2, 3, 4, 5]);
  });

  it("rethrows a worker's error only after the items in flight have settled", async () => {
    const finished: number[] = [];
    const run = runPool([0, 1, 2], 3, async (item) => {
      if (item === 0) throw new Error("boom");
      await tick(10);
      finished.push(item);
    });
    await expect(run).rejects.toThrow("boom");
    expect(finished.sort()).toEqual([1, 2]);
  });

  it("refuses a limit below one", async () => {
    await expect(runPool([1], 0, async () => {})).rejects.toThrow(RangeError);
  });
});
