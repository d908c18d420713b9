import { hash as oneShotHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { expandVariants } from "../manifest/variants.js";
import { variantRecipe } from "./variant-recipe.js";

const specs = expandVariants([
  { format: "webp", widths: [480, 960] },
  { format: "avif", widths: [960] },
]);

describe("the variant recipe", () => {
  it("for an image is what locks already record, so no image re-derives for video's sake", () => {
    const text = "agentframer-variants-v1\navif:960:50,webp:480:80,webp:960:80";
    expect(variantRecipe(specs, "image")).toBe(oneShotHash("sha256", text, "hex").slice(0, 16));
  });

  it("for a video also records how its frame is taken: the same list is another recipe", () => {
    expect(variantRecipe(specs, "video")).toMatch(/^[0-9a-f]{16}$/);
    expect(variantRecipe(specs, "video")).not.toBe(variantRecipe(specs, "image"));
    expect(variantRecipe(specs, "video")).toBe(variantRecipe([...specs], "video"));
  });
});
