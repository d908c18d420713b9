import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { COLLECT_AFTER_LOAD_MIN_ASSETS, collectAfterLoad } from "./collect-garbage.js";

describe("collectAfterLoad", () => {
  it("collects what is no longer reachable, for a large manifest", async () => {
    let garbage: object | undefined = { big: new Array(1000).fill("x") };
    const ref = new WeakRef(garbage);
    garbage = undefined;
    // A WeakRef's target is kept alive until the end of the job that made or read it.
    await nextTurn();
    collectAfterLoad(COLLECT_AFTER_LOAD_MIN_ASSETS);
    expect(ref.deref()).toBeUndefined();
  });
});
