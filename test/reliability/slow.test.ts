/**
 * Issue 5, item 8: slow and black-holed connections. Timeouts fire, every job ends with a result,
 * requests in flight never outnumber --concurrency (counted by the dispatcher itself, so nothing
 * the scheduler says about itself is taken on trust), and a re-run finishes the jobs already paid
 * for. That a real process then exits by itself is tested in kill.test.ts, against the compiled CLI.
 */
import { afterEach, describe, expect, it } from "vitest";
import { someAssets } from "../support/render-repo.js";
import { recordingSleep } from "../support/recording-sleep.js";
import type { Bench } from "../support/reliability/setup.js";
import { bench, watchedDispatcher } from "../support/reliability/setup.js";

let b: Bench | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

describe("slow answers", () => {
  it("every asset renders and requests in flight never exceed the concurrency limit", async () => {
    b = await bench(someAssets(9), { faults: { slowMs: 120 } });
    const watched = watchedDispatcher();
    const result = await b.run({ concurrency: 3 }, { createDispatcher: watched.createDispatcher });
    expect(result.counts).toMatchObject({ rendered: 9, failed: 0 });
    expect(watched.peak()).toBeGreaterThanOrEqual(2);
    expect(watched.peak()).toBeLessThanOrEqual(3);
    await b.check();
  });
});

describe("black holes: connections accepted, never answered", () => {
  it("on the API: every create times out, attempts are bounded, each asset fails saying so; the re-run completes", async () => {
    b = await bench(someAssets(2), { faults: { blackHole: "api" } });
    const watched = watchedDispatcher();
    const first = await b.run(
      { concurrency: 2 },
      {
        createDispatcher: watched.createDispatcher,
        requestTimeoutMs: 150,
        sleep: recordingSleep().sleep,
      },
    );
    for (const a of first.assets) {
      expect(a.status).toBe("failed");
      expect(a.error).toMatch(
        /kept failing after 6 attempts \(last: no answer before the timeout \(UND_ERR_HEADERS_TIMEOUT\)\)/,
      );
    }
    expect(watched.peak()).toBeLessThanOrEqual(2);
    expect(b.emulator.ledger.jobs()).toEqual([]);
    await b.check({ failed: Object.fromEntries(first.assets.map((a) => [a.id, /timeout/i])) });

    b.emulator.setFaults({ blackHole: false });
    const second = await b.run();
    expect(second.counts).toMatchObject({ rendered: 2, failed: 0 });
    await b.check();
  });

  it("on the results origin: downloads time out and fail; the re-run downloads the same jobs", async () => {
    b = await bench(someAssets(2), { faults: { blackHole: "results" } });
    const watched = watchedDispatcher();
    const first = await b.run(
      { concurrency: 2 },
      {
        createDispatcher: watched.createDispatcher,
        requestTimeoutMs: 150,
        sleep: recordingSleep().sleep,
      },
    );
    for (const a of first.assets) {
      expect(a.status).toBe("failed");
      expect(a.error).toMatch(
        /download failed: http:\/\/127\.0\.0\.1:\d+\/files\/\S+: no answer before the timeout/,
      );
    }
    expect(watched.peak()).toBeLessThanOrEqual(2);
    await b.check({
      failed: Object.fromEntries(first.assets.map((a) => [a.id, /download failed/])),
    });

    b.emulator.setFaults({ blackHole: false });
    const second = await b.run();
    expect(second.counts).toMatchObject({ rendered: 2, failed: 0 });
    const { jobs } = await b.check();
    expect(jobs).toHaveLength(2);
  });
});
