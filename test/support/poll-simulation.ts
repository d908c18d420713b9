/**
 * A virtual-time model of a render run — N jobs with known durations, a pool of workers, a server
 * that does or does not hold `Prefer: wait` requests — driving the real `pollUntilDone` and, for
 * comparison, the source article's loop (waits of 1000 + 250·i ms). No sockets and no real time:
 * thousands of jobs take a second, and the figures are exact. It checks the polling strategy;
 * `npm run bench:render` measures the real thing over HTTP against the emulator.
 */
import type { StatusResult } from "../../src/render/api/client.js";
import type {
  DurationMemory,
  DurationModelTuning,
} from "../../src/render/polling/duration-model.js";
import { DurationModel } from "../../src/render/polling/duration-model.js";
import { pollUntilDone } from "../../src/render/polling/poller.js";
import { RetryBudget } from "../../src/net/retry.js";

export interface SimulationOptions {
  /** One job per entry: how long it runs after its creation. */
  durationsMs: number[];
  concurrency: number;
  /** Whether the server holds status requests that carry `Prefer: wait`. */
  honourPreferWait: boolean;
  /** `Retry-After` the server sends with pending statuses, if any. */
  retryAfterHintMs?: number;
  /** Override the model's tuning, to explore it. */
  tuning?: Partial<DurationModelTuning>;
  /** What earlier runs learnt, as `DurationModel.recall` takes it. */
  memory?: DurationMemory;
}

export interface SimulationReport {
  strategy: "poller" | "article";
  jobs: number;
  /** Create plus status requests, per job. */
  requestsPerJob: number;
  /** Create plus status requests of each job, in order of creation. */
  requestsByJob: number[];
  /** Each job's delay from its end to the client seeing it, in order of creation. */
  delayByJobMs: number[];
  /** Time from a job's end to the client seeing it, in ms. */
  p50DelayMs: number;
  p95DelayMs: number;
  makespanMs: number;
  /** Makespan if every end were seen at once. */
  idealMakespanMs: number;
  /** What the run learnt, for the next one (`DurationModel.remember`). */
  memory: DurationMemory;
}

type Strategy = "poller" | "article";

export async function simulate(
  strategy: Strategy,
  options: SimulationOptions,
): Promise<SimulationReport> {
  const time = new VirtualTime();
  const model = new DurationModel(options.tuning);
  if (options.memory) model.recall(options.memory);
  const delayByJobMs = options.durationsMs.map(() => 0);
  const requestsByJob = options.durationsMs.map(() => 1); // the create
  let requests = 0;
  let next = 0;
  let lastDetection = 0;

  async function worker(): Promise<void> {
    for (let index = next++; index < options.durationsMs.length; index = next++) {
      const duration = options.durationsMs[index] ?? 0;
      requests += 1; // the create
      const endsAt = time.now + duration;
      const client = fakeClient(time, endsAt, options, () => {
        requests += 1;
        requestsByJob[index] = (requestsByJob[index] ?? 0) + 1;
      });
      if (strategy === "poller") {
        await pollUntilDone(client, `job${index}`, {
          deadlineMs: time.now + 3_600_000,
          now: () => time.now,
          sleep: (ms, signal) => time.sleep(ms, signal),
          model,
          kind: "image/sim",
        });
      } else {
        await articleLoop(time, client);
      }
      delayByJobMs[index] = time.now - endsAt;
      lastDetection = Math.max(lastDetection, time.now);
    }
  }

  const workers = Array.from({ length: options.concurrency }, () => worker());
  const all = Promise.all(workers);
  let settled = false;
  void all.then(() => (settled = true));
  await time.run(() => settled);
  await all;

  const delays = [...delayByJobMs].sort((a, b) => a - b);
  return {
    strategy,
    jobs: options.durationsMs.length,
    requestsPerJob: requests / options.durationsMs.length,
    requestsByJob,
    delayByJobMs,
    p50DelayMs: quantile(delays, 0.5),
    p95DelayMs: quantile(delays, 0.95),
    makespanMs: lastDetection,
    idealMakespanMs: idealMakespan(options.durationsMs, options.concurrency),
    memory: model.remember(),
  };
}

/** The source article's loop, exactly: up to 60 polls, the i-th after 1000 + 250·i ms. */
async function articleLoop(time: VirtualTime, client: FakeClient): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    await time.sleep(1000 + i * 250);
    const { job } = await client.status("", {});
    if (job.status === "succeeded") return;
  }
  throw new Error("timeout");
}

type FakeClient = Parameters<typeof pollUntilDone>[0];

function fakeClient(
  time: VirtualTime,
  endsAt: number,
  options: SimulationOptions,
  count: () => void,
): FakeClient {
  return {
    retryBudget: new RetryBudget(),
    async status(id, statusOptions = {}): Promise<StatusResult> {
      count();
      const wait = (statusOptions.preferWaitSeconds ?? 0) * 1000;
      const held = options.honourPreferWait && wait > 0 && time.now < endsAt;
      if (held) await time.sleep(Math.min(endsAt, time.now + wait) - time.now);
      const done = time.now >= endsAt;
      const result: StatusResult = {
        job: done
          ? { id, status: "succeeded", url: "https://cdn.example/x" }
          : { id, status: "running" },
        preferenceApplied: held,
      };
      if (!done && options.retryAfterHintMs !== undefined) {
        result.retryAfterMs = options.retryAfterHintMs;
      }
      return result;
    },
  };
}

/** Timers on a virtual clock: `run` lets every pending promise settle, then jumps to the next timer. */
class VirtualTime {
  now = 0;
  private timers: Array<{ at: number; seq: number; fire: () => void }> = [];
  private seq = 0;

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      const timer = { at: this.now + Math.max(0, ms), seq: this.seq++, fire: resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        "abort",
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  async run(done: () => boolean): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done()) return;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const timer = this.timers.shift();
      if (!timer) throw new Error("simulation stalled with no timer pending");
      this.now = Math.max(this.now, timer.at);
      timer.fire();
    }
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Greedy list scheduling in order, as the worker pool does, with instant detection. */
function idealMakespan(durations: number[], concurrency: number): number {
  const free = Array<number>(concurrency).fill(0);
  for (const duration of durations) {
    free.sort((a, b) => a - b);
    free[0] = (free[0] ?? 0) + duration;
  }
  return Math.max(...free);
}
