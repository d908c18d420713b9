import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "./emulator.js";
import { create, getStatus, KEY } from "../../test/support/emulator-client.js";
import type { Emulator, EmulatorOptions } from "./types.js";

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  emulator = await startEmulator({ seed: 3, ...options });
  return emulator;
}

async function get(e: Emulator, path: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${e.apiUrl}${path}`, {
    headers: { Authorization: `Bearer ${KEY}` },
  });
  return { status: response.status, json: await response.json() };
}

const PRICED: EmulatorOptions["credits"] = {
  prices: {
    "img-1": { credits: 4, per: "image", type: "image" },
    "img-mp": { credits: 2, per: "megapixel" },
    "vid-1": { credits: 1.5, per: "second" },
  },
  balance: 20,
};

describe("credits switched off (the default)", () => {
  it("answers 404 on GET /models and /credits, and jobs carry no credits", async () => {
    const e = await start();
    expect((await get(e, "/models")).status).toBe(404);
    expect((await get(e, "/credits")).status).toBe(404);
    const created = await create(e, { type: "image", model: "img-1", prompt: "p" });
    expect(created.status).toBe(201);
    expect(created.json).not.toHaveProperty("credits");
    expect(e.ledger.requests).toMatchObject({ models: 1, credits: 1, create: 1 });
    expect(e.balance()).toBeUndefined();
  });
});

describe("credits switched on", () => {
  it("lists prices in the contract's shape and the balance", async () => {
    const e = await start({ credits: PRICED });
    expect((await get(e, "/models")).json).toEqual({
      models: [
        { id: "img-1", type: "image", price: { credits: 4, per: "image" } },
        { id: "img-mp", price: { credits: 2, per: "megapixel" } },
        { id: "vid-1", price: { credits: 1.5, per: "second" } },
      ],
    });
    expect((await get(e, "/credits")).json).toEqual({ balance: 20 });
  });

  it("charges each new job by its unit, says so in create and status, and a replay costs nothing", async () => {
    const e = await start({ credits: PRICED });
    const image = await create(e, { type: "image", model: "img-1", prompt: "a" });
    const mp = await create(e, {
      type: "image",
      model: "img-mp",
      prompt: "b",
      width: 1000,
      height: 500,
    });
    const video = await create(e, { type: "video", model: "vid-1", prompt: "c", duration: 4 });
    const free = await create(e, { type: "image", model: "unpriced", prompt: "d" });
    expect([image, mp, video].map((a) => a.json.credits)).toEqual([4, 1, 6]);
    expect(free.json).not.toHaveProperty("credits");
    expect(e.balance()).toBe(9);

    const replay = await create(e, { type: "image", model: "img-1", prompt: "a" });
    expect(replay.status).toBe(200);
    expect(replay.json.credits).toBe(4);
    expect(e.balance()).toBe(9);

    const status = await getStatus(e, String(video.json.id));
    expect(status.json.credits).toBe(6);
    expect(e.ledger.jobs().map((j) => j.credits)).toEqual([4, 1, 6, undefined]);
    expect((await get(e, "/credits")).json).toEqual({ balance: 9 });
  });

  it("refuses a job the balance cannot cover with 402 and creates nothing", async () => {
    const e = await start({ credits: { ...PRICED, balance: 5 } });
    expect((await create(e, { type: "image", model: "img-1", prompt: "a" })).status).toBe(201);
    const short = await create(e, { type: "image", model: "img-1", prompt: "b" });
    expect(short.status).toBe(402);
    expect(JSON.stringify(short.json)).toMatch(/costs 4 credits and the balance is 1/);
    expect(e.ledger.jobs()).toHaveLength(1);
    expect(e.balance()).toBe(1);
    // Nothing was reserved: once topped up elsewhere, the same key may still create its job.
    expect(e.ledger.requests.rejected["out-of-credits"]).toBe(1);
  });

  it("refuses nonsense prices when started", async () => {
    await expect(
      startEmulator({ credits: { prices: { m: { credits: -1, per: "image" } } } }),
    ).rejects.toThrow(/credits\.prices\["m"\]/);
  });
});
