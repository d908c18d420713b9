import { rm } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { ManifestError } from "../../src/manifest/errors.js";
import { render } from "../../src/render/render.js";
import type { RenderDeps } from "../../src/render/render.js";
import { recordingReporter, someAssets, TEST_KEY, TestRepo } from "../support/render-repo.js";

let emulator: Emulator;
let repo: TestRepo;
const FAST = { image: { minMs: 20, maxMs: 120 } };

beforeEach(async () => {
  emulator = await startEmulator({ apiKey: TEST_KEY, durations: FAST, seed: 7 });
});
afterEach(async () => {
  await emulator.close();
  await repo?.remove();
});

const deps = (extra: Partial<RenderDeps> = {}): RenderDeps => ({ emulator, ...extra });

/** Each output's bytes are the ones the emulator served for the job the lock names. */
async function expectOutputsMatchLedger(ids: readonly string[]): Promise<void> {
  const lock = await repo.lock();
  const jobs = new Map(emulator.ledger.jobs().map((j) => [j.id, j]));
  for (const id of ids) {
    const entry = lock.assets[id];
    expect(entry, id).toBeDefined();
    const job = jobs.get(entry?.generation ?? "");
    expect(job?.sha256, id).toBeDefined();
    expect(await repo.sha256(entry?.output ?? ""), id).toBe(job?.sha256);
    expect(entry?.sha256).toBe(job?.sha256);
    expect(entry?.size).toBe(job?.size);
  }
}

