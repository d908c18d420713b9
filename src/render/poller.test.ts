import { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { recordingSleep } from "../../test/helpers/recording-sleep.js";
import type { Reply, Script } from "../../test/helpers/scripted-server.js";
import { inOrder, startScriptedServer } from "../../test/helpers/scripted-server.js";
import { createApiClient } from "./api-client.js";
import { DurationModel } from "./duration-model.js";
import {
  ApiAuthError,
  ApiUnavailableError,
  JobCanceledError,
  JobFailedError,
  JobTimeoutError,
  UnknownStatusError,
} from "./errors.js";
import type { PollOptions, PollStats } from "./poller.js";
import { pollUntilDone } from "./poller.js";
import { RetryBudget } from "./retry.js";

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
  const stats: PollStats = { requests: 0, held: 0, failures: 0 };
  const options: PollOptions = {
    deadlineMs: clock + 600_000,
    now: () => clock,
    sleep: recorder.sleep,
    model: new DurationModel(),
    kind: "image/test",
    random: () => 0,
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
    expect(stats).toEqual({ requests: 2, held: 2, failures: 0 });
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
    // Cold model: the article's own waits (1000 + 250·i), but never less than Retry-After.
    expect(waits).toEqual([1_250, 4_000, 1_750]);
    expect(options.model.preferWait).toBe("ignored");
    expect(options.model.sampleCount("image/test")).toBe(1);
  });

  it("waits for the learnt first look once it knows the server ignores Prefer", async () => {
    const model = new DurationModel();
    model.preferWait = "ignored";
    for (const ms of [8_000, 9_000, 10_000, 11_000]) model.record("image/test", ms);
    const { client, server, options, waits } = await setup(inOrder(done), { model });
    await pollUntilDone(client, "gen_1", options);
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([8_000]);
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
    const { client, options, stats } = await setup(
      inOrder({ status: 503 }, { body: "not json" }, { reset: true }, job("running"), done),
    );
    await expect(pollUntilDone(client, "gen_1", options)).resolves.toMatchObject({ polls: 2 });
    expect(stats.failures).toBe(3);
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

describe("DurationModel", () => {
  const warm = () => {
    const model = new DurationModel();
    for (let ms = 4_000; ms <= 16_000; ms += 500) model.record("k", ms);
    return model;
  };
  const at = (elapsedMs: number, extra: Partial<Parameters<DurationModel["plan"]>[0]> = {}) => ({
    kind: "k",
    elapsedMs,
    previousWaitMs: 0,
    polls: 1,
    looked: false,
    ...extra,
  });

  it("follows the article's waits until it has seen a few jobs", () => {
    const model = new DurationModel();
    expect(model.plan({ ...at(0), kind: "new", polls: 0 }).waitMs).toBe(1_000);
    expect(model.plan({ ...at(0), kind: "new", polls: 4 }).waitMs).toBe(2_000);
  });

  it("looks first near the fastest jobs, then steps by √(550·median)", () => {
    const model = warm();
    expect(model.plan(at(0))).toEqual({ waitMs: 4_000, firstLook: true });
    const step = Math.sqrt(550 * 10_000);
    expect(model.plan(at(6_000, { looked: true })).waitMs).toBeCloseTo(step);
    expect(model.plan(at(17_000, { looked: true, previousWaitMs: step })).waitMs).toBeCloseTo(
      step * 1.5,
    );
  });

  it("moves the first look earlier when it finds jobs done, later when it finds them running", () => {
    const model = warm();
    model.plan(at(0));
    model.noteFirstLook("k", false);
    const later = model.plan(at(0)).waitMs;
    model.noteFirstLook("k", true);
    model.noteFirstLook("k", true);
    expect(later).toBeGreaterThan(4_000);
    expect(model.plan(at(0)).waitMs).toBeLessThan(later);
  });
});
