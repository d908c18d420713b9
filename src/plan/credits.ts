/**
 * What assets would cost, from a table of prices: pure, so `plan`, `render` and the reports all
 * estimate the same way. A model with no price, or a price whose unit the asset's params do not
 * give (per megapixel without width and height), is unknown — never 0, because a budget that
 * reads unknown as free would let anything through.
 */
import type { Asset, ModelPrice } from "../manifest/types.js";

/** Prices by model id. */
export type PriceTable = ReadonlyMap<string, ModelPrice>;

export interface CreditEstimate {
  /** The sum over the assets, or null when any of them cannot be priced. */
  total: number | null;
  /** Each asset's estimate by id, null when it cannot be priced. */
  perAsset: Map<string, number | null>;
  /** Models of these assets with no price, sorted. */
  unknownModels: string[];
  /** Assets whose model has a price their params cannot apply, with why, in asset order. */
  unpriced: Array<{ id: string; why: string }>;
}

/** Sums of prices carry binary noise (0.1 + 0.2); a millionth of a credit is below any bill. */
export function roundCredits(credits: number): number {
  return Math.round(credits * 1e6) / 1e6;
}

/** A positive, finite number param, or undefined. */
function positive(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** One asset's cost at `price`, or why it cannot be worked out from its params. */
export function assetCredits(asset: Asset, price: ModelPrice): number | { why: string } {
  switch (price.per) {
    case "image":
      return roundCredits(price.credits);
    case "megapixel": {
      const width = positive(asset.params["width"]);
      const height = positive(asset.params["height"]);
      if (width === undefined || height === undefined) {
        return {
          why: `${asset.model} is priced per megapixel and the asset sets no width and height`,
        };
      }
      return roundCredits((price.credits * width * height) / 1e6);
    }
    case "second": {
      const duration = positive(asset.params["duration"]);
      if (duration === undefined) {
        return { why: `${asset.model} is priced per second and the asset sets no duration` };
      }
      return roundCredits(price.credits * duration);
    }
  }
}

export function estimateCredits(assets: Iterable<Asset>, prices: PriceTable): CreditEstimate {
  const perAsset = new Map<string, number | null>();
  const unknown = new Set<string>();
  const unpriced: Array<{ id: string; why: string }> = [];
  let total: number | null = 0;
  for (const asset of assets) {
    const price = prices.get(asset.model);
    const credits = price === undefined ? undefined : assetCredits(asset, price);
    if (typeof credits === "number") {
      perAsset.set(asset.id, credits);
      if (total !== null) total += credits;
      continue;
    }
    perAsset.set(asset.id, null);
    total = null;
    if (credits === undefined) unknown.add(asset.model);
    else unpriced.push({ id: asset.id, why: credits.why });
  }
  return {
    total: total === null ? null : roundCredits(total),
    perAsset,
    unknownModels: [...unknown].sort(),
    unpriced,
  };
}

/** "12", "4.5", "0.25": whole credits as they are, fractions to two places (never "0" for >0). */
export function formatCredits(credits: number): string {
  if (Number.isInteger(credits)) return String(credits);
  if (Math.abs(credits) < 0.01) return String(Number(credits.toPrecision(2)));
  return String(Number(credits.toFixed(2)));
}

/** "1 credit", "12 credits". */
export function creditsText(credits: number): string {
  return `${formatCredits(credits)} credit${credits === 1 ? "" : "s"}`;
}

/** Why an estimate is unknown, in one short clause: "no price for flux-2, veo-3". */
export function unknownReason(
  estimate: Pick<CreditEstimate, "unknownModels" | "unpriced">,
): string {
  const parts: string[] = [];
  const models = estimate.unknownModels;
  if (models.length > 0) {
    const shown =
      models.slice(0, 5).join(", ") + (models.length > 5 ? `, … (${models.length})` : "");
    parts.push(`no price for ${shown}`);
  }
  const first = estimate.unpriced[0];
  if (first !== undefined) {
    const more = estimate.unpriced.length > 1 ? ` (and ${estimate.unpriced.length - 1} more)` : "";
    parts.push(`${first.why}: ${first.id}${more}`);
  }
  return parts.join("; ");
}
