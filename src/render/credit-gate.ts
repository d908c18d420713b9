/**
 * Credits before and after a run. Before any job: price what would be submitted, and refuse the
 * run (nothing submitted) when the estimate passes `max-credits`, when a price is unknown under a
 * budget, or when `GET /credits` says the balance cannot cover it. After: what was spent (the
 * server's figures where it gave them, else the estimate, marked) and what restores saved.
 */
import type { Manifest } from "../manifest/types.js";
import type { CreditEstimate, PriceTable } from "../plan/credits.js";
import {
  creditsText,
  estimateCredits,
  formatCredits,
  roundCredits,
  unknownReason,
} from "../plan/credits.js";
import type { PlanEntry } from "../plan/types.js";
import type { ApiClient } from "./api/client.js";
import type { RenderConfig } from "./config.js";
import { durationMemoryApi } from "./polling/duration-memory.js";
import { readBalance, resolvePrices } from "./pricing.js";
import type { AssetResult, CreditOutcome } from "./result.js";

export interface CreditGate {
  prices: PriceTable;
  /** The estimate of the new jobs this run would submit. */
  estimate: CreditEstimate;
  /** Each asset's estimate among everything this run renders or restores (null: unknown). */
  priceOf(id: string): number | null | undefined;
  /** Models with no price among everything this run renders or restores. */
  unknownModels: string[];
  /** Why nothing may be submitted, when it may not. */
  refusal?: string;
}

export interface GateInput {
  manifest: Pick<Manifest, "pricing" | "dir">;
  config: Pick<RenderConfig, "maxCredits" | "emulator" | "apiUrl">;
  /** New jobs this run would submit (not those resumed: they were paid for already). */
  toSubmit: readonly PlanEntry[];
  /** Everything else it produces bytes for: resumed jobs and restores. */
  others: readonly PlanEntry[];
  /** The API, when jobs are to be submitted; restores alone never call it. */
  client: Pick<ApiClient, "read"> | undefined;
  warn: (message: string) => void;
  now?: () => number;
  /**
   * The run's interrupt, given to every read: a hung `GET /models` or `GET /credits` must not
   * hold a stopping run through its retries. A read it stops throws (see `resolvePrices`).
   */
  signal?: AbortSignal;
}

const assetsOf = (entries: readonly PlanEntry[]) =>
  entries.flatMap((e) => (e.asset ? [e.asset] : []));

/**
 * Throws what a refused key or an unreachable API throws, as the first POST would, and the
 * interrupt's reason when `input.signal` stopped a read (the caller checks the signal).
 */
export async function gateCredits(input: GateInput): Promise<CreditGate> {
  const submit = assetsOf(input.toSubmit);
  const all = [...submit, ...assetsOf(input.others)];
  const api = durationMemoryApi(input.config);
  const { prices } = await resolvePrices(
    input.manifest,
    all.map((a) => a.model),
    {
      manifestDir: input.manifest.dir,
      api,
      warn: input.warn,
      ...(input.client ? { client: input.client } : {}),
      ...(input.now ? { now: input.now } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
    },
  );
  const estimate = estimateCredits(submit, prices);
  // With nothing but new jobs (a run from nothing), both are the same map of every asset: one.
  const everything = all.length === submit.length ? estimate : estimateCredits(all, prices);
  const gate: CreditGate = {
    prices,
    estimate,
    priceOf: (id) => everything.perAsset.get(id),
    unknownModels: everything.unknownModels,
  };
  const refusal = await refusalFor(input, estimate);
  if (refusal !== undefined) gate.refusal = refusal;
  return gate;
}

async function refusalFor(input: GateInput, estimate: CreditEstimate): Promise<string | undefined> {
  const jobs = input.toSubmit.length;
  if (jobs === 0) return undefined;
  const { maxCredits } = input.config;
  const what = `${jobs} new job${jobs === 1 ? "" : "s"}`;
  if (maxCredits !== undefined) {
    if (estimate.total === null) {
      return (
        `the plan's ${what} cost an unknown number of credits (${unknownReason(estimate)}), so the ` +
        `budget max-credits ${formatCredits(maxCredits)} cannot be kept; nothing was submitted. ` +
        "Give the price under pricing: in the manifest, or run without max-credits"
      );
    }
    if (estimate.total > maxCredits) {
      return (
        `the plan's ${what} are estimated at ${creditsText(estimate.total)}, more than the budget ` +
        `max-credits ${formatCredits(maxCredits)}; nothing was submitted. Raise max-credits, or ` +
        "render fewer assets with --only"
      );
    }
  }
  // With a price unknown, what is known is still a floor: a balance below it cannot cover the run.
  let known = 0;
  for (const credits of estimate.perAsset.values()) known += credits ?? 0;
  known = roundCredits(known);
  if (input.client === undefined || known === 0) return undefined;
  const balance = await readBalance(input.client, input.warn, input.signal);
  if (balance === undefined || balance >= known) return undefined;
  const cost =
    estimate.total === null
      ? `need at least ${creditsText(known)} (${unknownReason(estimate)})`
      : `are estimated at ${creditsText(known)}`;
  return (
    `the plan's ${what} ${cost} and the workspace's ` +
    `balance is ${creditsText(balance)}; nothing was submitted. Top up the workspace, or render ` +
    "fewer assets with --only"
  );
}

/**
 * What the run spent and saved. `restoredFromStore` is the ids restored from the store (the rest
 * of the restored came from the local cache).
 */
export function creditOutcome(
  results: Iterable<AssetResult>,
  gate: CreditGate | undefined,
  restoredFromStore: ReadonlySet<string>,
): CreditOutcome {
  let spent: number | null = 0;
  let spentIsEstimate = false;
  let notSpent: number | null = 0;
  let restored = 0;
  let fromStore = 0;
  for (const result of results) {
    if (result.status === "restored") {
      restored += 1;
      if (restoredFromStore.has(result.id)) fromStore += 1;
      const would = gate?.priceOf(result.id);
      notSpent =
        notSpent === null || would === null || would === undefined ? null : notSpent + would;
      continue;
    }
    if (result.credits !== undefined) {
      if (spent !== null) spent += result.credits;
      continue;
    }
    if (result.status !== "rendered") continue;
    const estimated = gate?.priceOf(result.id);
    spentIsEstimate = true;
    spent =
      spent === null || estimated === null || estimated === undefined ? null : spent + estimated;
  }
  return {
    estimate: gate ? gate.estimate.total : 0,
    spent: spent === null ? null : roundCredits(spent),
    spentIsEstimate: spent !== null && spentIsEstimate,
    unknownModels: gate ? gate.unknownModels : [],
    restored,
    restoredFromStore: fromStore,
    notSpent: notSpent === null ? null : roundCredits(notSpent),
  };
}
