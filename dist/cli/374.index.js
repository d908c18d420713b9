export const id = 374;
export const ids = [374];
export const modules = {

/***/ 789:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EA: () => (/* binding */ ID_MAX_LENGTH),
/* harmony export */   V4: () => (/* binding */ MANIFEST_MAX_BYTES),
/* harmony export */   av: () => (/* binding */ formatMiB),
/* harmony export */   e_: () => (/* binding */ PATH_MAX_LENGTH),
/* harmony export */   eg: () => (/* binding */ SEGMENT_MAX_LENGTH),
/* harmony export */   j3: () => (/* binding */ DATA_FILE_MAX_BYTES),
/* harmony export */   kE: () => (/* binding */ PROMPT_MAX_BYTES),
/* harmony export */   rA: () => (/* binding */ MAX_FLOW_NESTING),
/* harmony export */   t8: () => (/* binding */ ROW_PROBLEMS_MAX),
/* harmony export */   v8: () => (/* binding */ MAX_ASSETS),
/* harmony export */   w4: () => (/* binding */ MAX_ALIAS_COUNT)
/* harmony export */ });
/**
 * Caps that keep hostile or mistaken input from exhausting memory or time. Each is stated in the
 * message a user sees when it is crossed, so they live here under one name each.
 */
/** A manifest larger than this is refused before it is read. */
const MANIFEST_MAX_BYTES = 10 * 1024 * 1024;
/** An `each:` data file larger than this is refused before it is read. */
const DATA_FILE_MAX_BYTES = 64 * 1024 * 1024;
/** Assets after every `each:` is expanded. */
const MAX_ASSETS = 1_000_000;
/** A prompt after interpolation, in UTF-8 bytes. */
const PROMPT_MAX_BYTES = 32 * 1024;
/** YAML aliases resolved while converting the document; alias bombs cross it quickly. */
const MAX_ALIAS_COUNT = 100;
/**
 * YAML flow collections (`[`, `{`) nested deeper than this are refused before yaml builds them:
 * yaml's composer recurses per level, and a megabyte of "[" costs it seconds and a gigabyte.
 */
const MAX_FLOW_NESTING = 100;
/** Asset ids end up in lockfile keys, logs and comment tables. */
const ID_MAX_LENGTH = 128;
/** A path after interpolation, in UTF-16 code units; one path segment. */
const PATH_MAX_LENGTH = 1024;
const SEGMENT_MAX_LENGTH = 255;
/**
 * Problems reported per `each:` data file: when a column is wrong, every row is, and 50,000
 * identical lines help nobody. The rest are counted in one closing line.
 */
const ROW_PROBLEMS_MAX = 100;
/** "64 MiB" for a whole number of MiB (the limits), "70.2 MiB" otherwise. */
function formatMiB(bytes) {
    const mib = bytes / (1024 * 1024);
    return Number.isInteger(mib) ? `${mib} MiB` : `${mib.toFixed(1)} MiB`;
}


/***/ }),

/***/ 8980:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ characterProblem),
/* harmony export */   GE: () => (/* binding */ DATA_EXTENSIONS),
/* harmony export */   L4: () => (/* binding */ OUTPUT_EXTENSIONS),
/* harmony export */   Q1: () => (/* binding */ checkRepoPath),
/* harmony export */   UB: () => (/* binding */ manifestFolder),
/* harmony export */   Uh: () => (/* binding */ API_FORMATS),
/* harmony export */   XN: () => (/* binding */ extensionProblem),
/* harmony export */   je: () => (/* binding */ extensionOf),
/* harmony export */   l1: () => (/* binding */ specialFolderProblem),
/* harmony export */   zX: () => (/* binding */ typeForExtension)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(789);
/* harmony import */ var _state_paths_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1997);



/**
 * Lexical rules for the paths a manifest names (`output`, `each`): no syscalls, so they can run
 * once per expanded row. What the file system adds (symlinks) is checked in repo-fs.ts.
 *
 * Problems are verb phrases ("goes outside the repository") so that callers can say
 * `output "x" goes outside ...` or `this row makes output "x", which goes outside ...`.
 */
