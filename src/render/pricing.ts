/**
 * Where prices come from, in order: the manifest's `pricing:`, then `GET /models` (one read, kept
 * in `.agentframer/cache/prices.json`), then the last answer kept there; a model none of them
 * prices stays unknown. Shared by `plan` and `render`, so both estimate alike.
 */
import type { Manifest, ModelPrice } from "../manifest/types.js";
import type { PriceTable } from "../plan/credits.js";
import { readCachedPrices, writeCachedPrices } from "../state/price-cache.js";
import type { ApiClient } from "./api/client.js";
import { parseBalance, parseModels } from "./api/credits-schema.js";
import { RenderError } from "./errors.js";

export interface PriceSources {
  manifestDir: string;
  /** The name the API's prices are kept under (see durationMemoryApi); undefined keeps none. */
  api: string | undefined;
  /** The API, when a key is set; without it only the manifest and the kept prices count. */
  client?: Pick<ApiClient, "read">;
  warn: (message: string) => void;
  now?: () => number;
  /** The run's interrupt: a read it stops throws, unworded (see `askApi`). */
  signal?: AbortSignal;
}

export interface ResolvedPrices {
  prices: PriceTable;
  /** Where the prices the manifest does not give came from, if from anywhere. */
  from?: "api" | "kept";
}

/**
 * Prices for `models`. Asks the API only for models the manifest leaves out. A refused key or
 * an API that cannot be reached throws (the run stops as it would on its first POST), and so does
 * a read the run's interrupt stopped; any other trouble reading the prices is a warning, and the
 * kept prices stand in.
 */
export async function resolvePrices(
  manifest: Pick<Manifest, "pricing">,
  models: Iterable<string>,
  sources: PriceSources,
): Promise<ResolvedPrices> {
  const prices = new Map<string, ModelPrice>(manifest.pricing ?? []);
  const missing = new Set<string>();
  for (const model of models) if (!prices.has(model)) missing.add(model);
  if (missing.size === 0) return { prices };
  const { api, manifestDir } = sources;
  const listed = sources.client
    ? await askApi(sources.client, sources.warn, sources.signal)
    : "unasked";
  let found: ReadonlyMap<string, ModelPrice> | undefined;
  let from: ResolvedPrices["from"];
  if (listed instanceof Map) {
    found = listed;
    from = "api";
    if (api !== undefined) {
      await writeCachedPrices(manifestDir, api, listed, { now: sources.now }).catch(
        (error: unknown) =>
          sources.warn(`could not keep the prices in .agentframer: ${(error as Error).message}`),
      );
    }
  } else if (listed !== "not-offered" && api !== undefined) {
    // Offline, or the read failed: the last prices this API listed, if any are kept.
    found = await readCachedPrices(manifestDir, api, { warn: sources.warn, now: sources.now });
    if (found !== undefined) from = "kept";
  }
  for (const [model, price] of found ?? []) if (!prices.has(model)) prices.set(model, price);
  return from === undefined ? { prices } : { prices, from };
}

async function askApi(
  client: Pick<ApiClient, "read">,
  warn: (message: string) => void,
  signal: AbortSignal | undefined,
): Promise<Map<string, ModelPrice> | "not-offered" | "failed"> {
  let text: string | undefined;
  try {
    text = await client.read("models", signal);
  } catch (error) {
    if (stopsTheRun(error, signal)) throw error;
    warn(`could not read prices from the API (${(error as Error).message})`);
    return "failed";
  }
  if (text === undefined) return "not-offered";
  const models = parseModels(text);
  if (models === undefined) {
    warn("the API's GET /models answer is not a list of models; prices are unknown");
    return "failed";
  }
  return models;
}

/**
 * The workspace's balance from `GET /credits`, or undefined when the server does not offer it
 * or the read fails (a warning: the run goes on; a short balance then shows as a 402). Throws
 * what stops the run: a refused key, an unreachable API, or `signal` (the run's interrupt).
 */
export async function readBalance(
  client: Pick<ApiClient, "read">,
  warn: (message: string) => void,
  signal?: AbortSignal,
): Promise<number | undefined> {
  let text: string | undefined;
  try {
    text = await client.read("credits", signal);
  } catch (error) {
    if (stopsTheRun(error, signal)) throw error;
    warn(`could not read the balance from the API (${(error as Error).message})`);
    return undefined;
  }
  if (text === undefined) return undefined;
  const balance = parseBalance(text);
  if (balance === undefined) warn("the API's GET /credits answer holds no balance");
  return balance;
}

/**
 * A refused key or an unreachable API stops the run, as its first POST would; so does the run's
 * interrupt, which is no trouble reading to warn of: the caller stops as an interrupted run does.
 */
function stopsTheRun(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof RenderError && error.scope === "run");
}
