/**
 * Review previews on their way into and out of the store. Into it: when a trusted run writes an
 * entry, a small WebP of the output (thumbnail, poster frame or waveform) goes beside it, in the
 * same commit. Out of it: an entry this run restored, or found already held, shows its preview
 * only once the preview's bytes were read back and checked (`Store.previews`).
 */
import { createHash } from "node:crypto";
import type { PreviewTools } from "../derive/preview/make-preview.js";
import { makePreview } from "../derive/preview/make-preview.js";
import type { Store, StoreHit, StoreLocation, StoreWrite } from "../store/store.js";
import type { AssetResult } from "./result.js";
import { runPool } from "../util/pool.js";

/**
 * Previews made, or checked, per run. A comment shows about a hundred rows before it is full;
 * a batch of 50,000 renders should not spend an hour drawing pictures nobody will see. Entries
 * past this keep today's link to the full file.
 */
export const MAX_PREVIEWS_PER_RUN = 200;
/** sharp and ffmpeg use several threads each already. */
const PREVIEW_CONCURRENCY = 2;

/**
 * Give the first MAX_PREVIEWS_PER_RUN writes a preview (in place: their `preview` bytes and the
 * record's description), and each asset whose preview could not be made a note saying why.
 */
export async function addPreviews(
  writes: StoreWrite[],
  idsByHash: ReadonlyMap<string, readonly string[]>,
  results: ReadonlyMap<string, AssetResult>,
  tools: PreviewTools,
): Promise<void> {
  await runPool(writes.slice(0, MAX_PREVIEWS_PER_RUN), PREVIEW_CONCURRENCY, async (write) => {
    const made = await makePreview(write.file, write.record.type, tools);
    if (made.durationSeconds !== undefined) write.record.durationSeconds = made.durationSeconds;
    if (made.image) {
      write.preview = made.image.bytes;
      write.record.preview = {
        format: made.image.format,
        sha256: createHash("sha256").update(made.image.bytes).digest("hex"),
        size: made.image.bytes.length,
        width: made.image.width,
        height: made.image.height,
      };
    }
    for (const id of idsByHash.get(write.record.hash) ?? []) {
      const result = results.get(id);
      if (!result) continue;
      const media = {
        ...(made.durationSeconds !== undefined ? { durationSeconds: made.durationSeconds } : {}),
        ...(made.note !== undefined ? { note: made.note } : {}),
      };
      if (Object.keys(media).length > 0) result.preview = media;
    }
  });
}

/**
 * For results that sit in the store with no preview shown yet (restored from it, or held there
 * already when this run wrote), check the previews their records name and show those that pass.
 * `others` (the renders this run replaced) are checked in the same call; returns, by hash, where
 * those that passed can be shown.
 */
export async function showStoredPreviews(
  store: Store,
  results: ReadonlyMap<string, AssetResult>,
  hitsById: ReadonlyMap<string, StoreHit>,
  others: readonly StoreHit[] = [],
): Promise<Map<string, StoreLocation>> {
  for (const result of results.values()) {
    const duration = hitsById.get(result.id)?.record.durationSeconds;
    if (result.stored && duration !== undefined && result.preview?.durationSeconds === undefined)
      result.preview = { ...result.preview, durationSeconds: duration };
  }
  const waiting = [...results.values()].filter(
    (r) => r.stored && !r.stored.preview && hitsById.get(r.id)?.record.preview,
  );
  const checked = waiting.slice(0, MAX_PREVIEWS_PER_RUN);
  if (checked.length + others.length === 0) return new Map();
  const hits = checked.map((r) => ({
    ...(hitsById.get(r.id) as StoreHit),
    location: r.stored,
  }));
  const shown = await store.previews([...hits, ...others]);
  for (const result of checked) {
    const location = shown.get(result.hash);
    if (location) result.stored = location;
  }
  const wanted = new Set(others.map((h) => h.record.hash));
  return new Map([...shown].filter(([hash]) => wanted.has(hash)));
}
