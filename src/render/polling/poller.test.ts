import { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { recordingSleep } from "../../../test/support/recording-sleep.js";
import type { Reply, Script } from "../../../test/support/scripted-server.js";
import { inOrder, startScriptedServer } from "../../../test/support/scripted-server.js";
import { createApiClient } from "../api/client.js";
import { DurationModel } from "./duration-model.js";
import {
  ApiAuthError,
  ApiUnavailableError,
  JobCanceledError,
  JobFailedError,
  JobTimeoutError,
  UnknownStatusError,
} from "../errors.js";
import type { PollOptions, PollStats, StatusSource } from "./poller.js";
import { pollUntilDone } from "./poller.js";
import type { Sleep } from "../../net/retry.js";
import { RetryBudget } from "../../net/retry.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const job = (status: string, extra: Record<string, unknown> = {}): Reply => ({
  body: { id: "gen_1", status, ...extra },
});
const done = job("succeeded", { url: "https://cdn.example/a.png?sig=1" });

/** A client on a scripted server, a fake clock that moves with every sleep, and a fresh model. */
async function setup(
  script: Script,
  overrides: Partial<PollOptions> = {},
  budget = new RetryBudget(),
) {
  const server = await startScriptedServer(script);
  const agent = new Agent();
  cleanups.push(() => agent.close(), server.close);
  let clock = 1_000_000;
  const recorder = recordingSleep((ms) => (clock += ms));
  const client = createApiClient({
    baseUrl: `${server.origin}/v1`,
    apiKey: "k",
    dispatcher: agent,
    retryBudget: budget,
    sleep: recorder.sleep,
    now: () => clock,
    random: () => 0,
    maxAttempts: 1,
  });
  const stats: PollStats = { requests: 0, held: 0 };
  const options: PollOptions = {
    deadlineMs: clock + 600_000,
    now: () => clock,
    sleep: recorder.sleep,
    model: new DurationModel(),
    kind: "image/test",
    stats,
    ...overrides,
  };
  return {
    client,
    server,
    options,
    stats,
    waits: recorder.waits,
    advance: (ms: number) => (clock += ms),
  };
}

