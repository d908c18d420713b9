import type { Asset } from "../../src/manifest/types.js";

/** A hand-built asset for tests of hashing and planning; override what the test is about. */
export function makeAsset(overrides: Partial<Asset> = {}): Asset {
  return {
    id: "hero-home",
    type: "image",
    model: "flux-1.1-pro",
    prompt: "A cozy reading nook in morning light, editorial photo",
    params: { width: 1024, height: 1024, seed: 42 },
    output: "public/hero/home.png",
    source: { file: "agentframer.yml", line: 5, col: 5 },
    ...overrides,
  };
}
