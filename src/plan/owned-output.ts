import { lstat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import {
  checkRepoPath,
  extensionProblem,
  manifestFolder,
  OUTPUT_EXTENSIONS,
} from "../manifest/path-rules.js";
import type { Manifest } from "../manifest/types.js";
import { VARIANT_FORMATS } from "../manifest/variants.js";
import { lockfilePathFor } from "../state/paths.js";

const ANY_OUTPUT_EXTENSION = [...new Set(Object.values(OUTPUT_EXTENSIONS).flat())];
const VARIANT_EXTENSIONS: readonly string[] = VARIANT_FORMATS;

/**
 * Why `output`, a path read from the lockfile, is not one this tool could have written, if it is
 * not. The lockfile is not validated like the manifest (a pull request can put anything in it),
 * so before `prune` deletes a file its path must pass the loader's own rules — inside the
 * repository, not under .git/, .github/ or .agentframer/, an output's (or a variant's) extension, not the manifest
 * or its lockfile — and lead, without any symbolic link on the way, to a regular file.
 * Undefined for a path that is fine, or that does not exist (the caller says "already gone").
 * The phrase reads after "it": "it is inside .git/".
 */
export async function notOwnedProblem(
  manifest: Manifest,
  output: string,
  kind: "output" | "variant" = "output",
): Promise<string | undefined> {
  const folder = manifestFolder(
    relative(manifest.root, manifest.dir)
      .split(sep)
      .filter((s) => s !== ""),
  );
  const checked = checkRepoPath(output, folder);
  if (!checked.ok) return checked.problem;
  const extension =
    kind === "output"
      ? extensionProblem(checked.path.fromRoot, ANY_OUTPUT_EXTENSION, "an output")
      : extensionProblem(checked.path.fromRoot, VARIANT_EXTENSIONS, "a web variant");
  if (extension) return extension;
  const path = join(manifest.root, checked.path.fromRoot);
  if (path === manifest.path || path === lockfilePathFor(manifest.path)) {
    return "is the manifest or its lockfile";
  }
  const names = checked.path.fromRoot.split("/");
  let current = manifest.root;
  for (const [i, name] of names.entries()) {
    current = join(current, name);
    const facts = await lstat(current).catch(() => undefined);
    if (facts === undefined) return undefined;
    if (facts.isSymbolicLink()) return "goes through a symbolic link";
    const last = i === names.length - 1;
    if (last && !facts.isFile()) return "is not a regular file";
    if (!last && !facts.isDirectory()) return undefined;
  }
  return undefined;
}
