import type { GenerationRequest } from "./request.js";
import type { CreditOptions, ModelPrice } from "./types.js";

const PER = new Set<ModelPrice["per"]>(["image", "megapixel", "second"]);

/**
 * The emulator's credit pool: the prices `GET /v1/models` lists, the balance `GET /v1/credits`
 * answers, and the charge each new job takes from it. Without options it offers neither
 * endpoint and charges nothing, like a server that predates them.
 */
export class CreditAccount {
  readonly #prices: ReadonlyMap<string, ModelPrice & { type?: string }>;
  #balance: number | undefined;
  readonly offered: boolean;

  constructor(options: CreditOptions | undefined) {
    this.offered = options !== undefined;
    const prices = new Map<string, ModelPrice & { type?: string }>();
    for (const [model, price] of Object.entries(options?.prices ?? {})) {
      if (!(Number.isFinite(price.credits) && price.credits >= 0) || !PER.has(price.per)) {
        throw new RangeError(
          `credits.prices["${model}"] must be {credits: a number ≥ 0, per: image | megapixel | second}`,
        );
      }
      prices.set(model, price);
    }
    this.#prices = prices;
    const balance = options?.balance;
    if (balance !== undefined && !(Number.isFinite(balance) && balance >= 0)) {
      throw new RangeError(`credits.balance must be a number ≥ 0 (got ${balance}).`);
    }
    this.#balance = balance;
  }

  get balance(): number | undefined {
    return this.#balance;
  }

  /** The `GET /v1/models` body. */
  models(): { models: Array<{ id: string; type?: string; price: ModelPrice }> } {
    return {
      models: [...this.#prices].map(([id, { credits, per, type }]) => ({
        id,
        ...(type === undefined ? {} : { type }),
        price: { credits, per },
      })),
    };
  }

  /** What a job for this request costs, or undefined for a model without a price. */
  chargeFor(request: GenerationRequest): number | undefined {
    const price = this.#prices.get(request.model);
    if (price === undefined) return undefined;
    const units =
      price.per === "image"
        ? 1
        : price.per === "megapixel"
          ? (request.width * request.height) / 1e6
          : request.durationSeconds;
    // Rounded as a bill would be, so that sums of charges compare exactly in tests.
    return Math.round(price.credits * units * 1e6) / 1e6;
  }

  /** Take `amount` from the balance; false (nothing taken) when the balance cannot cover it. */
  take(amount: number | undefined): boolean {
    if (amount === undefined || this.#balance === undefined) return true;
    if (amount > this.#balance + 1e-9) return false;
    this.#balance = Math.round((this.#balance - amount) * 1e6) / 1e6;
    return true;
  }
}
