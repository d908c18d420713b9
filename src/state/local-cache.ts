import { constants, readFileSync, writeFileSync } from "node:fs";
import { copyFile, open, readdir, rename, unlink } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { MAX_RESULT_BYTES } from "../manifest/limits.js";
import type { AssetType } from "../manifest/types.js";
import { verifyStoredBytes } from "../net/verify-bytes.js";
import { tempPathFor, writeFileAtomic } from "./atomic-write.js";
import { isRealFolder, makeRealFolder, plainFileSize, readPlainFile } from "./plain-file.js";
import { assertRealFolders, makeRealFolders } from "./real-folders.js";

/**
 * The content-addressed cache: results kept by asset hash, so that a run on another branch or
 * machine restores instead of re-rendering. It only ever saves work — the lockfile and the
 * committed outputs are the truth — so every failure here is a miss, never an error for the run.
 *
 * Layout: `.agentframer/cache/<first2>/<hash>` holds the bytes, `<hash>.json` beside it the meta.
 * The meta is written after the bytes, so an entry without meta is unfinished and is ignored.
 *
 * What is in the folder may not be the tool's (an Actions cache another branch's run saved, an
 * earlier job on a self-hosted runner): an entry is read only through real folders, as plain
 * files within their bounds (plain-file.ts); anything else is a miss, and nothing is written
 * through a link.
 */

export interface CacheMeta {
  /** SHA-256 (hex) of the bytes. */
  sha256: string;
  size: number;
  /** The generation that produced the bytes, so a restored lock entry can name it. */
  generation: string;
  /** The output's extension without the dot (png, mp4…), for a sanity check on restore. */
  extension: string;
}

export interface CacheStore {
  readonly dir: string;
  /** The meta of a finished entry, without reading the bytes. */
  peek(hash: string): Promise<CacheMeta | undefined>;
  /**
   * Which of `hashes` have a meta file, found by listing each entry folder they fall in once
   * rather than opening a file per hash. A listed meta is not yet checked: `peek` reads it.
   */
  listed(hashes: Iterable<string>): Promise<Set<string>>;
  /** Copy `sourceFile` (bytes already verified against `meta`) into the cache. */
  put(hash: string, sourceFile: string, meta: CacheMeta): Promise<void>;
  /**
   * Copy the entry's bytes to `target.path` atomically, then check the copy as every stored entry
   * is checked (`verifyStoredBytes`: size, SHA-256, the type's magic bytes) before it is renamed
   * into place. A bad entry (HTML with a consistent meta, say) is deleted with a warning and
   * reported as a miss. An entry whose extension differs from the target's (the output was
   * renamed from .png to .webp) is a miss too, but kept: its bytes are sound, they are just not in
   * the format the target asks for.
   */
  restore(hash: string, target: RestoreTarget): Promise<CacheMeta | undefined>;
}

export interface RestoreTarget {
  /** The output file to write. */
  path: string;
  /** The asset's type, whose magic bytes the entry must have. */
  type: AssetType;
  /** The repository root: the output is written only through real folders below it. */
  within: string;
}

const HASH_PATTERN = /^[0-9a-f]{16,128}$/;

/** A meta is about a hundred bytes: anything much longer is not one of ours. */
const MAX_META_BYTES = 4096;

/** No entry is larger than the largest result a job may bring. */
const MAX_ENTRY_BYTES = Math.max(...Object.values(MAX_RESULT_BYTES));

/** The cache folder and the entry's own are real folders: no link is followed to an entry. */
function inRealFolders(dir: string, file: string): boolean {
  return isRealFolder(dir) && isRealFolder(dirname(file));
}

/** Where an entry's bytes are: `<dir>/<first2>/<hash>`; undefined for a key that is not a hash. */
function entryPath(dir: string, hash: string): string | undefined {
  return HASH_PATTERN.test(hash) ? join(dir, hash.slice(0, 2), hash) : undefined;
}

/** A reflink where the file system has them (btrfs, XFS, APFS): no second copy of the bytes. */
const COPY_NEW = constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE;

