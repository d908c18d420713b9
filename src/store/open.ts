/**
 * The store a run uses, from its spec (`store` input, `--store` flag): the one place that knows
 * every backend. Backends are loaded only when a run uses them.
 */
import type { StoreSpec } from "./spec.js";
import type { Store } from "./store.js";

export interface StoreDeps {
  env: NodeJS.ProcessEnv;
  /** A bad entry is skipped with a warning, never written to an output. */
  warn(message: string): void;
}

/** Undefined for `none`. Throws a typed error (S3ConfigError, …) naming what to set. */
export async function openStore(spec: StoreSpec, deps: StoreDeps): Promise<Store | undefined> {
  switch (spec.kind) {
    case "none":
      return undefined;
    case "s3": {
      const { openS3Store } = await import("./s3-store.js");
      return openS3Store(spec, deps);
    }
    case "git":
      throw new Error("the git store is not part of this build yet; use s3://BUCKET/PREFIX or none");
  }
}
