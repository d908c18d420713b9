import { lstatSync, mkdirSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { specialFolderProblem } from "../manifest/path-rules.js";

/**
 * An output's folder was inside the repository when the run planned it; a symbolic link swapped
 * in since, for the folder or any folder above it, would carry the write somewhere else. So the
 * folders from the repository root down to the output's are checked with lstat (which never
 * follows a link) just before the temp file is created, and again just before the rename. A
 * link is followed only when it leads inside the repository, as the manifest loader allows.
 *
 * The checks call the file system directly rather than through libuv's thread pool: each is a
 * lookup of cached folder metadata that takes a microsecond or two, a tenth of what a trip through
 * the pool costs, and a job makes four of them.
 */
export class SwappedFolderError extends Error {
  override readonly name = "SwappedFolderError";
  constructor(root: string, folder: string, what: string) {
    super(
      `${relative(root, folder) || "."} ${what}; nothing was written through it. ` +
        "Put a real folder there and run again",
    );
  }
}

/** The folders from just below `root` down to `folder`, in order; throws if `folder` is outside. */
function foldersBetween(root: string, folder: string): string[] {
  const rel = relative(root, folder);
  if (rel === "") return [];
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new SwappedFolderError(root, folder, "is outside the repository");
  }
  const out: string[] = [];
  let current = root;
  for (const name of rel.split(sep)) out.push((current = join(current, name)));
  return out;
}

function checkFolder(root: string, folder: string, create: boolean): void {
  let facts;
  try {
    facts = lstatSync(folder);
  } catch (error) {
    if (!create || (error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    // Not recursive: each parent was checked just before, and mkdir of one name follows no link.
    try {
      mkdirSync(folder);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    facts = lstatSync(folder);
  }
  if (facts.isSymbolicLink()) {
    const [real, realRoot] = [realpathSync(folder), realpathSync(root)];
    const rel = relative(realRoot, real);
    if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new SwappedFolderError(
        root,
        folder,
        "became a symbolic link to outside the repository",
      );
    }
    const special = specialFolderProblem(rel.split(sep));
    if (special)
      throw new SwappedFolderError(
        root,
        folder,
        `became a symbolic link that ${special} since the run began`,
      );
    facts = lstatSync(real);
  }
  if (!facts.isDirectory()) {
    const error: NodeJS.ErrnoException = new Error(
      `${relative(root, folder)} is a file, not a folder (ENOTDIR): the output cannot be written there`,
    );
    error.code = "ENOTDIR";
    throw error;
  }
}

/** Creates `folder` under `root` as needed, refusing to pass through any symbolic link. */
export async function makeRealFolders(root: string, folder: string): Promise<void> {
  for (const each of foldersBetween(root, folder)) checkFolder(root, each, true);
}

/** Throws unless every folder from `root` down to `folder` is still a real folder. */
export async function assertRealFolders(root: string, folder: string): Promise<void> {
  for (const each of foldersBetween(root, folder)) checkFolder(root, each, false);
}