describe("pollUntilDone", () => {
  it("long-polls a server that honours Prefer: wait, with no sleeps in between", async () => {
    const held = (status: string): Reply => ({
      ...job(status),
      headers: { "preference-applied": "wait=25" },
    });
    const { client, server, options, waits, stats } = await setup(
      inOrder(held("running"), { ...done, headers: { "preference-applied": "wait=25" } }),
    );
    const result = await pollUntilDone(client, "gen_1", options);
    expect(result).toMatchObject({ url: "https://cdn.example/a.png?sig=1", polls: 2 });
    expect(server.requests.map((r) => r.headers["prefer"])).toEqual(["wait=25", "wait=25"]);
    expect(waits).toEqual([]);
    expect(stats).toEqual({ requests: 2, held: 2 });
    expect(options.model.preferWait).toBe("honoured");
  });

  it("falls back to the schedule when the server ignores Prefer, honouring Retry-After", async () => {
    const { client, options, waits } = await setup(
      inOrder(
        job("queued"),
        { ...job("running"), headers: { "retry-after": "4" } },
        job("running"),
        done,
      ),
    );
    const result = await pollUntilDone(client, "gen_1", options);
    expect(result.polls).toBe(4);
    // Cold model: no look at an image before 3 s, then the article's wait at each age (1.5 s at
    // 3 s, 2 s at 7 s), but never less than Retry-After.
    expect(waits).toEqual([3_000, 4_000, 2_000]);
    expect(options.model.preferWait).toBe("ignored");
    expect((options.model as DurationModel).sampleCount("image/test")).toBe(1);
  });

  it("waits for the learnt first look once it knows the server ignores Prefer", async () => {
    const model = new DurationModel();
    model.preferWait = "ignored";
    for (const ms of [8_000, 9_000, 10_000, 11_000]) model.record("image/test", ms);
    const { client, server, options, waits } = await setup(inOrder(done), { model });
    await pollUntilDone(client, "gen_1", options);
    expect(server.requests).toHaveLength(1);
    // The quickest seen (8 s, known to the millisecond) plus the article's p95 delay over those
    // durations (2.25 s).
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeCloseTo(10_250, -1);
  });

  it("plans a waiting job's look again when the kind turns warm", async () => {
    const model = new DurationModel();
    model.preferWait = "ignored";
    model.start("image/test"); // the cohort's first job: this one is its second
    let clock = 0;
    const waits: number[] = [];
    // Timers that never fire: only news of other jobs' ends (or the abort) ends a wait.
    const sleep: Sleep = (ms, signal) =>
      new Promise((_, reject) => {
        waits.push(ms);
        signal?.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
      });
    const client: StatusSource = {
      retryBudget: new RetryBudget(),
      status: () =>
        Promise.resolve({ job: { id: "gen_1", status: "running" }, preferenceApplied: false }),
    };
    const stop = new AbortController();
    const polling = pollUntilDone(client, "gen_1", {
      deadlineMs: 600_000,
      now: () => clock,
      sleep,
      signal: stop.signal,
      model,
      kind: "image/test",
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setImmediate(resolve));
    // Cold: its first look is spread after the 3 s floor, past the first job's.
    expect(waits[0]).toBeGreaterThan(3_000);
    clock = 4_000;
    for (let i = 0; i < 3; i += 1) {
      model.record("image/test", 4_000, true);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Warm now: the first look is the quickest end plus the target delay, planned from now.
    const first = model.firstLookMs("image/test") ?? NaN;
    expect(first).toBeLessThan(3_000 + waits[0]!);
    expect(waits.at(-1)).toBeCloseTo(first - 4_000, 0);
    stop.abort(new Error("stop"));
    expect(await polling).toEqual(new Error("stop"));
  });

  it("fails the job with the server's reason, or as canceled", async () => {
    const failed = await setup(inOrder(job("failed", { error: "NSFW filter" })));
    await expect(pollUntilDone(failed.client, "gen_1", failed.options)).rejects.toThrow(
      new JobFailedError("gen_1", "NSFW filter"),
    );
    const canceled = await setup(inOrder(job("canceled")));
    await expect(pollUntilDone(canceled.client, "gen_1", canceled.options)).rejects.toBeInstanceOf(
      JobCanceledError,
    );
  });

  it("ends a job that never finishes at its deadline", async () => {
    const { client, options } = await setup(inOrder(job("running")));
    const error = await pollUntilDone(client, "gen_1", {
      ...options,
      deadlineMs: options.now() + 30_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect((error as Error).message).toMatch(/last status: running/);
  });

  it("ends an unknown status that persists, without waiting for the whole deadline", async () => {
    const { client, options, server } = await setup(inOrder(job("quarantined")), {
      unknownStatusGraceMs: 10_000,
    });
    await expect(pollUntilDone(client, "gen_1", options)).rejects.toBeInstanceOf(
      UnknownStatusError,
    );
    expect(server.requests.length).toBeLessThan(10);
  });

  it("lets an unknown status turn into success", async () => {
    const { client, options } = await setup(inOrder(job("paused"), job("running"), done));
    await expect(pollUntilDone(client, "gen_1", options)).resolves.toMatchObject({ polls: 3 });
  });

  it("does not fail the job for failed status requests (5xx, malformed, reset)", async () => {
    // The client tries at most once per call here; the poll still rides out three failures.
    const { client, options, server } = await setup(
      inOrder({ status: 503 }, { body: "not json" }, { reset: true }, job("running"), done),
    );
    await expect(pollUntilDone(client, "gen_1", options)).resolves.toMatchObject({ polls: 2 });
    expect(server.requests).toHaveLength(5);
  });

  it("gives up on failing status requests when the run's budget is spent", async () => {
    const { client, options, server } = await setup(
      inOrder({ status: 503 }),
      {},
      new RetryBudget({ reserve: 3, ratio: 0 }),
    );
    await expect(pollUntilDone(client, "gen_1", options)).rejects.toBeInstanceOf(
      ApiUnavailableError,
    );
    expect(server.requests).toHaveLength(4);
  });

  it("stops at once when the key is refused mid-poll", async () => {
    const { client, options, server } = await setup(inOrder(job("running"), { status: 401 }));
    await expect(pollUntilDone(client, "gen_1", options)).rejects.toBeInstanceOf(ApiAuthError);
    expect(server.requests).toHaveLength(2);
  });

  it("stops waiting as soon as the signal aborts", async () => {
    const controller = new AbortController();
    const { client, options } = await setup(inOrder(job("running")));
    const polling = pollUntilDone(client, "gen_1", { ...options, signal: controller.signal });
    controller.abort(new Error("interrupted"));
    await expect(polling).rejects.toThrow("interrupted");
  });
});
