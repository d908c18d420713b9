/**
 * Issue 5, items 1 and 3: the answers that make a POST safe to retry. A lost answer after the
 * server committed the job, "409 still in progress", "422 key reused with another body" and a
 * replayed 500 must each end in one job per asset content — or a clear failure — and the client
 * never mints a new key on its own.
 */
import { afterEach, describe, expect, it } from "vitest";
import { assetHash } from "../../src/plan/hash.js";
import { loadManifest } from "../../src/manifest/load.js";
import { requestBody } from "../../src/plan/hash.js";
import { idempotencyKey } from "../../src/render/api/idempotency-key.js";
import { KEY_REUSED_MESSAGE } from "../../src/render/errors.js";
import { render } from "../../src/render/render.js";
import { waitFor } from "../support/built-cli.js";
import { someAssets, TestRepo } from "../support/render-repo.js";
import { assertInvariant } from "../support/reliability/invariant.js";
import { recordingSleep } from "../support/recording-sleep.js";
import type { Bench } from "../support/reliability/setup.js";
import { bench, SECRET } from "../support/reliability/setup.js";

let b: Bench | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

/** POST straight to the emulator, as another client holding the same key would. */
async function postAs(
  apiUrl: string,
  key: string,
  body: Record<string, unknown>,
): Promise<Response> {
  return fetch(`${apiUrl}/generations`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${SECRET}`,
      "content-type": "application/json",
      "idempotency-key": key,
    },
    body: JSON.stringify(body),
  });
}

describe("a POST whose answer is lost after the server committed the job", () => {
  it("retries with the same key, gets the same job back, and creates one job per asset", async () => {
    b = await bench(someAssets(6), { faults: { resetAfterCreate: 1 } });
    const result = await b.run();
    expect(result.counts).toMatchObject({ rendered: 6, failed: 0 });
    expect(b.emulator.ledger.faultsInjected.resetAfterCreate).toBe(6);
    // Each asset's second POST was answered from the key, not by a new job.
    expect(b.emulator.ledger.requests.createReplayed).toBe(6);
    const { jobs } = await b.check();
    expect(jobs).toHaveLength(6);
  });
});

describe("409: a request with this key is still in progress", () => {
  it("is retried with the same key until the server answers, with no extra job", async () => {
    b = await bench(someAssets(5), { faults: { conflict409: 0.3 } });
    const result = await b.run({}, { sleep: recordingSleep().sleep });
    expect(result.counts).toMatchObject({ rendered: 5, failed: 0 });
    expect(b.emulator.ledger.requests.rejected["in-progress"]).toBeGreaterThan(0);
    expect(b.emulator.ledger.jobs()).toHaveLength(5);
    await b.check();
  });

  it("a concurrent twin holding the key gets 409, then the same job: two runs, one job each", async () => {
    // Two CI runs of one commit at once, each in its own checkout: creations are held, each key
    // "in progress", until the twin's POST for a held key has been told 409 — however late either
    // run gets going on a busy machine — and then go on.
    const assets = someAssets(4);
    b = await bench(assets, { faults: { slowMs: 60_000 } });
    const { emulator } = b;
    const overlapped = waitFor(
      () => (emulator.ledger.requests.rejected["in-progress"] ?? 0) > 0,
      30_000,
      "a 409 for the twin",
    ).finally(() => {
      emulator.setFaults({ slowMs: 0 });
      emulator.advanceClock(0);
    });
    const twin = await TestRepo.create(assets);
    try {
      const [one, two] = await Promise.all([
        b.run(),
        render(twin.config({ apiKey: SECRET, emulator: false, apiUrl: emulator.apiUrl })),
        overlapped,
      ]);
      for (const r of [one, two]) expect(r.counts).toMatchObject({ rendered: 4, failed: 0 });
      expect(b.emulator.ledger.requests.rejected["in-progress"]).toBeGreaterThan(0);
      expect(b.emulator.ledger.jobs()).toHaveLength(4);
      // Both checkouts hold the very same bytes, from the very same jobs.
      for (const a of assets)
        expect(await twin.sha256(a.output)).toBe(await b.repo.sha256(a.output));
      await b.check();
      await assertInvariant({
        dir: twin.dir,
        manifest: twin.manifestPath,
        emulator: b.emulator,
        result: two,
        secret: SECRET,
      });
    } finally {
      await twin.remove();
    }
  });
});

describe("422: the key was used before with another body", () => {
  it("fails that asset saying so, keeps the others, and never retries it under a new key", async () => {
    b = await bench(someAssets(3));
    const manifest = await loadManifest(b.repo.manifestPath);
    const victim = manifest.assets[1]!;
    const key = idempotencyKey(assetHash(victim));
    // Another client (an older tool version, a hand-written script) took this key for other work.
    const foreign = await postAs(b.emulator.apiUrl, key, {
      ...requestBody(victim),
      prompt: "something else entirely",
    });
    expect(foreign.status).toBe(201);

    for (let run = 0; run < 2; run += 1) {
      const result = await b.run();
      const failed = result.assets.find((a) => a.id === victim.id);
      expect(failed?.status).toBe("failed");
      expect(failed?.error).toContain(KEY_REUSED_MESSAGE);
      expect(failed?.error).toMatch(/HTTP 422/);
    }
    // Still only the foreign job under that key, and no job at all with the victim's body.
    expect(b.emulator.ledger.jobsByKey(key)).toHaveLength(1);
    const victimBody = JSON.stringify(requestBody(victim));
    expect(b.emulator.ledger.jobs().filter((j) => JSON.stringify(j.body) === victimBody)).toEqual(
      [],
    );
    expect(b.emulator.ledger.jobs()).toHaveLength(3);
    await b.check({ failed: { [victim.id]: /idempotency key reused/ } });

    // --force is the user asking for a new key: now it renders, as one new job.
    const forced = await b.run({ force: true, only: [victim.id] });
    expect(forced.assets.find((a) => a.id === victim.id)?.status).toBe("rendered");
    await b.check({
      forced: [victim.id],
      excluded: manifest.assets.filter((a) => a !== victim).map((a) => a.id),
    });
  });
});

describe("a 500 the server stored under the key", () => {
  it("is replayed on every retry: the asset fails clearly, no job, no new key; it renders once the key expires", async () => {
    b = await bench(someAssets(2), { faults: { replay500: 1 } });
    const waits = recordingSleep();
    const first = await b.run({}, { sleep: waits.sleep });
    for (const asset of first.assets) {
      expect(asset.status).toBe("failed");
      expect(asset.error).toMatch(/kept failing after 6 attempts \(last: HTTP 500\)/);
    }
    // Bounded: six attempts per asset, the first fresh and five answered from the stored 500.
    expect(b.emulator.ledger.requests.create).toBe(12);
    expect(b.emulator.ledger.requests.rejected["replayed-500"]).toBe(10);
    expect(b.emulator.ledger.jobs()).toEqual([]);
    await b.check({ failed: { "asset-0": /HTTP 500/, "asset-1": /HTTP 500/ } });

    // The fault is gone but the server keeps the stored answer for the key's lifetime: a re-run
    // must still not invent a new key.
    b.emulator.setFaults({ replay500: 0 });
    const second = await b.run({}, { sleep: waits.sleep });
    expect(second.counts.failed).toBe(2);
    expect(b.emulator.ledger.jobs()).toEqual([]);

    // After 24 h the server forgets the key; the same key now creates the job.
    b.emulator.advanceClock(24 * 60 * 60 * 1000 + 1000);
    const third = await b.run();
    expect(third.counts).toMatchObject({ rendered: 2, failed: 0 });
    await b.check();
  });
});
