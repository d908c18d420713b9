import { describe, expect, it } from "vitest";
import { makeAsset } from "../../test/support/assets.js";
import type { ModelPrice } from "../manifest/types.js";
import { estimateCredits, formatCredits, unknownReason } from "./credits.js";

const PRICES = new Map<string, ModelPrice>([
  ["img", { credits: 4, per: "image" }],
  ["mp", { credits: 3, per: "megapixel" }],
  ["vid", { credits: 0.5, per: "second" }],
]);

describe("estimateCredits", () => {
  it("sums per image, per megapixel (width × height / 10⁶) and per second (duration)", () => {
    const estimate = estimateCredits(
      [
        makeAsset({ id: "a", model: "img" }),
        makeAsset({ id: "b", model: "mp", params: { width: 1024, height: 1024 } }),
        makeAsset({ id: "c", type: "video", model: "vid", params: { duration: 5 } }),
      ],
      PRICES,
    );
    expect([...estimate.perAsset]).toEqual([
      ["a", 4],
      ["b", 3.145728],
      ["c", 2.5],
    ]);
    expect(estimate.total).toBe(9.645728);
    expect(estimate.unknownModels).toEqual([]);
  });

  it("is unknown (null, never 0) for a model with no price, naming it", () => {
    const estimate = estimateCredits(
      [makeAsset({ id: "a", model: "img" }), makeAsset({ id: "z", model: "zeta" })],
      PRICES,
    );
    expect(estimate.total).toBeNull();
    expect(estimate.perAsset.get("z")).toBeNull();
    expect(estimate.unknownModels).toEqual(["zeta"]);
    expect(unknownReason(estimate)).toBe("no price for zeta");
  });

  it("is unknown when the price's unit is not in the params", () => {
    const estimate = estimateCredits(
      [makeAsset({ id: "b", model: "mp", params: { width: 512 } })],
      PRICES,
    );
    expect(estimate.total).toBeNull();
    expect(estimate.unknownModels).toEqual([]);
    expect(unknownReason(estimate)).toMatch(
      /per megapixel and the asset sets no width and height: b/,
    );
  });

  it("costs 0 for nothing at all", () => {
    expect(estimateCredits([], PRICES).total).toBe(0);
  });
});

describe("formatCredits", () => {
  it("shows whole credits as they are and fractions to two places, never a small cost as 0", () => {
    expect([12, 3.145728, 0.5, 0.004].map(formatCredits)).toEqual(["12", "3.15", "0.5", "0.004"]);
  });
});
