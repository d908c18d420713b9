import { rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Manifest } from "../../manifest/types.js";
import { withRunLock } from "../../state/run-lock.js";
import type { LockEntry } from "../../state/lock-types.js";
import { variantPath } from "../../manifest/variants.js";
import { manifestPathFrom, parseCommandArgs, printWarnings } from "../command.js";
import type { Command, CommandContext } from "../command.js";
import { ExitCode } from "../exit-codes.js";

const OPTIONS = { "dry-run": { type: "boolean" }, json: { type: "boolean" } } as const;

/** What prune does with one orphaned lock entry's output file. */
export type PruneAction =
  | "deleted"
  | "kept-modified"
  | "kept-in-use"
  | "kept-outside"
  | "kept-not-an-output"
  | "already-gone";

export interface PruneOutcome {
  id: string;
  output: string;
  action: PruneAction;
  /** For `kept-not-an-output`: which rule the path breaks ("is inside .git/"). */
  why?: string;
}

/** A file the lock says this tool wrote: an output, or a web variant of one. */
interface OwnedFile {
  path: string;
  /** Known for outputs and current variants; a stale variant has only its hash. */
  size?: number;
  sha256: string;
  kind: "output" | "variant";
}

/**
 * A file is ours to delete only if its path is one the manifest loader would accept for an
 * output (see plan/owned-output.ts) and its bytes are exactly what the lock says we wrote: a file
 * someone edited or replaced since is kept, and so is a path a current asset still writes.
 */
async function decide(
  manifest: Manifest,
  file: OwnedFile,
  inUse: Set<string>,
): Promise<Pick<PruneOutcome, "action" | "why">> {
  if (inUse.has(file.path)) return { action: "kept-in-use" };
  const { notOwnedProblem } = await import("../../plan/owned-output.js");
  const why = await notOwnedProblem(manifest, file.path, file.kind);
  if (why === "goes outside the repository") return { action: "kept-outside" };
  if (why !== undefined) return { action: "kept-not-an-output", why };
  const path = join(manifest.dir, file.path);
  const facts = await stat(path).catch(() => undefined);
  if (facts === undefined || !facts.isFile()) return { action: "already-gone" };
  if (file.size !== undefined && facts.size !== file.size) return { action: "kept-modified" };
  const { sha256File } = await import("../../plan/sha256-file.js");
  if ((await sha256File(path, facts.size)) !== file.sha256) return { action: "kept-modified" };
  return { action: "deleted" };
}

/** Every file an orphaned entry owns: its output, its web variants and their stale ones. */
function ownedBy(entry: LockEntry): OwnedFile[] {
  const v = entry.variants;
  return [
    { path: entry.output, size: entry.size, sha256: entry.sha256, kind: "output" },
    ...(v?.files ?? []).map((f): OwnedFile => ({
      path: f.path,
      size: f.bytes,
      sha256: f.sha256,
      kind: "variant",
    })),
    ...(v?.stale ?? []).map((f): OwnedFile => ({ ...f, kind: "variant" })),
  ];
}

/** Paths the manifest's assets write now: their outputs and the variants their recipes name. */
function pathsInUse(manifest: Manifest): Set<string> {
  const inUse = new Set<string>();
  for (const asset of manifest.assets) {
    inUse.add(asset.output);
    for (const spec of asset.variants ?? []) {
      inUse.add(variantPath(asset.output, spec.width, spec.format));
    }
  }
  return inUse;
}

const SAY: Record<PruneAction, string> = {
  deleted: "deleted",
  "kept-modified": "kept (bytes differ from the lock: edited by hand?)",
  "kept-in-use": "kept (another asset writes this path now)",
  "kept-outside": "kept (outside the repository: not this tool's to delete)",
  "kept-not-an-output": "kept (not a path this tool writes)",
  "already-gone": "already gone",
};

function say(outcome: PruneOutcome): string {
  return outcome.why === undefined
    ? SAY[outcome.action]
    : `kept (not a path this tool writes: it ${outcome.why})`;
}

