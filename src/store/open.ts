/**
 * From a store spec to a working Store. Backends are loaded only when a run uses them.
 */
import type { StoreSpec } from "./spec.js";
import { StoreSpecError } from "./spec.js";
import type { Store } from "./store.js";

export interface OpenStoreDeps {
  env: NodeJS.ProcessEnv;
  /** A bad entry is skipped with a warning, never written to an output. */
  warn(message: string): void;
}

/** Undefined for `none`. Throws a typed error (S3ConfigError, …) that says what to set. */
export async function openStore(spec: StoreSpec, deps: OpenStoreDeps): Promise<Store | undefined> {
  switch (spec.kind) {
    case "none":
      return undefined;
    case "s3": {
      const { openS3Store } = await import("./s3-store.js");
      return openS3Store(spec, { env: deps.env, warn: deps.warn });
    }
    case "git":
      throw new StoreSpecError(
        "the git store is not part of this build yet; use s3://BUCKET/PREFIX or none",
      );
  }
}
