import { mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import type { ModelPrice } from "../manifest/types.js";
import { priceCachePath } from "./paths.js";
import { MAX_AGE_MS, MAX_FILE_BYTES, readCachedPrices, writeCachedPrices } from "./price-cache.js";

const API = "https://api.agentframer.com/v1";
const PRICES = new Map<string, ModelPrice>([
  ["flux-1.1-pro", { credits: 4, per: "image" }],
  ["veo", { credits: 0.5, per: "second" }],
]);

async function withFile(text: string): Promise<string> {
  const dir = await tempDir("af-prices-");
  await mkdir(dirname(priceCachePath(dir)), { recursive: true });
  await writeFile(priceCachePath(dir), text);
  return dir;
}

describe("the price cache", () => {
  it("keeps what an API listed, per API, for a later offline read", async () => {
    const dir = await tempDir("af-prices-");
    await writeCachedPrices(dir, API, PRICES, { now: () => 1000 });
    await writeCachedPrices(dir, "http://127.0.0.1:9/v1", new Map(), { now: () => 2000 });
    expect(await readCachedPrices(dir, API, { now: () => 5000 })).toEqual(PRICES);
    expect(await readCachedPrices(dir, "https://elsewhere/v1")).toBeUndefined();
  });

  it("forgets prices older than a month", async () => {
    const dir = await tempDir("af-prices-");
    await writeCachedPrices(dir, API, PRICES, { now: () => 0 });
    expect(await readCachedPrices(dir, API, { now: () => MAX_AGE_MS + 1 })).toBeUndefined();
  });

  it("reads hostile files as no prices (never as 0), dropping only what is bad", async () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    const now = () => 10;
    const file = (models: unknown) =>
      JSON.stringify({ version: 1, apis: { [API]: { savedAt: 1, models } } });
    // Bad entries cost only themselves; a "__proto__" id is dropped, and reaches no prototype.
    const mixed = await withFile(
      file({
        good: { credits: 2, per: "image" },
        negative: { credits: -1, per: "image" },
        nan: { credits: "1e999", per: "image" },
        huge: { credits: 1e300, per: "image" },
        odd: { credits: 1, per: "frame" },
        extra: { credits: 1, per: "image", note: "x" },
        proto: { credits: 1, per: "image" },
      }).replace('"proto"', '"__proto__"'),
    );
    const read = await readCachedPrices(mixed, API, { now, warn });
    expect([...(read ?? [])].map(([id]) => id)).toEqual(["good"]);
    expect(({} as Record<string, unknown>)["credits"]).toBeUndefined();

    for (const text of ["{not json", JSON.stringify({ version: 2, apis: {} }), "[]", "null"]) {
      expect(await readCachedPrices(await withFile(text), API, { now, warn })).toBeUndefined();
    }
    const big = await withFile(" ".repeat(MAX_FILE_BYTES + 1));
    expect(await readCachedPrices(big, API, { now, warn })).toBeUndefined();
    expect(warnings.join("\n")).toMatch(/larger than/);

    const linked = await tempDir("af-prices-");
    await mkdir(dirname(priceCachePath(linked)), { recursive: true });
    const target = join(await withFile(file({ good: { credits: 2, per: "image" } })), "t");
    await writeFile(target, file({ good: { credits: 2, per: "image" } }));
    await symlink(target, priceCachePath(linked));
    expect(await readCachedPrices(linked, API, { now, warn })).toBeUndefined();
    expect(warnings.join("\n")).toMatch(/it is a link/);
  });
});
