/**
 * The derive step of a render: after every output is in place, each image or video asset whose
 * web variants are not current (recipe changed, re-rendered, a file gone or replaced) gets them
 * derived from its output's bytes — an image's own pixels, a video's poster frame — locally, no
 * job, and its lock entry records them. Files are written atomically (a kill leaves the old file
 * or the new, never part of one), and the lock entry is set only once all of an asset's files
 * are written: after a kill, the next run finds the old record and derives again. A file the lock
 * on disk names is first taken out of it (withdrawReplaced), so a kill never leaves a lock whose
 * SHA-256 for a path is not the file's. A video whose frame cannot be had for want of ffmpeg
 * keeps no record, so the next run with ffmpeg makes them.
 */
import { hash as oneShotHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { AssetType } from "../manifest/types.js";
import { variantPath } from "../manifest/variants.js";
import { sha256File } from "../plan/sha256-file.js";
import { REPLACING_RECIPE, variantRecipe } from "../plan/variant-recipe.js";
import type { PlanEntry } from "../plan/types.js";
import { writeFileAtomic } from "../state/atomic-write.js";
import type { LockEntry } from "../state/lock-types.js";
import type { LockedVariant, LockedVariants, StaleVariant } from "../state/lock-variants.js";
import { DeriveError, encodeVariants } from "./encode.js";
import { loadImageLib } from "./image-lib.js";
import { FFMPEG_ENV, type FfmpegLookup } from "./preview/ffmpeg-tool.js";
import { posterFrame, videoDurationSeconds } from "./preview/poster-frame.js";

export interface DeriveContext {
  manifestDir: string;
  /** The asset's lock entry as the run leaves it (after any render or restore). */
  current(id: string): LockEntry | undefined;
  /** Record the entry with its new variants. */
  set(id: string, entry: LockEntry): void;
  /** Write the lock as it stands now, before files it names are replaced. */
  persist(): Promise<void>;
  /** ffmpeg as this machine has it: a video's variants come from its poster frame. */
  ffmpeg: FfmpegLookup;
  /** Stop between assets (Ctrl-C). */
  signal?: AbortSignal;
}

export interface DeriveOutcome {
  id: string;
  /**
   * `derived`: files written; `dropped`: variants turned off, their files now stale; `waiting`:
   * a video's, not made for want of ffmpeg (`error` says what to do), left for a later run.
   */
  status: "derived" | "dropped" | "failed" | "waiting";
  /** Paths written, relative to the manifest folder. */
  files: string[];
  /** Widths asked for above the image's own: not made. */
  notUpscaled?: number[];
  error?: string;
}

/** Only an asset (never an orphaned lock entry) has variants to derive. */
function typeOf(entry: PlanEntry): AssetType {
  return entry.asset?.type ?? "image";
}

/** An asset needs deriving when its entry is current but its variants record is not. */
function needsDerive(entry: PlanEntry, current: LockEntry): boolean {
  const specs = entry.asset?.variants ?? [];
  const record = current.variants;
  if (specs.length === 0) return record !== undefined && record.files.length > 0;
  if (record === undefined || record.recipe !== variantRecipe(specs, typeOf(entry))) return true;
  // The entry the plan looked at is still the lock's: its verdict on the files holds.
  return current === entry.lock && entry.variants?.reason !== undefined;
}

/** Earlier files not in the new set and still on disk: prune's to remove. */
async function staleAfter(
  manifestDir: string,
  earlier: readonly (LockedVariants | undefined)[],
  kept: ReadonlySet<string>,
): Promise<StaleVariant[]> {
  const stale = new Map<string, string>();
  for (const record of earlier) {
    for (const f of [...(record?.files ?? []), ...(record?.stale ?? [])]) {
      if (!kept.has(f.path) && !stale.has(f.path)) stale.set(f.path, f.sha256);
    }
  }
  const out: StaleVariant[] = [];
  for (const [path, sha256] of [...stale].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const facts = await stat(join(manifestDir, path)).catch(() => undefined);
    if (facts?.isFile()) out.push({ path, sha256 });
  }
  return out;
}

type Source = { bytes: Buffer } | { differs: true } | { waiting: string };

/**
 * What the variants are encoded from: an image's own bytes, or a video's poster frame (PNG, at
 * the video's own size, from ffmpeg). Never from an output the lock does not vouch for.
 */
async function sourceImage(
  type: AssetType,
  current: LockEntry,
  ctx: DeriveContext,
): Promise<Source> {
  const path = join(ctx.manifestDir, current.output);
  if (type !== "video") {
    const bytes = await readFile(path);
    return oneShotHash("sha256", bytes, "hex") === current.sha256 ? { bytes } : { differs: true };
  }
  if (!ctx.ffmpeg.found) {
    return {
      waiting:
        `a video's variants come from its poster frame, which needs ffmpeg, and ${ctx.ffmpeg.why}. ` +
        `Install ffmpeg (apt install ffmpeg, brew install ffmpeg) or set ${FFMPEG_ENV} to its ` +
        `absolute path; the next run derives them, with no job`,
    };
  }
  // A video is streamed through the hash, never held whole.
  if ((await sha256File(path, (await stat(path)).size)) !== current.sha256)
    return { differs: true };
  const duration = await videoDurationSeconds(path);
  const frame = await posterFrame(ctx.ffmpeg.path, path, duration, {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  return { bytes: frame };
}

/** `written` gets the asset's id before its first file is written. */
async function deriveOne(
  entry: PlanEntry,
  current: LockEntry,
  ctx: DeriveContext,
  written: Set<string>,
): Promise<DeriveOutcome> {
  const id = entry.id;
  const specs = entry.asset?.variants ?? [];
  const earlier = [entry.lock?.variants, current.variants];
  if (specs.length === 0) {
    const previous = current.variants as LockedVariants;
    const stale = await staleAfter(ctx.manifestDir, earlier, new Set());
    ctx.set(id, { ...current, variants: { ...previous, files: [], stale } });
    return { id, status: "dropped", files: [] };
  }
  const source = await sourceImage(typeOf(entry), current, ctx);
  if ("waiting" in source) return { id, status: "waiting", files: [], error: source.waiting };
  if ("differs" in source) {
    // Only from the bytes the lock vouches for: an output edited by hand is the render's to refuse.
    return { id, status: "failed", files: [], error: `${current.output} differs from the lock` };
  }
  const encoded = await encodeVariants(await loadImageLib(), source.bytes, specs);
  const files: LockedVariant[] = [];
  written.add(id);
  for (const v of encoded.variants) {
    const path = variantPath(current.output, v.spec.width, v.spec.format);
    await writeFileAtomic(join(ctx.manifestDir, path), v.bytes);
    files.push({
      path,
      format: v.spec.format,
      width: v.width,
      height: v.height,
      bytes: v.bytes.length,
      sha256: oneShotHash("sha256", v.bytes, "hex"),
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  const stale = await staleAfter(ctx.manifestDir, earlier, new Set(files.map((f) => f.path)));
  const record: LockedVariants = {
    recipe: variantRecipe(specs, typeOf(entry)),
    width: encoded.width,
    height: encoded.height,
    placeholder: encoded.placeholder,
    files,
    ...(stale.length > 0 ? { stale } : {}),
  };
  ctx.set(id, { ...current, variants: record });
  const above = [...new Set(specs.filter((s) => s.width > encoded.width).map((s) => s.width))];
  return {
    id,
    status: "derived",
    files: files.map((f) => f.path),
    ...(above.length ? { notUpscaled: above } : {}),
  };
}

/** The files the asset's recipe writes (a width above the output's own is not made). */
function pathsWritten(entry: PlanEntry, current: LockEntry): Set<string> {
  const width = current.variants?.width ?? Number.POSITIVE_INFINITY;
  return new Set(
    (entry.asset?.variants ?? [])
      .filter((spec) => spec.width <= width)
      .map((spec) => variantPath(current.output, spec.width, spec.format)),
  );
}

/**
 * Before any file is written, the lock on disk stops naming the files about to be replaced: a
 * kill between a file's rename and the run's lock write would otherwise leave the old SHA-256
 * recorded for new bytes, and the next run would take a derived file for one edited by hand. Each
 * such record keeps its other files and gets REPLACING_RECIPE, so whatever the manifest then
 * asks, the next run derives again; an asset re-rendered in this run has no record in the run's
 * lock, and the write drops the one on disk. One lock write, only when some file is to be
 * replaced. Returns the entries as they were, to put back for any asset not derived after all.
 */
async function withdrawReplaced(
  todo: readonly { entry: PlanEntry; current: LockEntry }[],
  ctx: DeriveContext,
): Promise<Map<string, LockEntry>> {
  const withdrawn = new Map<string, LockEntry>();
  let write = false;
  for (const { entry, current } of todo) {
    // A video's variants wait when there is no ffmpeg: nothing of it will be replaced.
    if (typeOf(entry) === "video" && !ctx.ffmpeg.found) continue;
    const paths = pathsWritten(entry, current);
    const onDisk = [entry.lock?.variants, current.variants];
    const named = (f: { path: string }): boolean => paths.has(f.path);
    if (!onDisk.some((r) => r?.files.some(named) || r?.stale?.some(named))) continue;
    write = true;
    const record = current.variants;
    if (record === undefined) continue;
    const { stale: earlierStale = [], ...rest } = record;
    const stale = earlierStale.filter((f) => !named(f));
    const replacing: LockedVariants = {
      ...rest,
      recipe: REPLACING_RECIPE,
      files: record.files.filter((f) => !named(f)),
      ...(stale.length > 0 ? { stale } : {}),
    };
    withdrawn.set(entry.id, current);
    ctx.set(entry.id, { ...current, variants: replacing });
  }
  if (write) await ctx.persist();
  return withdrawn;
}

/**
 * Derives what is not current, one asset at a time (libvips already spreads each image over the
 * cores). A failure is that asset's outcome, never the run's: its old record stays.
 */
export async function deriveStep(
  entries: readonly PlanEntry[],
  ctx: DeriveContext,
): Promise<DeriveOutcome[]> {
  const todo: { entry: PlanEntry; current: LockEntry }[] = [];
  for (const entry of entries) {
    if (entry.status === "orphaned" || entry.asset === undefined) continue;
    if (entry.asset.variants === undefined && entry.lock?.variants === undefined) continue;
    const current = ctx.current(entry.id);
    if (current !== undefined && needsDerive(entry, current)) todo.push({ entry, current });
  }
  if (todo.length === 0 || ctx.signal?.aborted) return [];
  const withdrawn = await withdrawReplaced(todo, ctx);
  const outcomes: DeriveOutcome[] = [];
  const written = new Set<string>();
  for (const { entry, current } of todo) {
    if (ctx.signal?.aborted) break;
    try {
      outcomes.push(await deriveOne(entry, current, ctx, written));
    } catch (error) {
      const message =
        error instanceof DeriveError || error instanceof Error ? error.message : String(error);
      outcomes.push({ id: entry.id, status: "failed", files: [], error: message });
    }
  }
  // Not derived (failed before writing, waiting for ffmpeg, or stopped first): the old record
  // is true again. One that failed between its writes stays withdrawn: its files are mixed.
  for (const [id, before] of withdrawn) if (!written.has(id)) ctx.set(id, before);
  return outcomes;
}