describe("render against the emulator", () => {
  it("renders every output with the ledger's bytes, then makes zero requests when run again", async () => {
    const assets = someAssets(12);
    repo = await TestRepo.create(assets);
    const first = await render(repo.config(), deps());
    expect(first.counts).toMatchObject({ rendered: 12, failed: 0 });
    expect(first.stopped).toBeUndefined();
    await expectOutputsMatchLedger(assets.map((a) => a.id));
    expect(emulator.ledger.jobs()).toHaveLength(12);
    expect(await repo.files()).not.toContainEqual(expect.stringMatching(/\.tmp$/));

    emulator.ledger.reset();
    const second = await render(repo.config(), deps());
    expect(second.counts).toMatchObject({ unchanged: 12, rendered: 0 });
    const { create, status, download } = emulator.ledger.requests;
    expect({ create, status, download }).toEqual({ create: 0, status: 0, download: 0 });
  });

  it("submits exactly one job when one prompt changes", async () => {
    const assets = someAssets(6);
    repo = await TestRepo.create(assets);
    await render(repo.config(), deps());
    const before = await repo.lock();

    assets[2] = { ...assets[2]!, prompt: "A blue circle instead" };
    await repo.writeManifest(assets);
    emulator.ledger.reset();
    const result = await render(repo.config(), deps());
    expect(result.counts).toMatchObject({ rendered: 1, unchanged: 5 });
    expect(emulator.ledger.requests.create).toBe(1);
    const after = await repo.lock();
    expect(after.assets["asset-2"]?.hash).not.toBe(before.assets["asset-2"]?.hash);
    expect(after.assets["asset-0"]).toEqual(before.assets["asset-0"]);
    await expectOutputsMatchLedger(["asset-2"]);
  });

  it("fails one rejected asset (exit 1) while the others render, keeping its old lock entry", async () => {
    const assets = someAssets(5);
    repo = await TestRepo.create(assets);
    await render(repo.config(), deps());
    const before = await repo.lock();

    assets[1] = { ...assets[1]!, params: { bytes: -1 } }; // unchecked by the loader; the API refuses: 400
    assets[3] = { ...assets[3]!, prompt: "Changed and fine" };
    await repo.writeManifest(assets);
    const result = await render(repo.config(), deps());
    expect(result.counts).toMatchObject({ rendered: 1, failed: 1, unchanged: 3 });
    const failed = result.assets.find((a) => a.id === "asset-1");
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatch(/400|bytes/);
    const after = await repo.lock();
    expect(after.assets["asset-1"]).toEqual(before.assets["asset-1"]);
    await expectOutputsMatchLedger(["asset-3"]);
  });

  it("restores from the cache, with no request, after the output and its lock entry are deleted", async () => {
    const assets = someAssets(3);
    repo = await TestRepo.create(assets);
    await render(repo.config(), deps());
    const lock = await repo.lock();
    const original = await repo.sha256("public/asset/1.png");
    await rm(repo.path("public/asset/1.png"));
    delete lock.assets["asset-1"];
    await repo.writeLock(lock);

    emulator.ledger.reset();
    const reporter = recordingReporter();
    const result = await render(repo.config(), deps({ reporter }));
    expect(result.assets.find((a) => a.id === "asset-1")?.status).toBe("restored");
    expect(emulator.ledger.requests.create + emulator.ledger.requests.status).toBe(0);
    expect(await repo.sha256("public/asset/1.png")).toBe(original);
    expect((await repo.lock()).assets["asset-1"]?.sha256).toBe(original);
  });

  it("refuses to start past --max-jobs: exit-3 result, nothing submitted or written", async () => {
    repo = await TestRepo.create(someAssets(3));
    const result = await render(repo.config({ maxJobs: 2 }), deps());
    expect(result.stopped).toMatch(/needs 3 new jobs, more than --max-jobs 2/);
    expect(result.counts.skipped).toBe(3);
    expect(emulator.ledger.requests.create).toBe(0);
    expect(await repo.exists("agentframer.lock")).toBe(false);
    expect(await repo.exists("public")).toBe(false);
  });

  it("out of credits: stops submitting, lets the jobs in flight finish and records them", async () => {
    repo = await TestRepo.create(someAssets(8));
    let submitted = 0;
    const reporter = recordingReporter();
    const watching = {
      ...reporter,
      emit: (event: Parameters<typeof reporter.emit>[0]) => {
        reporter.emit(event);
        if (event.kind === "submitted" && ++submitted === 2)
          emulator.setFaults({ outOfCredits: 1 });
      },
    };
    const result = await render(repo.config({ concurrency: 2 }), deps({ reporter: watching }));
    expect(result.stopped).toMatch(/credits/);
    expect(result.counts.rendered).toBe(2);
    expect(result.counts.skipped).toBe(6);
    expect(Object.keys((await repo.lock()).assets)).toHaveLength(2);
    await expectOutputsMatchLedger(
      result.assets.filter((a) => a.status === "rendered").map((a) => a.id),
    );
    expect(reporter.events.some((e) => e.kind === "stopping")).toBe(true);
  });

  it("an invalid manifest throws before anything is submitted or written", async () => {
    repo = await TestRepo.create(someAssets(2));
    await repo.write(
      "agentframer.yml",
      "version: 1\nassets:\n  - id: x\n    type: image\n    model: m\n    prompt: p\n    output: ../escape.png\n",
    );
    await expect(render(repo.config(), deps())).rejects.toBeInstanceOf(ManifestError);
    expect(await repo.files()).toEqual(["agentframer.yml"]);
    expect(emulator.ledger.requests.create).toBe(0);
  });

  it("--only renders just the matching ids", async () => {
    repo = await TestRepo.create([...someAssets(3, "hero"), ...someAssets(3, "product")]);
    const result = await render(repo.config({ only: ["hero-*"] }), deps());
    expect(result.counts).toMatchObject({ rendered: 3, skipped: 3 });
    expect(emulator.ledger.jobs()).toHaveLength(3);
    expect(Object.keys((await repo.lock()).assets).sort()).toEqual(["hero-0", "hero-1", "hero-2"]);
  });

  it("--shard I/N partitions the assets disjointly and completely", async () => {
    const assets = someAssets(20);
    repo = await TestRepo.create(assets);
    const seen: string[] = [];
    for (let index = 1; index <= 3; index += 1) {
      const result = await render(repo.config({ shard: { index, total: 3 } }), deps());
      seen.push(...result.assets.filter((a) => a.status === "rendered").map((a) => a.id));
    }
    expect(seen.sort()).toEqual(assets.map((a) => a.id).sort());
    expect(emulator.ledger.jobs()).toHaveLength(20);
    await expectOutputsMatchLedger(assets.map((a) => a.id));
  });
  it("refuses a second render of the same checkout while one runs; no job twice", async () => {
    const assets = someAssets(4);
    repo = await TestRepo.create(assets);
    const outcomes = await Promise.allSettled([
      render(repo.config(), deps()),
      render(repo.config(), deps()),
    ]);
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(refused).toHaveLength(1);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(
      /another agentframer render of .* is running/,
    );
    const done = outcomes.find((o) => o.status === "fulfilled");
    expect(done?.status === "fulfilled" && done.value.counts.rendered).toBe(4);
    expect(emulator.ledger.jobs()).toHaveLength(4);
    await expectOutputsMatchLedger(assets.map((a) => a.id));
    const again = await render(repo.config(), deps());
    expect(again.counts).toMatchObject({ unchanged: 4 });
  });
});
