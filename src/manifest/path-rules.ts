import { posix } from "node:path";
import { PATH_MAX_LENGTH, SEGMENT_MAX_LENGTH } from "./limits.js";
import type { AssetType } from "./types.js";

/** The tool's own folder beside each manifest (state/paths.ts): no output may go inside it. */
export const STATE_DIR_NAME = ".agentframer";

/**
 * Lexical rules for the paths a manifest names (`output`, `each`): no syscalls, so they can run
 * once per expanded row. What the file system adds (symlinks) is checked in repo-fs.ts.
 *
 * Problems are verb phrases ("goes outside the repository") so that callers can say
 * `output "x" goes outside ...` or `this row makes output "x", which goes outside ...`.
 */

/** What version 1 of the API delivers, per type: exactly one format each. */
export const OUTPUT_EXTENSIONS: Readonly<Record<AssetType, readonly string[]>> = {
  image: ["png"],
  video: ["mp4"],
  audio: ["wav"],
};

/** The formats the API delivers, for messages: ".png images, .mp4 videos and .wav audio". */
export const API_FORMATS = `.${OUTPUT_EXTENSIONS.image.join("/.")} images, .${OUTPUT_EXTENSIONS.video.join("/.")} videos and .${OUTPUT_EXTENSIONS.audio.join("/.")} audio`;

/** The type whose output format `extension` (without the dot, any case) is, if any. */
export function typeForExtension(extension: string): AssetType | undefined {
  const lower = extension.toLowerCase();
  for (const [type, extensions] of Object.entries(OUTPUT_EXTENSIONS)) {
    if (extensions.includes(lower)) return type as AssetType;
  }
  return undefined;
}

/** The extension of the last name in `path`, without the dot, if it has one. */
export function extensionOf(path: string): string | undefined {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash + 1 ? path.slice(dot + 1) : undefined;
}

export const DATA_EXTENSIONS: readonly string[] = ["csv", "json"];

export interface RepoPath {
  /** Normalised, relative to the manifest's folder, forward slashes. */
  fromManifest: string;
  /** Normalised, relative to the repository root, forward slashes. */
  fromRoot: string;
}

export type PathCheck = { ok: true; path: RepoPath } | { ok: false; problem: string };

