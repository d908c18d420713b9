import { setMaxListeners } from "node:events";
import { basename, dirname } from "node:path";
import { formatProblem } from "../manifest/errors.js";
import { loadManifest } from "../manifest/load.js";
import { createCacheStore } from "../state/local-cache.js";
import { rewriteLockfile } from "../state/lockfile-rewrite.js";
import { writeLockfile } from "../state/lockfile.js";
import { adoptionNote } from "../state/manifest-lock.js";
import { lfsPointerNote } from "../plan/lfs-pointer.js";
import type { PlanEntry } from "../plan/types.js";
import type { DownloadPace } from "./download/download.js";
import type { RenderConfig } from "./config.js";
import { openDurationMemory } from "./polling/duration-memory.js";
import { RenderError } from "./errors.js";
import type { CreditGate } from "./credit-gate.js";
import { creditOutcome, gateCredits } from "./credit-gate.js";
import { isInFlight, openJournal } from "../state/journal.js";
import { createLockUpdater } from "../state/lock-updater.js";
import type { ProgressReporter } from "./progress/events.js";
import { silentReporter } from "./progress/events.js";
import type { Prepared } from "./prepare.js";
import { prepare, resumableJobs, skipForcedDone, splitByCache } from "./prepare.js";
import { foldCompletedRecords } from "../state/journal-fold.js";
import type { JobContext } from "./job.js";
import { modifiedOutputsError, noStoreForOutputsError } from "./refusals.js";
import { restoreFromCache } from "./restore.js";
import type { AssetResult, RenderResult, StoreOutcome, VariantsOutcome } from "./result.js";
import type { Store, StoreHit } from "../store/store.js";
import { prepareBeforeRenders, replacedRenders } from "./before-previews.js";
import { lookupInStore, restoreFromStore, writeBackToStore } from "./store-tier.js";
import type { PreviewTools } from "../derive/preview/make-preview.js";
import type { FfmpegLookup } from "../derive/preview/ffmpeg-tool.js";
import { storeOnlyLock, withheldFromLock } from "./store-only-lock.js";
import { countOutcomes } from "./result.js";
import { sleep as realSleep } from "../net/retry.js";
import { withRunLock } from "../state/run-lock.js";
import { runPool } from "../util/pool.js";
import type { ServiceDeps, Services } from "./services.js";
import { sweepStaleTemps } from "../state/sweep.js";
import { cacheDirFor, mediaJsonPathFor } from "../state/paths.js";
import { ensureStateDir } from "../state/state-dir.js";
import { syncMediaJson } from "../state/media-json.js";
import type { LockUpdater } from "../state/lock-updater.js";

export { planFor } from "./prepare.js";

/** The side effects a render needs, injected so both front ends and the tests can supply them. */
export interface RenderDeps extends ServiceDeps {
  reporter?: ProgressReporter;
  /** Ctrl-C: stop new submissions, leave jobs in flight in the journal, return `stopped`. */
  signal?: AbortSignal;
  /** Per-job limit from submission to the end of polling. Default 30 minutes. */
  jobDeadlineMs?: number;
  /** The slowest download accepted (grace, then a minimum rate). Default DEFAULT_PACE. */
  downloadPace?: DownloadPace;
  /** The shared store: looked in after the local cache, before the API. */
  store?: Store;
  /** Write this run's new outputs to the store (trusted runs only). */
  storeWrite?: boolean;
  /**
   * The image library and ffmpeg as this machine has them: review previews of what is written
   * to the store, and a video's poster frame for its web variants (none without them).
   */
  previews?: PreviewTools;
}

/** Restores only copy local files; more of them at once just contend for the disk. */
const RESTORE_CONCURRENCY = 8;

/**
 * The render core both front ends call: load → plan → select → (budget check) → restore from the
 * cache → submit, poll and download the rest through a bounded pool, recording each asset the
 * moment it completes. Throws ManifestError / LockfileError before anything is submitted or
 * written; after that, every outcome is in the returned result.
 */
