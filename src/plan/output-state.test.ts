import { createHash } from "node:crypto";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { probeOutputs, readOutputStates } from "./output-state.js";
import { StatIndex } from "./stat-index.js";
import { tempRepo } from "./testing/temp-repo.js";

describe("probeOutputs", () => {
  it("says what stat says, for files, folders and missing paths", async () => {
    const dir = await tempRepo();
    await mkdir(join(dir, "out/folder.png"), { recursive: true });
    await writeFile(join(dir, "out/a.png"), "four");
    const outputs = ["out/a.png", "out/folder.png", "out/gone.png"];
    // Once by the worker alone, once by this thread alone (it takes everything first).
    for (const steal of [false, true]) {
      await checkProbe(dir, await probeOutputs(dir, outputs, { min: 0 })?.finish({ steal }));
    }
  });

  async function checkProbe(
    dir: string,
    prestat:
      Awaited<ReturnType<NonNullable<ReturnType<typeof probeOutputs>>["finish"]>> | undefined,
  ): Promise<void> {
    if (prestat === undefined) throw new Error("no probe");
    const real = await stat(join(dir, "out/a.png"));
    const a = prestat("out/a.png");
    expect(a && { size: a.size, mtimeMs: a.mtimeMs, ino: a.ino, file: a.isFile() }).toEqual({
      size: 4,
      mtimeMs: real.mtimeMs,
      ino: real.ino,
      file: true,
    });
    expect(prestat("out/folder.png")?.isFile()).toBe(false);
    expect(prestat("out/gone.png")).toBeNull();
    // Not asked about: the caller stats it itself.
    expect(prestat("out/other.png")).toBeUndefined();
  }

  it("is not started for a few outputs", async () => {
    expect(probeOutputs(await tempRepo(), ["a.png"])).toBeUndefined();
  });

  it("gives readOutputStates the same states as its own stat calls", async () => {
    const dir = await tempRepo();
    await mkdir(join(dir, "out/folder.png"), { recursive: true });
    await writeFile(join(dir, "out/a.png"), "four");
    await writeFile(join(dir, "out/b.png"), "longer");
    // With their place in the probe's list, as plan passes them (found by name otherwise).
    const checks = ["a.png", "b.png", "folder.png", "gone.png"].map((f, asset) => ({
      output: `out/${f}`,
      size: 4,
      asset,
    }));
    const outputs = checks.map((c) => c.output);
    const ownIndex = StatIndex.empty(dir);
    const own = await readOutputStates(dir, checks, ownIndex);
    for (const [hash, steal] of [
      [false, false],
      [true, false],
      [true, true],
    ] as const) {
      const prestat = await probeOutputs(dir, outputs, { min: 0, hash })?.finish({ steal });
      expect(prestat).toBeDefined();
      expect(prestat?.("out/a.png")?.sha256).toBe(
        hash ? createHash("sha256").update("four").digest("hex") : undefined,
      );
      const index = StatIndex.empty(dir);
      const viaWorker = await readOutputStates(dir, checks, index, prestat);
      // Compared as lookups: the order of insertion differs (hashed files come last).
      expect(new Map([...viaWorker].sort())).toEqual(new Map([...own].sort()));
      // What the worker hashed is recorded as the main thread's hashing is.
      expect(index.dirty).toBe(ownIndex.dirty);
    }
  });
});
