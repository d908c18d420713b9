import { readdir, rm, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { variantPath, type VariantSpec } from "../manifest/variants.js";
import type { LockedVariants } from "./lock-variants.js";
import {
  beforeSnapshotsDirFor,
  cacheDirFor,
  durationMemoryPath,
  journalDirFor,
  stateDirFor,
} from "./paths.js";
import { isRealFolder } from "./plain-file.js";

/**
 * What the sweep needs to know of an asset: where its output goes, its cache entry, and the web
 * variants it asks for now and had before (their names follow from the output). Assets of the
 * manifest only: an orphaned lock entry's path is the lock's word, and a lock is a file anyone
 * may commit.
 */
export interface SweptAsset {
  output: string;
  hash: string;
  asset?: { variants?: readonly VariantSpec[] };
  lock?: { variants?: LockedVariants };
}

/** `tempPathFor` names: `.<target name>.<12 hex>.tmp`, beside the target. */
const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/**
 * Remove the temp files a killed run left behind: a process that dies mid-download or mid-write
 * (SIGKILL, a cancelled CI job, power loss) never reaches its own cleanup, and its temp file would
 * sit beside the output for ever. Only temps of files this tool writes are touched — the outputs
 * of the manifest's assets and their web variants, the lockfile, the journal, the stat index, the duration memory and
 * the cache entries of the assets this run renders —
 * and only by their exact temp-name pattern, so nothing a person put there is deleted. Run before
 * any write of this run (two renders of one manifest at once are not supported). The folder of
 * links a killed run made for its "before" previews goes too: each keeps a replaced file's bytes
 * on disk.
 */
export async function sweepStaleTemps(
  manifestDir: string,
  lockPath: string,
  all: readonly SweptAsset[],
  toRender: readonly SweptAsset[],
): Promise<number> {
  const stateDir = stateDirFor(manifestDir);
  const cacheDir = cacheDirFor(manifestDir);
  // Every file this tool may have been writing, by folder. Walked twice, and names gathered
  // only for a folder that holds a temp: at 50,000 assets, sets of every name up front were
  // 150,000 strings (25 MB of a render's peak) for a sweep that almost always finds nothing.
  const eachTarget = (visit: (path: string) => void): void => {
    for (const entry of all) {
      visit(join(manifestDir, entry.output));
      // Web variants a derivation was writing when the run died: this recipe's, and the lock's.
      for (const spec of entry.asset?.variants ?? []) {
        visit(join(manifestDir, variantPath(entry.output, spec.width, spec.format)));
      }
      for (const file of entry.lock?.variants?.files ?? []) visit(join(manifestDir, file.path));
    }
    for (const entry of toRender) {
      visit(join(cacheDir, entry.hash.slice(0, 2), entry.hash));
      visit(join(cacheDir, entry.hash.slice(0, 2), `${entry.hash}.json`));
    }
    visit(lockPath);
    visit(durationMemoryPath(manifestDir));
  };
  const folders = new Set<string>();
  eachTarget((path) => folders.add(dirname(path)));
  // Folders only this tool writes: every temp in them is one of its own.
  const ownFolders = new Set([journalDirFor(manifestDir), stateDir]);
  for (const folder of ownFolders) folders.add(folder);

  await rm(beforeSnapshotsDirFor(manifestDir), { recursive: true, force: true }).catch(() => {});
  // Folder → its temps: [temp name, the name of the file it was to become].
  const temps = new Map<string, Array<[string, string]>>();
  for (const folder of folders) {
    // The cache's folders are the tool's own: one that is a link was put there, and is not swept.
    const inCache = folder === cacheDir || dirname(folder) === cacheDir;
    if (inCache && !(isRealFolder(cacheDir) && isRealFolder(folder))) continue;
    let listing: string[];
    try {
      listing = await readdir(folder);
    } catch {
      continue;
    }
    for (const name of listing) {
      const target = TEMP_NAME.exec(name)?.[1];
      if (target === undefined) continue;
      const found = temps.get(folder);
      if (found) found.push([name, target]);
      else temps.set(folder, [[name, target]]);
    }
  }
  if (temps.size === 0) return 0;
  const ours = new Map<string, Set<string>>();
  eachTarget((path) => {
    const folder = dirname(path);
    if (!temps.has(folder) || ownFolders.has(folder)) return;
    const names = ours.get(folder);
    if (names) names.add(basename(path));
    else ours.set(folder, new Set([basename(path)]));
  });

  let removed = 0;
  for (const [folder, found] of temps) {
    for (const [name, target] of found) {
      if (!ownFolders.has(folder) && ours.get(folder)?.has(target) !== true) continue;
      await unlink(join(folder, name)).then(
        () => (removed += 1),
        () => {},
      );
    }
  }
  return removed;
}
