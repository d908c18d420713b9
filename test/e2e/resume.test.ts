import { readdir, readFile } from "node:fs/promises";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { compileCli, spawnCli, waitFor } from "../support/built-cli.js";
import { fastForward } from "../support/fast-forward.js";
import { someAssets, TEST_KEY, TestRepo } from "../support/render-repo.js";

// Jobs long enough that a kill lands while several are in flight.
const SLOW = { image: { minMs: 600, maxMs: 1500 } };
const ASSETS = someAssets(12);

let cli: Awaited<ReturnType<typeof compileCli>>;
let emulator: Emulator;
let repo: TestRepo;

beforeAll(async () => {
  cli = await compileCli();
}, 180_000);
let stopFastForward: (() => void) | undefined;
afterEach(async () => {
  stopFastForward?.();
  stopFastForward = undefined;
  await emulator?.close();
  await repo?.remove();
});

const env = (): NodeJS.ProcessEnv => ({
  AGENTFRAMER_API_URL: emulator.apiUrl,
  AGENTFRAMER_API_KEY: TEST_KEY,
  CI: "1",
  NO_COLOR: "1",
});
const run = (...extra: string[]) =>
  spawnCli(
    cli.main,
    ["render", repo.manifestPath, "--concurrency", "4", ...extra],
    env(),
    repo.dir,
  );

/** The invariant after any interruption and a completed re-run: one job per asset, right bytes. */
async function expectCompleteAndUnduplicated(expectedJobs = ASSETS.length): Promise<void> {
  const jobs = emulator.ledger.jobs();
  expect(jobs).toHaveLength(expectedJobs);
  for (const job of jobs) expect(emulator.ledger.jobsByKey(job.key)).toHaveLength(1);
  const lock = await repo.lock();
  const byId = new Map(jobs.map((j) => [j.id, j]));
  for (const asset of ASSETS) {
    const entry = lock.assets[asset.id];
    const job = byId.get(entry?.generation ?? "");
    expect(job?.sha256, asset.id).toBeDefined();
    expect(await repo.sha256(asset.output)).toBe(job?.sha256);
  }
  expect(await readdir(repo.path(".agentframer/journal")).catch(() => [])).toEqual([]);
  expect((await repo.files()).filter((f) => f.endsWith(".tmp"))).toEqual([]);
}

async function expectNoKeyOnDisk(): Promise<void> {
  for (const file of await repo.files()) {
    const text = await readFile(repo.path(file), "latin1");
    expect(text.includes(TEST_KEY), file).toBe(false);
  }
}

describe("resume after the process dies", () => {
  it.each([
    ["with jobs just submitted", (e: Emulator) => e.ledger.jobs().length >= 2],
    [
      "after some assets completed and others in flight",
      (e: Emulator) =>
        e.ledger.jobs().filter((j) => j.terminalObservedAt !== undefined).length >= 3,
    ],
  ])(
    "SIGKILL %s: the re-run submits nothing twice",
    async (_label, killWhen) => {
      emulator = await startEmulator({ apiKey: TEST_KEY, durations: SLOW, seed: 3 });
      repo = await TestRepo.create(ASSETS);
      const first = run();
      await waitFor(() => killWhen(emulator), 20_000, "jobs in flight");
      first.child.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
      await expectNoKeyOnDisk();

      // The kill landed with jobs in flight; the re-run only needs them (and the rest) to end.
      stopFastForward = fastForward(emulator);
      const second = run();
      expect(await second.exited, second.stderr()).toBe(0);
      await expectCompleteAndUnduplicated();
      expect(second.stderr()).toMatch(/resuming \d+ jobs? an interrupted run left in flight/);
      expect(emulator.ledger.keyReachedResultsOrigin()).toBe(false);
      expect(second.stderr() + first.stderr()).not.toContain(TEST_KEY);
    },
    60_000,
  );

  it("a forced run killed and started again renders each asset once, not twice", async () => {
    emulator = await startEmulator({ apiKey: TEST_KEY, durations: SLOW, seed: 5 });
    repo = await TestRepo.create(ASSETS);
    // The first run only has to finish; the forced one is watched in flight.
    stopFastForward = fastForward(emulator);
    expect(await run().exited).toBe(0);
    stopFastForward();
    const forced = run("--force");
    await waitFor(
      () =>
        emulator.ledger.jobs().filter((j) => j.terminalObservedAt !== undefined).length >=
        ASSETS.length + 5,
      20_000,
      "forced jobs completed",
    );
    forced.child.kill("SIGKILL");
    await forced.exited;
    stopFastForward = fastForward(emulator);
    const again = run("--force");
    expect(await again.exited, again.stderr()).toBe(0);
    await expectCompleteAndUnduplicated(2 * ASSETS.length);
  }, 60_000);

  it("Ctrl-C stops new submissions, exits 3 saying how to resume, and the re-run finishes the job", async () => {
    emulator = await startEmulator({ apiKey: TEST_KEY, durations: SLOW, seed: 4 });
    repo = await TestRepo.create(ASSETS);
    const first = run();
    await waitFor(() => emulator.ledger.jobs().length >= 2, 20_000, "jobs in flight");
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(3);
    expect(first.stderr()).toMatch(
      /interrupted — run the same command again to resume \d+ jobs? in flight; nothing will be submitted twice/,
    );
    const submittedBeforeStop = emulator.ledger.jobs().length;
    expect(submittedBeforeStop).toBeLessThan(ASSETS.length);

    stopFastForward = fastForward(emulator);
    const second = run();
    expect(await second.exited, second.stderr()).toBe(0);
    await expectCompleteAndUnduplicated();
  }, 60_000);
});
