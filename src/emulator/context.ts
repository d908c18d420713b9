import type { OutgoingHttpHeaders } from "node:http";
import type { Clock } from "./clock.js";
import type { CreditAccount } from "./credits.js";
import type { FaultSwitches } from "./faults.js";
import type { IdempotencyStore } from "./idempotency.js";
import type { JobStore } from "./jobs.js";
import type { EmulatorLedger } from "./ledger.js";
import type { ResultUrls } from "./result-urls.js";
import type { Sleeper } from "./sleeper.js";

/** Everything the two servers share. */
export interface EmulatorContext {
  clock: Clock;
  sleeper: Sleeper;
  faults: FaultSwitches;
  ledger: EmulatorLedger;
  jobs: JobStore;
  keys: IdempotencyStore;
  urls: ResultUrls;
  credits: CreditAccount;
  /** The only accepted key, if the emulator was given one. */
  apiKey: string | undefined;
  /** Keys clients presented to the API, to look for in requests to the results origin. */
  presentedKeys: Set<string>;
  honourPreferWait: boolean;
  maxPreferWaitSeconds: number;
  retryAfterHintSeconds: number;
}

/** The `Retry-After` header for an injected 429/503: the configured literal, else `fallback`. */
export function retryAfterHeader(
  ctx: EmulatorContext,
  fallback: string | undefined,
): OutgoingHttpHeaders {
  const value = ctx.faults.current.retryAfter ?? fallback;
  return value === undefined ? {} : { "Retry-After": value };
}

/** The `slowMs` delay, if switched on. */
export async function slowDown(ctx: EmulatorContext): Promise<void> {
  const ms = ctx.faults.current.slowMs;
  if (ms > 0) {
    ctx.faults.note("slowMs");
    await ctx.sleeper.sleep(ms);
  }
}
