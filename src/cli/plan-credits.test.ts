import { describe, expect, it } from "vitest";
import type { CreditEstimate } from "../plan/credits.js";
import { creditLine } from "./plan-credits.js";

const known = (total: number): CreditEstimate => ({
  total,
  perAsset: new Map(),
  unknownModels: [],
  unpriced: [],
});
const unknown: CreditEstimate = {
  total: null,
  perAsset: new Map(),
  unknownModels: ["veo-2"],
  unpriced: [],
};
const free = (fromCache: string[], inFlight: string[]) => ({
  fromCache: new Set(fromCache),
  inFlight: new Set(inFlight),
});

describe("plan's credit line", () => {
  it("counts only the jobs a render would pay for, and says what is free and why", () => {
    expect(creditLine(known(8), 2, true)).toBe("Credits: 8 estimated for 2 jobs");
    expect(creditLine(known(4), 3, true, free(["a"], ["b"]))).toBe(
      "Credits: 4 estimated for 1 job; 1 restorable from the local cache; 1 job in flight, paid for already: 0 credits",
    );
    expect(creditLine(known(0), 3, true, free(["a", "b"], ["c"]))).toBe(
      "Credits: 0 estimated, no new job (2 restorable from the local cache; 1 job in flight, paid for already)",
    );
  });

  it("an unknown price stays unknown for the jobs to pay for, and nothing to render says nothing", () => {
    expect(creditLine(unknown, 2, false, free(["a"], []))).toBe(
      "Credits: unknown for 1 job — no price for veo-2 (give it under pricing: in the manifest, or set AGENTFRAMER_API_KEY to read the API's); 1 restorable from the local cache: 0 credits",
    );
    expect(creditLine(known(0), 0, true)).toBeUndefined();
  });
});
