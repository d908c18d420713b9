/**
 * Issue 5, item 7: jobs that never end, are canceled, fail halfway or sit in a status nobody
 * knows. Each ends by its deadline (or at once) with its reason, the slot it held goes to the
 * next asset, and nothing is submitted again unless the user asks with --force.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { LedgerJob } from "../../src/emulator/types.js";
import { someAssets } from "../support/render-repo.js";
import type { Bench } from "../support/reliability/setup.js";
import { bench } from "../support/reliability/setup.js";

let b: Bench | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

/** What the asset's failure must say, given how its job ended on the server. */
const REASON: Record<LedgerJob["status"], RegExp | undefined> = {
  running: /did not finish within \d+ s \(last status: running\); a later run picks it up again/,
  queued: /did not finish within/,
  failed: /generation \S+ failed: /,
  canceled: /was canceled on the server; re-run with --force/,
  quarantined: /stayed in status "quarantined", which this tool does not know/,
  succeeded: undefined,
};

describe("jobs that do not succeed", () => {
  it("each ends with its reason by the deadline, slots are released, and a re-run submits nothing new", async () => {
    const assets = someAssets(10);
    b = await bench(assets, {
      seed: 1,
      faults: { neverFinish: 0.2, cancelJob: 0.2, failJob: 0.2, unknownStatus: 0.2 },
    });
    // Two lanes for ten assets: the rest can only render if stuck jobs give their slot back.
    const deps = { jobDeadlineMs: 1200 };
    const first = await b.run({ concurrency: 2 }, deps);
    const jobs = new Map(b.emulator.ledger.jobs().map((j) => [j.key, j]));
    expect(jobs.size).toBe(10);
    const failed: Record<string, RegExp> = {};
    for (const asset of first.assets) {
      const job = [...jobs.values()].find((j) => j.id === asset.generation);
      expect(job, asset.id).toBeDefined();
      const reason = REASON[job?.status ?? "succeeded"];
      if (reason) {
        failed[asset.id] = reason;
        expect(asset.status, asset.id).toBe("failed");
        expect(asset.error, asset.id).toMatch(reason);
      } else {
        expect(asset.status, `${asset.id}: ${asset.error}`).toBe("rendered");
      }
    }
    // The seeded dice gave every kind of ending at least once.
    const endings = new Set([...jobs.values()].map((j) => j.status));
    expect([...endings].sort()).toEqual([
      "canceled",
      "failed",
      "quarantined",
      "running",
      "succeeded",
    ]);
    await b.check({ failed });

    // Again: the stuck jobs are polled again (same generation); the ended ones are asked for with
    // the same key and the server answers with the same job. No job is created.
    const second = await b.run({ concurrency: 2 }, deps);
    expect(b.emulator.ledger.jobs()).toHaveLength(10);
    for (const asset of second.assets) {
      if (failed[asset.id]) expect(asset.error).toMatch(failed[asset.id] as RegExp);
    }
    await b.check({ failed });
  });

  it("--force on a canceled asset is the user asking: one new job for it, none for the rest", async () => {
    b = await bench(someAssets(3), { faults: { cancelJob: 1 } });
    const first = await b.run({}, { jobDeadlineMs: 1500 });
    expect(first.counts.failed).toBe(3);
    b.emulator.setFaults({ cancelJob: 0 });
    const forced = await b.run({ force: true, only: ["asset-1"] });
    expect(forced.assets.find((a) => a.id === "asset-1")?.status).toBe("rendered");
    expect(b.emulator.ledger.jobs()).toHaveLength(4);
    await b.check({
      forced: ["asset-1"],
      excluded: ["asset-0", "asset-2"],
    });
  });
});
