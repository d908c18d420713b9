/**
 * The contract's optional credit answers, checked where they enter: `GET /models` → prices by
 * model, `GET /credits` → the balance. Server text is hostile: one bad model costs only itself
 * (it reads as unknown, never 0), ids land in a Map (none reaches a prototype), and an answer
 * that is not the contract's shape reads as "not known".
 */
import { z } from "zod";
import type { ModelPrice } from "../../manifest/types.js";

/** Far above any real price list; a longer one is cut, not trusted whole. */
export const MAX_MODELS = 10_000;

const Price = z.object({
  credits: z.number().min(0).max(1e9),
  per: z.enum(["image", "megapixel", "second"]),
});
const Model = z.object({ id: z.string().min(1).max(200), price: Price });
const ModelsBody = z.object({ models: z.array(z.unknown()) });
const CreditsBody = z.object({ balance: z.number().min(-1e12).max(1e12) });

/** Prices by model id, or undefined when the answer is not a model list. */
export function parseModels(text: string): Map<string, ModelPrice> | undefined {
  const body = ModelsBody.safeParse(parseJson(text));
  if (!body.success) return undefined;
  const prices = new Map<string, ModelPrice>();
  for (const item of body.data.models.slice(0, MAX_MODELS)) {
    const model = Model.safeParse(item);
    if (model.success) {
      const { credits, per } = model.data.price;
      prices.set(model.data.id, { credits, per });
    }
  }
  return prices;
}

/** The balance, or undefined when the answer is not `{"balance": N}`. */
export function parseBalance(text: string): number | undefined {
  const body = CreditsBody.safeParse(parseJson(text));
  return body.success ? body.data.balance : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
