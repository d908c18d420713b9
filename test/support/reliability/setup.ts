/**
 * What the in-process reliability tests share: a distinctive key, a repository and an emulator
 * per test, a render run whose progress text is kept for the secrets scan, and a dispatcher that
 * counts requests in flight and refuses to connect anywhere but loopback.
 */
import { randomBytes } from "node:crypto";
import type { Dispatcher } from "undici";
import { Agent } from "undici";
import { startEmulator } from "../../../src/emulator/index.js";
import type { Emulator, EmulatorOptions } from "../../../src/emulator/types.js";
import type { RenderConfig } from "../../../src/render/config.js";
import { createReporter } from "../../../src/render/progress/progress.js";
import { render } from "../../../src/render/render.js";
import type { RenderDeps } from "../../../src/render/render.js";
import type { RenderResult } from "../../../src/render/result.js";
import { captureStream, TestRepo } from "../render-repo.js";
import type { TestAsset } from "../render-repo.js";
import type { InvariantInput, InvariantReport } from "./invariant.js";
import { assertInvariant } from "./invariant.js";

/** Looks like a live key, so a scan for it means something; random, so nothing else matches. */
export const SECRET = `sk_live_SECRET_${randomBytes(9).toString("hex")}`;

/** Jobs of a few tens of milliseconds: a test renders a handful of assets in well under a second. */
export const QUICK = { image: { minMs: 10, maxMs: 60 }, audio: { minMs: 10, maxMs: 60 } };

export interface Bench {
  repo: TestRepo;
  emulator: Emulator;
  /** Everything the runs printed, for the secrets scan. */
  captured: string[];
  /** Render in-process against the emulator; progress lines go into `captured`. */
  run(config?: Partial<RenderConfig>, deps?: RenderDeps): Promise<RenderResult>;
  /** The invariant, with this bench's repository, emulator, key and captured text filled in. */
  check(
    extra?: Partial<Omit<InvariantInput, "dir" | "manifest" | "emulator" | "secret">>,
  ): Promise<InvariantReport>;
  close(): Promise<void>;
}

export async function bench(
  assets: readonly TestAsset[],
  options: EmulatorOptions = {},
): Promise<Bench> {
  const emulator = await startEmulator({ apiKey: SECRET, durations: QUICK, seed: 11, ...options });
  const repo = await TestRepo.create(assets);
  const captured: string[] = [];
  let last: RenderResult | undefined;
  return {
    repo,
    emulator,
    captured,
    async run(config = {}, deps = {}) {
      const stderr = captureStream();
      // No `secrets` here, unlike the CLI: the core itself must never hand the key to a reporter.
      const reporter = createReporter({ stream: stderr, interactive: false, color: false });
      try {
        last = await render(
          repo.config({ apiKey: SECRET, emulator: false, apiUrl: emulator.apiUrl, ...config }),
          { reporter, ...deps },
        );
        captured.push(JSON.stringify(last));
        return last;
      } finally {
        reporter.close();
        captured.push(stderr.text());
      }
    },
    check(extra = {}) {
      return assertInvariant({
        dir: repo.dir,
        manifest: repo.manifestPath,
        emulator,
        secret: SECRET,
        captured,
        ...(last ? { result: last } : {}),
        ...extra,
      });
    },
    async close() {
      await emulator.close();
      await repo.remove();
    },
  };
}

export interface Watched {
  /** Pass as `deps.createDispatcher`. */
  createDispatcher(connections: number): Dispatcher;
  /** Most HTTP requests in flight at once. */
  peak(): number;
  /** Origins a request was dispatched to (before any connection). */
  origins: string[];
  /** Requests refused because they were headed off loopback. */
  refused: string[];
}

/**
 * An undici Agent that counts requests in flight and refuses, before connecting, any origin that
 * is not 127.0.0.0/8 — so a test of hostile URLs can prove that nothing left the machine.
 */
export function watchedDispatcher(): Watched {
  let active = 0;
  let peak = 0;
  const origins: string[] = [];
  const refused: string[] = [];
  const ENDS = new Set(["onComplete", "onError", "onResponseEnd", "onResponseError"]);
  const counting: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
    const origin = String(opts.origin ?? "");
    origins.push(origin);
    if (!/^https?:\/\/127\.\d+\.\d+\.\d+(:\d+)?$/.test(origin)) {
      refused.push(origin);
      throw new Error(`test dispatcher: refused to connect to ${origin}`);
    }
    active += 1;
    peak = Math.max(peak, active);
    let ended = false;
    const wrapped = new Proxy(handler, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        const fn = value as (...args: unknown[]) => unknown;
        if (typeof prop === "string" && ENDS.has(prop)) {
          return (...args: unknown[]) => {
            if (!ended) {
              ended = true;
              active -= 1;
            }
            return fn.apply(target, args);
          };
        }
        return fn.bind(target);
      },
    });
    return dispatch(opts, wrapped);
  };
  return {
    createDispatcher: (connections) =>
      new Agent({ connections }).compose(counting) as unknown as Dispatcher,
    peak: () => peak,
    origins,
    refused,
  };
}
