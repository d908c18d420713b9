/**
 * A full garbage collection, on demand, where the process knows better than V8's heuristics: at
 * the end of a phase whose temporaries are all dead at once (loading a 50,000-asset manifest
 * leaves tens of megabytes of them). Left to itself V8 sometimes runs its second full collection
 * while the loader is still at work, sizes the heap on the loader's temporaries, and the process
 * then peaks some 25 MB higher than when the collection lands after it.
 *
 * `gc` is reached the documented way (`--expose-gc`, set at run time, then a fresh context's
 * `gc`), once; where that is not possible this does nothing, which is only slower to shrink.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    collect = typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Below this many assets the loader's temporaries are too small to be worth a collection. */
export const COLLECT_AFTER_LOAD_MIN_ASSETS = 10_000;

/** Collects the loader's temporaries before planning a large manifest; no-op for small ones. */
export function collectAfterLoad(assets: number): void {
  if (assets >= COLLECT_AFTER_LOAD_MIN_ASSETS) collector()?.();
}
