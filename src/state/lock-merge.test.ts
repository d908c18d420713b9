import { describe, expect, it } from "vitest";
import type { LockEntry, Lockfile } from "./lock-types.js";
import { describeConflict, mergeLocks } from "./lock-merge.js";

const FIELDS = { type: "t", model: "m", prompt: "p", params: "q" };
const h = (c: string) => c.repeat(64);

function entry(hash: string, sha: string, output = "out.png"): LockEntry {
  return { hash, fields: FIELDS, output, sha256: sha, size: 10, generation: "g", renderedAt: "r" };
}
function lock(assets: Record<string, LockEntry>): Lockfile {
  return { version: 1, assets };
}
const ASSETS = [
  { id: "a", hash: h("a"), output: "out.png" },
  { id: "b", hash: h("b"), output: "out.png" },
];

describe("mergeLocks", () => {
  it("takes each asset's current entry from whichever shard has it", () => {
    const one = {
      name: "s1.lock",
      lock: lock({ a: entry(h("a"), h("1")), b: entry(h("0"), h("9")) }),
    };
    const two = {
      name: "s2.lock",
      lock: lock({ a: entry(h("0"), h("9")), b: entry(h("b"), h("2")) }),
    };
    const out = mergeLocks(lock({}), [one, two], ASSETS);
    expect(out.conflicts).toEqual([]);
    expect(out.unrendered).toEqual([]);
    expect(out.merged.assets.a?.sha256).toBe(h("1"));
    expect(out.merged.assets.b?.sha256).toBe(h("2"));
    expect(out.taken.map((t) => `${t.id}<${t.lock}`)).toEqual(["a<s1.lock", "b<s2.lock"]);
  });

  it("names both locks when they hold different bytes for one request", () => {
    const one = { name: "s1.lock", lock: lock({ a: entry(h("a"), h("1")) }) };
    const two = { name: "s2.lock", lock: lock({ a: entry(h("a"), h("2")) }) };
    const out = mergeLocks(lock({}), [one, two], ASSETS);
    expect(out.conflicts).toHaveLength(1);
    const text = describeConflict(out.conflicts[0]!);
    expect(text).toContain("a: s1.lock and s2.lock hold different results");
  });

  it("agrees when two shards carry the same result (one re-run)", () => {
    const same = entry(h("a"), h("1"));
    const out = mergeLocks(
      lock({}),
      [
        { name: "s1.lock", lock: lock({ a: same }) },
        { name: "s2.lock", lock: lock({ a: { ...same, renderedAt: "later", generation: "g2" } }) },
      ],
      ASSETS,
    );
    expect(out.conflicts).toEqual([]);
    expect(out.taken).toHaveLength(1);
  });

  it("ignores stale shard entries, keeps the base's current ones and lists assets nobody rendered", () => {
    const base = lock({ b: entry(h("b"), h("5")), gone: entry(h("g"), h("6")) });
    const shard = { name: "s1.lock", lock: lock({ a: entry(h("0"), h("7")) }) };
    const out = mergeLocks(base, [shard], ASSETS);
    expect(out.taken).toEqual([]);
    expect(out.unrendered).toEqual(["a"]);
    expect(Object.keys(out.merged.assets).sort()).toEqual(["b", "gone"]);
  });

  it("does not take an entry whose output path is no longer the asset's", () => {
    const shard = { name: "s1.lock", lock: lock({ a: entry(h("a"), h("1"), "old.png") }) };
    expect(mergeLocks(lock({}), [shard], ASSETS).unrendered).toContain("a");
  });
});
