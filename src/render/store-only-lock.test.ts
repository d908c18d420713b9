import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LockEntry, Lockfile } from "../state/lock-types.js";
import { createLockUpdater } from "../state/lock-updater.js";
import { rewriteLockfile } from "../state/lockfile-rewrite.js";
import { writeLockfile } from "../state/lockfile.js";
import { tempDir } from "../../test/support/temp-dir.js";
import { storeOnlyLock } from "./store-only-lock.js";

const entry = (hash: string): LockEntry => ({
  hash,
  fields: { type: "t", model: "m", prompt: "p", params: "q" },
  output: `out/${hash}.png`,
  sha256: "0".repeat(64),
  size: 1,
  generation: `gen_${hash}`,
  renderedAt: "2026-01-01T00:00:00.000Z",
});

describe("storeOnlyLock, through the lock updater's writes of a real lockfile", () => {
  it("writes a render's entry only once the store holds its bytes, keeping the previous one until then", async () => {
    const path = join(await tempDir("af-store-only-lock-"), "agentframer.lock");
    const before: Lockfile = { version: 1, assets: { hero: entry("old"), logo: entry("logo") } };
    await writeLockfile(path, before);
    const previous = structuredClone(before.assets);
    const honest = storeOnlyLock((id) => previous[id]);
    const updater = createLockUpdater({
      initial: structuredClone(before),
      write: (lock, changed) => rewriteLockfile(path, honest.writable(lock, changed), changed),
    });
    const onDisk = async () =>
      (JSON.parse(await readFile(path, "utf8")) as Lockfile).assets as Record<string, LockEntry>;

    // A write during the run (the updater's periodic one): neither render is in the store yet.
    updater.set("hero", entry("new"));
    updater.set("badge", entry("badge"));
    await updater.flush();
    expect(await onDisk()).toEqual(previous);

    honest.confirm("hero");
    updater.set("hero", entry("new"));
    await updater.close();
    expect(await onDisk()).toEqual({ hero: entry("new"), logo: entry("logo") });
    expect(honest.withheld()).toEqual(["badge"]);
  });
});

/** Typed as any id is: TypeScript would read `.constructor` as Object's. */
const CONSTRUCTOR: string = "constructor";

describe("storeOnlyLock with awkward ids", () => {
  it("keeps an id such as __proto__ as data when it holds an entry back", () => {
    const assets = Object.create(null) as Lockfile["assets"];
    assets["__proto__"] = entry("old-proto");
    assets[CONSTRUCTOR] = entry("ctor");
    const previous = { ...assets };
    const honest = storeOnlyLock((id) => (Object.hasOwn(previous, id) ? previous[id] : undefined));
    const lock: Lockfile = { version: 1, assets };
    lock.assets["__proto__"] = entry("new-proto");
    const written = honest.writable(lock, ["__proto__", "constructor"]);
    expect(Object.keys(written.assets).sort()).toEqual(["__proto__", "constructor"]);
    expect(written.assets["__proto__"]).toEqual(entry("old-proto"));
    expect(Object.getPrototypeOf(written.assets)).toBeNull();

    // A new asset held back is absent, not found on Object.prototype.
    const fresh = storeOnlyLock(() => undefined);
    const lock2: Lockfile = { version: 1, assets: Object.create(null) as Lockfile["assets"] };
    lock2.assets[CONSTRUCTOR] = entry("ctor-new");
    expect(fresh.writable(lock2, [CONSTRUCTOR]).assets[CONSTRUCTOR]).toBeUndefined();
  });
});