export async function render(config: RenderConfig, deps: RenderDeps = {}): Promise<RenderResult> {
  return withRunLock(dirname(config.manifestPath), () => renderLocked(config, deps));
}

async function renderLocked(config: RenderConfig, deps: RenderDeps): Promise<RenderResult> {
  const now = deps.now ?? Date.now;
  const reporter = deps.reporter ?? silentReporter;
  const startedAt = now();
  const manifest = await loadManifest(config.manifestPath);
  if (manifest.outputs === "store" && !deps.store) {
    throw noStoreForOutputsError(basename(manifest.path));
  }
  for (const w of manifest.warnings ?? []) {
    reporter.emit({ kind: "warning", message: formatProblem(w) });
  }
  const journal = openJournal(manifest.path, now);
  const ids = new Set(manifest.assets.map((a) => a.id));
  // With outputs: store, a completed record left by a run that died is no proof that the store
  // holds its bytes: it stays out of the lock, and the cache restore below (then the store write)
  // records it. A forced run folds, so that starting it again does not render twice.
  const forcedDone =
    manifest.outputs === "store" && !config.force
      ? new Map<string, string>()
      : await foldCompletedRecords(manifest.path, ids, journal, config.force);
  const prepared = await prepare(manifest, config);
  const modified = prepared.selection.toRender.filter((e) => e.status === "modified");
  const modifiedVariants = [
    ...prepared.selection.toRender,
    ...prepared.selection.unchanged,
  ].flatMap((e) => e.variants?.modified ?? []);
  if (
    modified.length + modifiedVariants.length > 0 &&
    !config.force &&
    config.overwriteModified !== true
  ) {
    throw modifiedOutputsError([...modified.map((e) => e.output), ...modifiedVariants]);
  }
  // Nothing is written before the manifest and the lockfile have proved valid.
  await ensureStateDir(manifest.dir);
  if (prepared.adoptedFrom !== undefined) {
    reporter.emit({ kind: "warning", message: adoptionNote(manifest.path, prepared.adoptedFrom) });
    await writeLockfile(prepared.lockPath, prepared.lock);
  }
  const { entries } = prepared.plan;
  await sweepStaleTemps(
    manifest.dir,
    prepared.lockPath,
    entries.filter((e) => e.status !== "orphaned"),
    prepared.selection.toRender,
  );
  skipForcedDone(prepared.selection, forcedDone);
  const resumable = await resumableJobs(journal, prepared);
  const warn = (message: string): void => reporter.emit({ kind: "warning", message });
  if (prepared.plan.lfsPointers) warn(lfsPointerNote(prepared.plan.lfsPointers));
  const cache = createCacheStore(cacheDirFor(manifest.dir), warn);
  const split = await splitByCache(prepared.selection.toRender, cache, config.force, resumable);
  const results = new Map<string, AssetResult>();
  let storeOutcome: StoreOutcome | undefined;
  let variantsOutcome: RenderResult["variants"];
  let gate: CreditGate | undefined;
  const storeIds = new Set<string>();
  const finish = (stopped?: string): RenderResult => {
    const result = collect(prepared, results, stopped);
    if (storeOutcome) result.store = storeOutcome;
    if (variantsOutcome) result.variants = variantsOutcome;
    result.credits = creditOutcome(result.assets, gate, storeIds);
    // Refused before anything was priced: what it would have cost is not known, not 0.
    if (gate === undefined && prepared.selection.toRender.length > 0)
      result.credits.estimate = null;
    reporter.emit({ kind: "finish", result, elapsedMs: now() - startedAt });
    return result;
  };
  for (const e of prepared.selection.unchanged) results.set(e.id, outcome(e, "unchanged"));
  for (const e of prepared.selection.excluded) {
    results.set(e.id, outcome(e, "skipped", "not selected (--only / --shard)"));
  }

  // Local cache → store → API: what the cache cannot give, the store may (a forced run renders).
  // The same lookup finds the renders this run replaces, for the report's "Before", from a store
  // that can show them (git); from S3 each would be a record read for nothing.
  const replaced = deps.store?.showsEntries ? replacedRenders(prepared.selection.toRender) : [];
  const looked = deps.store
    ? await lookupInStore(
        deps.store,
        config.force ? [] : split.jobs.filter((e) => !resumable.has(e.id)),
        replaced.map((r) => r.lock.hash),
        warn,
      )
    : undefined;
  const storeHits = looked?.byId ?? new Map<string, StoreHit>();
  const fromStore = split.jobs.filter((e) => storeHits.has(e.id));
  for (const e of fromStore) storeIds.add(e.id);
  split.jobs = split.jobs.filter((e) => !storeHits.has(e.id));
  let newJobs = split.jobs.filter((e) => !resumable.has(e.id)).length;
  if (config.maxJobs !== undefined && newJobs > config.maxJobs) {
    const why = `the plan needs ${newJobs} new job${newJobs === 1 ? "" : "s"}, more than --max-jobs ${config.maxJobs}; nothing was submitted`;
    for (const e of prepared.selection.toRender) results.set(e.id, outcome(e, "skipped", why));
    return finish(why);
  }
  // Priced before anything is submitted; the HTTP side starts only when there are jobs.
  let services: Services | undefined;
  const servicesFor = async (): Promise<Services> =>
    (services ??= await (await import("./services.js")).startServices(config, deps, manifest));
  const refuse = async (why: string): Promise<RenderResult> => {
    for (const e of prepared.selection.toRender) results.set(e.id, outcome(e, "skipped", why));
    await services?.close();
    return finish(why);
  };
  const toSubmit = split.jobs.filter((e) => !resumable.has(e.id));
  const others = [...split.jobs.filter((e) => resumable.has(e.id)), ...split.restore, ...fromStore];
  if (toSubmit.length + others.length > 0) {
    try {
      // Restores alone ask the API only if a price is missing, and its trouble is then a warning:
      // the report's "credits not spent" is worth one GET, never a run that stops.
      const client =
        toSubmit.length > 0
          ? (await servicesFor()).client
          : {
              read: (resource: "models" | "credits", signal?: AbortSignal) =>
                servicesFor()
                  .then((running) => running.client.read(resource, signal))
                  .catch((error: unknown) => {
                    throw new Error((error as Error).message);
                  }),
            };
      gate = await gateCredits({
        manifest,
        config,
        toSubmit,
        others,
        client,
        warn,
        now,
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
    } catch (error) {
      // Interrupted while reading prices or the balance: no gate, and the stop below ends the run
      // as any interrupted run ends (nothing submitted, jobs in flight left in the journal).
      if (deps.signal?.aborted !== true) {
        // A refused key or an unreachable API stops the run here, as its first POST would.
        if (!(error instanceof RenderError) || error.scope !== "run") {
          await services?.close();
          throw error;
        }
        reporter.emit({ kind: "stopping", reason: error.message });
        return refuse(error.message);
      }
    }
    if (gate?.refusal !== undefined) return refuse(gate.refusal);
  }
  // Restores that fall back to a job stay within both budgets.
  let committedCredits = gate?.estimate.total ?? 0;
  const withinCredits = (entry: PlanEntry): boolean => {
    if (config.maxCredits === undefined) return true;
    const price = gate?.priceOf(entry.id);
    if (price === null || price === undefined || committedCredits + price > config.maxCredits)
      return false;
    committedCredits += price;
    return true;
  };
  reporter.emit({
    kind: "start",
    total: prepared.selection.toRender.length,
    unchanged: prepared.selection.unchanged.length,
    excluded: prepared.selection.excluded.length,
    ...excludedBy(config),
    resuming: [...resumable.keys()],
  });

  const planned = new Map(prepared.plan.entries.map((e) => [e.id, e]));
  // With outputs: store, the lock records an entry only once the store holds its bytes.
  const storeOnly =
    manifest.outputs === "store" ? storeOnlyLock((id) => planned.get(id)?.lock) : undefined;
  const updater = createLockUpdater({
    initial: prepared.lock,
    write: (lock, changed) =>
      rewriteLockfile(prepared.lockPath, storeOnly?.writable(lock, changed) ?? lock, changed),
    onWritten: async (ids) => {
      // A forced run keeps its completed records until it ends (see foldCompletedRecords).
      if (!config.force) await journal.removeAll(ids);
    },
  });
  const confirmStored = (id: string): void => {
    const entry = updater.current().assets[id];
    if (!storeOnly || entry === undefined) return;
    storeOnly.confirm(id);
    // A write while it was unconfirmed kept its line out: this one puts it in.
    updater.set(id, entry);
  };
  const shared = {
    manifestDir: manifest.dir,
    repoRoot: manifest.root,
    cache,
    journal,
    updater,
    index: prepared.index,
    now,
    reporter,
  };
  let stopReason: string | undefined;
  const stop = new AbortController();
  // Every request in flight listens on this one signal: hundreds at a high --concurrency.
  setMaxListeners(0, stop.signal);
  const onInterrupt = (): void => {
    reporter.emit({ kind: "stopping", reason: "interrupted", interrupted: true });
    stop.abort(new Error("interrupted"));
  };
  deps.signal?.addEventListener("abort", onInterrupt, { once: true });
  if (deps.signal?.aborted) onInterrupt();
  let saveDurations = async (): Promise<void> => {};
  // Before any restore or job overwrites an output: the committed bytes of the renders being
  // replaced, for their previews, made while the run goes on.
  const before = looked
    ? await prepareBeforeRenders(replaced, looked.previous, {
        manifestDir: manifest.dir,
        write: deps.storeWrite === true,
        tools: deps.previews,
        warn,
        ...(deps.signal ? { signal: deps.signal } : {}),
      })
    : undefined;
  try {
    const jobs = [...split.jobs];
    const settleRestore = async (
      entry: PlanEntry,
      from: "cache" | "store",
      restored: AssetResult | undefined,
    ): Promise<void> => {
      if (restored) {
        results.set(entry.id, restored);
        if (from === "store") confirmStored(entry.id);
      } else if (
        (config.maxJobs === undefined || newJobs < config.maxJobs) &&
        withinCredits(entry)
      ) {
        // The cache entry turned out unusable: render after all, within the budgets.
        newJobs += 1;
        jobs.push(entry);
      } else
        results.set(
          entry.id,
          outcome(entry, "skipped", `${from} entry unusable and --max-jobs or max-credits reached`),
        );
    };
    // The cache's hits one by one (local copies); the store's all in one batch, so that N hits
    // cost the store a fixed number of round trips, not N.
    const store = deps.store;
    // Settled both before anything is rethrown: neither may still be writing results or the
    // journal while the run tears down.
    // A stop (a signal, also one during the credit check) starts no restore: it is free, but the
    // user asked the run to end, and the next run restores what is left.
    const going = (): boolean => !stop.signal.aborted;
    const restores = await Promise.allSettled([
      runPool(
        split.restore,
        RESTORE_CONCURRENCY,
        async (entry) => settleRestore(entry, "cache", await restoreFromCache(entry, shared)),
        going,
      ),
      store && fromStore.length > 0 && going()
        ? restoreFromStore(
            fromStore.map((entry) => ({ entry: withAsset(entry), hit: storeHits.get(entry.id)! })),
            store,
            shared,
            async ({ entry }, restored) => settleRestore(entry, "store", restored),
          )
        : undefined,
    ]);
    for (const settled of restores) if (settled.status === "rejected") throw settled.reason;
    if (jobs.length > 0 && !stop.signal.aborted) {
      // The HTTP side (undici and the job runner) is loaded only now: a run with nothing to
      // submit, the usual CI run, never pays for it.
      const [running, { DEFAULT_JOB_DEADLINE_MS, runJob }] = await Promise.all([
        servicesFor(),
        import("./job.js"),
      ]);
      const durations = await openDurationMemory(manifest.dir, config, now, warn);
      saveDurations = durations.save;
      const ctx: JobContext = {
        ...shared,
        client: running.client,
        dispatcher: running.dispatcher,
        model: durations.model,
        force: config.force,
        jobDeadlineMs: deps.jobDeadlineMs ?? DEFAULT_JOB_DEADLINE_MS,
        ...(deps.requestTimeoutMs !== undefined ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
        ...(deps.downloadPace ? { downloadPace: deps.downloadPace } : {}),
        sleep: deps.sleep ?? realSleep,
        random: deps.random ?? Math.random,
        signal: stop.signal,
        onWideFailure(error: RenderError) {
          if (stopReason === undefined) reporter.emit({ kind: "stopping", reason: error.message });
          stopReason ??= error.message;
          if (error.scope === "run") stop.abort(error);
        },
      };
      const { notStarted } = await runPool(
        jobs,
        config.concurrency,
        async (entry) => {
          const result = await runJob(withAsset(entry), resumable.get(entry.id), ctx);
          results.set(entry.id, result);
          // Every job's end, stopped ones too: the views count them out of "in flight".
          reporter.emit({ kind: "asset", result });
        },
        () => stopReason === undefined && !stop.signal.aborted,
      );
      for (const e of notStarted)
        results.set(e.id, outcome(e, "skipped", "not submitted: the run stopped early"));
    }
    if (deps.store) {
      await before?.settled;
      storeOutcome = await writeBackToStore(deps.store, {
        write: deps.storeWrite === true && !deps.signal?.aborted,
        results,
        planned,
        ctx: shared,
        ...(storeOnly ? { confirm: confirmStored } : {}),
        warn,
        hits: storeHits,
        ...(deps.previews ? { previews: deps.previews } : {}),
        ...(before ? { before } : {}),
      });
    }
    if (manifest.outputs !== "store" && !stop.signal.aborted) {
      variantsOutcome = await deriveVariants(prepared, results, updater, {
        signal: stop.signal,
        ffmpeg: deps.previews?.ffmpeg ?? { found: false, why: "this run was given no ffmpeg" },
        warn,
      });
    }
  } finally {
    deps.signal?.removeEventListener("abort", onInterrupt);
    // Nothing left running behind the caller, and the links to the replaced files gone.
    await before?.settled;
    await updater.close();
    await journal.close().catch(() => {});
    await prepared.index.save().catch(() => {});
    await services?.close();
    await saveDurations();
  }
  if (storeOnly) {
    withheldFromLock(storeOnly.withheld(), results, {
      lockName: basename(prepared.lockPath),
      store: deps.store?.label,
      cause: storeOutcome?.error,
      refused: storeOutcome?.refused !== undefined,
      wrote: deps.storeWrite === true,
      interrupted: deps.signal?.aborted === true,
      warn,
    });
  }
  // The media index follows the lock whatever this run did (a deleted one comes back).
  if (manifest.outputs !== "store") {
    await syncMediaJson(mediaJsonPathFor(manifest.path), updater.current(), withVariants(manifest));
  }
  if (deps.signal?.aborted) {
    const inFlight = (await journal.readAll()).filter(isInFlight).length;
    for (const e of prepared.selection.toRender) {
      if (!results.has(e.id)) results.set(e.id, outcome(e, "skipped", "interrupted"));
    }
    return finish(
      `interrupted — run the same command again to resume ${inFlight} job${inFlight === 1 ? "" : "s"} in flight; nothing will be submitted twice`,
    );
  }
  if (config.force && stopReason === undefined) {
    // The forced run is over: what it rendered is in the lockfile, its records can go.
    const records = await journal.readAll();
    await journal.removeAll(records.filter((r) => r.state === "completed").map((r) => r.id));
  }
  return finish(stopReason);
}

/**
 * Derives the web variants that are not current (derive/derive-step.ts), once every output is in
 * place; the image library loads only when an asset has variants to make.
 */
async function deriveVariants(
  prepared: Prepared,
  results: Map<string, AssetResult>,
  updater: LockUpdater,
  {
    signal,
    ffmpeg,
    warn,
  }: { signal: AbortSignal; ffmpeg: FfmpegLookup; warn: (message: string) => void },
): Promise<RenderResult["variants"]> {
  // Only the assets this run selected: with --only or --shard the others are another run's.
  const excluded = new Set(prepared.selection.excluded.map((e) => e.id));
  const entries = prepared.plan.entries.filter((e) => !excluded.has(e.id));
  if (!entries.some((e) => e.asset?.variants !== undefined || e.lock?.variants !== undefined)) {
    return undefined;
  }
  const { deriveStep } = await import("../derive/derive-step.js");
  const outcomes = await deriveStep(entries, {
    manifestDir: dirname(prepared.lockPath),
    current: (id) => updater.current().assets[id],
    set: (id, entry) => updater.set(id, entry),
    persist: () => updater.flush(),
    ffmpeg,
    signal,
  });
  if (outcomes.length === 0) return undefined;
  const summary: NonNullable<RenderResult["variants"]> = { assets: 0, files: 0, failed: 0 };
  for (const o of outcomes) {
    const result = results.get(o.id);
    const variants: VariantsOutcome = { files: o.files };
    if (o.notUpscaled) variants.notUpscaled = o.notUpscaled;
    if (o.status === "waiting") {
      variants.error = o.error ?? "waiting";
      summary.waiting = (summary.waiting ?? 0) + 1;
      warn(`variants of ${o.id} not made: ${o.error}`);
    } else if (o.error !== undefined) {
      variants.error = o.error;
      summary.failed += 1;
      warn(`variants of ${o.id} not derived: ${o.error}`);
    } else {
      summary.assets += 1;
      summary.files += o.files.length;
    }
    if (result) result.variants = variants;
  }
  return summary;
}

/** The ids of the manifest's assets that have variants: the media index lists those. */
function withVariants(manifest: {
  assets: readonly { id: string; variants?: unknown }[];
}): string[] {
  return manifest.assets.filter((a) => a.variants !== undefined).map((a) => a.id);
}

/** What left assets out of this run, as the start line names it. */
function excludedBy(config: RenderConfig): { excludedBy?: string } {
  const flags = [
    ...(config.only !== undefined ? ["--only"] : []),
    ...(config.shard ? [`--shard ${config.shard.index}/${config.shard.total}`] : []),
  ];
  return flags.length > 0 ? { excludedBy: flags.join(" and ") } : {};
}

function withAsset(entry: PlanEntry): PlanEntry & { asset: NonNullable<PlanEntry["asset"]> } {
  if (!entry.asset) throw new Error(`plan entry ${entry.id} has no asset`);
  return entry as PlanEntry & { asset: NonNullable<PlanEntry["asset"]> };
}

function outcome(entry: PlanEntry, status: AssetResult["status"], error?: string): AssetResult {
  const result: AssetResult = { id: entry.id, status, output: entry.output, hash: entry.hash };
  if (status === "unchanged" && entry.lock) result.generation = entry.lock.generation;
  if (error !== undefined) result.error = error;
  return result;
}

/** Results in manifest order; orphaned lock entries are not assets of this run. */
function collect(
  prepared: Prepared,
  results: Map<string, AssetResult>,
  stopped: string | undefined,
): RenderResult {
  const assets: AssetResult[] = [];
  for (const entry of prepared.plan.entries) {
    if (entry.status === "orphaned") continue;
    assets.push(results.get(entry.id) ?? outcome(entry, "skipped", stopped ?? "not reached"));
  }
  const result: RenderResult = { assets, counts: countOutcomes(assets) };
  if (stopped !== undefined) result.stopped = stopped;
  return result;
}
