import type { Asset } from "../manifest/types.js";
import type { LockEntry } from "../state/lock-types.js";
import { assetHash, fieldHashes } from "./hash.js";

/** What a render knows about the bytes it wrote for an asset. */
export interface RenderedOutput {
  sha256: string;
  size: number;
  generation: string;
  renderedAt: Date | string;
}

/**
 * The lock entry for an asset whose output was just written (or restored). `hash` is the asset's
 * hash when the caller has it already (the plan's), so it is neither computed nor held twice.
 */
export function lockEntryFor(
  asset: Asset,
  rendered: RenderedOutput,
  hash: string = assetHash(asset),
): LockEntry {
  return {
    hash,
    fields: fieldHashes(asset),
    output: asset.output,
    sha256: rendered.sha256,
    size: rendered.size,
    generation: rendered.generation,
    renderedAt:
      typeof rendered.renderedAt === "string"
        ? rendered.renderedAt
        : rendered.renderedAt.toISOString(),
  };
}
