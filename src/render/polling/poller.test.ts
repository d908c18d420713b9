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
import type { Sleep } from "../api/retry.js";
import { RetryBudget } from "../api/retry.js";

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
    // Cold model: no look at an image before 3 s, then the article's wait at each age (1.5 s at
    // 3 s, 2 s at 7 s), but never less than Retry-After.
    expect(waits).toEqual([3_000, 4_000, 2_000]);
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
  const at = (elapsedMs: number, previousWaitMs = 0) => ({
    kind: "image/k",
    elapsedMs,
    previousWaitMs,
  });

  it("cold: no look at an image before 3 s, then the article's own waits", () => {
    const model = new DurationModel();
    expect(model.plan(at(0))).toBe(3_000);
    expect(model.plan(at(3_000))).toBe(1_500);
    expect(model.plan({ ...at(0), kind: "video/v" })).toBe(15_000);
    expect(model.plan({ ...at(0), kind: "other/x" })).toBe(1_000);
  });

  it("cold: spreads the first wave's first looks over two article waits after the floor", () => {
    const model = new DurationModel();
    const firsts = Array.from({ length: 40 }, () => {
      const track = model.start("image/k");
      return model.plan({ ...at(0), track });
    }).sort((a, b) => a - b);
    expect(firsts[0]).toBe(3_000);
    expect(firsts.at(-1)).toBeLessThan(6_000);
    // Evenly: no gap between two consecutive first looks wider than a fifth of a second.
    const gaps = firsts.slice(1).map((ms, i) => ms - (firsts[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThan(200);
    // A look before the floor (the Prefer probe at once) does not bring the next one forward.
    const probed = model.start("image/k");
    model.looked(probed, 5);
    expect(model.plan({ ...at(5), track: probed })).toBeGreaterThanOrEqual(3_000 - 5);
  });

  it("reads an end from the looks: between the last two, or only before the first", () => {
    const model = new DurationModel();
    const seen = model.start("image/k");
    model.running("image/k", seen, 4_000);
    model.ended("image/k", seen, 6_000);
    // Seen going at 4 s and done at 6 s: taken at 5 s.
    expect(model.quantile("image/k", 0.5)).toBeCloseTo(5_000, -1);
    // A cold job done at its first look, 5 s, ended after the 3 s floor: taken at 4 s.
    model.ended("image/k", model.start("image/k"), 5_000);
    expect(model.quantile("image/k", 0.25)).toBeCloseTo(4_000, -1);
    // Done at a first look after 20 s says only "before 20 s": it does not move the quickest.
    model.ended("image/k", model.start("image/k"), 20_000);
    expect(model.quantile("image/k", 0.1)).toBeCloseTo(4_000, -1);
    expect(model.sampleCount("image/k")).toBe(3);
  });

  it("tells jobs waiting for a look when a job of the kind ends, while it is learning", async () => {
    const model = new DurationModel();
    let told = false;
    const news = model.news("image/k")?.then(() => (told = true));
    model.record("video/v", 20_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).toBe(false);
    model.record("image/k", 5_000);
    await news;
    expect(told).toBe(true);
    // After ten ends the schedule moves slowly: each job plans again at its next look.
    for (let i = 0; i < 9; i += 1) model.record("image/k", 5_000);
    expect(model.news("image/k")).toBeUndefined();
  });

  it("warm: first look one target delay after the cohort's quickest, then a constant step", () => {
    const model = new DurationModel();
    const tracks = Array.from({ length: 50 }, () => model.start("image/k"));
    expect(tracks.every((track) => track.cohort)).toBe(true);
    tracks.forEach((track, i) => {
      model.record("image/k", 4_000 + i * 240, track.cohort);
      model.finish("image/k", track);
    });
    expect(model.start("image/k").cohort).toBe(false);
    const target = model.targetDetectionMs("image/k");
    // The article's p95 delay over 4–16 s durations: about 2.4 s.
    expect(target).toBeGreaterThan(2_200);
    expect(target).toBeLessThan(2_700);
    const step = target;
    expect(model.plan(at(0))).toBeCloseTo(4_000 + step);
    expect(model.plan(at(9_000, step))).toBeCloseTo(step);
    // Constant to twice the longest duration seen, only then stretched.
    expect(model.plan(at(30_000, step))).toBeCloseTo(step);
    expect(model.plan(at(34_000, step))).toBeCloseTo(step * 1.5);
  });

  it("counts jobs still running as evidence: the first wave's quick ends set no short step", () => {
    const withEvidence = new DurationModel();
    const without = new DurationModel();
    for (const model of [withEvidence, without]) {
      const tracks = Array.from({ length: 40 }, () => model.start("image/k"));
      for (const ms of [4_000, 4_300, 4_600]) model.record("image/k", ms, true);
      tracks.forEach((track, i) => {
        if (i < 3 || model === without) model.finish("image/k", track);
        else model.running("image/k", track, 9_000);
      });
    }
    // Three quick ends alone: the article's waits at 4–5 s (1.75 s) set the target. With 37 jobs
    // known to run past 9 s, it is the article's p95 delay at that age (0.95 × 2.25 s).
    expect(without.targetDetectionMs("image/k")).toBeLessThan(1_750);
    expect(withEvidence.targetDetectionMs("image/k")).toBeGreaterThanOrEqual(2_100);
  });

  it("shortens waits by the timers' usual lateness, by at most a quarter", () => {
    const model = new DurationModel();
    for (let i = 0; i < 50; i += 1) model.noteTimerLag(200);
    expect(model.lateAdjusted(2_000)).toBeGreaterThan(1_800);
    expect(model.lateAdjusted(2_000)).toBeLessThan(1_850);
    expect(model.lateAdjusted(400)).toBe(300);
  });
});
