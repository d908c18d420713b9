/**
 * The "Before" side of a review: the render this run replaces (the lock's previous entry) shown by
 * its own small preview in the store, found by the previous entry's hash, instead of its full
 * committed file. It costs no round trip of its own:
 *
 * - the previous hashes go into the run's one store lookup (`lookupInStore`), when the store can
 *   show an entry to a browser (`Store.showsEntries`: git, not S3);
 * - an entry held without a preview (written before previews existed) gets one in a run that may
 *   write to the store, made from the committed bytes — and only when they are the very bytes the
 *   store entry holds (the lock's and the record's SHA-256 and size agree, and the file, read with
 *   that bound, hashes to them) — then added beside the entry in the run's one store write. The
 *   committed files are kept before anything overwrites the outputs, by a hard link each (no copy,
 *   no wait: outputs are replaced by rename, so a link keeps the old bytes), and the previews are
 *   made from those while the run submits its jobs, not before; where a file cannot be linked
 *   (another file system), its preview is made at once, as before. The run's interrupt stops
 *   them: none is started after it and ffmpeg is stopped, and the report links the full file;
 * - previews the store recorded earlier are checked (size, SHA-256, WebP dimensions) in the
 *   run's one preview check, with the new renders' (`showStoredPreviews`).
 *
 * Where none of this is possible (no store, a store that cannot show a preview, a fork's run, the
 * bytes missing or other than the store's), the result says nothing and the report links the full
 * committed file, as before.
 */
import { link, rm } from "node:fs/promises";
import { join } from "node:path";
import { createHash } from "node:crypto";
import type { PreviewTools } from "../derive/preview/make-preview.js";
import { makePreview } from "../derive/preview/make-preview.js";
import type { PlanEntry, PlanStatus } from "../plan/types.js";
import type { LockEntry } from "../state/lock-types.js";
import { beforeSnapshotsDirFor } from "../state/paths.js";
import { makeRealFolder } from "../state/plain-file.js";
import type { PreviewAddition, StoreHit, StoreLocation } from "../store/store.js";
import { copyExpectedBytes, NOT_IN_CHECKOUT } from "./previous-bytes.js";
import type { AssetResult } from "./result.js";
import { runPool } from "../util/pool.js";
import { MAX_PREVIEWS_PER_RUN } from "./store-previews.js";

/**
 * Statuses where the lock's entry is the render a reviewer compares against: a changed request,
 * or an output gone from the checkout. A file edited by hand (`modified`) is not the locked
 * render, so its "before" stays the committed file itself.
 */
export const REPLACES_LOCKED: ReadonlySet<PlanStatus> = new Set(["changed", "missing"]);

/** A previous render is previewed from bytes up to this size (a long video is not read). */
export const MAX_PREVIOUS_BYTES = 256 * 1024 * 1024;
/** sharp and ffmpeg use several threads each already. */
const CONCURRENCY = 2;

export interface ReplacedRender {
  id: string;
  status: PlanStatus;
  /** The committed output (relative to the manifest folder), as the manifest names it. */
  output: string;
  lock: LockEntry;
}

/** The renders this run replaces, as many as a run previews. */
export function replacedRenders(toRender: readonly PlanEntry[]): ReplacedRender[] {
  return toRender
    .filter((e): e is PlanEntry & { lock: LockEntry } => !!e.lock && REPLACES_LOCKED.has(e.status))
    .slice(0, MAX_PREVIEWS_PER_RUN)
    .map((e) => ({ id: e.id, status: e.status, output: e.output, lock: e.lock }));
}

export interface BeforeRenders {
  /** Previews made in this run, for the store write. */
  additions: PreviewAddition[];
  /** Store entries of replaced renders whose records name a preview, to check. */
  recorded: StoreHit[];
  /** Where each replaced render's preview can be shown, by hash, once written or checked. */
  shown: Map<string, StoreLocation>;
  /** Replaced renders by asset id, with their store entries. */
  byId: Map<string, StoreHit>;
  /**
   * Settles (never rejects) once the previews made while the run goes on are made or given up,
   * and their links removed: `additions` is complete only then.
   */
  settled: Promise<void>;
}

export interface BeforeContext {
  manifestDir: string;
  /** A run that may write to the store (never a fork's): only then are previews made. */
  write: boolean;
  tools: PreviewTools | undefined;
  warn(message: string): void;
  /** The run's interrupt (Ctrl-C, a cancelled workflow): no preview is made after it. */
  signal?: AbortSignal;
}

interface ToMake {
  hit: StoreHit;
  render: ReplacedRender;
  /** The committed file, or the link that keeps its bytes. */
  source: string;
  /** `source` is a link of this run's, removed once read. */
  linked: boolean;
}

/**
 * What the store holds for each replaced render (`hits`, by hash, from the run's lookup), and the
 * previews to make of the committed bytes: kept now, before any output is overwritten, and made
 * in the background (`settled`).
 */
