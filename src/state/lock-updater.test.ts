import { describe, expect, it } from "vitest";
import type { LockEntry, Lockfile } from "./lock-types.js";
import { createLockUpdater } from "./lock-updater.js";

const entry = (n: number): LockEntry => ({
  hash: `h${n}`,
  fields: { type: "t", model: "m", prompt: "p", params: "q" },
  output: `out/${n}.png`,
  sha256: "0".repeat(64),
  size: n,
  generation: `gen_${n}`,
  renderedAt: "2026-01-01T00:00:00.000Z",
});

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("createLockUpdater", () => {
  it("coalesces many completions into few writes, and the last write holds them all", async () => {
    const writes: Lockfile[] = [];
    const written: string[] = [];
    const updater = createLockUpdater({
      initial: { version: 1, assets: { kept: entry(0) } },
      intervalMs: 40,
      write: async (lock) => {
        await tick(2);
        writes.push(lock);
      },
      onWritten: async (ids) => {
        written.push(...ids);
      },
    });
    for (let i = 1; i <= 200; i += 1) {
      updater.set(`a${i}`, entry(i));
      if (i % 50 === 0) await tick(15);
    }
    await updater.close();
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes.length).toBeLessThan(10);
    const last = writes.at(-1);
    expect(Object.keys(last?.assets ?? {})).toHaveLength(201);
    expect(last?.assets.kept).toEqual(entry(0));
    expect(new Set(written)).toEqual(new Set(Array.from({ length: 200 }, (_, i) => `a${i + 1}`)));
  });

  it("by default writes once, at close, with every id set since it started", async () => {
    const writes: string[][] = [];
    const updater = createLockUpdater({
      initial: { version: 1, assets: { kept: entry(0) } },
      write: async (_lock, changed) => {
        writes.push(changed);
      },
    });
    for (let i = 1; i <= 100; i += 1) {
      updater.set(`a${i}`, entry(i));
      if (i % 25 === 0) await tick(20);
    }
    expect(writes).toEqual([]);
    await updater.close();
    expect(writes).toHaveLength(1);
    expect(new Set(writes[0])).toEqual(new Set(Array.from({ length: 100 }, (_, i) => `a${i + 1}`)));
  });

  it("writes on its own within the interval, without waiting for close", async () => {
    let writes = 0;
    const updater = createLockUpdater({
      initial: { version: 1, assets: {} },
      intervalMs: 10,
      write: async () => {
        writes += 1;
      },
    });
    updater.set("a", entry(1));
    await tick(40);
    expect(writes).toBe(1);
    await updater.close();
    expect(writes).toBe(1);
  });

  it("keeps a failed write's ids pending, rethrows on flush, and succeeds on the next flush", async () => {
    let fail = true;
    const written: string[] = [];
    const updater = createLockUpdater({
      initial: { version: 1, assets: {} },
      intervalMs: 1000,
      write: async () => {
        if (fail) throw new Error("ENOSPC");
      },
      onWritten: async (ids) => {
        written.push(...ids);
      },
    });
    updater.set("a", entry(1));
    await expect(updater.flush()).rejects.toThrow("ENOSPC");
    expect(written).toEqual([]);
    fail = false;
    await updater.close();
    expect(written).toEqual(["a"]);
  });
});
