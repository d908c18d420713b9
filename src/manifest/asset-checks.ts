import { ID_MAX_LENGTH, PROMPT_MAX_BYTES } from "./limits.js";
import {
  API_FORMATS,
  checkRepoPath,
  extensionProblem,
  OUTPUT_EXTENSIONS,
  type ManifestFolder,
  type RepoPath,
} from "./path-rules.js";
import type { AssetType } from "./types.js";

/**
 * Checks on an asset's final values (after interpolation), shared by declared assets and `each:`
 * rows. Each returns a phrase for the caller to frame: `id "x" is not valid: ...` for a declared
 * asset, `this row makes id "x", which is not valid: ...` for a row.
 */

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const ID_RULE = `ids use letters, digits, "-", "_" and ".", start with a letter or digit, and have at most ${ID_MAX_LENGTH} characters`;

export function idProblem(id: string): string | undefined {
  return id.length <= ID_MAX_LENGTH && ID_PATTERN.test(id) ? undefined : `is not valid: ${ID_RULE}`;
}

export const TYPE_NOUN: Readonly<Record<AssetType, string>> = {
  image: "an image",
  video: "a video",
  audio: "audio",
};

export function outputCheck(
  output: string,
  type: AssetType | undefined,
  dirFromRoot: ManifestFolder,
): { ok: true; path: RepoPath } | { ok: false; problem: string } {
  const checked = checkRepoPath(output, dirFromRoot);
  // Without a valid type (reported elsewhere) the extension cannot be judged.
  if (!checked.ok || type === undefined) return checked;
  const problem = outputExtensionProblem(checked.path.fromManifest, type);
  return problem ? { ok: false, problem } : checked;
}

/**
 * Version 1 of the API delivers one format per type: any other extension would pass here and
 * fail only after the job is paid for, so it is refused, naming the formats that work.
 */
export function outputExtensionProblem(path: string, type: AssetType): string | undefined {
  const problem = extensionProblem(path, OUTPUT_EXTENSIONS[type], TYPE_NOUN[type]);
  return problem && `${problem} (the API delivers only ${API_FORMATS})`;
}

/** Bytes are counted only when the prompt could be over the limit (3 bytes per UTF-16 unit at most). */
export function promptProblem(prompt: string): string | undefined {
  if (prompt.length === 0) return "is empty";
  if (prompt.length * 3 <= PROMPT_MAX_BYTES) return undefined;
  const bytes = Buffer.byteLength(prompt, "utf8");
  return bytes > PROMPT_MAX_BYTES
    ? `is ${bytes} bytes; the limit is ${PROMPT_MAX_BYTES}`
    : undefined;
}