export const pruneCommand: Command = {
  name: "prune",
  summary: "Drop lock entries no asset has any more, and delete their unmodified outputs",
  usage: "prune [MANIFEST] [--dry-run] [--json]",
  description: [
    "For every orphaned entry in the manifest's lock (MANIFEST.lock; not in the manifest): deletes its output",
    "file when the bytes are exactly those the lock records, keeps it otherwise, and removes the",
    "entry from the lock (its web variants go the same way). Variants an earlier recipe made",
    "(stale) are deleted on the same terms. Files a current asset still writes are never touched. The cache is",
    "left alone: other branches may still restore from it. MANIFEST defaults to ./agentframer.yml.",
  ].join("\n"),
  options: [
    { flag: "--dry-run", description: "Say what would be pruned; change nothing" },
    { flag: "--json", description: "Print {pruned: [{id, output, action}]} on stdout" },
  ],
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const { values, positionals } = parseCommandArgs(pruneCommand, args, OPTIONS, 1);
    const [{ loadManifest }, { writeLockfile }, { readManifestLock }] = await Promise.all([
      import("../../manifest/load.js"),
      import("../../state/lockfile.js"),
      import("../../state/manifest-lock.js"),
    ]);
    const manifest = await loadManifest(manifestPathFrom(positionals[0], ctx.io), {
      cwd: ctx.io.cwd,
    });
    printWarnings(manifest, ctx);
    // A render running now would rewrite the lock from its own copy and undo this prune.
    return withRunLock(manifest.dir, async () => {
      const ids = new Set(manifest.assets.map((a) => a.id));
      const { lock, path: lockPath } = await readManifestLock(manifest.path, ids);
      const inUse = pathsInUse(manifest);
      const orphaned = Object.keys(lock.assets)
        .filter((id) => !ids.has(id))
        .sort();

      const outcomes: PruneOutcome[] = [];
      for (const id of orphaned) {
        for (const file of ownedBy(lock.assets[id] as LockEntry)) {
          outcomes.push({ id, output: file.path, ...(await decide(manifest, file, inUse)) });
        }
      }
      // Variants an earlier recipe made, left on disk when it changed (render never deletes).
      const staleOf = Object.keys(lock.assets)
        .filter((id) => ids.has(id) && (lock.assets[id]?.variants?.stale?.length ?? 0) > 0)
        .sort();
      let staleCount = 0;
      for (const id of staleOf) {
        for (const file of lock.assets[id]?.variants?.stale ?? []) {
          staleCount += 1;
          const owned: OwnedFile = { ...file, kind: "variant" };
          outcomes.push({ id, output: file.path, ...(await decide(manifest, owned, inUse)) });
        }
      }
      const dryRun = values["dry-run"] === true;
      if (!dryRun && outcomes.length > 0) {
        for (const o of outcomes) {
          if (o.action === "deleted") await rm(join(manifest.dir, o.output), { force: true });
        }
        for (const id of orphaned) delete lock.assets[id];
        for (const id of staleOf) {
          const entry = lock.assets[id] as LockEntry;
          const { stale: _gone, ...variants } = entry.variants!;
          lock.assets[id] = { ...entry, variants };
        }
        await writeLockfile(lockPath, lock);
        const { syncMediaJson } = await import("../../state/media-json.js");
        const { mediaJsonPathFor } = await import("../../state/paths.js");
        const withVariants = manifest.assets.filter((a) => a.variants).map((a) => a.id);
        await syncMediaJson(mediaJsonPathFor(manifest.path), lock, withVariants);
      }

      const human = values.json ? ctx.io.stderr : ctx.io.stdout;
      for (const o of outcomes) {
        const what = dryRun && o.action === "deleted" ? "to be deleted" : say(o);
        human.write(`${o.id}: ${o.output} ${what}\n`);
      }
      const n = orphaned.length;
      const stale =
        staleCount > 0 ? ` and ${staleCount} stale variant${staleCount === 1 ? "" : "s"}` : "";
      const entries = `${n} orphaned lock entr${n === 1 ? "y" : "ies"}${stale}`;
      human.write(
        dryRun
          ? `${entries} to prune (dry run: nothing was changed)\n`
          : `${entries} pruned from ${basename(lockPath)}\n`,
      );
      if (values.json) ctx.io.stdout.write(`${JSON.stringify({ pruned: outcomes, dryRun })}\n`);
      return ExitCode.Ok;
    });
  },
};
