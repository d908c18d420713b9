import { opendir, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import { specialFolderProblem } from "./path-rules.js";

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in worktrees). */
export async function findRepoRoot(dir: string): Promise<string> {
  for (let current = dir; ;) {
    try {
      await stat(join(current, ".git"));
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) return dir;
      current = parent;
    }
  }
}

/**
 * Checks, on disk, that paths which are lexically inside the repository stay inside once
 * symbolic links are followed. Each folder is resolved once, however many outputs it holds.
 */
export class SymlinkGuard {
  private readonly folders = new Map<string, Promise<FolderState>>();
  private readonly links = new Map<string, Promise<ReadonlySet<string>>>();

  private constructor(private readonly realRoot: string) {}

  static async create(root: string): Promise<SymlinkGuard> {
    return new SymlinkGuard(await realpath(root).catch(() => root));
  }

  /** Why a file in `folder` (which need not exist yet) would land outside, if it would. */
  async folderProblem(folder: string): Promise<string | undefined> {
    return (await this.folder(folder)).problem;
  }

  /**
   * The names in `folder` that are symbolic links: one readdir for all the outputs it holds,
   * rather than an lstat per output. Empty when the folder does not exist (yet).
   */
  async symlinksIn(folder: string): Promise<ReadonlySet<string>> {
    const state = await this.folder(folder);
    if (!state.exists || state.problem) return new Set();
    let names = this.links.get(folder);
    if (!names) {
      names = symlinkNames(folder).catch(() => new Set<string>());
      this.links.set(folder, names);
    }
    return names;
  }

  /** Why the symbolic link `file` leads outside or nowhere, if it does. */
  async linkProblem(file: string): Promise<string | undefined> {
    try {
      return this.outside(await realpath(file));
    } catch {
      return "is a symbolic link that points nowhere";
    }
  }

  /** Why an existing file (an `each:` file) resolves outside, if it does. */
  async existingFileProblem(file: string): Promise<string | undefined> {
    try {
      return this.outside(await realpath(file));
    } catch {
      // Missing files are reported by whoever reads them, with the reason.
      return undefined;
    }
  }

  private folder(folder: string): Promise<FolderState> {
    let state = this.folders.get(folder);
    if (!state) {
      state = this.resolveFolder(folder);
      this.folders.set(folder, state);
    }
    return state;
  }

  private async resolveFolder(folder: string): Promise<FolderState> {
    try {
      return { exists: true, problem: this.outside(await realpath(folder)) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(folder);
      if (code === "ENOENT" && parent !== folder) {
        // The folder will be created inside its deepest existing ancestor; that one decides.
        return { exists: false, problem: (await this.folder(parent)).problem };
      }
      if (code === "ENOTDIR")
        return { exists: false, problem: "has a file where a folder should be" };
      return { exists: false, problem: `cannot be checked: ${(error as Error).message}` };
    }
  }

  private outside(real: string): string | undefined {
    const rel = relative(this.realRoot, real);
    if (rel === "") return undefined;
    if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      return `leads through a symbolic link to outside the repository (${real})`;
    }
    const special = specialFolderProblem(rel.split(sep));
    return special ? `leads through a symbolic link and ${special}` : undefined;
  }
}

/**
 * Read as a stream, in batches, each entry taken synchronously from the batch in hand: a folder
 * of 450,000 outputs listed at once is 450,000 entry objects held together (about 100 MB), and
 * an awaited read per entry costs twice the listing itself in promises. A sync read blocks only
 * while the next batch of names is fetched.
 */
async function symlinkNames(folder: string): Promise<Set<string>> {
  const names = new Set<string>();
  const dir = await opendir(folder, { bufferSize: 1024 });
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
      if (entry.isSymbolicLink()) names.add(entry.name);
    }
  } finally {
    await dir.close();
  }
  return names;
}

interface FolderState {
  exists: boolean;
  problem: string | undefined;
}