export function createCacheStore(dir: string, warn: (message: string) => void): CacheStore {
  /** Entry folders (`<first2>/`) known to exist: made once a run, not once an entry. */
  const madeFolders = new Set<string>();
  const makeFolder = async (folder: string): Promise<void> => {
    await makeRealFolder(dir);
    await makeRealFolder(folder);
  };
  const inFolder = async <T>(file: string, write: () => Promise<T>): Promise<T> => {
    const folder = dirname(file);
    if (!madeFolders.has(folder)) {
      await makeFolder(folder);
      madeFolders.add(folder);
    }
    try {
      return await write();
    } catch (error) {
      if (!isErrno(error, "ENOENT")) throw error;
      // The folder went since it was made (a person cleared the cache): make it again.
      await makeFolder(folder);
      return write();
    }
  };
  const bytesPath = (hash: string): string => {
    const path = entryPath(dir, hash);
    if (path === undefined) throw new Error(`not a cache key: ${hash}`);
    return path;
  };
  const metaPath = (hash: string): string => `${bytesPath(hash)}.json`;

  const discard = async (hash: string, why: string): Promise<void> => {
    warn(`cache entry ${hash.slice(0, 12)} ignored and deleted: ${why}`);
    await unlink(metaPath(hash)).catch(() => {});
    await unlink(bytesPath(hash)).catch(() => {});
  };

  const peek = async (hash: string): Promise<CacheMeta | undefined> => {
    const path = metaPath(hash);
    // Not even deleted through a link: what is behind it is not the cache's.
    if (!inRealFolders(dir, path)) return undefined;
    const read = await readPlainFile(path, MAX_META_BYTES);
    if (!read.ok) {
      if (!read.absent) await discard(hash, `its meta is not read: ${read.why}`);
      return undefined;
    }
    const meta = parseMeta(read.bytes.toString("utf8"));
    if (!meta) await discard(hash, "unreadable meta");
    return meta;
  };

  const listed = async (hashes: Iterable<string>): Promise<Set<string>> => {
    // By entry folder (at most 256): at 50,000 assets a probe per hash was 50,000 failed opens,
    // each a rejected promise and an error with its stack, 20 MB of the run's peak before its
    // first job; a listing is one call a folder, and none at all when the cache is empty.
    const byFolder = new Map<string, string[]>();
    for (const hash of hashes) {
      if (!HASH_PATTERN.test(hash)) continue;
      const prefix = hash.slice(0, 2);
      const group = byFolder.get(prefix);
      if (group) group.push(hash);
      else byFolder.set(prefix, [hash]);
    }
    const found = new Set<string>();
    // Through real folders only, as peek reads: an entry behind a link is a miss.
    if (byFolder.size === 0 || !isRealFolder(dir)) return found;
    for (const [prefix, group] of byFolder) {
      const folder = join(dir, prefix);
      if (!isRealFolder(folder)) continue;
      const names = new Set(await readdir(folder).catch(() => [] as string[]));
      for (const hash of group) if (names.has(`${hash}.json`)) found.add(hash);
    }
    return found;
  };

  return {
    dir,
    peek,
    listed,

    async put(hash, sourceFile, meta) {
      const target = bytesPath(hash);
      const metaText = `${JSON.stringify(meta)}\n`;
      // Neither file is fsynced: after a power cut an entry may be empty or torn, and restore
      // checks every byte against the SHA-256 before it reaches an output (a miss, never harm).
      // A new entry is written in place: until its meta exists it is unfinished and ignored, so
      // neither file needs a temp name and a rename (two fewer file operations a job). The meta,
      // a hundred bytes, is written directly rather than through libuv's thread pool.
      let fresh = true;
      try {
        await inFolder(target, () => copyFile(sourceFile, target, COPY_NEW));
      } catch (error) {
        if (!isErrno(error, "EEXIST")) throw error;
        // An entry for this hash already exists (a forced render, an entry a crash left
        // unfinished): replace it whole.
        fresh = false;
        await replaceBytes(sourceFile, target);
      }
      if (fresh) {
        try {
          writeFileSync(metaPath(hash), metaText, { flag: "wx", mode: 0o644 });
          return;
        } catch (error) {
          // A meta whose bytes went missing: replaced below like any other.
          if (!isErrno(error, "EEXIST")) throw error;
        }
      }
      await writeFileAtomic(metaPath(hash), metaText, { durable: false });
    },

    async restore(hash, target) {
      const meta = await peek(hash);
      if (!meta || !sameExtension(meta.extension, target.path)) return undefined;
      // A link, a FIFO, or a size its meta does not give is never opened, let alone read whole.
      const bound = Math.min(MAX_RESULT_BYTES[target.type], MAX_ENTRY_BYTES);
      if (plainFileSize(bytesPath(hash), bound) !== meta.size) {
        await discard(hash, `its bytes are missing or not a plain file of ${meta.size} bytes`);
        return undefined;
      }
      const folder = dirname(target.path);
      await makeRealFolders(target.within, folder);
      const temp = tempPathFor(target.path);
      try {
        await copyDurably(bytesPath(hash), temp);
        const verdict = await verifyStoredBytes(temp, { ...meta, type: target.type });
        if (!verdict.ok) {
          await unlink(temp).catch(() => {});
          await discard(hash, verdict.why);
          return undefined;
        }
        await assertRealFolders(target.within, folder);
        await rename(temp, target.path);
        return meta;
      } catch (error) {
        await unlink(temp).catch(() => {});
        if (isErrno(error, "ENOENT")) {
          await discard(hash, "its bytes are missing");
          return undefined;
        }
        throw error;
      }
    },
  };
}

