/**
 * `plan`'s estimate: the credits each asset it would render costs, and the total. Prices come
 * from the manifest, else `GET /models` when AGENTFRAMER_API_KEY is set (one read, nothing
 * spent), else the prices an earlier run kept in `.agentframer/`; a model none of them prices
 * is unknown, and the total with it.
 */
import type { Manifest } from "../manifest/types.js";
import type { CreditEstimate } from "../plan/credits.js";
import { estimateCredits, formatCredits, unknownReason } from "../plan/credits.js";
import type { Plan } from "../plan/types.js";
import { needsRender } from "../plan/types.js";
import { DEFAULT_API_URL } from "../render/config.js";
import { durationMemoryApi } from "../render/polling/duration-memory.js";
import { resolvePrices } from "../render/pricing.js";

/**
 * Assets a render would produce without a new job, by id: restorable from the local cache, or
 * left in flight by an interrupted run (paid for when they were submitted). The store is not
 * asked (plan works offline), so a render may still cost less than the plan says, never more.
 */
export interface FreeRenders {
  fromCache: ReadonlySet<string>;
  inFlight: ReadonlySet<string>;
}

export const NOTHING_FREE: FreeRenders = { fromCache: new Set(), inFlight: new Set() };

/** How long plan waits on `GET /models` before it goes on with the kept prices. */
const PRICE_READ_TIMEOUT_MS = 10_000;

export async function planCredits(
  manifest: Manifest,
  plan: Plan,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void,
  free: FreeRenders = NOTHING_FREE,
): Promise<CreditEstimate> {
  const assets = plan.entries
    .filter((e) => needsRender(e) && !free.fromCache.has(e.id) && !free.inFlight.has(e.id))
    .flatMap((e) => (e.asset ? [e.asset] : []));
  const apiUrl = env.AGENTFRAMER_API_URL || DEFAULT_API_URL;
  const apiKey = env.AGENTFRAMER_API_KEY || undefined;
  const sources = {
    manifestDir: manifest.dir,
    api: durationMemoryApi({ emulator: false, apiUrl }),
    warn,
  };
  const models = assets.map((a) => a.model);
  if (apiKey === undefined || assets.length === 0) {
    return estimateCredits(assets, (await resolvePrices(manifest, models, sources)).prices);
  }
  // The HTTP side loads only when there is a key to use it with.
  const [{ Agent }, { createApiClient }, { RetryBudget }] = await Promise.all([
    import("undici"),
    import("../render/api/client.js"),
    import("../net/retry.js"),
  ]);
  const dispatcher = new Agent({ connections: 1 });
  try {
    const client = createApiClient({
      baseUrl: apiUrl,
      apiKey,
      dispatcher,
      retryBudget: new RetryBudget(),
      maxAttempts: 2,
      requestTimeoutMs: PRICE_READ_TIMEOUT_MS,
    });
    const { prices } = await resolvePrices(manifest, models, { ...sources, client }).catch(
      async (error: unknown) => {
        // A refused key or an unreachable API: plan still answers, with what is kept.
        warn(`could not read prices from the API: ${(error as Error).message}`);
        return resolvePrices(manifest, models, sources);
      },
    );
    return estimateCredits(assets, prices);
  } finally {
    await dispatcher.close().catch(() => {});
  }
}

/** The plan's last line about credits, or undefined when it renders nothing. */
export function creditLine(
  estimate: CreditEstimate,
  toRender: number,
  keySet: boolean,
  free: FreeRenders = NOTHING_FREE,
): string | undefined {
  if (toRender === 0) return undefined;
  const toPay = toRender - free.fromCache.size - free.inFlight.size;
  const freeParts = [
    free.fromCache.size > 0 && `${free.fromCache.size} restorable from the local cache`,
    free.inFlight.size > 0 &&
      `${free.inFlight.size} job${free.inFlight.size === 1 ? "" : "s"} in flight, paid for already`,
  ].filter((part): part is string => typeof part === "string");
  if (toPay <= 0) return `Credits: 0 estimated, no new job (${freeParts.join("; ")})`;
  const besides = freeParts.length > 0 ? `; ${freeParts.join("; ")}: 0 credits` : "";
  const jobs = `${toPay} job${toPay === 1 ? "" : "s"}`;
  if (estimate.total !== null)
    return `Credits: ${formatCredits(estimate.total)} estimated for ${jobs}${besides}`;
  const fix =
    estimate.unknownModels.length === 0
      ? "set the params its price needs"
      : keySet
        ? "give it under pricing: in the manifest"
        : "give it under pricing: in the manifest, or set AGENTFRAMER_API_KEY to read the API's";
  return `Credits: unknown for ${jobs} — ${unknownReason(estimate)} (${fix})${besides}`;
}
