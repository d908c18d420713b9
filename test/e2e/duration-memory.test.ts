/**
 * `.agentframer/cache/durations.json` between two renders against an emulator that ignores
 * `Prefer: wait`, so the poller runs on the learnt schedule. Time is virtual: each wait moves the
 * emulator's clock and the render's together and returns at once, so jobs of tens of seconds cost
 * nothing and every look lands at the age the model planned. One job at a time keeps that exact
 * (concurrent waits would each move the clock).
 */
import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { render } from "../../src/render/render.js";
import type { RenderDeps } from "../../src/render/render.js";
import { recordingSleep } from "../support/recording-sleep.js";
import { recordingReporter, someAssets, TEST_KEY, TestRepo } from "../support/render-repo.js";

const KIND = "image/flux-1.1-pro";
const DURATIONS = ".agentframer/cache/durations.json";
/** Well past the cold floor for images (3 s): a cold job is looked at many times before its end. */
const SLOW = { image: { minMs: 20_000, maxMs: 24_000 } };

let emulator: Emulator;
let repo: TestRepo;

beforeEach(async () => {
  emulator = await startEmulator({
    apiKey: TEST_KEY,
    durations: SLOW,
    honourPreferWait: false,
    seed: 3,
  });
});
afterEach(async () => {
  await emulator.close();
});

function virtualTime(extra: Partial<RenderDeps> = {}): RenderDeps {
  let offset = 0;
  const { sleep } = recordingSleep((ms) => {
    // Whole ms: the emulator signs result URLs with an integer expiry time.
    const step = Math.max(0, Math.round(ms));
    offset += step;
    emulator.advanceClock(step);
  });
  return { emulator, now: () => Date.now() + offset, sleep, ...extra };
}

/** Status requests each job of this render took, in submission order. */
function statusRequestsPerJob(since: number): number[] {
  return emulator.ledger
    .jobs()
    .slice(since)
    .map((job) => emulator.ledger.statusRequestsFor(job.id).length);
}

async function renderBatch(prefix: string, extra: Partial<RenderDeps> = {}) {
  await repo.writeManifest(someAssets(3, prefix));
  const since = emulator.ledger.jobs().length;
  const result = await render(repo.config({ concurrency: 1 }), virtualTime(extra));
  return { result, polls: statusRequestsPerJob(since) };
}

describe("duration memory across renders", () => {
  beforeEach(async () => {
    repo = await TestRepo.create([]);
  });

  it("saves what a render learnt, and the next render with new jobs starts warm", async () => {
    const cold = await renderBatch("first");
    expect(cold.result.counts).toMatchObject({ rendered: 3, failed: 0 });
    const saved = JSON.parse(await readFile(repo.path(DURATIONS), "utf8")) as {
      version: number;
      apis: Record<string, Record<string, { close: number[][]; other: number[][] }>>;
    };
    expect(saved.version).toBe(1);
    expect(Object.keys(saved.apis)).toEqual(["emulator"]);
    const known = saved.apis.emulator?.[KIND];
    expect([...(known?.close ?? []), ...(known?.other ?? [])]).toHaveLength(3);
    for (const [afterMs, byMs] of [...(known?.close ?? []), ...(known?.other ?? [])]) {
      expect(Number.isInteger(afterMs) && Number.isInteger(byMs)).toBe(true);
      expect(byMs).toBeGreaterThanOrEqual(SLOW.image.minMs);
    }

    const warm = await renderBatch("second");
    expect(warm.result.counts).toMatchObject({ rendered: 3, failed: 0 });
    // Cold, the first jobs look from 3 s on at growing intervals until their end at 20 s or more;
    // warm, they wait for the quickest end the first render saw.
    expect(Math.max(...warm.polls)).toBeLessThan(Math.min(...cold.polls));
  });

  it("saves what a render stopped by Ctrl-C learnt", async () => {
    const interrupt = new AbortController();
    const reporter = recordingReporter();
    const stopAfterOne = {
      ...reporter,
      emit: (event: Parameters<typeof reporter.emit>[0]) => {
        reporter.emit(event);
        if (event.kind === "asset") interrupt.abort();
      },
    };
    const { result } = await renderBatch("stopped", {
      reporter: stopAfterOne,
      signal: interrupt.signal,
    });
    expect(result.stopped).toMatch(/interrupted/);
    expect(result.counts.rendered).toBe(1);
    const saved = JSON.parse(await readFile(repo.path(DURATIONS), "utf8")) as {
      apis: { emulator: Record<string, { close: unknown[]; other: unknown[] }> };
    };
    const known = saved.apis.emulator[KIND];
    expect([...(known?.close ?? []), ...(known?.other ?? [])]).toHaveLength(1);
  });

  it("warns when the memory cannot be saved, and the render still succeeds", async () => {
    await repo.write(".agentframer/cache", "a file where the cache folder should be");
    const reporter = recordingReporter();
    const { result } = await renderBatch("blocked", { reporter });
    expect(result.counts).toMatchObject({ rendered: 3, failed: 0 });
    const warnings = reporter.events.flatMap((e) => (e.kind === "warning" ? [e.message] : []));
    expect(warnings).toContainEqual(
      expect.stringMatching(/could not save job durations to .*durations\.json \(/),
    );
    expect(warnings.join("\n")).not.toContain(TEST_KEY);
  });
});