/**
 * Whether a restore of a hash to an output would find a finished entry, judged without writing
 * anything (plan's question: would a render restore this instead of paying for it?), for many
 * hashes at once. Read-only and cheap: the meta must parse, name the output's extension, and its
 * bytes file must have the size it says; the bytes themselves are checked only by `restore`, so
 * a damaged entry is still a job. The cache's folders are looked at once each (one lstat for the
 * cache, one per `<first2>/` folder met), not twice an entry; with no cache, nothing more is
 * asked (a plan of 50,000 new assets made 100,000 failed lstat calls).
 */
export function cachedEntryProbe(dir: string): (hash: string, outputPath: string) => boolean {
  if (!isRealFolder(dir)) return () => false;
  const realFolders = new Map<string, boolean>();
  const inRealFolder = (folder: string): boolean => {
    let real = realFolders.get(folder);
    if (real === undefined) realFolders.set(folder, (real = isRealFolder(folder)));
    return real;
  };
  return (hash, outputPath) => {
    const bytes = entryPath(dir, hash);
    return bytes !== undefined && inRealFolder(dirname(bytes)) && isFinished(bytes, outputPath);
  };
}

/** The entry whose bytes are at `bytes` (in real folders) is whole and for the output's format. */
function isFinished(bytes: string, outputPath: string): boolean {
  let meta: CacheMeta | undefined;
  try {
    if (plainFileSize(`${bytes}.json`, MAX_META_BYTES) === undefined) return false;
    meta = parseMeta(readFileSync(`${bytes}.json`, "utf8"));
  } catch {
    return false;
  }
  if (meta === undefined || !sameExtension(meta.extension, outputPath)) return false;
  return plainFileSize(bytes, MAX_ENTRY_BYTES) === meta.size;
}

/** Replace `target` with a copy of `source` through a temp file, so no reader sees it half-made. */
async function replaceBytes(source: string, target: string): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await copyFile(source, temp, COPY_NEW);
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/** Copy `source` to a new file `dest` (a reflink where the file system has them), fsynced. */
async function copyDurably(source: string, dest: string): Promise<void> {
  await copyFile(source, dest, COPY_NEW);
  const handle = await open(dest, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function parseMeta(text: string): CacheMeta | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return undefined;
    const { sha256, size, generation, extension } = value as Record<string, unknown>;
    if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256)) return undefined;
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) return undefined;
    if (typeof generation !== "string" || typeof extension !== "string") return undefined;
    return { sha256, size, generation, extension };
  } catch {
    return undefined;
  }
}

function sameExtension(extension: string, target: string): boolean {
  return extension.toLowerCase() === extname(target).slice(1).toLowerCase();
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
