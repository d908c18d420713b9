/**
 * `.agentframer/` is the tool's own: made by it, never taken from a checkout. Everything in it
 * steers a run that may hold the API key and the github-token — the store's private git
 * repository (its config names programs git runs), the cache (bytes restored as renders), the
 * journal (jobs resumed and paid for), the stat index (outputs taken as unchanged), the run lock
 * — so a pull request that commits it, or commits a symbolic link in its place or on the way to
 * it, must not get any of that. Before the folder is used it is checked once per process:
 *
 * - every folder from the repository's root down to it is a real folder (lstat: no link);
 * - it is a real folder, not a link;
 * - git tracks nothing under it (a committed file anywhere in it).
 *
 * Anything else is refused with StateDirError, saying what to remove. A folder the tool makes is
 * made with its own `.gitignore` (`*`), so git never offers it for a commit.
 */
import { execFile } from "node:child_process";
import { lstat, mkdir, writeFile } from "node:fs/promises";
import { devNull } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { STATE_DIR_NAME, stateDirFor } from "./paths.js";

export class StateDirError extends Error {
  override readonly name = "StateDirError";
}

/** Folders checked in this process, and found to be the tool's own. */
const verified = new Set<string>();

/** The nearest folder at or above `dir` holding `.git` (a folder, or a worktree's file). */
async function repositoryRoot(dir: string): Promise<string | undefined> {
  for (let at = dir; ; at = dirname(at)) {
    if (await exists(join(at, ".git"))) return at;
    if (dirname(at) === at) return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** What lstat says of `path`: a real folder, a link, something else, or nothing. */
async function kindOf(path: string): Promise<"folder" | "link" | "other" | "absent"> {
  try {
    const facts = await lstat(path);
    if (facts.isSymbolicLink()) return "link";
    return facts.isDirectory() ? "folder" : "other";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "absent";
    throw error;
  }
}

/** The paths git tracks under `path` (relative to `cwd`), read from the index only. */
function trackedUnder(cwd: string, path: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(
      "git",
      [
        // Protected settings (command line): a repository owned by another user (a container)
        // is still read, and nothing a config names runs.
        "-c",
        "safe.directory=*",
        "-c",
        "core.fsmonitor=false",
        "-c",
        `core.hooksPath=${devNull}`,
        "ls-files",
        "-z",
        "--",
        path,
      ],
      {
        cwd,
        env: {
          PATH: process.env.PATH,
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_CONFIG_GLOBAL: devNull,
          GIT_TERMINAL_PROMPT: "0",
          LC_ALL: "C",
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (!error) return done(String(stdout));
        // No git on this machine: nothing was checked out with it either.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return done("");
        // A `.git` that is no repository (a leftover, a test's): git checked nothing out here.
        if (/not a git repository/i.test(String(stderr))) return done("");
        fail(
          new StateDirError(
            `cannot tell whether git tracks ${path} (git ls-files: ${String(stderr).trim() || error.message}); ` +
              `the tool's state is used only when it can, so nothing was done`,
          ),
        );
      },
    );
  });
}

/**
 * Throws StateDirError unless `.agentframer/` beside `manifestDir` is absent or the tool's own (see
 * above). Returns whether it exists.
 */
export async function verifyStateDir(manifestDir: string): Promise<boolean> {
  const dir = resolve(stateDirFor(manifestDir));
  // Checked before and still there (one lstat: a folder removed since is checked afresh).
  if (verified.has(dir) && (await kindOf(dir)) === "folder") return true;
  verified.delete(dir);
  const root = await repositoryRoot(resolve(manifestDir));
  const top = root ?? resolve(manifestDir);
  const name = (path: string): string => relative(top, path) || ".";
  const rel = relative(top, resolve(manifestDir));
  let at = top;
  for (const part of rel === "" ? [] : rel.split(sep)) {
    at = join(at, part);
    if ((await kindOf(at)) === "link") {
      throw new StateDirError(
        `${name(at)} is a symbolic link: the tool keeps its state (${STATE_DIR_NAME}/) only in ` +
          "real folders of the repository, never behind a link a commit can plant. Point the " +
          "manifest at its real folder, or replace the link with a folder",
      );
    }
  }
  switch (await kindOf(dir)) {
    case "absent":
      return false;
    case "link":
      throw new StateDirError(
        `${name(dir)} is a symbolic link: it is the tool's private state (cache, journal, store ` +
          "clone) and is never taken from a link, which a commit can plant. Remove it " +
          `(git rm ${name(dir)}) and run again`,
      );
    case "other":
      throw new StateDirError(
        `${name(dir)} is a file, not the tool's state folder. Remove it (git rm ${name(dir)}) and run again`,
      );
    case "folder":
      break;
  }
  if (root !== undefined && (await trackedUnder(resolve(manifestDir), STATE_DIR_NAME)) !== "") {
    throw new StateDirError(
      `${name(dir)} holds files committed to the repository: it is the tool's private state ` +
        "(cache, journal, store clone) and is never taken from a checkout, where a commit could " +
        `plant it. Remove it from git (git rm -r --cached ${name(dir)}) and run again`,
    );
  }
  verified.add(dir);
  return true;
}

/**
 * `.agentframer/` beside `manifestDir`, checked (see verifyStateDir) or made, with its own
 * `.gitignore`, so that a commit made by the action (or a careless `git add -A`) never picks up
 * the cache, the journal, the index or the store's clone. Returns its path.
 */
export async function ensureStateDir(manifestDir: string): Promise<string> {
  return (await openStateDir(manifestDir)).dir;
}

/** ensureStateDir, also saying whether this call made the folder (the run lock removes it again). */
export async function openStateDir(
  manifestDir: string,
): Promise<{ dir: string; created: boolean }> {
  const dir = stateDirFor(manifestDir);
  let created = false;
  if (!(await verifyStateDir(manifestDir))) {
    // Not recursive: the folders above were just checked, and one mkdir follows no link.
    created = await mkdir(dir).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
        return false;
      },
    );
    if (created) verified.add(resolve(dir));
    else await verifyStateDir(manifestDir);
  }
  await writeFile(join(dir, ".gitignore"), "*\n", { flag: "wx" }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  });
  return { dir, created };
}
