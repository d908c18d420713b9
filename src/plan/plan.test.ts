import { describe, expect, it } from "vitest";
import type { Asset } from "../manifest/types.js";
import { assetHash } from "./hash.js";
import type { Lockfile } from "../state/lock-types.js";
import { emptyLockfile } from "../state/lockfile.js";
import { lockEntryFor } from "./lock-entry.js";
import { outputsToCheck, planAssets } from "./plan.js";
import type { OutputState } from "./plan.js";
import { makeAsset } from "../../test/support/assets.js";

const SHA = "b".repeat(64);
const asset = (id: string, extra: Partial<Asset> = {}): Asset =>
  makeAsset({ id, output: `out/${id}.png`, ...extra });

function lockWith(...assets: Asset[]): Lockfile {
  const lock = emptyLockfile();
  for (const a of assets) {
    lock.assets[a.id] = lockEntryFor(a, {
      sha256: SHA,
      size: 4,
      generation: `g-${a.id}`,
      renderedAt: "t",
    });
  }
  return lock;
}

const intact: OutputState = { exists: true, size: 4, sha256: SHA };

describe("planAssets", () => {
  it("gives every status, with the changed fields named and orphans last", () => {
    const assets = [
      asset("new"),
      asset("changed", { prompt: "another prompt", model: "flux-dev" }),
      asset("unchanged"),
      asset("missing"),
      asset("modified"),
      asset("resized"),
    ];
    const lock = lockWith(
      asset("changed"),
      asset("unchanged"),
      asset("missing"),
      asset("modified"),
      asset("resized"),
      asset("zz-gone"),
      asset("aa-gone"),
    );
    const outputs = new Map<string, OutputState>([
      ["out/new.png", intact],
      ["out/unchanged.png", intact],
      ["out/missing.png", { exists: false }],
      ["out/modified.png", { exists: true, size: 4, sha256: "c".repeat(64) }],
      ["out/resized.png", { exists: true, size: 5 }],
    ]);
    const plan = planAssets(assets, lock, outputs);
    expect(plan.entries.map((e) => [e.id, e.status, e.changedFields])).toEqual([
      ["new", "new", undefined],
      ["changed", "changed", ["model", "prompt"]],
      ["unchanged", "unchanged", undefined],
      ["missing", "missing", undefined],
      ["modified", "modified", undefined],
      ["resized", "modified", undefined],
      ["aa-gone", "orphaned", undefined],
      ["zz-gone", "orphaned", undefined],
    ]);
    expect(plan.counts).toEqual({
      new: 1,
      changed: 1,
      unchanged: 1,
      missing: 1,
      modified: 2,
      orphaned: 2,
      stored: 0,
    });
  });

  it("gives each entry its hash now, and the orphan its locked hash and output", () => {
    const changed = asset("a", { prompt: "p2" });
    const lock = lockWith(asset("a"), asset("gone"));
    const plan = planAssets([changed], lock, new Map());
    expect(plan.entries[0]).toMatchObject({
      hash: assetHash(changed),
      asset: changed,
      lock: lock.assets.a,
    });
    expect(plan.entries[1]).toMatchObject({
      id: "gone",
      output: "out/gone.png",
      hash: lock.assets.gone?.hash,
    });
    expect(plan.entries[1]?.asset).toBeUndefined();
  });

  it("does not re-render a moved output: the hash covers the request, not the path", () => {
    const lock = lockWith(asset("a"));
    const moved = asset("a", { output: "elsewhere/a.png" });
    const plan = planAssets([moved], lock, new Map([["elsewhere/a.png", intact]]));
    expect(plan.entries[0]?.status).toBe("unchanged");
  });

  it("names a params change as params, and a type change as type", () => {
    const lock = lockWith(asset("p"), asset("t"));
    const plan = planAssets(
      [asset("p", { params: { seed: 7 } }), asset("t", { type: "video", output: "out/t.mp4" })],
      lock,
      new Map(),
    );
    expect(plan.entries.map((e) => e.changedFields)).toEqual([["params"], ["type"]]);
  });

  it("finds the same orphans when told the ids are unique", () => {
    const assets = [asset("a"), asset("b"), asset("c")];
    const outputs = new Map(assets.map((a) => [a.output, intact]));
    for (const lock of [
      lockWith(asset("a"), asset("b"), asset("c")),
      lockWith(asset("a"), asset("c"), asset("zz-gone"), asset("aa-gone")),
      lockWith(asset("gone")),
      emptyLockfile(),
    ]) {
      const unique = planAssets(assets, lock, outputs, undefined, { uniqueIds: true });
      expect(unique).toEqual(planAssets(assets, lock, outputs));
    }
    // Without the promise, a repeated id still leaves the lock's other entries orphaned.
    const repeated = planAssets(
      [asset("a"), asset("a")],
      lockWith(asset("a"), asset("b")),
      outputs,
    );
    expect(repeated.entries.filter((e) => e.status === "orphaned").map((e) => e.id)).toEqual(["b"]);
  });

  it("plans nothing for nothing", () => {
    const plan = planAssets([], emptyLockfile(), new Map());
    expect(plan.entries).toEqual([]);
    expect(Object.values(plan.counts).every((n) => n === 0)).toBe(true);
  });
});

describe("outputsToCheck", () => {
  it("asks only about outputs of assets whose request is unchanged", () => {
    const assets = [asset("new"), asset("changed", { prompt: "x" }), asset("same")];
    const lock = lockWith(asset("changed"), asset("same"));
    expect(outputsToCheck(assets, lock, assets.map(assetHash))).toEqual([
      { output: "out/same.png", size: 4, sha256: lock.assets["same"]?.sha256, asset: 2 },
    ]);
  });
});
