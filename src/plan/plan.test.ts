import { describe, expect, it } from "vitest";
import type { Asset } from "../manifest/types.js";
import { assetHash } from "./hash.js";
import type { Lockfile } from "../state/lock-types.js";
import { emptyLockfile } from "../state/lockfile.js";
import { lockEntryFor } from "./lock-entry.js";
import { lockedBytes, OutputStates, planAssets, type OutputVerdict } from "./plan.js";
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

/**
 * readOutputStates' answer, given as verdicts by asset id: only assets whose entry records their
 * request as it is now are examined (and so have one), whatever the list says of the others.
 */
function states(
  assets: readonly Asset[],
  lock: Lockfile,
  verdicts: Record<string, OutputVerdict> = {},
): OutputStates {
  const locked = lockedBytes(assets, lock, assets.map(assetHash));
  const out = new OutputStates(assets.length);
  assets.forEach((a, place) => {
    const verdict = verdicts[a.id];
    if (verdict !== undefined && locked(place) !== undefined) out.set(place, verdict);
  });
  return out;
}

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
    const outputs = states(assets, lock, {
      new: "locked",
      unchanged: "locked",
      missing: "missing",
      modified: "modified",
      resized: "modified",
    });
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
    const plan = planAssets([changed], lock, new OutputStates(1));
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
    const plan = planAssets([moved], lock, states([moved], lock, { a: "locked" }));
    expect(plan.entries[0]?.status).toBe("unchanged");
  });

  it("names a params change as params, and a type change as type", () => {
    const lock = lockWith(asset("p"), asset("t"));
    const plan = planAssets(
      [asset("p", { params: { seed: 7 } }), asset("t", { type: "video", output: "out/t.mp4" })],
      lock,
      new OutputStates(2),
    );
    expect(plan.entries.map((e) => e.changedFields)).toEqual([["params"], ["type"]]);
  });

  it("finds the same orphans when told the ids are unique", () => {
    const assets = [asset("a"), asset("b"), asset("c")];
    const intact = { a: "locked", b: "locked", c: "locked" } as const;
    for (const lock of [
      lockWith(asset("a"), asset("b"), asset("c")),
      lockWith(asset("a"), asset("c"), asset("zz-gone"), asset("aa-gone")),
      lockWith(asset("gone")),
      emptyLockfile(),
    ]) {
      const outputs = states(assets, lock, intact);
      const unique = planAssets(assets, lock, outputs, undefined, { uniqueIds: true });
      expect(unique).toEqual(planAssets(assets, lock, outputs));
    }
    // Without the promise, a repeated id still leaves the lock's other entries orphaned.
    const twice = [asset("a"), asset("a")];
    const twiceLock = lockWith(asset("a"), asset("b"));
    const repeated = planAssets(twice, twiceLock, states(twice, twiceLock, intact));
    expect(repeated.entries.filter((e) => e.status === "orphaned").map((e) => e.id)).toEqual(["b"]);
  });

  it("plans nothing for nothing", () => {
    const plan = planAssets([], emptyLockfile(), new OutputStates(0));
    expect(plan.entries).toEqual([]);
    expect(Object.values(plan.counts).every((n) => n === 0)).toBe(true);
  });
});

describe("lockedBytes", () => {
  it("gives bytes only for assets whose request is unchanged", () => {
    const assets = [asset("new"), asset("changed", { prompt: "x" }), asset("same")];
    const lock = lockWith(asset("changed"), asset("same"));
    const locked = lockedBytes(assets, lock, assets.map(assetHash));
    expect([0, 1, 2].map(locked)).toEqual([undefined, undefined, lock.assets["same"]]);
  });
});

describe("planAssets, from each verdict", () => {
  const assets = [asset("same"), asset("pointer"), asset("gone"), asset("edited")];
  const lock = lockWith(...assets);
  const outputs = states(assets, lock, {
    same: "locked",
    pointer: "lfs pointer",
    gone: "missing",
    edited: "modified",
  });

  it("counts an LFS pointer to the locked bytes as unchanged, and says how many", () => {
    const plan = planAssets(assets, lock, outputs);
    expect(plan.entries.map((e) => e.status)).toEqual([
      "unchanged",
      "unchanged",
      "missing",
      "modified",
    ]);
    expect(plan.lfsPointers).toBe(1);
  });

  it("calls a missing output stored when outputs live in the store", () => {
    const plan = planAssets(assets, lock, outputs, undefined, { outputsInStore: true });
    expect(plan.entries.map((e) => e.status)).toEqual([
      "unchanged",
      "unchanged",
      "stored",
      "modified",
    ]);
  });

  it("throws for an asset that should have been examined and was not", () => {
    expect(() => planAssets(assets, lock, new OutputStates(assets.length))).toThrow(
      /no output state for out\/same.png/,
    );
  });
});
