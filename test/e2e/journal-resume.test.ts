import { readdir } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator } from "../../src/emulator/index.js";
import { loadManifest } from "../../src/manifest/load.js";
import { assetHash, requestBody } from "../../src/plan/hash.js";
import { idempotencyKey } from "../../src/render/api/idempotency-key.js";
import { openJournal } from "../../src/state/journal.js";
import type { Journal } from "../../src/state/journal.js";
import { render } from "../../src/render/render.js";
import { someAssets, TEST_KEY, TestRepo } from "../support/render-repo.js";

// In-process counterparts of resume.test.ts: the journal a killed run leaves, written by hand, so
// each state is exercised exactly rather than wherever a kill happens to land.
let emulator: Emulator;
let repo: TestRepo;

beforeEach(async () => {
  emulator = await startEmulator({
    apiKey: TEST_KEY,
    durations: { image: { minMs: 20, maxMs: 60 } },
  });
  repo = await TestRepo.create(someAssets(3));
});
afterEach(async () => {
  await emulator.close();
  await repo.remove();
});

async function firstAsset() {
  const manifest = await loadManifest(repo.manifestPath);
  const asset = manifest.assets[0]!;
  return { asset, hash: assetHash(asset) };
}

/** Write the journal a killed run would have left, and close it as the run's end would. */
async function journaled(write: (journal: Journal) => Promise<void>): Promise<void> {
  const journal = openJournal(repo.manifestPath);
  await write(journal);
  await journal.close();
}

async function createJob(body: Record<string, unknown>, key: string): Promise<string> {
  const response = await fetch(`${emulator.apiUrl}/generations`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${TEST_KEY}`,
      "content-type": "application/json",
      "idempotency-key": key,
    },
    body: JSON.stringify(body),
  });
  return ((await response.json()) as { id: string }).id;
}

describe("resuming from the journal", () => {
  it("polls a journaled generation instead of submitting the asset again", async () => {
    const { asset, hash } = await firstAsset();
    const key = idempotencyKey(hash);
    const generation = await createJob(requestBody(asset), key);
    await journaled((j) => j.submitted(asset.id, hash, key, generation));
    emulator.ledger.reset();

    const result = await render(repo.config(), { emulator });
    expect(result.counts.rendered).toBe(3);
    expect(emulator.ledger.requests.create).toBe(2);
    expect(emulator.ledger.jobsByKey(key)).toHaveLength(1);
    expect((await repo.lock()).assets[asset.id]?.generation).toBe(generation);
    expect(await readdir(repo.path(".agentframer/journal"))).toEqual([]);
  });

  it("repeats a POST cut off before its answer with the journaled key, getting the same job", async () => {
    const { asset, hash } = await firstAsset();
    const key = idempotencyKey(hash, "0123456789abcdef"); // as a forced run would have
    const generation = await createJob(requestBody(asset), key);
    await journaled((j) => j.submitting(asset.id, hash, key));

    await render(repo.config(), { emulator });
    expect(emulator.ledger.jobsByKey(key)).toHaveLength(1);
    expect(emulator.ledger.jobs()).toHaveLength(3);
    expect((await repo.lock()).assets[asset.id]?.generation).toBe(generation);
  });

  it("forgets a journaled job for an older request, and renders the asset as it is now", async () => {
    const { asset, hash } = await firstAsset();
    const stale = "e".repeat(64);
    await journaled((j) => j.submitted(asset.id, stale, idempotencyKey(stale), "gen_old"));

    await render(repo.config(), { emulator });
    expect(emulator.ledger.jobsByKey(idempotencyKey(hash))).toHaveLength(1);
    expect((await repo.lock()).assets[asset.id]?.hash).toBe(hash);
    expect(await readdir(repo.path(".agentframer/journal"))).toEqual([]);
  });

  it("folds a completed record into the lockfile before planning, so nothing is rendered again", async () => {
    await render(repo.config(), { emulator });
    const lock = await repo.lock();
    const { asset } = await firstAsset();
    const entry = lock.assets[asset.id]!;
    delete lock.assets[asset.id];
    await repo.writeLock(lock);
    await journaled((j) => j.completed(asset.id, entry.hash, entry));
    emulator.ledger.reset();

    const result = await render(repo.config(), { emulator });
    expect(result.counts.unchanged).toBe(3);
    expect(emulator.ledger.requests.create + emulator.ledger.requests.status).toBe(0);
    expect((await repo.lock()).assets[asset.id]).toEqual(entry);
  });
});
