import { basename, dirname, join } from "node:path";

/**
 * Every file the tool keeps beside a manifest, in one place: the answer to "where is X written".
 *
 * - the lock, named after the manifest (`media.yml` → `media.lock`): what was rendered, per
 *   asset (committed; see lockfile.ts).
 * - the media index, named after it too (`media.yml` → `media.media.json`): for each asset with
 *   web variants, their paths, sizes and a placeholder, what a site needs for `srcset` (committed;
 *   see media-json.ts).
 * - `.agentframer/`: per-checkout state, never committed (it holds its own `.gitignore`):
 *   - `cache/`: results by asset hash (local-cache.ts), and `cache/durations.json`, what earlier
 *     runs learnt of job durations (render/polling/duration-memory.ts), and `cache/prices.json`,
 *     the prices GET /models last answered (price-cache.ts);
 *   - `journal/`: each manifest's write-ahead log of the assets in flight (journal.ts);
 *   - `stat-index.json`: size, mtime and SHA-256 of outputs, to skip re-reading them (stat-index.ts);
 *   - `render.pid`: the run lock, naming the render that holds this folder (run-lock.ts);
 *   - `store.git/`: the store's private bare repository (store/git-store.ts), never the user's .git;
 *   - `cache-transfer/`: the action's Actions cache is unpacked here and moved into `cache/` only
 *     once the restore finished in time, and hard links to `cache/`'s files are put here to be
 *     saved; `cache/` itself never moves (cache-transfer.ts).
 *
 * The folder itself is made, and checked to be the tool's own (no link, nothing committed), by
 * `state-dir.ts` only. Writes go through the modules named above, each with `atomic-write.ts`.
 * The folder's name is the manifest's rules' (no output may go there), so it is declared in
 * manifest/path-rules.ts.
 */
import { STATE_DIR_NAME } from "../manifest/path-rules.js";

export { STATE_DIR_NAME };

/**
 * Every manifest keeps its own lock beside it, named after it: `agentframer.yml` →
 * `agentframer.lock`, `media.yml` → `media.lock`. Two manifests in one folder never share one
 * (a prune of one would otherwise see the other's assets as orphaned, and delete their outputs).
 * Every reader and writer of a lock takes its path from here.
 */
export function lockfilePathFor(manifestPath: string): string {
  const name = basename(manifestPath).replace(/\.ya?ml$/i, "");
  return join(dirname(manifestPath), `${name}.lock`);
}

/** `agentframer.yml` → `agentframer.media.json`, beside the lock. */
export function mediaJsonPathFor(manifestPath: string): string {
  const name = basename(manifestPath).replace(/\.ya?ml$/i, "");
  return join(dirname(manifestPath), `${name}.media.json`);
}

/**
 * Before each manifest had its own lock, every manifest in a folder wrote this one; it is read
 * only to migrate (see readManifestLock in lockfile.ts).
 */
export function sharedLockfilePath(manifestDir: string): string {
  return join(manifestDir, "agentframer.lock");
}

export function stateDirFor(manifestDir: string): string {
  return join(manifestDir, STATE_DIR_NAME);
}

export function cacheDirFor(manifestDir: string): string {
  return join(stateDirFor(manifestDir), "cache");
}

/** Where the Actions cache is unpacked and saved from: never `cache/` itself (cache-transfer.ts). */
export function cacheTransferDirFor(manifestDir: string): string {
  return join(stateDirFor(manifestDir), "cache-transfer");
}

/** What earlier runs learnt of job durations, inside the cache so the action's cache carries it. */
export function durationMemoryPath(manifestDir: string): string {
  return join(cacheDirFor(manifestDir), "durations.json");
}

/** The prices the API last listed, inside the cache so the action's cache carries them. */
export function priceCachePath(manifestDir: string): string {
  return join(cacheDirFor(manifestDir), "prices.json");
}

export function journalDirFor(manifestDir: string): string {
  return join(stateDirFor(manifestDir), "journal");
}

/**
 * Each manifest's journal is one append-only log, named after it like its lock (`media.yml` →
 * `journal/media.jsonl`): two manifests in one folder never mix their assets' records.
 */
export function journalLogPathFor(manifestPath: string): string {
  const name = basename(manifestPath).replace(/\.ya?ml$/i, "");
  return join(journalDirFor(dirname(manifestPath)), `${name}.jsonl`);
}

/** Inside the state it guards, so every render of this checkout sees it, whatever its TMPDIR. */
export function runLockPath(manifestDir: string): string {
  return join(stateDirFor(manifestDir), "render.pid");
}

export function statIndexPath(manifestDir: string): string {
  return join(stateDirFor(manifestDir), "stat-index.json");
}

/**
 * Hard links to the committed files whose previews a run makes while it replaces them
 * (render/before-previews.ts): inside the checkout, so on the outputs' file system.
 */
export function beforeSnapshotsDirFor(manifestDir: string): string {
  return join(stateDirFor(manifestDir), "before");
}

export function storeGitDirFor(manifestDir: string): string {
  return join(stateDirFor(manifestDir), "store.git");
}