/** What version 1 of the API delivers, per type: exactly one format each. */
const OUTPUT_EXTENSIONS = {
    image: ["png"],
    video: ["mp4"],
    audio: ["wav"],
};
/** The formats the API delivers, for messages: ".png images, .mp4 videos and .wav audio". */
const API_FORMATS = `.${OUTPUT_EXTENSIONS.image.join("/.")} images, .${OUTPUT_EXTENSIONS.video.join("/.")} videos and .${OUTPUT_EXTENSIONS.audio.join("/.")} audio`;
/** The type whose output format `extension` (without the dot, any case) is, if any. */
function typeForExtension(extension) {
    const lower = extension.toLowerCase();
    for (const [type, extensions] of Object.entries(OUTPUT_EXTENSIONS)) {
        if (extensions.includes(lower))
            return type;
    }
    return undefined;
}
/** The extension of the last name in `path`, without the dot, if it has one. */
function extensionOf(path) {
    const slash = path.lastIndexOf("/");
    const dot = path.lastIndexOf(".");
    return dot > slash + 1 ? path.slice(dot + 1) : undefined;
}
const DATA_EXTENSIONS = ["csv", "json"];
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
const LOOK_ALIKES = new Map([
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
function manifestFolder(segments) {
    return {
        segments,
        prefix: segments.map((s) => `${s}/`).join(""),
        special: specialFolderProblem(segments) !== undefined,
    };
}
// Sticky, so that it tests one segment in place without slicing it out.
const DEVICE_OR_GIT_AT = /(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:[./]|$)|(?:\.git|git~\d+|\.github|\.agentframer)(?:\/|$)/iy;
/**
 * Whether `raw` needs the careful, segment-by-segment check below: an empty, "." or ".."
 * segment, a name ending in "." or " ", a Windows device name, .git or .github, an over-long
 * name. Most paths have none; this scan, which allocates nothing, lets them skip the split and
 * join that would otherwise run once per row.
 */
function needsCare(raw) {
    for (let start = 0; start <= raw.length;) {
        let end = raw.indexOf("/", start);
        if (end < 0)
            end = raw.length;
        const length = end - start;
        if (length === 0 || length > _limits_js__WEBPACK_IMPORTED_MODULE_2__/* .SEGMENT_MAX_LENGTH */ .eg)
            return true;
        const last = raw.charCodeAt(end - 1);
        if (last === 0x2e || last === 0x20)
            return true; // "." or " ", also "." and ".."
        DEVICE_OR_GIT_AT.lastIndex = start;
        if (DEVICE_OR_GIT_AT.test(raw))
            return true;
        start = end + 1;
    }
    return false;
}
/**
 * Checks `raw` (relative to the manifest's folder, `folder` from the repository root) and
 * normalises it.
 */
function checkRepoPath(raw, folder) {
    // The common case (plain ASCII, relative, nothing odd) in two tests and no allocation but the
    // result; anything else takes the careful path below, which also says what is wrong.
    if (!folder.special && !UNUSUAL.test(raw) && !needsCare(raw) && raw.length <= _limits_js__WEBPACK_IMPORTED_MODULE_2__/* .PATH_MAX_LENGTH */ .e_) {
        return { ok: true, path: { fromManifest: raw, fromRoot: folder.prefix + raw } };
    }
    if (raw.length === 0)
        return fail("is empty");
    if (raw.length > _limits_js__WEBPACK_IMPORTED_MODULE_2__/* .PATH_MAX_LENGTH */ .e_)
        return fail(`is longer than ${_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .PATH_MAX_LENGTH */ .e_} characters`);
    if (ABSOLUTE.test(raw))
        return fail("is absolute; write it relative to the manifest's folder");
    const forbidden = FORBIDDEN.exec(raw)?.[0];
    if (forbidden !== undefined)
        return fail(forbiddenProblem(forbidden));
    if (NON_ASCII.test(raw)) {
        const problem = unicodeProblem(raw);
        if (problem)
            return fail(problem);
    }
    if (/(?:^|\/)\.{0,2}$/.test(raw))
        return fail("names a folder; it must name a file");
    const stack = folder.segments.slice();
    for (const segment of raw.split("/")) {
        if (segment === "" || segment === ".")
            continue;
        if (segment === "..") {
            if (stack.length === 0)
                return fail("goes outside the repository");
            stack.pop();
            continue;
        }
        if (segment.length > _limits_js__WEBPACK_IMPORTED_MODULE_2__/* .SEGMENT_MAX_LENGTH */ .eg) {
            return fail(`has a name longer than ${_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .SEGMENT_MAX_LENGTH */ .eg} characters`);
        }
        if (TRAILING_DOT_OR_SPACE.test(segment)) {
            return fail(`has a name ending in "." or " ", which Windows drops: ${JSON.stringify(segment)}`);
        }
        if (WINDOWS_RESERVED.test(segment)) {
            return fail(`uses ${JSON.stringify(segment)}, a reserved file name on Windows`);
        }
        stack.push(segment);
    }
    const special = specialFolderProblem(stack);
    if (special)
        return fail(special);
    const fromRoot = stack.join("/");
    const fromManifest = NOT_PLAIN.test(raw)
        ? node_path__WEBPACK_IMPORTED_MODULE_0__.posix.relative(folder.segments.join("/"), fromRoot)
        : raw;
    return { ok: true, path: { fromManifest, fromRoot } };
}
/**
 * The problem with a path (from the repository root) under `.git/`, `.github/` or
 * `.agentframer/` (the tool's own state, which is never committed), if any.
 */
function specialFolderProblem(segments) {
    for (const segment of segments) {
        // Windows and macOS ignore case and trailing dots/spaces, so `.GIT.` is `.git` there.
        const name = segment.replace(/[. ]+$/, "");
        if (GIT_FOLDER.test(name) || GIT_FOLDER.test(segment))
            return "is inside .git/";
        if (name.toLowerCase() === ".github")
            return "is inside .github/";
        if (name.toLowerCase() === _state_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE_DIR_NAME */ .Ky) {
            return `is inside ${_state_paths_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE_DIR_NAME */ .Ky}/, the tool's own state, which is never committed`;
        }
    }
    return undefined;
}
/** The problem with the extension of `path` for `what` (e.g. "an image"), if any. */
function extensionProblem(path, allowed, what) {
    const extension = extensionOf(path)?.toLowerCase();
    if (extension !== undefined && allowed.includes(extension))
        return undefined;
    const listed = allowed.map((e) => `.${e}`).join(", ");
    const wanted = allowed.length === 1 ? listed : `one of ${listed}`;
    return extension === undefined
        ? `has no extension; ${what} needs ${wanted}`
        : `has extension .${extension}; ${what} needs ${wanted}`;
}
/** Character-level problems alone, for the literal parts of a `{{column}}` template. */
function characterProblem(text) {
    const forbidden = FORBIDDEN.exec(text)?.[0];
    if (forbidden !== undefined)
        return forbiddenProblem(forbidden);
    return NON_ASCII.test(text) ? unicodeProblem(text) : undefined;
}
function forbiddenProblem(char) {
    if (char === "\\")
        return 'contains a backslash; separate folders with "/"';
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f)
        return `contains a control character (${codePoint(char)})`;
    return `contains ${JSON.stringify(char)}, which Windows does not allow in file names`;
}
/**
 * Unicode that could smuggle a separator or a dot past a reader, or an invisible character.
 * NFKC maps most look-alikes (full-width "／", "．", one-dot leader "․") to ASCII; the rest are
 * listed above.
 */
function unicodeProblem(text) {
    for (const char of text) {
        if (char.charCodeAt(0) < 0x80)
            continue;
        if (INVISIBLE.test(char))
            return `contains an invisible character (${codePoint(char)})`;
        if (ODD_SPACE.test(char))
            return `contains a space other than " " (${codePoint(char)})`;
        const normalized = char.normalize("NFKC");
        const mimics = LOOK_ALIKES.get(char) ?? (PATH_SIGNIFICANT.test(normalized) ? normalized : undefined);
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
function mixedScriptProblem(text) {
    for (const word of text.split(/[^\p{L}\p{M}]+/u)) {
        if (!LATIN.test(word))
            continue;
        const odd = LOOKS_LATIN.exec(word)?.[0];
        if (odd !== undefined) {
            return `mixes Latin letters with "${odd}" (${codePoint(odd)}), a Cyrillic or Greek letter that may pass for a Latin one; write each name in one script`;
        }
    }
    return undefined;
}
function codePoint(char) {
    return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}
function fail(problem) {
    return { ok: false, problem };
}


/***/ }),

/***/ 6374:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   notOwnedProblem: () => (/* binding */ notOwnedProblem)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8980);
/* harmony import */ var _state_paths_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1997);




