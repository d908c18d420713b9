import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "./emulator.js";
import { download, getStatus, IMAGE, KEY, render } from "../../test/support/emulator-client.js";
import type { Emulator } from "./types.js";

const sha256 = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");

let emulator: Emulator;
beforeEach(async () => {
  emulator = await startEmulator({ seed: 3, urlTtlMs: 60_000 });
});
afterEach(async () => {
  await emulator.close();
});

describe("results", () => {
  it("serves the finished file from another origin, its bytes matching the ledger", async () => {
    const done = await render(emulator, IMAGE);
    const url = new URL(String(done.json.url));
    expect(url.origin).toBe(emulator.resultsOrigin);
    expect(url.origin).not.toBe(new URL(emulator.apiUrl).origin);
    expect(url.searchParams.get("token")).toBeTruthy();
    const response = await fetch(url);
    expect(response.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get("content-length"))).toBe(bytes.length);
    const [job] = emulator.ledger.jobs();
    expect(job).toMatchObject({ status: "succeeded", sha256: sha256(bytes), size: bytes.length });
    expect(emulator.ledger.requests.download).toBe(1);
    expect(emulator.ledger.keyReachedResultsOrigin()).toBe(false);
  });

  it("refuses an expired URL with 403, and a fresh status answer gives a working one", async () => {
    const done = await render(emulator, IMAGE);
    emulator.advanceClock(60_001);
    expect((await fetch(String(done.json.url))).status).toBe(403);
    expect(emulator.ledger.requests.rejected["url-expired"]).toBe(1);
    const again = await getStatus(emulator, String(done.json.id));
    expect((await download(String(again.json.url))).length).toBeGreaterThan(0);
  });

  it("refuses a tampered token or an unknown path", async () => {
    const url = new URL(String((await render(emulator, IMAGE)).json.url));
    const tampered = new URL(url);
    tampered.searchParams.set("expires", String(Number(url.searchParams.get("expires")) + 1));
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(`${emulator.resultsOrigin}/files/abc/gen_x.png`)).status).toBe(404);
  });

  it("notices an Authorization header or the API key on the results origin", async () => {
    const url = String((await render(emulator, IMAGE)).json.url);
    await download(url, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(emulator.ledger.keyReachedResultsOrigin()).toBe(true);
    emulator.ledger.reset();
    expect(emulator.ledger.keyReachedResultsOrigin()).toBe(false);
    await download(`${url}&key=${KEY}`);
    expect(emulator.ledger.keyReachedResultsOrigin()).toBe(true);
  });

  it("pads results to the requested size, streamed, with the ledger's hash", async () => {
    const big = { ...IMAGE, bytes: 20 * 1024 * 1024 };
    const done = await render(emulator, big);
    const bytes = await download(String(done.json.url));
    expect(bytes.length).toBe(20 * 1024 * 1024);
    expect(emulator.ledger.jobs()[0]?.sha256).toBe(sha256(bytes));
  });
});

describe("Prefer: wait", () => {
  it("holds the status answer until the job ends, and says so", async () => {
    const slow = await startEmulator({ durations: { image: { minMs: 500, maxMs: 500 } } });
    try {
      const created = await fetch(`${slow.apiUrl}/generations`, {
        method: "POST",
        headers: { Authorization: `Bearer ${KEY}`, "Idempotency-Key": "w" },
        body: JSON.stringify(IMAGE),
      });
      const { id } = (await created.json()) as { id: string };
      const status = await getStatus(slow, id, { Prefer: "respond-async, wait=10" });
      expect(status.json.status).toBe("succeeded");
      expect(status.headers.get("preference-applied")).toBe("wait=10");
      const [job] = slow.ledger.jobs();
      const [record] = slow.ledger.statusRequestsFor(id);
      expect(record?.held).toBe(true);
      expect(record?.answeredAt).toBeGreaterThanOrEqual(job?.completedAt ?? Infinity);
      expect(slow.ledger.requests.status).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it("answers after N seconds when the job is still running", async () => {
    emulator.setFaults({ neverFinish: 1 });
    const created = await fetch(`${emulator.apiUrl}/generations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${KEY}`, "Idempotency-Key": "n" },
      body: JSON.stringify(IMAGE),
    });
    const { id } = (await created.json()) as { id: string };
    const started = Date.now();
    const status = await getStatus(emulator, id, { Prefer: "wait=1" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(status.json.status).toBe("running");
    expect(status.headers.get("retry-after")).toBe("1");
  });

  it("is ignored when the emulator does not honour it", async () => {
    const plain = await startEmulator({
      honourPreferWait: false,
      durations: { image: { minMs: 5000, maxMs: 5000 } },
    });
    try {
      const created = await fetch(`${plain.apiUrl}/generations`, {
        method: "POST",
        headers: { Authorization: `Bearer ${KEY}`, "Idempotency-Key": "p" },
        body: JSON.stringify(IMAGE),
      });
      const { id } = (await created.json()) as { id: string };
      const status = await getStatus(plain, id, { Prefer: "wait=10" });
      expect(status.json.status).toBe("queued");
      expect(status.headers.get("preference-applied")).toBeNull();
      expect(plain.ledger.statusRequestsFor(id)[0]?.held).toBe(false);
    } finally {
      await plain.close();
    }
  });

  it("close() ends held requests at once", async () => {
    const slow = await startEmulator({ durations: { image: { minMs: 60_000, maxMs: 60_000 } } });
    const created = await fetch(`${slow.apiUrl}/generations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${KEY}`, "Idempotency-Key": "c" },
      body: JSON.stringify(IMAGE),
    });
    const { id } = (await created.json()) as { id: string };
    const held = getStatus(slow, id, { Prefer: "wait=60" }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await slow.close();
    await held;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
