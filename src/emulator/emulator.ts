import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApiServer } from "./api-server.js";
import { Clock } from "./clock.js";
import { CreditAccount } from "./credits.js";
import { checkDurationRange } from "./durations.js";
import type { EmulatorContext } from "./context.js";
import { FaultSwitches } from "./faults.js";
import { IdempotencyStore } from "./idempotency.js";
import { DEFAULT_DURATIONS, JobStore } from "./jobs.js";
import { EmulatorLedger } from "./ledger.js";
import { createResultsServer } from "./results-server.js";
import { ResultUrls } from "./result-urls.js";
import { Sleeper } from "./sleeper.js";
import type { Emulator, EmulatorOptions } from "./types.js";

const LOOPBACK = "127.0.0.1";
const DAY_MS = 24 * 60 * 60 * 1000;

/** Start the API and results servers on loopback. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = options.seed ?? 1;
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be > 0 (got ${timeScale}).`);
  for (const [type, range] of Object.entries(options.durations ?? {})) {
    checkDurationRange(type, range);
  }
  const clock = new Clock();
  const sleeper = new Sleeper();
  // The ledger needs the job store and the faults need the ledger: tie the knot with a closure.
  const fired: { ledger?: EmulatorLedger } = {};
  const faults = new FaultSwitches(seed, options.faults ?? {}, (name) =>
    fired.ledger?.faultFired(name),
  );
  const jobs = new JobStore(
    {
      seed,
      durations: { ...DEFAULT_DURATIONS, ...options.durations },
      timeScale,
      resultBytes: options.resultBytes ?? 0,
    },
    clock,
    faults,
  );
  const ledger = new EmulatorLedger(jobs);
  fired.ledger = ledger;
  const ctx: EmulatorContext = {
    clock,
    sleeper,
    faults,
    ledger,
    jobs,
    keys: new IdempotencyStore(clock, options.idempotencyKeyTtlMs ?? DAY_MS),
    urls: new ResultUrls(clock, options.urlTtlMs ?? 10 * 60 * 1000),
    credits: new CreditAccount(options.credits),
    apiKey: options.apiKey,
    presentedKeys: new Set(),
    honourPreferWait: options.honourPreferWait ?? true,
    maxPreferWaitSeconds: options.maxPreferWaitSeconds ?? 60,
    retryAfterHintSeconds: options.retryAfterHintSeconds ?? 1,
  };
  const api = createApiServer(ctx);
  const results = createResultsServer(ctx);
  const apiPort = await listen(api, options.port ?? 0);
  let resultsPort: number;
  try {
    resultsPort = await listen(results, options.resultsPort ?? 0);
  } catch (error) {
    await stop(api);
    throw error;
  }
  ctx.urls.origin = `http://${LOOPBACK}:${resultsPort}`;

  let closing: Promise<void> | undefined;
  return {
    apiUrl: `http://${LOOPBACK}:${apiPort}/v1`,
    resultsOrigin: ctx.urls.origin,
    ledger,
    setFaults: (changes) => faults.set(changes),
    balance: () => ctx.credits.balance,
    advanceClock: (ms) => {
      clock.advance(ms);
      // Held requests re-check their jobs against the new time.
      sleeper.wakeAll();
    },
    close: () => {
      closing ??= (async () => {
        // Held requests answer with the status as it stands; give their writes a turn to flush.
        sleeper.close();
        await new Promise((resolve) => setImmediate(resolve));
        await Promise.all([stop(api), stop(results)]);
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, LOOPBACK, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stop listening and drop every connection, idle, held or black-holed. */
function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
