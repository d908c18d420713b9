import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator } from "./emulator.js";
import { create, getStatus, IMAGE, KEY } from "../../test/support/emulator-client.js";
import type { Emulator } from "./types.js";

let emulator: Emulator;
beforeEach(async () => {
  emulator = await startEmulator({ seed: 7 });
});
afterEach(async () => {
  await emulator.close();
});

describe("auth", () => {
  it("refuses a request without a Bearer key with 401", async () => {
    const response = await fetch(`${emulator.apiUrl}/generations/gen_x`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(emulator.ledger.requests.rejected.unauthorized).toBe(1);
  });

  it("accepts any non-empty key by default, only the configured one when given", async () => {
    expect((await create(emulator, IMAGE, { key: "whatever" })).status).toBe(201);
    const strict = await startEmulator({ apiKey: KEY });
    try {
      expect((await create(strict, IMAGE, { key: "wrong-key" })).status).toBe(401);
      expect((await create(strict, IMAGE, { key: KEY })).status).toBe(201);
    } finally {
      await strict.close();
    }
  });
});

describe("create", () => {
  it("creates a queued job with 201", async () => {
    const created = await create(emulator, IMAGE);
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.stringMatching(/^gen_/), status: "queued" });
    expect(emulator.ledger.jobs()).toHaveLength(1);
  });

  it("insists on an Idempotency-Key", async () => {
    const created = await create(emulator, IMAGE, { idempotencyKey: null });
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.json)).toMatch(/Idempotency-Key/);
    expect(emulator.ledger.jobs()).toHaveLength(0);
  });

  it.each([
    ["not JSON", "{nope", /not valid JSON/],
    ["an array", "[]", /JSON object/],
    ["an unknown type", { ...IMAGE, type: "hologram" }, /"type"/],
    ["no prompt", { type: "image", model: "m" }, /"prompt"/],
    ["a huge width", { ...IMAGE, width: 10_000 }, /"width"/],
    ["a fractional height", { ...IMAGE, height: 1.5 }, /"height"/],
  ])("answers 400 with a message for %s", async (_name, body, message) => {
    const created = await create(emulator, body, { idempotencyKey: "k1" });
    expect(created.status).toBe(400);
    expect((created.json.error as { message: string }).message).toMatch(message);
  });

  it("replays the same job for the same key and body, in any key order", async () => {
    const first = await create(emulator, IMAGE, { idempotencyKey: "same" });
    const reordered = { prompt: IMAGE.prompt, model: IMAGE.model, type: IMAGE.type };
    const second = await create(emulator, reordered, { idempotencyKey: "same" });
    expect(second.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.json.id).toBe(first.json.id);
    expect(emulator.ledger.jobsByKey("same")).toHaveLength(1);
    expect(emulator.ledger.requests).toMatchObject({ create: 2, createReplayed: 1 });
  });

  it("refuses the same key with another body with 422 and a clear message", async () => {
    await create(emulator, IMAGE, { idempotencyKey: "same" });
    const other = await create(
      emulator,
      { ...IMAGE, prompt: "another" },
      { idempotencyKey: "same" },
    );
    expect(other.status).toBe(422);
    expect((other.json.error as { message: string }).message).toMatch(/different request body/);
    expect(emulator.ledger.jobs()).toHaveLength(1);
  });

  it("answers 409 to a request whose key is still being processed", async () => {
    emulator.setFaults({ slowMs: 300 });
    const first = create(emulator, IMAGE, { idempotencyKey: "busy" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await create(emulator, IMAGE, { idempotencyKey: "busy" });
    expect(second.status).toBe(409);
    expect((await first).status).toBe(201);
    expect((await create(emulator, IMAGE, { idempotencyKey: "busy" })).status).toBe(200);
    expect(emulator.ledger.jobs()).toHaveLength(1);
  });

  it("forgets keys after 24 hours of emulator time", async () => {
    const first = await create(emulator, IMAGE, { idempotencyKey: "old" });
    emulator.advanceClock(24 * 60 * 60 * 1000);
    const again = await create(emulator, { ...IMAGE, prompt: "new" }, { idempotencyKey: "old" });
    expect(again.status).toBe(201);
    expect(again.json.id).not.toBe(first.json.id);
    expect(emulator.ledger.jobsByKey("old")).toHaveLength(2);
  });
});

describe("status", () => {
  it("goes queued → running → succeeded with Retry-After hints until the end", async () => {
    const slow = await startEmulator({ durations: { image: { minMs: 400, maxMs: 400 } } });
    try {
      const { json } = await create(slow, IMAGE);
      const id = String(json.id);
      const seen: string[] = [];
      for (;;) {
        const status = await getStatus(slow, id);
        const value = String(status.json.status);
        if (seen.at(-1) !== value) seen.push(value);
        if (value === "succeeded") {
          expect(status.headers.get("retry-after")).toBeNull();
          expect(status.json.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
          expect(status.json).toHaveProperty("completed_at");
          break;
        }
        expect(status.headers.get("retry-after")).toBe("1");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(seen).toEqual(["queued", "running", "succeeded"]);
      const [job] = slow.ledger.jobs();
      expect(job?.completedAt).toBe((job?.createdAt ?? 0) + 400);
    } finally {
      await slow.close();
    }
  });

  it("answers 404 for an unknown id and 405 for a wrong method", async () => {
    expect((await getStatus(emulator, "gen_missing")).status).toBe(404);
    const response = await fetch(`${emulator.apiUrl}/generations`, {
      headers: { Authorization: `Bearer ${KEY}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
