/**
 * The action's fan-in mode (`lock-merge` input): merge the shards' locks into the manifest's
 * lock, then publish once, submitting nothing. The shards' outputs must already be in place (an
 * artifact download), or in the store when the manifest keeps outputs there.
 */
import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { loadManifest } from "../manifest/load.js";
import { buildReport } from "../publish/report.js";
import { renderSummary } from "../publish/summary.js";
import { countOutcomes, type AssetResult, type RenderResult } from "../render/result.js";
import {
  heldInStore,
  mergeShardLocks,
  type CheckBytes,
  type ShardLockFile,
} from "../render/merge-shard-locks.js";
import type { RunContext } from "./context.js";
import type { ActionDeps } from "./deps.js";
import type { ActionSettings } from "./inputs.js";
import { setRunOutputs } from "./outputs.js";
import { changedFiles, publish, type Published } from "./publish-step.js";
import { openActionStore } from "./open-store.js";

/** Every `*.lock` under `path` (a folder), or `path` itself (a file), sorted. */
async function lockFilesAt(path: string): Promise<string[]> {
  const facts = await stat(path).catch(() => undefined);
  if (facts === undefined) return [];
  if (facts.isFile()) return [path];
  const names = await readdir(path, { recursive: true });
  return names
    .filter((name) => name.endsWith(".lock"))
    .map((name) => join(path, name))
    .sort();
}

export async function runLockMerge(
  deps: ActionDeps,
  settings: ActionSettings,
  context: RunContext,
): Promise<void> {
  const { host } = deps;
  const shards: ShardLockFile[] = (await Promise.all(settings.lockMerge.map(lockFilesAt)))
    .flat()
    .map((path) => ({ path, name: relative(settings.workspace, path).split("\\").join("/") }));
  if (shards.length === 0) {
    host.setFailed(
      `lock-merge: no lock file at ${settings.lockMerge.map((p) => relative(settings.workspace, p)).join(", ")}. ` +
        "Download the shards' lock artifacts there first (actions/download-artifact).",
    );
    return;
  }
  const manifest = await loadManifest(settings.config.manifestPath, { cwd: settings.workspace });
  let check: CheckBytes | undefined;
  if (manifest.outputs === "store") {
    // The outputs are not here: each entry is checked against the store that holds them.
    const use = await openActionStore(deps, settings, context);
    if (use === undefined) {
      host.setFailed(
        "lock-merge: the manifest keeps outputs in the store (outputs: store), but this run has " +
          "no store: set the store input (e.g. store: s3://BUCKET/PREFIX)",
      );
      return;
    }
    check = heldInStore(use.store);
  }
  const merge = await host.group("Merge locks", async () => {
    host.info(`merging ${shards.map((s) => s.name).join(", ")}`);
    return mergeShardLocks(manifest, shards, check);
  });
  if (merge.problems.length > 0) {
    for (const problem of merge.problems) host.error(problem, { title: "agentframer lock merge" });
    host.setFailed(
      `lock-merge: ${merge.problems.length} problem(s) in the shards' locks; nothing was written or committed`,
    );
    return;
  }
  const unrendered = merge.unrendered.length;
  if (unrendered > 0) {
    host.warning(
      `lock-merge: ${unrendered} asset(s) were rendered by no shard (${merge.unrendered.slice(0, 10).join(", ")}` +
        `${unrendered > 10 ? ", …" : ""}). Re-run the failed shard, then this job.`,
    );
  }

  const plan = await deps.engine.plan(settings.config);
  const taken = new Map(merge.taken.map((t) => [t.id, t.entry]));
  const assets = plan.entries
    .filter((e) => e.status !== "orphaned")
    .map((e): AssetResult => {
      const entry = taken.get(e.id);
      // With outputs in the store only, the fan-in commits the lock and never the outputs.
      if (entry !== undefined && manifest.outputs !== "store") {
        return {
          id: e.id,
          status: "restored",
          output: e.output,
          hash: e.hash,
          generation: entry.generation,
        };
      }
      return {
        id: e.id,
        status: e.status === "unchanged" || e.status === "stored" ? "unchanged" : "skipped",
        output: e.output,
        hash: e.hash,
      };
    });
  const result: RenderResult = { assets, counts: countOutcomes(assets) };
  const changed = await changedFiles(deps, settings, result);
  const report = buildReport({
    manifest: settings.manifest,
    plan,
    result,
    workspace: settings.workspace,
    links: {
      serverUrl: context.serverUrl,
      owner: context.owner,
      repo: context.repo,
      beforeSha: context.beforeSha,
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
    },
  });
  let published: Published = {};
  let publishError: unknown;
  try {
    published = await host.group("Publish", () =>
      publish(deps, settings, context, report, changed),
    );
  } catch (error) {
    publishError = error;
  }
  setRunOutputs(host, { result, changedFiles: changed.files, ...published });
  await host.appendSummary(renderSummary(report, { links: published.links }));
  if (publishError !== undefined) throw publishError;
  if (unrendered > 0 && settings.publish.failOnError) {
    host.setFailed(
      `lock-merge: ${unrendered} asset(s) were rendered by no shard; set fail-on-error: false to keep the job green`,
    );
  }
}