const ABSOLUTE = /^(?:[/\\]|[A-Za-z]:)/;
// Control characters, the backslash, and what Windows refuses in names (so checkouts work there).
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const FORBIDDEN = /[\u0000-\u001f\u007f\\:*?"<>|]/;
const NON_ASCII = /[\u0080-\uffff]/;
// ABSOLUTE, FORBIDDEN and NON_ASCII in one test, for the common case.
// eslint-disable-next-line no-control-regex -- control characters are among what it looks for
const UNUSUAL = /^[/\\]|^[A-Za-z]:|[\u0000-\u001f\u007f\\:*?"<>|\u0080-\uffff]/;
const TRAILING_DOT_OR_SPACE = /[. ]$/;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/i;
// `git~1` is how Windows may spell `.git` as a short (8.3) name.
const GIT_FOLDER = /^(?:\.git|git~\d+)$/i;
const NOT_PLAIN = /(?:^|\/)\.{1,2}(?:\/|$)|\/\//;

/** Characters that pass for "/", "\" or "." but that NFKC does not map to them. */
const LOOK_ALIKES: ReadonlyMap<string, string> = new Map([
  ["\u2044", "/"], // FRACTION SLASH
  ["\u2215", "/"], // DIVISION SLASH
  ["\u29f8", "/"], // BIG SOLIDUS
  ["\u0338", "/"], // COMBINING LONG SOLIDUS OVERLAY
  ["\u2216", "\\"], // SET MINUS
  ["\u29f5", "\\"], // REVERSE SOLIDUS OPERATOR
  ["\u29f9", "\\"], // BIG REVERSE SOLIDUS
  ["\u3002", "."], // IDEOGRAPHIC FULL STOP
]);
const PATH_SIGNIFICANT = /[./\\:]/;
const INVISIBLE = /[\p{Cf}\p{Zl}\p{Zp}]/u;
const ODD_SPACE = /\p{Zs}/u;

/** The manifest's folder as seen from the repository root. */
export interface ManifestFolder {
  segments: readonly string[];
  /** `segments` joined, with a trailing "/" unless empty: prepended to a plain path. */
  prefix: string;
  /** The folder itself is under `.git/` or `.github/`. */
  special: boolean;
}

export function manifestFolder(segments: readonly string[]): ManifestFolder {
  return {
    segments,
    prefix: segments.map((s) => `${s}/`).join(""),
    special: specialFolderProblem(segments) !== undefined,
  };
}

// Sticky, so that it tests one segment in place without slicing it out.
const DEVICE_OR_GIT_AT =
  /(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:[./]|$)|(?:\.git|git~\d+|\.github|\.agentframer)(?:\/|$)/iy;

/**
 * Whether `raw` needs the careful, segment-by-segment check below: an empty, "." or ".."
 * segment, a name ending in "." or " ", a Windows device name, .git or .github, an over-long
 * name. Most paths have none; this scan, which allocates nothing, lets them skip the split and
 * join that would otherwise run once per row.
 */
function needsCare(raw: string): boolean {
  for (let start = 0; start <= raw.length;) {
    let end = raw.indexOf("/", start);
    if (end < 0) end = raw.length;
    const length = end - start;
    if (length === 0 || length > SEGMENT_MAX_LENGTH) return true;
    const last = raw.charCodeAt(end - 1);
    if (last === 0x2e || last === 0x20) return true; // "." or " ", also "." and ".."
    DEVICE_OR_GIT_AT.lastIndex = start;
    if (DEVICE_OR_GIT_AT.test(raw)) return true;
    start = end + 1;
  }
  return false;
}

/**
 * Checks `raw` (relative to the manifest's folder, `folder` from the repository root) and
 * normalises it.
 */
export function checkRepoPath(raw: string, folder: ManifestFolder): PathCheck {
  // The common case (plain ASCII, relative, nothing odd) in two tests and no allocation but the
  // result; anything else takes the careful path below, which also says what is wrong.
  if (!folder.special && !UNUSUAL.test(raw) && !needsCare(raw) && raw.length <= PATH_MAX_LENGTH) {
    return { ok: true, path: { fromManifest: raw, fromRoot: folder.prefix + raw } };
  }
  if (raw.length === 0) return fail("is empty");
  if (raw.length > PATH_MAX_LENGTH) return fail(`is longer than ${PATH_MAX_LENGTH} characters`);
  if (ABSOLUTE.test(raw)) return fail("is absolute; write it relative to the manifest's folder");
  const forbidden = FORBIDDEN.exec(raw)?.[0];
  if (forbidden !== undefined) return fail(forbiddenProblem(forbidden));
  if (NON_ASCII.test(raw)) {
    const problem = unicodeProblem(raw);
    if (problem) return fail(problem);
  }
  if (/(?:^|\/)\.{0,2}$/.test(raw)) return fail("names a folder; it must name a file");

  const stack = folder.segments.slice();
  for (const segment of raw.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (stack.length === 0) return fail("goes outside the repository");
      stack.pop();
      continue;
    }
    if (segment.length > SEGMENT_MAX_LENGTH) {
      return fail(`has a name longer than ${SEGMENT_MAX_LENGTH} characters`);
    }
    if (TRAILING_DOT_OR_SPACE.test(segment)) {
      return fail(
        `has a name ending in "." or " ", which Windows drops: ${JSON.stringify(segment)}`,
      );
    }
    if (WINDOWS_RESERVED.test(segment)) {
      return fail(`uses ${JSON.stringify(segment)}, a reserved file name on Windows`);
    }
    stack.push(segment);
  }
  const special = specialFolderProblem(stack);
  if (special) return fail(special);
  const fromRoot = stack.join("/");
  const fromManifest = NOT_PLAIN.test(raw)
    ? posix.relative(folder.segments.join("/"), fromRoot)
    : raw;
  return { ok: true, path: { fromManifest, fromRoot } };
}

/**
 * The problem with a path (from the repository root) under `.git/`, `.github/` or
 * `.agentframer/` (the tool's own state, which is never committed), if any.
 */
export function specialFolderProblem(segments: readonly string[]): string | undefined {
  for (const segment of segments) {
    // Windows and macOS ignore case and trailing dots/spaces, so `.GIT.` is `.git` there.
    const name = segment.replace(/[. ]+$/, "");
    if (GIT_FOLDER.test(name) || GIT_FOLDER.test(segment)) return "is inside .git/";
    if (name.toLowerCase() === ".github") return "is inside .github/";
    if (name.toLowerCase() === STATE_DIR_NAME) {
      return `is inside ${STATE_DIR_NAME}/, the tool's own state, which is never committed`;
    }
  }
  return undefined;
}

/** The problem with the extension of `path` for `what` (e.g. "an image"), if any. */
export function extensionProblem(
  path: string,
  allowed: readonly string[],
  what: string,
): string | undefined {
  const extension = extensionOf(path)?.toLowerCase();
  if (extension !== undefined && allowed.includes(extension)) return undefined;
  const listed = allowed.map((e) => `.${e}`).join(", ");
  const wanted = allowed.length === 1 ? listed : `one of ${listed}`;
  return extension === undefined
    ? `has no extension; ${what} needs ${wanted}`
    : `has extension .${extension}; ${what} needs ${wanted}`;
}

/** Character-level problems alone, for the literal parts of a `{{column}}` template. */
export function characterProblem(text: string): string | undefined {
  const forbidden = FORBIDDEN.exec(text)?.[0];
  if (forbidden !== undefined) return forbiddenProblem(forbidden);
  return NON_ASCII.test(text) ? unicodeProblem(text) : undefined;
}

function forbiddenProblem(char: string): string {
  if (char === "\\") return 'contains a backslash; separate folders with "/"';
  const code = char.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `contains a control character (${codePoint(char)})`;
  return `contains ${JSON.stringify(char)}, which Windows does not allow in file names`;
}

/**
 * Unicode that could smuggle a separator or a dot past a reader, or an invisible character.
 * NFKC maps most look-alikes (full-width "／", "．", one-dot leader "․") to ASCII; the rest are
 * listed above.
 */
function unicodeProblem(text: string): string | undefined {
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    if (INVISIBLE.test(char)) return `contains an invisible character (${codePoint(char)})`;
    if (ODD_SPACE.test(char)) return `contains a space other than " " (${codePoint(char)})`;
    const normalized = char.normalize("NFKC");
    const mimics =
      LOOK_ALIKES.get(char) ?? (PATH_SIGNIFICANT.test(normalized) ? normalized : undefined);
    if (mimics !== undefined) {
      return `contains "${char}" (${codePoint(char)}), which looks like ${JSON.stringify(mimics)}; use plain ASCII`;
    }
  }
  return mixedScriptProblem(text);
}

const LATIN = /\p{Script=Latin}/u;
const LOOKS_LATIN = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

/**
 * A word that mixes Latin letters with Cyrillic or Greek ones ("hеro.png" with a Cyrillic "е") is
 * a look-alike of another: two files a reader cannot tell apart. Words in one script each
 * ("кружка-red.png") are fine.
 */
function mixedScriptProblem(text: string): string | undefined {
  for (const word of text.split(/[^\p{L}\p{M}]+/u)) {
    if (!LATIN.test(word)) continue;
    const odd = LOOKS_LATIN.exec(word)?.[0];
    if (odd !== undefined) {
      return `mixes Latin letters with "${odd}" (${codePoint(odd)}), a Cyrillic or Greek letter that may pass for a Latin one; write each name in one script`;
    }
  }
  return undefined;
}

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

function fail(problem: string): PathCheck {
  return { ok: false, problem };
}
