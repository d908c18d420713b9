/**
 * The store's two moments in a run: before any job, restore what another branch, machine or day
 * already paid for (one lookup for every asset the local cache could not give); after the jobs,
 * write every new output back (when this run may write), so that the PR's previews have a
 * durable address and the merge restores the very bytes the reviewer saw.
 */
import { mkdir, rename, unlink } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import type { Asset } from "../manifest/types.js";
import type { PlanEntry } from "../plan/types.js";
import { tempPathFor } from "../state/atomic-write.js";
import type { Lockfile } from "../state/lock-types.js";
import type {
  FetchItem,
  PreviewAddition,
  Store,
  StoreHit,
  StoreLocation,
  StoreWrite,
} from "../store/store.js";
import { StoreRefusedError } from "../store/store.js";
import type { PreviewTools } from "../derive/preview/make-preview.js";
import type { JobContext } from "./job.js";
import { recordOutput } from "./record.js";
import type { AssetResult, StoreOutcome } from "./result.js";
import { addPreviews, showStoredPreviews } from "./store-previews.js";
import type { BeforeRenders } from "./before-previews.js";
import { attachBefore } from "./before-previews.js";

type RestoreContext = Pick<
  JobContext,
  "manifestDir" | "cache" | "journal" | "updater" | "index" | "now" | "reporter"
>;

const extensionOf = (output: string): string => extname(output).slice(1).toLowerCase();

export interface StoreLookup {
  /** The entries for the assets to render, by asset id. */
  byId: Map<string, StoreHit>;
  /** The entries for the renders they replace, by hash (before-previews.ts). */
  previous: Map<string, StoreHit>;
}

/**
 * The store's entries for these assets, by asset id, and for the `previous` renders they replace,
 * by hash: one lookup for all of them. An entry of another type or format than the asset's
 * output is no hit. A store that cannot be reached is a warning and no hits: the run renders
 * instead.
 */
export async function lookupInStore(
  store: Store,
  entries: readonly PlanEntry[],
  previous: readonly string[],
  warn: (message: string) => void,
): Promise<StoreLookup> {
  const wanted = entries.filter((e) => e.asset !== undefined);
  const found: StoreLookup = { byId: new Map(), previous: new Map() };
  if (wanted.length + previous.length === 0) return found;
  let hits: Map<string, StoreHit>;
  try {
    hits = await store.lookup([...wanted.map((e) => e.hash), ...previous]);
  } catch (error) {
    warn(
      `could not read the store (${store.label}): ${(error as Error).message}; rendering instead`,
    );
    return found;
  }
  for (const entry of wanted) {
    const hit = hits.get(entry.hash);
    if (
      hit &&
      hit.record.type === entry.asset!.type &&
      hit.record.extension === extensionOf(entry.output)
    )
      found.byId.set(entry.id, hit);
  }
  for (const hash of previous) {
    const hit = hits.get(hash);
    if (hit) found.previous.set(hash, hit);
  }
  return found;
}

/** An asset the store holds, to restore. */
export interface StoreRestore {
  entry: PlanEntry & { asset: Asset };
  hit: StoreHit;
}

/**
 * Put the store entries' bytes at their assets' outputs, all in one batch (`Store.fetchMany`: for
 * git one fetch of the missing blobs and one `cat-file --batch`, for S3 a bounded pool of GETs,
 * each entry's size checked against its record before its bytes are read). Each is fetched
 * beside its output, verified by the store, renamed into place and recorded like a render, with
 * the generation that first produced it. `settled` is called once per item as soon as it is done,
 * with undefined when the entry proved unusable: the caller renders that one instead.
 */
export async function restoreFromStore(
  items: readonly StoreRestore[],
  store: Store,
  ctx: RestoreContext,
  settled: (item: StoreRestore, result: AssetResult | undefined) => Promise<void>,
  concurrency?: number,
): Promise<void> {
  const fetches: Array<FetchItem & { item: StoreRestore; target: string }> = [];
  for (const item of items) {
    const target = join(ctx.manifestDir, item.entry.output);
    fetches.push({ hit: item.hit, dest: tempPathFor(target), item, target });
  }
  for (const folder of new Set(fetches.map((f) => dirname(f.target))))
    await mkdir(folder, { recursive: true });
  // A failure to record (a journal that cannot be written) is the run's, as a render's would be:
  // thrown once the batch is over, after every other entry was settled.
  let failure: unknown;
  await store.fetchMany(
    fetches,
    async (fetched, ok) => {
      const { item, target, dest } = fetched as (typeof fetches)[number];
      try {
        await settled(item, ok ? await placeRestored(item, dest, target, ctx) : undefined);
      } catch (error) {
        failure ??= error;
      }
    },
    concurrency,
  );
  if (failure !== undefined) throw failure;
}

/** A fetched, verified entry renamed into place and recorded; undefined if it cannot be placed. */
async function placeRestored(
  { entry, hit }: StoreRestore,
  dest: string,
  target: string,
  ctx: RestoreContext,
): Promise<AssetResult | undefined> {
  try {
    await rename(dest, target);
  } catch (error) {
    await unlink(dest).catch(() => {});
    ctx.reporter.emit({
      kind: "warning",
      message: `could not restore ${entry.id} from the store: ${(error as Error).message}`,
    });
    return undefined;
  }
  const { sha256, size, generation } = hit.record;
  await recordOutput(entry, generation, { sha256, size }, ctx);
  const result: AssetResult = {
    id: entry.id,
    status: "restored",
    output: entry.output,
    hash: entry.hash,
    generation,
    ...(hit.location ? { stored: hit.location } : {}),
  };
  ctx.reporter.emit({ kind: "asset", result });
  return result;
}

