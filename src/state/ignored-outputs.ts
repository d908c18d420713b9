/**
 * With outputs in the store only, git must not pick them up: the folders that hold them belong in
 * `.gitignore`. This finds the output folders git would still track, so the tool can say which
 * lines to add (it does not edit the user's `.gitignore` itself).
 */
import { posix } from "node:path";
import type { Git } from "../git/runner.js";

/** Folders (relative to the manifest's, with a trailing slash) whose outputs git does not ignore. */
export async function foldersNotIgnored(outputs: readonly string[], git: Git): Promise<string[]> {
  // One output per folder stands for the folder: a catalogue has a handful of folders, not 50,000.
  const sample = new Map<string, string>();
  for (const output of outputs) {
    const folder = posix.dirname(output);
    if (!sample.has(folder)) sample.set(folder, output);
  }
  if (sample.size === 0) return [];
  let ignored: Set<string>;
  try {
    const out = await git(["check-ignore", "--", ...sample.values()]);
    ignored = new Set(out.split("\n").filter(Boolean));
  } catch (error) {
    // Exit 1: none of them is ignored. Anything else (not a repository): nothing to say.
    if ((error as { exitCode?: number }).exitCode !== 1) return [];
    ignored = new Set();
  }
  return [...sample]
    .filter(([, output]) => !ignored.has(output))
    .map(([folder]) => (folder === "." ? "/" : `${folder}/`))
    .sort();
}
