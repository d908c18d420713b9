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
import { constants } from "node:fs";
import { copyFile, link, lstat, mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { MAX_RESULT_BYTES } from "../manifest/limits.js";
import { cacheDirFor, cacheTransferDirFor } from "./paths.js";

/** No cache file is larger than the largest result a job may bring. */
const MAX_CACHE_FILE_BYTES = Math.max(...Object.values(MAX_RESULT_BYTES));

/** An empty place for a restore to unpack into (what an earlier run left there is dropped). */
export async function emptyCacheTransfer(manifestDir: string): Promise<string> {
  const transfer = cacheTransferDirFor(manifestDir);
  await rm(transfer, { recursive: true, force: true });
  return transfer;
}

/**
 * Move what a finished restore unpacked into the cache: each file the cache does not hold (the
 * cache is content-addressed: a file it holds is the same entry). The transfer folder is gone after.
 */
export async function adoptCacheTransfer(manifestDir: string): Promise<void> {
  const transfer = cacheTransferDirFor(manifestDir);
  if ((await kindOf(transfer)) !== "folder") return;
  await crossPlainFiles(transfer, cacheDirFor(manifestDir), rename);
  await rm(transfer, { recursive: true, force: true });
}

/**
 * Fill the transfer folder with the cache's files for a save to archive; undefined when there is
 * no cache. The cache stays where it is (see above).
 */
export async function stageCacheForSave(manifestDir: string): Promise<string | undefined> {
  const cache = cacheDirFor(manifestDir);
  if ((await kindOf(cache)) !== "folder") return undefined;
  const transfer = await emptyCacheTransfer(manifestDir);
  await crossPlainFiles(cache, transfer, linkOrCopy);
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

/** What lstat says of `path` (never following a link); a file only with one link. */
async function kindOf(path: string): Promise<Kind> {
  let facts;
  try {
    facts = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "absent";
    throw error;
  }
  if (facts.isDirectory()) return "folder";
  const plain = facts.isFile() && facts.nlink === 1 && facts.size <= MAX_CACHE_FILE_BYTES;
  return plain ? "file" : "other";
}

/**
 * Put each plain file under `from` that `into` lacks at the same place in `into`, through `place`,
 * making real folders as needed. A folder in `into` that is not a real one is not entered.
 */
async function crossPlainFiles(
  from: string,
  into: string,
  place: (source: string, target: string) => Promise<void>,
): Promise<void> {
  const target = await kindOf(into);
  if (target === "absent") await mkdir(into);
  else if (target !== "folder") return;
  const folders: string[] = [];
  // A folder's files at once (an entry folder holds a few hundred of 50,000 entries), its
  // folders one after another.
  await Promise.all(
    (await readdir(from)).map(async (name) => {
      const kind = await kindOf(join(from, name));
      if (kind === "folder") folders.push(name);
      else if (kind === "file" && (await kindOf(join(into, name))) === "absent") {
        await place(join(from, name), join(into, name));
      }
    }),
  );
  for (const name of folders) await crossPlainFiles(join(from, name), join(into, name), place);
}

/** A hard link: no bytes copied. A copy (a reflink where it can) where links are not offered. */
async function linkOrCopy(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EMLINK") {
      throw error;
    }
    await copyFile(source, target, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
  }
}