export interface WriteBack {
  /** Whether this run writes (a trusted run that was not interrupted). */
  write: boolean;
  results: Map<string, AssetResult>;
  planned: ReadonlyMap<string, PlanEntry>;
  ctx: RestoreContext;
  /**
   * With `outputs: store`: the store now holds this asset's bytes, so the lock may record it.
   * Where the store already held another render of the request, the run takes the store's bytes.
   */
  confirm?: (id: string) => void;
  warn(message: string): void;
  /** The store's entries this run restored, by asset id (their records name their previews). */
  hits: ReadonlyMap<string, StoreHit>;
  /** How to make review previews of what this run writes; none made without it. */
  previews?: PreviewTools;
  /** The renders this run replaced, for the report's "Before" (before-previews.ts). */
  before?: BeforeRenders;
}

/**
 * The store after the jobs: write back what this run produced, give each result its location
 * in the store, and say what the store did. A failed write is a warning (and, with
 * `outputs: store`, no confirmation), never an exception: what was rendered stays rendered.
 */
export async function writeBackToStore(store: Store, run: WriteBack): Promise<StoreOutcome> {
  const { results, ctx } = run;
  const outcome: StoreOutcome = {
    label: store.label,
    restored: [...results.values()].filter((r) => r.stored).length,
    written: 0,
  };
  const hitsById = new Map(run.hits);
  const before = run.before;
  if (!run.write) {
    await showPreviews(store, results, hitsById, before);
    return outcome;
  }
  try {
    const { held, added } = await writeToStore(
      store,
      results,
      run.planned,
      ctx.updater.current(),
      ctx.manifestDir,
      run.previews,
      before?.additions ?? [],
    );
    for (const [hash, location] of added) before?.shown.set(hash, location);
    for (const [id, hit] of held) if (!hit.location?.preview) hitsById.set(id, hit);
    for (const [id, hit] of held) {
      const locked = ctx.updater.current().assets[id];
      const entry = run.planned.get(id);
      if (run.confirm && locked && entry?.asset && hit.record.sha256 !== locked.sha256) {
        // First writer wins, and with outputs: store the lock must name the bytes the store holds.
        run.warn(
          `${id}: the store already holds another render of this request (${hit.record.generation}); ` +
            "with outputs: store the lock records that one, and the output now holds its bytes",
        );
        let adopted: AssetResult | undefined;
        await restoreFromStore(
          [{ entry: { ...entry, asset: entry.asset }, hit }],
          store,
          ctx,
          async (_, result) => {
            adopted = result;
          },
        );
        if (adopted === undefined) continue;
        results.set(id, adopted);
      }
      run.confirm?.(id);
      const result = results.get(id);
      if (result && hit.location) result.stored = hit.location;
    }
    outcome.written = held.size;
  } catch (error) {
    outcome.error = (error as Error).message;
    if (error instanceof StoreRefusedError) outcome.refused = error.by;
    // With outputs: store, the run says it once, with what to do (see store-only-lock.ts).
    if (!run.confirm) run.warn(`could not write to the store (${store.label}): ${outcome.error}`);
  }
  await showPreviews(store, results, hitsById, before);
  return outcome;
}

/** Check, in one go, the previews of this run's results and of the renders they replaced. */
async function showPreviews(
  store: Store,
  results: Map<string, AssetResult>,
  hitsById: ReadonlyMap<string, StoreHit>,
  before: BeforeRenders | undefined,
): Promise<void> {
  const previous = (before?.recorded ?? []).filter((h) => !before?.shown.has(h.record.hash));
  const shown = await showStoredPreviews(store, results, hitsById, previous);
  if (!before) return;
  for (const [hash, location] of shown) before.shown.set(hash, location);
  attachBefore(results, before);
}

/**
 * Write every output this run produced that the store does not show yet (renders, and restores
 * from the local cache), in one write. Returns, by asset id, the entry the store now holds for
 * each (written now or held already), with where it is when the backend can show it.
 */
async function writeToStore(
  store: Store,
  results: ReadonlyMap<string, AssetResult>,
  entries: ReadonlyMap<string, PlanEntry>,
  lock: Lockfile,
  manifestDir: string,
  previews: PreviewTools | undefined,
  additions: readonly PreviewAddition[],
): Promise<{ held: Map<string, StoreHit>; added: Map<string, StoreLocation> }> {
  const writes: StoreWrite[] = [];
  const idsByHash = new Map<string, string[]>();
  for (const result of results.values()) {
    if ((result.status !== "rendered" && result.status !== "restored") || result.stored) continue;
    const entry = entries.get(result.id);
    const locked = lock.assets[result.id];
    if (!entry?.asset || !locked || locked.hash !== entry.hash) continue;
    idsByHash.set(entry.hash, [...(idsByHash.get(entry.hash) ?? []), entry.id]);
    writes.push({
      file: join(manifestDir, entry.output),
      record: {
        hash: entry.hash,
        sha256: locked.sha256,
        size: locked.size,
        type: entry.asset.type,
        extension: extensionOf(entry.output),
        model: entry.asset.model,
        generation: locked.generation,
        created: locked.renderedAt,
      },
    });
  }
  const held = new Map<string, StoreHit>();
  const added = new Map<string, StoreLocation>();
  if (writes.length + additions.length === 0) return { held, added };
  if (previews) await addPreviews(writes, idsByHash, results, previews);
  const adding = new Set(additions.map((a) => a.record.hash));
  for (const [hash, hit] of await store.write(writes, additions)) {
    for (const id of idsByHash.get(hash) ?? []) held.set(id, hit);
    if (adding.has(hash) && hit.location?.preview) added.set(hash, hit.location);
  }
  return { held, added };
}
