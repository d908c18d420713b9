import { Agent } from "undici";
import type { Dispatcher } from "undici";
import type { Emulator, StartEmulator } from "../emulator/types.js";
import type { Manifest } from "../manifest/types.js";
import { createApiClient } from "./api/client.js";
import type { Sleep } from "../net/retry.js";
import { RetryBudget } from "../net/retry.js";
import type { RenderConfig } from "./config.js";

/** The emulator accepts any key unless told otherwise; this one marks requests as local. */
const EMULATOR_KEY = "emulator-local-key";

/** What the HTTP side takes from render's dependencies (RenderDeps extends it). */
export interface ServiceDeps {
  /** Wall clock, epoch ms. */
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
  /** The HTTP dispatcher for API calls and downloads, sized to `connections` per origin. */
  createDispatcher?: (connections: number) => Dispatcher;
  /** With `config.emulator`: render against this running emulator instead of starting one. */
  emulator?: Pick<Emulator, "apiUrl">;
  /** With `config.emulator` and no `emulator`: how to start one (the CLI passes the built-in one). */
  startEmulator?: StartEmulator;
  /**
   * How long an API request or a download may wait for headers, or sit silent between body
   * chunks. Default 30 s; tests of black-holed connections set it low.
   */
  requestTimeoutMs?: number;
}

export interface Services {
  client: ReturnType<typeof createApiClient>;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/** The HTTP side, started only when some asset needs a job (a run of restores needs no key). */
export async function startServices(
  config: RenderConfig,
  deps: ServiceDeps,
  manifest: Manifest,
): Promise<Services> {
  let emulator: Emulator | undefined;
  let apiUrl = config.apiUrl;
  let apiKey = config.apiKey;
  if (config.emulator) {
    if (deps.emulator) apiUrl = deps.emulator.apiUrl;
    else if (deps.startEmulator) {
      emulator = await deps.startEmulator({ seed: 1 });
      apiUrl = emulator.apiUrl;
    } else throw new Error("render: config.emulator needs deps.emulator or deps.startEmulator");
    apiKey ??= EMULATOR_KEY;
  }
  if (!apiKey) {
    throw new Error(
      `${manifest.path}: assets need rendering but no API key is set (AGENTFRAMER_API_KEY)`,
    );
  }
  // Each job in flight may hold one status request open (Prefer: wait) and one download.
  const connections = config.concurrency + 2;
  const dispatcher = deps.createDispatcher?.(connections) ?? new Agent({ connections });
  const client = createApiClient({
    baseUrl: apiUrl,
    apiKey,
    dispatcher,
    retryBudget: new RetryBudget(),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.requestTimeoutMs !== undefined ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
  });
  return {
    client,
    dispatcher,
    async close() {
      await dispatcher.close().catch(() => {});
      await emulator?.close();
    },
  };
}