export async function prepareBeforeRenders(
  replaced: readonly ReplacedRender[],
  hits: ReadonlyMap<string, StoreHit>,
  ctx: BeforeContext,
): Promise<BeforeRenders> {
  const before: BeforeRenders = {
    additions: [],
    recorded: [],
    shown: new Map(),
    byId: new Map(),
    settled: Promise.resolve(),
  };
  const toMake = new Map<string, { hit: StoreHit; render: ReplacedRender }>();
  for (const render of replaced) {
    const hit = hits.get(render.lock.hash);
    // Only a backend that can show an entry to a browser (git) gives it a location.
    if (!hit?.location) continue;
    before.byId.set(render.id, hit);
    if (hit.record.preview) {
      if (!before.recorded.some((h) => h.record.hash === hit.record.hash))
        before.recorded.push(hit);
    } else if (
      ctx.write &&
      ctx.tools &&
      render.status === "changed" &&
      // The lock's own path, as the manifest's rules computed it; a moved output is not looked for.
      render.lock.output === render.output &&
      sameBytes(render.lock, hit)
    ) {
      toMake.set(hit.record.hash, { hit, render });
    }
  }
  if (toMake.size === 0 || ctx.signal?.aborted) return before;
  // A preview is a courtesy to the reviewer: no failure here may cost the run.
  const folder = beforeSnapshotsDirFor(ctx.manifestDir);
  const linked: ToMake[] = [];
  const unlinked: ToMake[] = [];
  try {
    // Never links into a link someone left in its place (a self-hosted runner's workspace).
    await makeRealFolder(folder);
    for (const { hit, render } of toMake.values()) {
      const committed = join(ctx.manifestDir, render.output);
      const snapshot = join(folder, hit.record.hash);
      try {
        // A link to a symbolic link or a FIFO is refused when read, as the file itself would be.
        await link(committed, snapshot);
        linked.push({ hit, render, source: snapshot, linked: true });
      } catch (error) {
        // An output kept in the store only is not committed: nothing to say about it.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        unlinked.push({ hit, render, source: committed, linked: false });
      }
    }
  } catch (error) {
    ctx.warn(`no previews of previous renders: ${(error as Error).message}`);
    await rm(folder, { recursive: true, force: true }).catch(() => {});
    return before;
  }
  await makePreviews(unlinked, folder, before, ctx);
  before.settled = makePreviews(linked, folder, before, ctx).finally(() =>
    rm(folder, { recursive: true, force: true }).catch(() => {}),
  );
  return before;
}

/** Previews of `items`, into `before.additions`; never throws. */
async function makePreviews(
  items: readonly ToMake[],
  folder: string,
  before: BeforeRenders,
  ctx: BeforeContext,
): Promise<void> {
  await runPool(
    items,
    CONCURRENCY,
    async ({ hit, render, source, linked }) => {
      // Each copy may be up to MAX_PREVIOUS_BYTES: gone as soon as its preview is made, so the
      // folder never holds more than CONCURRENCY of them.
      const copy = join(folder, `${hit.record.hash}.copy`);
      try {
        const addition = await previewOf(render, hit, source, copy, ctx);
        if (addition) before.additions.push(addition);
      } catch (error) {
        ctx.warn(`${render.id}: no preview of its previous render: ${(error as Error).message}`);
      } finally {
        await rm(copy, { force: true });
        if (linked) await rm(source, { force: true });
      }
    },
    () => ctx.signal?.aborted !== true,
  ).catch((error: unknown) => {
    ctx.warn(`no previews of previous renders: ${(error as Error).message}`);
  });
}

/** The lock and the store describe the same bytes, so a preview of one is a preview of the other. */
function sameBytes(lock: LockEntry, hit: StoreHit): boolean {
  return lock.sha256 === hit.record.sha256 && lock.size === hit.record.size;
}

async function previewOf(
  render: ReplacedRender,
  hit: StoreHit,
  source: string,
  copy: string,
  ctx: BeforeContext,
): Promise<PreviewAddition | undefined> {
  const { record } = hit;
  const why = await copyExpectedBytes(source, copy, record, MAX_PREVIOUS_BYTES);
  if (why === NOT_IN_CHECKOUT) return undefined;
  if (why !== undefined) {
    ctx.warn(`${render.id}: no preview of its previous render: ${render.output} ${why}`);
    return undefined;
  }
  const made = await makePreview(copy, record.type, ctx.tools!, ctx.signal);
  if (!made.image) return undefined;
  return {
    record: {
      ...record,
      preview: {
        format: made.image.format,
        sha256: createHash("sha256").update(made.image.bytes).digest("hex"),
        size: made.image.bytes.length,
        width: made.image.width,
        height: made.image.height,
      },
      ...(made.durationSeconds !== undefined ? { durationSeconds: made.durationSeconds } : {}),
    },
    preview: made.image.bytes,
  };
}

/** Each result whose replaced render can be shown gets its `before`: the store's preview of it. */
export function attachBefore(
  results: ReadonlyMap<string, AssetResult>,
  before: BeforeRenders,
): void {
  for (const [id, hit] of before.byId) {
    const result = results.get(id);
    const location = before.shown.get(hit.record.hash);
    if (!result || !location?.preview) continue;
    const made = before.additions.find((a) => a.record.hash === hit.record.hash);
    const durationSeconds = made?.record.durationSeconds ?? hit.record.durationSeconds;
    result.before = {
      hash: hit.record.hash,
      type: hit.record.type,
      stored: location,
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    };
  }
}
