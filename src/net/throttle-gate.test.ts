import { describe, expect, it } from "vitest";
import { ThrottleGate } from "./throttle-gate.js";

/** Resolves after pending promise callbacks have run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("ThrottleGate", () => {
  it("lets everything through until the first 429", async () => {
    const gate = new ThrottleGate();
    const leaves = await Promise.all(Array.from({ length: 20 }, () => gate.enter()));
    expect(gate.limit).toBe(Number.POSITIVE_INFINITY);
    for (const leave of leaves) leave();
  });

  it("halves what may be under way on a 429, and queues the rest until a place is free", async () => {
    const gate = new ThrottleGate();
    const leaves = await Promise.all(Array.from({ length: 8 }, () => gate.enter()));
    gate.throttled();
    expect(gate.limit).toBe(4);
    // Each 429 halves again: those of requests sent before the first still count.
    gate.throttled();
    expect(gate.limit).toBe(2);
    let entered = 0;
    const waiting = Array.from({ length: 3 }, () =>
      gate.enter().then((leave) => (entered++, leave)),
    );
    await settle();
    expect(entered).toBe(0);
    // 8 under way, limit 2: seven must leave before the first waiter enters.
    for (const leave of leaves.slice(0, 6)) leave();
    await settle();
    expect(entered).toBe(0);
    leaves[6]!();
    await settle();
    expect(entered).toBe(1);
    leaves[7]!();
    await settle();
    expect(entered).toBe(2);
    gate.succeeded(); // 2.5: still two places
    await settle();
    expect(entered).toBe(2);
    gate.succeeded(); // 2.9
    gate.succeeded(); // 3.24…: a third place
    await settle();
    expect(entered).toBe(3);
    for (const leave of await Promise.all(waiting)) leave();
  });

  it("never goes below one, grows by 1/limit on each success, and is lifted at its ceiling", async () => {
    const gate = new ThrottleGate(4);
    const leave = await gate.enter();
    gate.throttled();
    expect(gate.limit).toBe(1);
    gate.succeeded();
    expect(gate.limit).toBe(2);
    gate.succeeded();
    expect(gate.limit).toBe(2.5);
    gate.succeeded();
    expect(gate.limit).toBeCloseTo(2.9, 6);
    let more = 0;
    while (Number.isFinite(gate.limit)) {
      gate.succeeded();
      more += 1;
    }
    // 3.24, 3.55, 3.83, then past 4: lifted.
    expect(more).toBe(4);
    leave();
  });

  it("a waiter whose signal aborts leaves the queue with the signal's reason", async () => {
    const gate = new ThrottleGate();
    const leave = await gate.enter();
    gate.throttled();
    const controller = new AbortController();
    const waiting = gate.enter(controller.signal);
    controller.abort(new Error("stopped"));
    await expect(waiting).rejects.toThrow("stopped");
    leave();
    // The aborted waiter took no place: the next one enters at once.
    const next = await gate.enter();
    next();
    next(); // leaving twice gives back one place only
    expect(gate.limit).toBe(1);
  });
});