const ANY_OUTPUT_EXTENSION = [...new Set(Object.values(_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .OUTPUT_EXTENSIONS */ .L4).flat())];
/**
 * Why `output`, a path read from the lockfile, is not one this tool could have written, if it is
 * not. The lockfile is not validated like the manifest (a pull request can put anything in it),
 * so before `prune` deletes a file its path must pass the loader's own rules — inside the
 * repository, not under .git/, .github/ or .agentframer/, an output's extension, not the manifest
 * or its lockfile — and lead, without any symbolic link on the way, to a regular file.
 * Undefined for a path that is fine, or that does not exist (the caller says "already gone").
 * The phrase reads after "it": "it is inside .git/".
 */
async function notOwnedProblem(manifest, output) {
    const folder = (0,_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .manifestFolder */ .UB)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(manifest.root, manifest.dir)
        .split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep)
        .filter((s) => s !== ""));
    const checked = (0,_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .checkRepoPath */ .Q1)(output, folder);
    if (!checked.ok)
        return checked.problem;
    const extension = (0,_manifest_path_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .extensionProblem */ .XN)(checked.path.fromRoot, ANY_OUTPUT_EXTENSION, "an output");
    if (extension)
        return extension;
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(manifest.root, checked.path.fromRoot);
    if (path === manifest.path || path === (0,_state_paths_js__WEBPACK_IMPORTED_MODULE_3__/* .lockfilePathFor */ .qt)(manifest.path)) {
        return "is the manifest or its lockfile";
    }
    const names = checked.path.fromRoot.split("/");
    let current = manifest.root;
    for (const [i, name] of names.entries()) {
        current = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(current, name);
        const facts = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.lstat)(current).catch(() => undefined);
        if (facts === undefined)
            return undefined;
        if (facts.isSymbolicLink())
            return "goes through a symbolic link";
        const last = i === names.length - 1;
        if (last && !facts.isFile())
            return "is not a regular file";
        if (!last && !facts.isDirectory())
            return undefined;
    }
    return undefined;
}


/***/ })

};
