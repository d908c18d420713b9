/**
 * The Actions cache never writes into `.agentframer/cache/` itself. Its restore unpacks a tar
 * into the path it was given and cannot be stopped: past the action's deadline it may still be
 * unpacking while the render reads the cache. So it is given `cache-transfer/`, and what it
 * unpacked is moved into `cache/` only once the restore has finished in time; a restore given up
 * leaves at most a partial `cache-transfer/`, removed before the next use. A save archives the
 * same path (the Actions cache keys its entries by the paths too), so `cache/` is moved there to
 * be saved and moved back after.
 */
import { lstat, mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { cacheDirFor, cacheTransferDirFor } from "./paths.js";

const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** An empty place for a restore to unpack into (what an earlier run left there is dropped). */
export async function emptyCacheTransfer(manifestDir: string): Promise<string> {
  const transfer = cacheTransferDirFor(manifestDir);
  await rm(transfer, { recursive: true, force: true });
  return transfer;
}

/**
 * Move what a finished restore unpacked into the cache: the whole folder when there is no cache
 * yet (the usual runner), else each file the cache does not hold (the cache is content-addressed:
 * a file it holds is the same entry). The transfer folder is gone after.
 */
export async function adoptCacheTransfer(manifestDir: string): Promise<void> {
  const transfer = cacheTransferDirFor(manifestDir);
  const cache = cacheDirFor(manifestDir);
  if (!(await exists(transfer))) return;
  if (!(await exists(cache))) {
    await rename(transfer, cache);
    return;
  }
  await mergeInto(transfer, cache);
  await rm(transfer, { recursive: true, force: true });
}

async function mergeInto(from: string, into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(into, entry.name);
    if (entry.isDirectory()) await mergeInto(source, target);
    // Only plain files: a link in an archive is not something the cache ever wrote.
    else if (entry.isFile() && !(await exists(target))) await rename(source, target);
  }
}

/** Move the cache to where a save archives it from; undefined when there is no cache. */
export async function stageCacheForSave(manifestDir: string): Promise<string | undefined> {
  const cache = cacheDirFor(manifestDir);
  if (!(await exists(cache))) return undefined;
  const transfer = await emptyCacheTransfer(manifestDir);
  await rename(cache, transfer);
  return transfer;
}

/** After a save that finished: the cache back where the tool reads it. */
export async function unstageCacheAfterSave(manifestDir: string): Promise<void> {
  const transfer = cacheTransferDirFor(manifestDir);
  const cache = cacheDirFor(manifestDir);
  if ((await exists(transfer)) && !(await exists(cache))) await rename(transfer, cache);
}
