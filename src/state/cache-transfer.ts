/**
 * The Actions cache never reads or writes `.agentframer/cache/` itself; it is given
 * `.agentframer/cache-transfer/` both ways (it keys its entries by the paths, so a save and a
 * restore name the same one).
 *
 * - A restore unpacks a tar there and cannot be stopped: past the action's deadline it may still
 *   be unpacking while the render reads the cache. What it unpacked is moved into `cache/` only
 *   once it finished in time; a restore given up leaves at most a partial `cache-transfer/`,
 *   emptied before the next use.
 * - A save archives hard links to the cache's files (a copy where the file system has none), put
 *   there for it. The cache itself is never moved: a save given up at its deadline, one that
 *   failed, or a run killed mid-save leaves it where the tool reads it — on a self-hosted runner
 *   whose workspace persists, it is the only copy of what earlier runs paid for — and the next
 *   restore may empty `cache-transfer/` at no cost to it. A hard link is a true snapshot here:
 *   the cache never rewrites a file in place (an entry is a new file, a replaced one is renamed
 *   over), so a late save reads what was there when it began.
 *
 * Both ways, only real folders and plain files cross, each file with one link and no larger than
 * a result can be (`MAX_RESULT_BYTES`): an archive may be poisoned (another branch's run saved it)
 * and the folder of a persistent workspace may hold what an earlier job planted, so a symbolic
 * link, a hard link to some other file, a FIFO or a device is left where it is, never followed.
 */
import {
  constants,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  unlinkSync,
} from "node:fs";
import { copyFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { MAX_RESULT_BYTES } from "../manifest/limits.js";
import { cacheDirFor, cacheTransferDirFor } from "./paths.js";

/*
 * The walks below call the file system directly rather than through libuv's pool: a cache of
 * 50,000 entries is 100,000 files, each an lstat of metadata just written (a microsecond or two)
 * that the pool makes ten times dearer, and nothing else in the action runs meanwhile. See
 * scripts/bench/cache-transfer.mjs for the figures.
 */

/** No cache file is larger than the largest result a job may bring. */
const MAX_CACHE_FILE_BYTES = Math.max(...Object.values(MAX_RESULT_BYTES));

/** An empty place for a restore to unpack into (what an earlier run left there is dropped). */
export async function emptyCacheTransfer(manifestDir: string): Promise<string> {
  const transfer = cacheTransferDirFor(manifestDir);
  await rm(transfer, { recursive: true, force: true });
  return transfer;
}

/**
 * Move what a finished restore unpacked into the cache: each plain file the cache does not hold
 * (the cache is content-addressed: a file it holds is the same entry). With no cache yet (a
 * hosted runner), what is not plain is removed and the folder renamed whole. The transfer folder
 * is gone after.
 */
export async function adoptCacheTransfer(manifestDir: string): Promise<void> {
  const transfer = cacheTransferDirFor(manifestDir);
  const cache = cacheDirFor(manifestDir);
  if (kindOf(transfer) === "folder") {
    if (kindOf(cache) === "absent") {
      dropAllButPlain(transfer);
      renameSync(transfer, cache);
      return;
    }
    await crossPlainFiles(transfer, cache, moveUnlessThere);
  }
  await rm(transfer, { recursive: true, force: true });
}

/**
 * Fill the transfer folder with the cache's files for a save to archive; undefined when there is
 * no cache. The cache stays where it is (see above).
 */
export async function stageCacheForSave(manifestDir: string): Promise<string | undefined> {
  const cache = cacheDirFor(manifestDir);
  if (kindOf(cache) !== "folder") return undefined;
  const transfer = await emptyCacheTransfer(manifestDir);
  await crossPlainFiles(cache, transfer, linkUnlessThere);
  return transfer;
}

/**
 * After a save that finished or failed: its copy goes. One given up is left alone, as it may still
 * be reading it; the next restore empties the folder.
 */
export async function unstageCacheAfterSave(manifestDir: string): Promise<void> {
  await emptyCacheTransfer(manifestDir);
}

type Kind = "folder" | "file" | "other" | "absent";

/** What lstat says of `path` (never following a link); a file only with one link, within bound. */
function kindOf(path: string): Kind {
  const facts = lstatSync(path, { throwIfNoEntry: false });
  if (facts === undefined) return "absent";
  if (facts.isDirectory()) return "folder";
  const plain = facts.isFile() && facts.nlink === 1 && facts.size <= MAX_CACHE_FILE_BYTES;
  return plain ? "file" : "other";
}

/**
 * Put each plain file under `from` at the same place in `into`, through `place` (which leaves a
 * file already there as it is), making real folders as needed. A folder in `into` that is not a
 * real one is not entered.
 */
async function crossPlainFiles(
  from: string,
  into: string,
  place: (source: string, target: string) => Promise<void>,
): Promise<void> {
  const target = kindOf(into);
  if (target === "absent") mkdirSync(into);
  else if (target !== "folder") return;
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const kind = kindOf(source);
    if (kind === "folder") await crossPlainFiles(source, join(into, name), place);
    else if (kind === "file") await place(source, join(into, name));
  }
}

/** Remove from `folder`, at any depth, everything but real folders and plain files. */
function dropAllButPlain(folder: string): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    const kind = kindOf(path);
    if (kind === "folder") dropAllButPlain(path);
    // unlink removes a link itself, never what it points to.
    else if (kind === "other") unlinkSync(path);
  }
}

/** Move `source` to `target` unless something is there (a rename would replace it). */
async function moveUnlessThere(source: string, target: string): Promise<void> {
  if (kindOf(target) === "absent") renameSync(source, target);
}

/**
 * A hard link to `source` at `target`, no bytes copied; a copy (a reflink where it can) where the
 * file system offers no links. Either leaves a file already at `target` as it is.
 */
async function linkUnlessThere(source: string, target: string): Promise<void> {
  try {
    linkSync(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EMLINK") {
      throw error;
    }
    await copyFile(source, target, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE).catch(
      (copyError: NodeJS.ErrnoException) => {
        if (copyError.code !== "EEXIST") throw copyError;
      },
    );
  }
}
