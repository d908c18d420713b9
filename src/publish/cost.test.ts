import { describe, expect, it } from "vitest";
import type { CreditOutcome, RenderCounts } from "../render/result.js";
import { costHeadline } from "./cost.js";

const counts = (rendered: number): RenderCounts => ({
  rendered,
  unchanged: 0,
  restored: 0,
  failed: 0,
  skipped: 0,
});
const base: CreditOutcome = {
  estimate: 12,
  spent: 12,
  spentIsEstimate: false,
  unknownModels: [],
  restored: 0,
  restoredFromStore: 0,
  notSpent: 0,
};

describe("costHeadline", () => {
  it("reads as a cost: new renders and the credits they took", () => {
    expect(costHeadline(base, counts(3))).toBe("**3 new renders · 12 credits**");
  });

  it("marks an estimate, says unknown (escaped) rather than 0, and leaves what reuse saved to the words after it", () => {
    expect(costHeadline({ ...base, spentIsEstimate: true }, counts(1))).toBe(
      "**1 new render · ~12 credits** (estimated: the API did not report what every job cost)",
    );
    expect(
      costHeadline({ ...base, spent: null, unknownModels: ["<b>x</b>"] }, counts(2)),
    ).not.toMatch(/<b>|\b0 credits/);
    expect(
      costHeadline(
        { ...base, spent: 0, restored: 12, restoredFromStore: 12, notSpent: 48 },
        counts(0),
      ),
    ).toBe("**No new renders · 0 credits**");
  });
});
