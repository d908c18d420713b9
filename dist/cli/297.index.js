export const id = 297;
export const ids = [297,115];
export const modules = {

/***/ 8297:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadManifest: () => (/* binding */ loadManifest)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/manifest/errors.js
var errors = __webpack_require__(7850);
;// CONCATENATED MODULE: ./lib/manifest/int-array.js
/**
 * `array` when it holds `length` numbers already, else a copy of it with room for at least
 * `length`, and at least half as many again as before (so that adding one number at a time
 * copies the array a logarithmic number of times).
 */
function withRoom(array, length) {
    if (length <= array.length)
        return array;
    const next = new Int32Array(Math.max(length, array.length + (array.length >> 1)));
    next.set(array);
    return next;
}

;// CONCATENATED MODULE: ./lib/manifest/csv.js
/**
 * A small RFC 4180 CSV reader that remembers where each record starts, so that a malformed row can
 * be reported as `FILE:LINE:COL`. Accepts CRLF or LF line ends and a UTF-8 byte-order mark; skips
 * empty lines; header names are trimmed (values are kept exactly).
 *
 * The file is read twice: once whole, to check it and note where each row starts, and then row by
 * row as the rows are used. Holding 500,000 rows as arrays of strings until the last is used cost
 * a loader more memory than the assets they make; the text and two numbers per row cost little.
 */

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/**
 * Reads one record from `cursor.at` up to its line end (not past it). Values go into `values`
 * when it is given; the check reads data rows without making their values.
 */
function readRecord(cursor, expected, values, starts, report, scan) {
    const { text } = cursor;
    const n = text.length;
    let i = cursor.at;
    scan.fields = 0;
    scan.ok = true;
    scan.surplusAt = -1;
    scan.unclosed = false;
    for (;;) {
        starts?.push(i);
        if (scan.fields === expected)
            scan.surplusAt = i;
        if (text.charCodeAt(i) === QUOTE) {
            const opened = { at: i, line: cursor.line, lineStart: cursor.lineStart };
            let value = "";
            let from = i + 1;
            for (;;) {
                const close = text.indexOf('"', from);
                if (close < 0) {
                    cursor.line = opened.line;
                    cursor.lineStart = opened.lineStart;
                    report(cursor, opened.at, "quoted field is never closed");
                    scan.unclosed = true;
                    cursor.at = n;
                    return;
                }
                if (values)
                    value += text.slice(from, close);
                for (let k = text.indexOf("\n", from); k >= 0 && k < close; k = text.indexOf("\n", k + 1)) {
                    cursor.line++;
                    cursor.lineStart = k + 1;
                }
                if (text.charCodeAt(close + 1) !== QUOTE) {
                    i = close + 1;
                    break;
                }
                if (values)
                    value += '"';
                from = close + 2;
            }
            if (values)
                values[scan.fields] = value;
            if (i < n && text.charCodeAt(i) !== COMMA && !isLineEnd(text, i)) {
                report(cursor, i, 'unexpected text after a closing quote (a quote inside a quoted field is written "")');
                scan.ok = false;
                while (i < n && text.charCodeAt(i) !== COMMA && !isLineEnd(text, i))
                    i++;
            }
        }
        else {
            const start = i;
            while (i < n) {
                const c = text.charCodeAt(i);
                if (c === COMMA || c === LF || (c === CR && text.charCodeAt(i + 1) === LF))
                    break;
                if (c === QUOTE) {
                    report(cursor, i, 'quote inside an unquoted field (quote the whole field and write the quote as "")');
                    scan.ok = false;
                }
                i++;
            }
            if (values)
                values[scan.fields] = text.slice(start, i);
        }
        scan.fields++;
        if (i < n && text.charCodeAt(i) === COMMA)
            i++;
        else
            break;
    }
    cursor.at = i;
}
function isLineEnd(text, at) {
    const c = text.charCodeAt(at);
    return c === LF || (c === CR && text.charCodeAt(at + 1) === LF);
}
/** Moves past the line end at `cursor.at`, if there is one. */
function nextLine(cursor) {
    if (cursor.at >= cursor.text.length)
        return;
    cursor.at += cursor.text.charCodeAt(cursor.at) === CR ? 2 : 1;
    cursor.line++;
    cursor.lineStart = cursor.at;
}
const NO_PROBLEMS = () => undefined;
/**
 * Checks the whole file and notes where each row starts; values are read later, by row. Rows past
 * `maxRows` are counted, not noted: a file with more cannot be used, and 64 MiB of one-character
 * rows would otherwise note 32 million.
 */
function scanCsv(text, maxProblems, maxRows = Number.POSITIVE_INFINITY) {
    const problems = [];
    let omitted = 0;
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const cursor = { text, at: start, line: 1, lineStart: start };
    const scan = { fields: 0, ok: true, surplusAt: -1, unclosed: false };
    let columns;
    let offsets = new Int32Array(1024);
    let lines = new Int32Array(1024);
    let count = 0;
    const report = (at, offset, message) => {
        if (problems.length < maxProblems)
            problems.push({ line: at.line, col: offset - at.lineStart + 1, message });
        else
            omitted++;
    };
    while (cursor.at < text.length) {
        if (isLineEnd(text, cursor.at)) {
            nextLine(cursor);
            continue;
        }
        const recordAt = cursor.at;
        const recordLine = cursor.line;
        if (!columns) {
            // Offsets are kept for the header, to place its problems.
            const names = [];
            const starts = [];
            readRecord(cursor, -1, names, starts, report, scan);
            if (scan.unclosed)
                return { problems, omitted };
            columns = names.map((name) => name.trim());
            checkHeader(columns, starts, (at, message) => {
                report(cursor, at, message);
            });
        }
        else {
            readRecord(cursor, columns.length, undefined, undefined, report, scan);
            if (scan.unclosed)
                return { problems, omitted };
            if (scan.fields !== columns.length) {
                const surplus = scan.fields > columns.length;
                report(cursor, surplus ? scan.surplusAt : cursor.at, `row has ${fieldCount(scan.fields)}, header has ${columns.length}`);
            }
            else if (scan.ok) {
                if (count < maxRows) {
                    if (count === offsets.length) {
                        offsets = withRoom(offsets, count + 1);
                        lines = withRoom(lines, count + 1);
                    }
                    offsets[count] = recordAt;
                    lines[count] = recordLine;
                }
                count++;
            }
        }
        nextLine(cursor);
    }
    if (!columns) {
        problems.push({ line: 1, col: 1, message: "the file is empty; a CSV file needs a header row" });
    }
    if (!columns || problems.length > 0 || omitted > 0)
        return { problems, omitted };
    const noted = Math.min(count, maxRows);
    return { rows: checkedRows(text, columns, offsets, lines, noted, count), problems, omitted };
}
function checkedRows(text, columns, offsets, lines, noted, count) {
    const cursor = { text, at: 0, line: 1, lineStart: 0 };
    const scan = { fields: 0, ok: true, surplusAt: -1, unclosed: false };
    return {
        columns,
        count,
        line: (index) => (index < noted ? (lines[index] ?? 1) : 1),
        read(index, into = []) {
            if (index >= noted)
                throw new RangeError(`row ${index} of ${count} was counted, not noted`);
            cursor.at = offsets[index] ?? text.length;
            readRecord(cursor, -1, into, undefined, NO_PROBLEMS, scan);
            return into;
        },
    };
}
function fieldCount(fields) {
    return fields === 1 ? "1 field" : `${fields} fields`;
}
function checkHeader(columns, starts, report) {
    const firstSeen = new Map();
    columns.forEach((name, index) => {
        const at = starts[index] ?? 0;
        if (name === "") {
            report(at, `column ${index + 1} of the header has no name`);
            return;
        }
        const earlier = firstSeen.get(name);
        if (earlier !== undefined) {
            report(at, `column ${JSON.stringify(name)} appears twice in the header (columns ${earlier + 1} and ${index + 1})`);
        }
        else {
            firstSeen.set(name, index);
        }
    });
}

;// CONCATENATED MODULE: ./lib/manifest/json-rows.js
function parseJsonRows(text, maxProblems) {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const offset = text.length - body.length;
    const scan = scanJson(body);
    const at = (pos) => lineCol(text, pos + offset);
    if (!scan.ok)
        return { problems: [{ ...at(scan.offset), message: scan.message }] };
    const value = JSON.parse(body);
    if (!Array.isArray(value)) {
        return {
            problems: [{ ...at(scan.start), message: "a JSON each: file must be an array of objects" }],
        };
    }
    const problems = [];
    const columnIndex = new Map();
    const columns = [];
    const rows = [];
    const unusable = new Map();
    const positions = scan.elements.map(at);
    value.forEach((element, rowIndex) => {
        if (element === null || typeof element !== "object" || Array.isArray(element)) {
            if (problems.length < maxProblems) {
                const where = positions[rowIndex] ?? at(scan.start);
                problems.push({ ...where, message: `row ${rowIndex + 1} is not an object` });
            }
            return;
        }
        const row = new Array(columns.length);
        for (const [key, field] of Object.entries(element)) {
            let index = columnIndex.get(key);
            if (index === undefined) {
                index = columns.length;
                columnIndex.set(key, index);
                columns.push(key);
            }
            if (field === null)
                row[index] = "";
            else if (typeof field === "object") {
                let set = unusable.get(rowIndex);
                if (!set)
                    unusable.set(rowIndex, (set = new Set()));
                set.add(index);
            }
            else
                row[index] = String(field);
        }
        rows.push(row);
    });
    if (problems.length > 0)
        return { problems };
    return { table: { columns, rows, unusable, positions }, problems };
}
function lineCol(text, offset) {
    let line = 1;
    let lineStart = 0;
    for (let k = text.indexOf("\n"); k >= 0 && k < offset; k = text.indexOf("\n", k + 1)) {
        line++;
        lineStart = k + 1;
    }
    return { line, col: offset - lineStart + 1 };
}
const MAX_DEPTH = 512;
/** Validates JSON syntax and records where the top-level array's elements start. */
function scanJson(text) {
    let i = 0;
    const elements = [];
    const fail = (message) => {
        throw new ScanError(i, message);
    };
    const skipSpace = () => {
        for (;;) {
            const c = text.charCodeAt(i);
            if (c === 32 || c === 10 || c === 13 || c === 9)
                i++;
            else
                return;
        }
    };
    const describeHere = () => i >= text.length ? "the end of the file" : JSON.stringify(text[i]);
    const string = () => {
        i++;
        for (;;) {
            if (i >= text.length)
                fail("string is never closed");
            const c = text.charCodeAt(i);
            if (c === 34) {
                i++;
                return;
            }
            if (c < 32)
                fail("control character inside a string (write it as an escape such as \\n)");
            if (c === 92) {
                const e = text[i + 1] ?? "";
                if (e === "u") {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
                        fail("invalid \\u escape");
                    i += 6;
                }
                else if ('"\\/bfnrt'.includes(e) && e !== "")
                    i += 2;
                else
                    fail(`invalid escape \\${e}`);
            }
            else
                i++;
        }
    };
    const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    const value = (depth) => {
        if (depth > MAX_DEPTH)
            fail(`nested more than ${MAX_DEPTH} levels deep`);
        skipSpace();
        const c = text[i];
        if (c === "{" || c === "[") {
            const close = c === "{" ? "}" : "]";
            i++;
            skipSpace();
            if (text[i] === close) {
                i++;
                return;
            }
            for (;;) {
                if (c === "{") {
                    skipSpace();
                    if (text[i] !== '"')
                        fail(`expected a key in double quotes, found ${describeHere()}`);
                    string();
                    skipSpace();
                    if (text[i] !== ":")
                        fail(`expected ":" after a key, found ${describeHere()}`);
                    i++;
                }
                else if (depth === 0) {
                    skipSpace();
                    elements.push(i);
                }
                value(depth + 1);
                skipSpace();
                if (text[i] === ",") {
                    i++;
                    continue;
                }
                if (text[i] === close) {
                    i++;
                    return;
                }
                fail(`expected "," or "${close}", found ${describeHere()}`);
            }
        }
        if (c === '"')
            return string();
        for (const word of ["true", "false", "null"]) {
            if (text.startsWith(word, i)) {
                i += word.length;
                return;
            }
        }
        NUMBER.lastIndex = i;
        if (NUMBER.test(text)) {
            i = NUMBER.lastIndex;
            return;
        }
        fail(`expected a JSON value, found ${describeHere()}`);
    };
    try {
        skipSpace();
        const start = i;
        value(0);
        skipSpace();
        if (i < text.length)
            fail(`unexpected ${describeHere()} after the JSON value`);
        return { ok: true, start, elements };
    }
    catch (error) {
        if (error instanceof ScanError)
            return { ok: false, offset: error.offset, message: error.message };
        throw error;
    }
}
class ScanError extends Error {
    offset;
    constructor(offset, message) {
        super(message);
        this.offset = offset;
    }
}

// EXTERNAL MODULE: ./lib/manifest/limits.js
var limits = __webpack_require__(789);
// EXTERNAL MODULE: ./lib/manifest/read-text.js
var read_text = __webpack_require__(5517);
;// CONCATENATED MODULE: ./lib/manifest/data-file.js




async function readDataFile(absolutePath, file, problems) {
    const read = await (0,read_text/* readTextFile */.G)(absolutePath, limits/* DATA_FILE_MAX_BYTES */.j3);
    if (!read.ok)
        return { kind: "unreadable", reason: read.reason };
    const report = (list, omitted = 0) => {
        for (const p of list)
            problems.add({ file, line: p.line, col: p.col }, p.message);
        const last = list.at(-1);
        if (omitted > 0 && last) {
            problems.add({ file, line: last.line, col: last.col }, `…and ${omitted} more problems in this file`);
        }
        return { kind: "malformed" };
    };
    if (absolutePath.toLowerCase().endsWith(".json")) {
        const result = parseJsonRows(read.text, limits/* ROW_PROBLEMS_MAX */.t8);
        if (!result.table)
            return report(result.problems);
        const { columns, rows, unusable, positions } = result.table;
        return {
            kind: "table",
            table: {
                file,
                columns,
                columnIndex: indexColumns(columns),
                rowCount: rows.length,
                row: (index) => rows[index] ?? [],
                position: (index) => ({
                    file,
                    line: positions[index]?.line ?? 1,
                    col: positions[index]?.col ?? 1,
                }),
                cellProblem(index, column) {
                    const name = JSON.stringify(columns[column]);
                    if (unusable.get(index)?.has(column)) {
                        return `field ${name} of row ${index + 1} is a list or an object; only strings, numbers, booleans and null can fill a {{placeholder}}`;
                    }
                    return rows[index]?.[column] === undefined
                        ? `row ${index + 1} has no field ${name}`
                        : undefined;
                },
            },
        };
    }
    // A file with more rows than a manifest may have assets is refused before any row is read.
    const result = scanCsv(read.text, limits/* ROW_PROBLEMS_MAX */.t8, limits/* MAX_ASSETS */.v8);
    if (!result.rows)
        return report(result.problems, result.omitted);
    const rows = result.rows;
    const values = [];
    return {
        kind: "table",
        table: {
            file,
            columns: rows.columns,
            columnIndex: indexColumns(rows.columns),
            rowCount: rows.count,
            row: (index) => rows.read(index, values),
            position: (index) => ({ file, line: rows.line(index), col: 1 }),
        },
    };
}
function indexColumns(columns) {
    const index = new Map();
    columns.forEach((name, i) => {
        if (!index.has(name))
            index.set(name, i);
    });
    return index;
}

// EXTERNAL MODULE: ./lib/manifest/path-rules.js
var path_rules = __webpack_require__(8980);
;// CONCATENATED MODULE: ./lib/manifest/asset-checks.js


/**
 * Checks on an asset's final values (after interpolation), shared by declared assets and `each:`
 * rows. Each returns a phrase for the caller to frame: `id "x" is not valid: ...` for a declared
 * asset, `this row makes id "x", which is not valid: ...` for a row.
 */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ID_RULE = `ids use letters, digits, "-", "_" and ".", start with a letter or digit, and have at most ${limits/* ID_MAX_LENGTH */.EA} characters`;
function idProblem(id) {
    return id.length <= limits/* ID_MAX_LENGTH */.EA && ID_PATTERN.test(id) ? undefined : `is not valid: ${ID_RULE}`;
}
const TYPE_NOUN = {
    image: "an image",
    video: "a video",
    audio: "audio",
};
function outputCheck(output, type, dirFromRoot) {
    const checked = (0,path_rules/* checkRepoPath */.Q1)(output, dirFromRoot);
    // Without a valid type (reported elsewhere) the extension cannot be judged.
    if (!checked.ok || type === undefined)
        return checked;
    const problem = outputExtensionProblem(checked.path.fromManifest, type);
    return problem ? { ok: false, problem } : checked;
}
/**
 * Version 1 of the API delivers one format per type: any other extension would pass here and
 * fail only after the job is paid for, so it is refused, naming the formats that work.
 */
function outputExtensionProblem(path, type) {
    const problem = (0,path_rules/* extensionProblem */.XN)(path, path_rules/* OUTPUT_EXTENSIONS */.L4[type], TYPE_NOUN[type]);
    return problem && `${problem} (the API delivers only ${path_rules/* API_FORMATS */.Uh})`;
}
/** Bytes are counted only when the prompt could be over the limit (3 bytes per UTF-16 unit at most). */
function promptProblem(prompt) {
    if (prompt.length === 0)
        return "is empty";
    if (prompt.length * 3 <= limits/* PROMPT_MAX_BYTES */.kE)
        return undefined;
    const bytes = Buffer.byteLength(prompt, "utf8");
    return bytes > limits/* PROMPT_MAX_BYTES */.kE
        ? `is ${bytes} bytes; the limit is ${limits/* PROMPT_MAX_BYTES */.kE}`
        : undefined;
}

;// CONCATENATED MODULE: ./lib/manifest/template.js
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
function parseTemplate(source) {
    if (!source.includes("{{"))
        return { source, literals: [source], placeholders: [] };
    const literals = [];
    const placeholders = [];
    let last = 0;
    let unclosedAt;
    for (const match of source.matchAll(PLACEHOLDER)) {
        const literal = source.slice(last, match.index);
        unclosedAt ??= openBraces(literal, last);
        literals.push(literal);
        placeholders.push({ name: (match[1] ?? "").trim(), raw: match[0] });
        last = match.index + match[0].length;
    }
    const tail = source.slice(last);
    unclosedAt ??= openBraces(tail, last);
    literals.push(tail);
    return unclosedAt === undefined
        ? { source, literals, placeholders }
        : { source, literals, placeholders, unclosedAt };
}
function openBraces(literal, offset) {
    const at = literal.indexOf("{{");
    return at < 0 ? undefined : offset + at;
}
/** Compiles a template against a table's columns; every placeholder must name one of them. */
function compileTemplate(template, columnIndex) {
    const { literals, placeholders } = template;
    const indexes = placeholders.map((p) => {
        const index = columnIndex.get(p.name);
        if (index === undefined)
            throw new Error(`compileTemplate: unknown column ${p.name}`);
        return index;
    });
    const first = literals[0] ?? "";
    if (indexes.length === 0)
        return () => first;
    // One array per template, refilled for each row and joined: join writes one flat string,
    // where `+` builds a rope whose nodes outlive the row (the asset keeps the rope's head) and
    // is copied flat later anyway, when the value is hashed or used as a key.
    const parts = [first];
    for (let k = 0; k < indexes.length; k++)
        parts.push("", literals[k + 1] ?? "");
    return (row) => {
        for (let k = 0; k < indexes.length; k++)
            parts[2 * k + 1] = row[indexes[k] ?? 0] ?? "";
        return parts.join("");
    };
}

;// CONCATENATED MODULE: ./lib/manifest/params-template.js

/** Every templated string in `params`; `sourceOf(key)` says where a top-level key was written. */
function findParamTemplates(params, sourceOf) {
    const found = [];
    const walk = (value, inner, source) => {
        if (typeof value === "string") {
            if (value.includes("{{"))
                found.push({ template: parseTemplate(value), source, inner });
        }
        else if (Array.isArray(value)) {
            value.forEach((item, i) => walk(item, [...inner, i], [...source, i]));
        }
        else if (value !== null && typeof value === "object") {
            for (const [key, item] of Object.entries(value))
                walk(item, [...inner, key], [...source, key]);
        }
    };
    for (const [key, value] of Object.entries(params))
        walk(value, [key], sourceOf(key));
    return found;
}
/**
 * Compiles params into a per-row builder. Parts without placeholders are frozen and shared by
 * every row (50,000 copies of the same map would only feed the garbage collector); only the
 * containers on a path to a placeholder are built per row.
 */
function compileParams(params, templates, compile) {
    deepFreeze(params);
    if (templates.length === 0)
        return () => params;
    const fills = new Map();
    const templated = new Set();
    for (const t of templates) {
        fills.set(key(t.inner), compile(t.template));
        for (let depth = 1; depth < t.inner.length; depth++)
            templated.add(key(t.inner.slice(0, depth)));
    }
    const build = (value, inner) => {
        const here = key(inner);
        const fill = fills.get(here);
        if (fill)
            return fill;
        if (!templated.has(here) || value === null || typeof value !== "object")
            return () => value;
        if (Array.isArray(value)) {
            const items = value.map((item, i) => build(item, [...inner, i]));
            return (row) => items.map((b) => b(row));
        }
        const entries = Object.entries(value).map(([k, item]) => [k, build(item, [...inner, k])]);
        return (row) => {
            const out = {};
            for (const [k, b] of entries)
                setOwn(out, k, b(row));
            return out;
        };
    };
    const top = Object.entries(params).map(([k, value]) => [k, build(value, [k])]);
    return (row) => {
        const out = {};
        for (const [k, b] of top)
            setOwn(out, k, b(row));
        return out;
    };
}
function key(inner) {
    return JSON.stringify(inner);
}
/** Assignment that keeps a `__proto__` key a plain field instead of replacing the prototype. */
function setOwn(target, key, value) {
    if (key === "__proto__") {
        Object.defineProperty(target, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
        });
    }
    else {
        target[key] = value;
    }
}
/** Assets' params are read, never written: frozen, so that sharing them between rows is safe. */
function deepFreeze(value) {
    if (value === null || typeof value !== "object" || Object.isFrozen(value))
        return;
    Object.freeze(value);
    for (const inner of Object.values(value))
        deepFreeze(inner);
}

;// CONCATENATED MODULE: ./lib/manifest/problems.js

/**
 * How a file is named in messages: relative to the working directory, with forward slashes, as a
 * compiler prints it, so that editors, terminals and GitHub problem matchers can open it. A file
 * on another drive (no relative form) keeps its absolute path.
 */
function displayPath(absolutePath, cwd) {
    const rel = (0,external_node_path_.relative)(cwd, absolutePath);
    if (rel === "" || (0,external_node_path_.isAbsolute)(rel))
        return absolutePath;
    return external_node_path_.sep === "/" ? rel : rel.split(external_node_path_.sep).join("/");
}
/** Collects problems from every stage, dropping exact repeats (a default shared by many assets). */
class ProblemList {
    items = [];
    seen = new Set();
    add(at, message) {
        const key = `${at.file}\u0000${at.line}\u0000${at.col}\u0000${message}`;
        if (this.seen.has(key))
            return;
        this.seen.add(key);
        this.items.push({ file: at.file, line: at.line, col: at.col, message });
    }
    get size() {
        return this.items.length;
    }
    /** The manifest's own problems first, then each other file's; each file in line order. */
    sorted(primaryFile) {
        return this.items
            .map((problem, index) => ({ problem, index }))
            .sort((a, b) => {
            const fa = a.problem.file;
            const fb = b.problem.file;
            if (fa !== fb) {
                if (fa === primaryFile)
                    return -1;
                if (fb === primaryFile)
                    return 1;
                return fa < fb ? -1 : 1;
            }
            return (a.problem.line - b.problem.line || a.problem.col - b.problem.col || a.index - b.index);
        })
            .map(({ problem }) => problem);
    }
}
/** A value as it appears inside a message: quoted, escaped, and cut short when long. */
function quote(value, max = 80) {
    const shown = value.length > max ? `${value.slice(0, max)}…` : value;
    return JSON.stringify(shown);
}

;// CONCATENATED MODULE: ./lib/manifest/emit.js





function push(out, asset, fromRoot, folder) {
    const { prefix } = folder;
    const { output } = asset;
    const plain = fromRoot.length === prefix.length + output.length &&
        fromRoot.startsWith(prefix) &&
        fromRoot.endsWith(output);
    if (!plain)
        out.climbing.set(out.assets.length, fromRoot);
    out.assets.push(asset);
}
/**
 * Checks an asset declared without `each:` (problems point at its fields in the manifest) and,
 * when it is whole and sound, adds it.
 */
function emitDeclared(state, asset, base, whole) {
    const { positions, problems, dirFromRoot } = state.ctx;
    const idAt = positions.value([...base, "id"]);
    const outputAt = positions.value([...base, "output"]);
    let ok = true;
    const report = (at, message) => {
        if (message === undefined)
            return;
        problems.add(at, message);
        ok = false;
    };
    const id = idProblem(asset.id);
    report(idAt, id && `id ${quote(asset.id)} ${id}`);
    const prompt = promptProblem(asset.prompt);
    report(positions.value([...base, "prompt"]), prompt && `prompt ${prompt}`);
    const output = outputCheck(asset.output, asset.type, dirFromRoot);
    report(outputAt, output.ok ? undefined : `output ${quote(asset.output)} ${output.problem}`);
    const { registry } = state.out;
    if (!id)
        report(idAt, registry.claimId(asset.id, registry.origin(idAt)));
    if (!output.ok)
        return;
    const { fromManifest, fromRoot } = output.path;
    const origin = registry.origin(outputAt);
    report(outputAt, registry.claimOutput(fromRoot, fromManifest, asset.id, origin));
    const { type, model } = asset;
    if (!ok || !whole || type === undefined || model === undefined)
        return;
    deepFreeze(asset.params);
    state.out.outputAt.set(state.out.assets.length, outputAt);
    push(state.out, { ...asset, type, model, output: fromManifest }, fromRoot, dirFromRoot);
}
/**
 * Adds one asset per row. Problems point at the row in the data file; past ROW_PROBLEMS_MAX for
 * one file, the rest are only counted.
 */
function emitRows(state, spec) {
    const { problems, dirFromRoot } = state.ctx;
    const { table, type, model } = spec;
    const columns = table.columnIndex;
    const fillId = compileTemplate(spec.id, columns);
    const fillPrompt = compileTemplate(spec.prompt, columns);
    const fillOutput = compileTemplate(spec.output, columns);
    const buildParams = compileParams(spec.params, spec.paramTemplates, (t) => compileTemplate(t, columns));
    const used = usedColumns([spec.id, spec.prompt, spec.output, ...spec.paramTemplates.map((p) => p.template)], columns);
    const position = table.position;
    let shown = 0;
    let hidden = 0;
    let duplicates = 0;
    let firstDuplicate;
    const rowProblem = (row, message) => {
        if (shown < limits/* ROW_PROBLEMS_MAX */.t8) {
            problems.add(position(row), message);
            shown++;
        }
        else
            hidden++;
    };
    const { registry } = state.out;
    const firstOrigin = registry.rowOrigins(table, table.rowCount);
    const outputType = spec.extensionChecked ? undefined : type;
    const { variants } = spec;
    rows: for (let r = 0; r < table.rowCount; r++) {
        const row = table.row(r);
        if (table.cellProblem) {
            for (const column of used) {
                const problem = table.cellProblem(r, column);
                if (problem !== undefined) {
                    rowProblem(r, problem);
                    continue rows;
                }
            }
        }
        const id = fillId(row);
        const idIssue = idProblem(id);
        if (idIssue)
            rowProblem(r, `this row makes id ${quote(id)}, which ${idIssue}`);
        const prompt = fillPrompt(row);
        const promptIssue = promptProblem(prompt);
        if (promptIssue)
            rowProblem(r, `this row makes a prompt that ${promptIssue}`);
        const rawOutput = fillOutput(row);
        const output = outputCheck(rawOutput, outputType, dirFromRoot);
        if (!output.ok)
            rowProblem(r, `this row makes output ${quote(rawOutput)}, which ${output.problem}`);
        if (idIssue || promptIssue || !output.ok)
            continue;
        const origin = firstOrigin + r;
        const duplicate = registry.claimId(id, origin);
        if (duplicate) {
            duplicates += 1;
            firstDuplicate ??= { row: r, message: duplicate };
        }
        const { fromManifest, fromRoot } = output.path;
        const collision = registry.claimOutput(fromRoot, fromManifest, id, origin);
        if (collision)
            rowProblem(r, collision);
        if (duplicate || collision)
            continue;
        const params = buildParams(row);
        // The row is where its asset comes from: a failure (or a bad param) is reported there.
        const source = position(r);
        const asset = variants
            ? { id, type, model, prompt, params, output: fromManifest, source, variants }
            : { id, type, model, prompt, params, output: fromManifest, source };
        push(state.out, asset, fromRoot, dirFromRoot);
    }
    if (firstDuplicate !== undefined) {
        const at = position(firstDuplicate.row);
        problems.add(spec.idAt, `id ${quote(spec.id.source)} is not unique: ${duplicates} row${duplicates === 1 ? "" : "s"} of ${table.file} ` +
            `repeat an id (first at ${at.file}:${at.line}: ${firstDuplicate.message}); ${uniqueIdHint(spec.id, table)}`);
    }
    if (hidden > 0) {
        problems.add(spec.eachAt, `${table.file} has ${hidden} more problems not shown (the first ${limits/* ROW_PROBLEMS_MAX */.t8} are)`);
    }
}
/** How to make the id unique: a column whose values all differ, if the file has one. */
function uniqueIdHint(id, table) {
    const used = new Set(id.placeholders.map((p) => p.name));
    const unique = table.columns.find((column, c) => {
        if (used.has(column))
            return false;
        const values = new Set();
        for (let r = 0; r < table.rowCount; r++)
            values.add(table.row(r)[c]);
        return values.size === table.rowCount;
    });
    return unique === undefined
        ? `add a column with a value unique to each row to ${table.file} and use it in the id`
        : `add a column that differs on every row, e.g. ${quote(`${id.source}-{{${unique}}}`)}`;
}
function usedColumns(templates, columns) {
    const used = new Set();
    for (const t of templates) {
        for (const p of t.placeholders) {
            const index = columns.get(p.name);
            if (index !== undefined)
                used.add(index);
        }
    }
    return [...used];
}

;// CONCATENATED MODULE: ./lib/manifest/suggest.js
/** "Did you mean" hints for misspelt keys, enum values and column names. */
/** The candidate closest to `word`, if it is close enough to be a likely typo. */
function closest(word, candidates) {
    const lower = word.toLowerCase();
    let best;
    let bestDistance = Infinity;
    for (const candidate of candidates) {
        if (candidate.toLowerCase() === lower)
            return candidate;
        const limit = Math.max(1, Math.floor(Math.max(word.length, candidate.length) / 3));
        const distance = editDistance(lower, candidate.toLowerCase(), limit);
        if (distance <= limit && distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}
/** ` (did you mean "x"?)` or the empty string, ready to append to a message. */
function didYouMean(word, candidates) {
    const hint = closest(word, candidates);
    return hint === undefined ? "" : ` (did you mean "${hint}"?)`;
}
/**
 * Edit distance counting a swap of neighbours as one edit ("modle" is one edit from "model"),
 * giving up (returning limit + 1) once it must exceed `limit`.
 */
function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit)
        return limit + 1;
    let before = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMin = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let value = Math.min((previous[j] ?? Infinity) + 1, (current[j - 1] ?? Infinity) + 1, (previous[j - 1] ?? Infinity) + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                value = Math.min(value, (before[j - 2] ?? Infinity) + 1);
            }
            current.push(value);
            rowMin = Math.min(rowMin, value);
        }
        if (rowMin > limit)
            return limit + 1;
        before = previous;
        previous = current;
    }
    return previous[b.length] ?? limit + 1;
}

;// CONCATENATED MODULE: ./lib/manifest/param-checks.js



const MAX_SIDE = 4096;
const MAX_SECONDS = 60;
const wholeNumber = (min, max) => (value) => typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
const SIDE = {
    takes: `a whole number of pixels from 1 to ${MAX_SIDE}`,
    fits: wholeNumber(1, MAX_SIDE),
};
const SEED = {
    // The upper bound (2^53 - 1) is JSON's exact-integer limit, not a figure worth reading.
    takes: "a whole number, 0 or more",
    fits: wholeNumber(0, Number.MAX_SAFE_INTEGER),
};
const DURATION = {
    takes: `a number of seconds above 0, at most ${MAX_SECONDS}`,
    fits: (value) => typeof value === "number" && value > 0 && value <= MAX_SECONDS,
};
const KNOWN_PARAMS = {
    image: { width: SIDE, height: SIDE, seed: SEED },
    video: { width: SIDE, height: SIDE, seed: SEED, duration: DURATION },
    audio: { seed: SEED, duration: DURATION },
};
const ALL_KNOWN = new Set(Object.values(KNOWN_PARAMS).flatMap((known) => Object.keys(known)));
/**
 * Checks merged params for `type`: a known param with a value the API refuses is a problem, an
 * unknown one a warning (it is still sent). `sourceOf(key)` says where a key was written. A string
 * holding `{{column}}` is filled per row and not judged here.
 */
function checkParams(params, type, sourceOf, positions, problems, warnings) {
    const known = KNOWN_PARAMS[type];
    let ok = true;
    for (const [key, value] of Object.entries(params)) {
        const rule = Object.hasOwn(known, key) ? known[key] : undefined;
        if (rule === undefined) {
            // Defaults serve every type: width under defaults is not a mistake for an audio asset.
            const fromDefaults = sourceOf(key)[0] === "defaults";
            if (fromDefaults && ALL_KNOWN.has(key))
                continue;
            // A default reaches assets of every type: one warning for its line, not one per type.
            const names = fromDefaults ? [...ALL_KNOWN] : Object.keys(known);
            const noun = fromDefaults ? "any type" : TYPE_NOUN[type];
            warnings.add(positions.key(sourceOf(key)), `param ${quote(key)} is not one the API knows for ${noun}${didYouMean(key, names)}; ` +
                `it is sent as it is. Known: ${names.join(", ")}`);
            continue;
        }
        if (typeof value === "string" && value.includes("{{"))
            continue;
        if (rule.fits(value))
            continue;
        problems.add(positions.value(sourceOf(key)), `param ${quote(key)} is ${JSON.stringify(value)}; ${key} takes ${rule.takes}`);
        ok = false;
    }
    return ok;
}

;// CONCATENATED MODULE: ./lib/manifest/key-table.js

/**
 * A set of string keys, each with a number, for the registry's claims (ids, outputs, folders).
 *
 * A JavaScript Map did this before; at 500,000 assets its tables cost more time than everything
 * else the registry does (they grow by copying, and every entry is three pointers), and they and
 * their lower-cased keys were half a loader's garbage. Here a key is a prefix of a string the
 * caller keeps anyway (an output's folder is a prefix of the output), so no key is sliced or
 * lower-cased to look it up, and the table is four flat arrays of 32-bit numbers.
 *
 * Hashes are the caller's, made with `hashStart`, `hashChar` and `hashEnd`. Lookups probe at
 * most MAX_PROBES slots; keys that would need more (only hostile input crafted to collide does
 * that) go to an ordinary Map, so no input makes a claim cost more than a few probes.
 */
const MAX_PROBES = 32;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const UPPER_A = 65;
const UPPER_Z = 90;
function hashStart() {
    return FNV_OFFSET;
}
/** Adds one UTF-16 unit to a running hash; `fold` hashes A-Z as a-z. */
function hashChar(hash, code, fold) {
    const c = fold && code >= UPPER_A && code <= UPPER_Z ? code + 32 : code;
    return Math.imul(hash ^ c, FNV_PRIME);
}
/** Finishes a running hash (murmur3's finaliser), so that its low bits depend on every unit. */
function hashEnd(hash) {
    let h = hash ^ (hash >>> 16);
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
}
/** The finished hash of `text`'s first `length` units. */
function hashOf(text, length, fold) {
    let hash = hashStart();
    for (let k = 0; k < length; k++)
        hash = hashChar(hash, text.charCodeAt(k), fold);
    return hashEnd(hash);
}
class KeyTable {
    fold;
    /** Entry + 1 per slot; 0 is an empty slot. */
    slots = new Int32Array(64);
    hashes = new Int32Array(16);
    lengths = new Int32Array(16);
    numbers = new Int32Array(16);
    texts = [];
    overflow;
    /** Keys announced so far (by `reserve`), to size the arrays once. */
    expected = 0;
    /** `fold`: keys that differ only in the case of A-Z are the same key. */
    constructor(fold) {
        this.fold = fold;
    }
    get size() {
        return this.texts.length;
    }
    /**
     * Announces `more` keys to come (on top of those announced before), so that the arrays are
     * sized once rather than grown step by step (or doubled for the last few keys).
     */
    reserve(more) {
        this.expected = Math.max(this.expected, this.texts.length) + more;
        this.grow(this.expected);
    }
    /** The number kept with the key `text.slice(0, length)`, or -1 when the key is not here. */
    find(text, length, hash) {
        const mask = this.slots.length - 1;
        let slot = hash & mask;
        for (let probe = 0; probe < MAX_PROBES; probe++) {
            const entry = (this.slots[slot] ?? 0) - 1;
            if (entry < 0)
                return -1;
            if (this.matches(entry, text, length, hash))
                return this.numbers[entry] ?? -1;
            slot = (slot + 1) & mask;
        }
        const entry = this.overflow?.get(this.flat(text, length));
        return entry === undefined ? -1 : (this.numbers[entry] ?? -1);
    }
    /** Adds the key `text.slice(0, length)`, which must not be here yet, with `number`. */
    add(text, length, hash, number) {
        const entry = this.texts.length;
        this.grow(entry + 1);
        this.texts.push(text);
        this.hashes[entry] = hash;
        this.lengths[entry] = length;
        this.numbers[entry] = number;
        this.place(entry);
    }
    matches(entry, text, length, hash) {
        if (this.hashes[entry] !== hash || this.lengths[entry] !== length)
            return false;
        const kept = this.texts[entry] ?? "";
        if (!this.fold && kept.length === length && text.length === length)
            return kept === text;
        for (let k = 0; k < length; k++) {
            const a = kept.charCodeAt(k);
            const b = text.charCodeAt(k);
            if (a === b)
                continue;
            if (!this.fold || (a | 32) !== (b | 32))
                return false;
            const lower = a | 32;
            if (lower < UPPER_A + 32 || lower > UPPER_Z + 32)
                return false;
        }
        return true;
    }
    place(entry) {
        const mask = this.slots.length - 1;
        let slot = (this.hashes[entry] ?? 0) & mask;
        for (let probe = 0; probe < MAX_PROBES; probe++) {
            if (this.slots[slot] === 0) {
                this.slots[slot] = entry + 1;
                return;
            }
            slot = (slot + 1) & mask;
        }
        this.overflow ??= new Map();
        this.overflow.set(this.flat(this.texts[entry] ?? "", this.lengths[entry] ?? 0), entry);
    }
    /** The key as a string of its own, only for keys in the overflow map. */
    flat(text, length) {
        const key = text.slice(0, length);
        return this.fold ? key.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : key;
    }
    /** Keeps the slots at most half full, and room in the per-entry arrays for `entries`. */
    grow(entries) {
        this.hashes = withRoom(this.hashes, entries);
        this.lengths = withRoom(this.lengths, entries);
        this.numbers = withRoom(this.numbers, entries);
        if (entries * 2 <= this.slots.length)
            return;
        let slots = this.slots.length * 2;
        while (entries * 2 > slots)
            slots *= 2;
        this.slots = new Int32Array(slots);
        this.overflow = undefined;
        for (let entry = 0; entry < this.texts.length; entry++)
            this.place(entry);
    }
}

;// CONCATENATED MODULE: ./lib/manifest/registry.js



const NON_ASCII = /[\u0080-\uffff]/;
const SLASH = 47;
/**
 * Ids and outputs seen so far, to refuse a second asset with the same id or the same output file,
 * and where each was written, for messages. Outputs are compared as the strictest file system
 * would: case-insensitively and after Unicode NFC, as on macOS and Windows checkouts.
 *
 * Nothing here is kept per row but what a claim needs: where things were written is a list of
 * ranges (a whole `each:` file is one), and the keys are the callers' own strings, found in
 * tables of numbers (key-table.ts), because a 500,000-row file would otherwise make millions of
 * objects only to report the rare duplicate.
 */
class AssetRegistry {
    ids = new KeyTable(false);
    outputs = new KeyTable(true);
    /** Folders that claimed outputs sit in, each with the first output under it. */
    folders = new KeyTable(true);
    /** Where origins `starts[k]` and on were written: one position, or a file's rows from there. */
    starts = [];
    sources = [];
    next = 0;
    /** Per claimed output: the asset's id, its output as written, and where. */
    names = [];
    files = [];
    outputOrigins = new Int32Array(16);
    expected = 0;
    /** Ends and hashes of the folders of the output being claimed (reused by every claim). */
    folderEnds = new Int32Array(64);
    folderHashes = new Int32Array(64);
    folderCount = 0;
    /** Records where something was written; the number is what the claims below take. */
    origin(at) {
        this.starts.push(this.next);
        this.sources.push(at);
        return this.next++;
    }
    /**
     * Records where `count` rows of a file were written, for claims to come: row `r` is origin
     * `first + r`. Ids and outputs get room for them all at once.
     */
    rowOrigins(rows, count) {
        const first = this.next;
        this.starts.push(first);
        this.sources.push(rows);
        this.next += count;
        this.expect(count);
        return first;
    }
    /** Announces `count` more claims of ids and outputs, so that room is made for them at once. */
    expect(count) {
        this.ids.reserve(count);
        this.outputs.reserve(count);
        this.expected = Math.max(this.expected, this.names.length) + count;
        this.outputOrigins = withRoom(this.outputOrigins, this.expected);
    }
    position(origin) {
        // The last range that starts at or before `origin`.
        let low = 0;
        let high = this.starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if ((this.starts[middle] ?? 0) <= origin)
                low = middle;
            else
                high = middle - 1;
        }
        const at = this.sources[low];
        if (at === undefined)
            return { file: "", line: 1, col: 1 };
        return "position" in at ? at.position(origin - (this.starts[low] ?? 0)) : at;
    }
    /** The problem if `id` is taken, else `undefined` (and `id` is now taken). */
    claimId(id, origin) {
        const hash = hashOf(id, id.length, false);
        const first = this.ids.find(id, id.length, hash);
        if (first >= 0)
            return `duplicate id ${quote(id)}; it is also declared at ${this.shown(first)}`;
        this.ids.add(id, id.length, hash, origin);
        return undefined;
    }
    /**
     * The problem if the file `fromRoot` (relative to the repository root) is taken, else
     * `undefined`. `output` (as the asset wrote it) and `id` are kept for the message.
     */
    claimOutput(fromRoot, output, id, origin) {
        // ASCII paths are compared with A-Z folded by the tables, without a lower-cased copy; others
        // are normalised and lower-cased here (their lower case may even be ASCII: K, the Kelvin sign).
        const key = NON_ASCII.test(fromRoot) ? fromRoot.normalize("NFC").toLowerCase() : fromRoot;
        const hash = this.hashFolders(key);
        const first = this.outputs.find(key, key.length, hash);
        if (first >= 0) {
            const firstOutput = this.files[first] ?? "";
            return firstOutput === output
                ? `output ${quote(output)} is also written by ${this.owner(first)}`
                : `output ${quote(output)} is the same file as ${quote(firstOutput)} of ${this.owner(first)} on case-insensitive file systems`;
        }
        // A file and a folder cannot share a path: one of the two would fail on every run, after
        // its job was paid for.
        const inside = this.folders.find(key, key.length, hash);
        if (inside >= 0) {
            return `output ${quote(output)} is a folder holding ${quote(this.files[inside] ?? "")} of ${this.owner(inside)}; a path cannot be both`;
        }
        // Up from the nearest parent, to the first folder already recorded: it is no file (a file is
        // never claimed where a folder is), nor is any folder above it (they were recorded with it).
        // Rows of one `each:` share a folder, so most claims stop at their first parent.
        let depth = this.folderCount;
        let known = 0; // how many folders, from the top, are recorded: those below are new
        for (let d = depth - 1; d >= 0; d--) {
            const end = this.folderEnds[d] ?? 0;
            const folderHash = this.folderHashes[d] ?? 0;
            if (this.folders.find(key, end, folderHash) >= 0) {
                known = d + 1;
                break;
            }
            const file = this.outputs.find(key, end, folderHash);
            if (file >= 0) {
                return `output ${quote(output)} would put a folder where ${quote(this.files[file] ?? "")} of ${this.owner(file)} is written; a path cannot be both`;
            }
        }
        const index = this.names.length;
        this.outputs.add(key, key.length, hash, index);
        this.names.push(id);
        this.files.push(output);
        this.outputOrigins = withRoom(this.outputOrigins, index + 1);
        this.outputOrigins[index] = origin;
        for (depth--; depth >= known; depth--) {
            this.folders.add(key, this.folderEnds[depth] ?? 0, this.folderHashes[depth] ?? 0, index);
        }
        return undefined;
    }
    /**
     * The hash of `key` (A-Z folded), and on the way, the end and hash of each folder it sits in
     * (every "/" but a leading one), so that no folder is sliced out to be looked up.
     */
    hashFolders(key) {
        let hash = hashStart();
        let count = 0;
        for (let k = 0; k < key.length; k++) {
            const code = key.charCodeAt(k);
            if (code === SLASH && k > 0) {
                if (count === this.folderEnds.length) {
                    this.folderEnds = withRoom(this.folderEnds, count + 1);
                    this.folderHashes = withRoom(this.folderHashes, count + 1);
                }
                this.folderEnds[count] = k;
                this.folderHashes[count] = hashEnd(hash);
                count++;
            }
            hash = hashChar(hash, code, true);
        }
        this.folderCount = count;
        return hashEnd(hash);
    }
    owner(index) {
        return `asset ${quote(this.names[index] ?? "")} (${this.shown(this.outputOrigins[index] ?? 0)})`;
    }
    shown(origin) {
        const at = this.position(origin);
        return `${at.file}:${at.line}:${at.col}`;
    }
}

;// CONCATENATED MODULE: ./lib/manifest/template-checks.js




/**
 * Checks on an asset's templates, made once per declared asset rather than once per row: syntax,
 * the fixed parts of ids and outputs, and that every placeholder names a column.
 */
/** Where the k-th placeholder of `template` is written: the n-th copy of its text in the scalar. */
function placeholderAt(state, source, template, k) {
    const raw = template.placeholders[k]?.raw ?? "{{";
    const occurrence = template.placeholders.slice(0, k).filter((p) => p.raw === raw).length;
    return state.ctx.positions.placeholder(source, raw, occurrence);
}
function checkTemplateSyntax(state, field) {
    const { positions, problems } = state.ctx;
    const { template, source } = field;
    let ok = true;
    if (template.unclosedAt !== undefined) {
        const before = template.source.slice(0, template.unclosedAt).split("{{").length - 1;
        problems.add(positions.placeholder(source, "{{", before), `"{{" is never closed with "}}"`);
        ok = false;
    }
    template.placeholders.forEach((p, k) => {
        if (p.name !== "")
            return;
        problems.add(placeholderAt(state, source, template, k), `empty placeholder ${p.raw}; write {{column}}`);
        ok = false;
    });
    return ok;
}
/**
 * Checks the fixed text of id and output templates once, so that a mistake there is one problem
 * at the template rather than one per row.
 */
function checkTemplateParts(state, fields, type) {
    const { positions, problems } = state.ctx;
    let ok = true;
    let extensionChecked = false;
    for (const { name, template, source } of fields) {
        if (template.placeholders.length === 0 || (name !== "id" && name !== "output"))
            continue;
        const report = (problem) => {
            problems.add(positions.value(source), `${name} ${quote(template.source)} ${problem}`);
            ok = false;
        };
        if (name === "id") {
            const bad = template.literals.join("").match(/[^A-Za-z0-9._-]/)?.[0];
            if (bad !== undefined)
                report(`contains ${quote(bad)}; ${ID_RULE}`);
            else if (/^[._-]/.test(template.literals[0] ?? ""))
                report(`does not start with a letter or digit; ${ID_RULE}`);
            continue;
        }
        const first = template.literals[0] ?? "";
        const last = template.literals.at(-1) ?? "";
        // A "." after the last placeholder fixes the extension for every row.
        const extension = last.includes(".") ? outputExtensionProblem(`x${last}`, type) : undefined;
        extensionChecked = last.includes(".") && extension === undefined;
        const problem = (/^(?:[/\\]|[A-Za-z]:)/.test(first)
            ? "is absolute; write it relative to the manifest's folder"
            : undefined) ??
            template.literals.map(path_rules/* characterProblem */.$).find((p) => p !== undefined) ??
            extension;
        if (problem)
            report(problem);
    }
    return { ok, extensionChecked };
}
function checkColumns(state, fields, table) {
    let ok = true;
    const known = table.columns.length > 0 ? table.columns.join(", ") : "(none)";
    for (const field of fields) {
        field.template.placeholders.forEach((p, k) => {
            if (p.name === "" || table.columnIndex.has(p.name))
                return;
            state.ctx.problems.add(placeholderAt(state, field.source, field.template, k), `unknown column "${p.name}" in ${p.raw}${didYouMean(p.name, table.columns)}; ${table.file} has columns: ${known}`);
            ok = false;
        });
    }
    return ok;
}

// EXTERNAL MODULE: ./lib/manifest/variants.js
var variants = __webpack_require__(5907);
;// CONCATENATED MODULE: ./lib/manifest/expand.js












async function expandAssets(ctx, defaults, declared) {
    const state = {
        ctx,
        tables: new Map(),
        out: { assets: [], outputAt: new Map(), climbing: new Map(), registry: new AssetRegistry() },
        asked: declared.length,
    };
    // Each declared asset claims at most one id and output; an `each:` announces its rows itself.
    state.out.registry.expect(declared.length);
    for (const { index, raw, broken } of declared) {
        await expandOne(state, defaults, index, { raw, broken });
    }
    return state.out;
}
/**
 * Checks one declared asset and adds what it expands to. An asset with invalid fields (already
 * reported) is still checked as far as its valid fields allow, but adds nothing.
 */
async function expandOne(state, { raw: defaults, broken: brokenDefaults }, index, { raw, broken }) {
    const { positions, problems } = state.ctx;
    const base = ["assets", index];
    const source = positions.value(base);
    const type = raw.type ?? defaults.type ?? typeFromOutput(raw.output);
    const model = raw.model ?? defaults.model;
    let ok = broken.size === 0;
    // An invalid value here or in defaults is reported already; "no type" would be noise.
    const reportable = (key) => !broken.has(key) && !brokenDefaults.has(key);
    if (type === undefined) {
        if (reportable("type") && !broken.has("output")) {
            problems.add(positions.value([...base, "output"]), `asset ${quote(raw.id)} has no "type", and output ${quote(raw.output)} does not name one: ` +
                `version 1 of the API delivers ${path_rules/* API_FORMATS */.Uh}; use one of those extensions or set type`);
        }
        ok = false;
    }
    if (model === undefined) {
        if (reportable("model")) {
            problems.add(source, `asset ${quote(raw.id)} has no "model"; set it here or under defaults`);
        }
        ok = false;
    }
    const variants = assetVariants(raw.variants, defaults.variants, type);
    if (variants === "audio") {
        problems.add(positions.value([...base, "variants"]), `asset ${quote(raw.id)} is audio, which has no picture to derive variants from: ` +
            `variants are made from an image, or from a video's poster frame; remove "variants" here`);
        ok = false;
    }
    const variantsField = Array.isArray(variants) ? { variants } : {};
    const params = { ...defaults.params, ...raw.params };
    const paramSource = (key) => raw.params && Object.hasOwn(raw.params, key)
        ? [...base, "params", key]
        : ["defaults", "params", key];
    const paramTemplates = findParamTemplates(params, paramSource);
    if (type !== undefined) {
        const { warnings } = state.ctx;
        ok = checkParams(params, type, paramSource, positions, problems, warnings) && ok;
    }
    const fields = [
        { name: "id", template: parseTemplate(raw.id), source: [...base, "id"] },
        { name: "prompt", template: parseTemplate(raw.prompt), source: [...base, "prompt"] },
        { name: "output", template: parseTemplate(raw.output), source: [...base, "output"] },
        ...paramTemplates.map((p) => ({
            name: "params",
            template: p.template,
            source: p.source,
        })),
    ];
    const untemplated = [
        ["model", model, raw.model !== undefined ? [...base, "model"] : ["defaults", "model"]],
        ["each", raw.each, [...base, "each"]],
    ];
    for (const [name, text, at] of untemplated) {
        const template = parseTemplate(text ?? "");
        template.placeholders.forEach((p, k) => {
            problems.add(placeholderAt(state, at, template, k), `${p.raw} cannot be used in "${name}"; only id, prompt, output and params take {{column}}`);
            ok = false;
        });
    }
    for (const field of fields)
        ok = checkTemplateSyntax(state, field) && ok;
    if (raw.each === undefined) {
        let placeholders = 0;
        for (const field of fields) {
            field.template.placeholders.forEach((p, k) => {
                placeholders++;
                if (p.name === "")
                    return; // reported as an empty placeholder
                problems.add(placeholderAt(state, field.source, field.template, k), `${p.raw} needs an "each:" file on this asset to take "${p.name}" from`);
            });
        }
        // An id or output with "{{" would only add a second, less helpful problem.
        if (placeholders > 0)
            return;
        const { id, prompt, output } = raw;
        emitDeclared(state, { id, type, model, prompt, params, output, source, ...variantsField }, base, ok);
        return;
    }
    const parts = type === undefined
        ? { ok: true, extensionChecked: false }
        : checkTemplateParts(state, fields, type);
    ok = parts.ok && ok;
    const eachAt = positions.value([...base, "each"]);
    const table = await loadTable(state, raw.each, eachAt);
    if (!table)
        return;
    ok = checkColumns(state, fields, table) && ok;
    for (const field of fields) {
        const perRow = field.name === "id" || field.name === "output";
        if (perRow && table.rowCount > 1 && field.template.placeholders.length === 0) {
            problems.add(positions.value(field.source), `${field.name} ${quote(field.template.source)} is the same for every row of ${table.file}; add a {{column}} to it`);
            ok = false;
        }
    }
    if (state.asked + table.rowCount > limits/* MAX_ASSETS */.v8) {
        problems.add(eachAt, `${table.file} has ${table.rowCount} rows, which would make more than ${limits/* MAX_ASSETS */.v8} assets in all`);
        ok = false;
    }
    if (!ok || type === undefined || model === undefined)
        return;
    state.asked += table.rowCount;
    const [id, prompt, output] = fields.map((f) => f.template);
    emitRows(state, {
        type,
        model,
        params,
        ...variantsField,
        paramTemplates,
        id,
        prompt,
        output,
        table,
        extensionChecked: parts.extensionChecked,
        eachAt,
        idAt: positions.value([...base, "id"]),
    });
}
/** Defaults' lists, expanded once and shared (frozen) by every asset that takes them. */
const expandedDefaults = new WeakMap();
/**
 * The asset's variants: its own list (or `none`) replaces the defaults'. Images and videos (from
 * their poster frame) take them; audio has no picture, so the defaults pass it by and a list of
 * its own is a problem.
 */
function assetVariants(own, defaults, type) {
    if (own !== undefined) {
        if (own === "none")
            return undefined;
        if (type === "audio")
            return "audio";
        return Object.freeze((0,variants/* expandVariants */.Ts)(own));
    }
    // Defaults apply to what has a picture: an image, and a video through its poster frame.
    if (defaults === undefined || defaults === "none" || type === "audio" || type === undefined) {
        return undefined;
    }
    let shared = expandedDefaults.get(defaults);
    if (shared === undefined) {
        shared = Object.freeze((0,variants/* expandVariants */.Ts)(defaults));
        expandedDefaults.set(defaults, shared);
    }
    return shared;
}
/**
 * The type an output's extension names (`.png` image, `.mp4` video, `.wav` audio), so that `type`
 * may be left out. For a `{{column}}` output, from the text after its last placeholder.
 */
function typeFromOutput(output) {
    const tail = parseTemplate(output).literals.at(-1) ?? "";
    const extension = (0,path_rules/* extensionOf */.je)(`x${tail}`);
    return extension === undefined ? undefined : (0,path_rules/* typeForExtension */.zX)(extension);
}
async function loadTable(state, each, eachAt) {
    const { problems, dirFromRoot, dir, cwd, guard } = state.ctx;
    const checked = (0,path_rules/* checkRepoPath */.Q1)(each, dirFromRoot);
    const problem = checked.ok
        ? (0,path_rules/* extensionProblem */.XN)(checked.path.fromManifest, path_rules/* DATA_EXTENSIONS */.GE, "an each: file")
        : checked.problem;
    if (problem || !checked.ok) {
        problems.add(eachAt, `each file ${quote(each)} ${problem ?? ""}`);
        return undefined;
    }
    const absolute = (0,external_node_path_.join)(dir, checked.path.fromManifest);
    let pending = state.tables.get(absolute);
    if (!pending) {
        pending = (async () => {
            const linkProblem = await guard.existingFileProblem(absolute);
            if (linkProblem)
                return { kind: "unreadable", reason: linkProblem, link: true };
            return readDataFile(absolute, displayPath(absolute, cwd), problems);
        })();
        state.tables.set(absolute, pending);
    }
    const result = await pending;
    if (result.kind === "table")
        return result.table;
    if (result.kind === "unreadable") {
        problems.add(eachAt, `cannot read each file ${quote(each)}: ${result.reason}`);
    }
    return undefined;
}

;// CONCATENATED MODULE: ./lib/manifest/output-links.js


/**
 * Follows symbolic links for every output folder (once per folder) and every output that is
 * itself a link, so that a link cannot carry a write outside the repository.
 */
async function checkOutputLinks({ assets, outputAt, climbing }, root, manifestFolder, guard, problems) {
    const { prefix } = manifestFolder;
    const output = (index) => assets[index]?.output ?? "";
    const pathFromRoot = climbing.size === 0
        ? (index) => prefix + output(index)
        : (index) => climbing.get(index) ?? prefix + output(index);
    // Runs of consecutive assets by folder, as [start, end) pairs: outputs of one `each:` mostly
    // share a folder, so one run holds them all, and the previous folder is reused without
    // slicing a new string per asset.
    const byFolder = new Map();
    let folder = "";
    let runs;
    for (let index = 0; index < assets.length; index++) {
        const path = pathFromRoot(index);
        const slash = path.lastIndexOf("/");
        if (!runs || slash !== folder.length || !path.startsWith(folder)) {
            folder = slash < 0 ? "" : path.slice(0, slash);
            runs = byFolder.get(folder);
            if (!runs)
                byFolder.set(folder, (runs = []));
        }
        if (runs[runs.length - 1] === index)
            runs[runs.length - 1] = index + 1;
        else
            runs.push(index, index + 1);
    }
    const report = (index, problem) => {
        const asset = assets[index];
        if (!asset)
            return;
        problems.add(outputAt.get(index) ?? asset.source, `output ${quote(asset.output)} ${problem}`);
    };
    await Promise.all([...byFolder].map(async ([folder, runs]) => {
        const absolute = (0,external_node_path_.join)(root, folder);
        const folderProblem = await guard.folderProblem(absolute);
        if (folderProblem) {
            report(runs[0] ?? 0, folderProblem);
            return;
        }
        const links = await guard.symlinksIn(absolute);
        if (links.size === 0)
            return;
        for (let run = 0; run < runs.length; run += 2) {
            for (let index = runs[run] ?? 0; index < (runs[run + 1] ?? 0); index++) {
                const path = pathFromRoot(index);
                if (!links.has(path.slice(path.lastIndexOf("/") + 1)))
                    continue;
                const linkProblem = await guard.linkProblem((0,external_node_path_.join)(root, path));
                if (linkProblem)
                    report(index, linkProblem);
            }
        }
    }));
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./lib/manifest/repo-fs.js



/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in worktrees). */
async function findRepoRoot(dir) {
    for (let current = dir;;) {
        try {
            await (0,promises_.stat)((0,external_node_path_.join)(current, ".git"));
            return current;
        }
        catch {
            const parent = (0,external_node_path_.dirname)(current);
            if (parent === current)
                return dir;
            current = parent;
        }
    }
}
/**
 * Checks, on disk, that paths which are lexically inside the repository stay inside once
 * symbolic links are followed. Each folder is resolved once, however many outputs it holds.
 */
class SymlinkGuard {
    realRoot;
    folders = new Map();
    links = new Map();
    constructor(realRoot) {
        this.realRoot = realRoot;
    }
    static async create(root) {
        return new SymlinkGuard(await (0,promises_.realpath)(root).catch(() => root));
    }
    /** Why a file in `folder` (which need not exist yet) would land outside, if it would. */
    async folderProblem(folder) {
        return (await this.folder(folder)).problem;
    }
    /**
     * The names in `folder` that are symbolic links: one readdir for all the outputs it holds,
     * rather than an lstat per output. Empty when the folder does not exist (yet).
     */
    async symlinksIn(folder) {
        const state = await this.folder(folder);
        if (!state.exists || state.problem)
            return new Set();
        let names = this.links.get(folder);
        if (!names) {
            names = symlinkNames(folder).catch(() => new Set());
            this.links.set(folder, names);
        }
        return names;
    }
    /** Why the symbolic link `file` leads outside or nowhere, if it does. */
    async linkProblem(file) {
        try {
            return this.outside(await (0,promises_.realpath)(file));
        }
        catch {
            return "is a symbolic link that points nowhere";
        }
    }
    /** Why an existing file (an `each:` file) resolves outside, if it does. */
    async existingFileProblem(file) {
        try {
            return this.outside(await (0,promises_.realpath)(file));
        }
        catch {
            // Missing files are reported by whoever reads them, with the reason.
            return undefined;
        }
    }
    folder(folder) {
        let state = this.folders.get(folder);
        if (!state) {
            state = this.resolveFolder(folder);
            this.folders.set(folder, state);
        }
        return state;
    }
    async resolveFolder(folder) {
        try {
            return { exists: true, problem: this.outside(await (0,promises_.realpath)(folder)) };
        }
        catch (error) {
            const code = error.code;
            const parent = (0,external_node_path_.dirname)(folder);
            if (code === "ENOENT" && parent !== folder) {
                // The folder will be created inside its deepest existing ancestor; that one decides.
                return { exists: false, problem: (await this.folder(parent)).problem };
            }
            if (code === "ENOTDIR")
                return { exists: false, problem: "has a file where a folder should be" };
            return { exists: false, problem: `cannot be checked: ${error.message}` };
        }
    }
    outside(real) {
        const rel = (0,external_node_path_.relative)(this.realRoot, real);
        if (rel === "")
            return undefined;
        if (rel === ".." || rel.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(rel)) {
            return `leads through a symbolic link to outside the repository (${real})`;
        }
        const special = (0,path_rules/* specialFolderProblem */.l1)(rel.split(external_node_path_.sep));
        return special ? `leads through a symbolic link and ${special}` : undefined;
    }
}
/**
 * Read as a stream, in batches, each entry taken synchronously from the batch in hand: a folder
 * of 450,000 outputs listed at once is 450,000 entry objects held together (about 100 MB), and
 * an awaited read per entry costs twice the listing itself in promises. A sync read blocks only
 * while the next batch of names is fetched.
 */
async function symlinkNames(folder) {
    const names = new Set();
    const dir = await (0,promises_.opendir)(folder, { bufferSize: 1024 });
    try {
        for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
            if (entry.isSymbolicLink())
                names.add(entry.name);
        }
    }
    finally {
        await dir.close();
    }
    return names;
}

// EXTERNAL MODULE: ./lib/manifest/schema.js + 1 modules
var schema = __webpack_require__(9115);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./lib/manifest/yaml-hints.js
/**
 * yaml's syntax errors, with a hint in plain words for the mistakes people make in manifests, at
 * the place they made them: a ": " inside an unquoted value, a quote never closed (yaml notices
 * only at the end of the file), a tab used to indent (yaml then reports a cascade of errors on
 * the lines after it, which are dropped).
 */
function explainSyntaxErrors(errors, text) {
    const tabs = errors.filter((e) => e.code === "TAB_AS_INDENT");
    const shown = tabs.length > 0 ? tabs : errors;
    return shown.map((error) => {
        const at = error.pos[0];
        const message = yamlMessage(error.message);
        switch (error.code) {
            case "TAB_AS_INDENT":
                return {
                    at,
                    message: `${message}: YAML indents with spaces only; replace the tab with spaces`,
                };
            case "BLOCK_AS_IMPLICIT_KEY": {
                const line = lineAt(text, at);
                const pair = /^(\s*(?:- )?)([\w-]+):\s+(.*\S)\s*$/.exec(line.text);
                if (pair === null)
                    return { at, message };
                const quoted = `${pair[2]}: ${JSON.stringify(pair[3])}`;
                return {
                    at: line.start + (pair[1]?.length ?? 0),
                    message: `${message}: the ": " inside this value starts another key; put the value in quotes: ${quoted}`,
                };
            }
            case "MISSING_CHAR": {
                const opened = /quote/.test(error.message) ? unclosedQuote(text, at) : undefined;
                if (opened === undefined)
                    return { at, message };
                return {
                    at: opened,
                    message: `this quote is never closed (YAML read on to the end of the file); close it on this line with ${text[opened]}`,
                };
            }
            default:
                return { at, message };
        }
    });
}
function lineAt(text, offset) {
    const start = text.lastIndexOf("\n", offset - 1) + 1;
    const end = text.indexOf("\n", offset);
    return { start, text: text.slice(start, end < 0 ? undefined : end) };
}
/**
 * The first value that opens a quote and does not close it on its line (a multi-line quoted value
 * is legal, and rare in a manifest): where the quote opened, before `before`.
 */
function unclosedQuote(text, before) {
    const value = /(?:^|:|-)[ \t]+(["'])/gm;
    for (let match = value.exec(text); match !== null; match = value.exec(text)) {
        const open = match.index + match[0].length - 1;
        if (open >= before)
            return undefined;
        const quote = match[1];
        const end = text.indexOf("\n", open);
        const rest = text.slice(open + 1, end < 0 ? undefined : end);
        const closed = quote === '"' ? /(?:^|[^\\])(?:\\\\)*"/.test(rest) : rest.includes("'");
        if (!closed)
            return open;
    }
    return undefined;
}
/** yaml's messages sometimes end in a position and an excerpt; the position is ours to print. */
function yamlMessage(message) {
    if (/call stack/i.test(message))
        return "the YAML is nested too deeply";
    const firstLine = message.split("\n", 1)[0] ?? message;
    return firstLine.replace(/ at line \d+, column \d+:?\s*$/, "").trim();
}

;// CONCATENATED MODULE: ./lib/manifest/yaml-source.js



/** Maps paths in the converted value back to where they were written, for messages. */
class YamlPositions {
    doc;
    lines;
    text;
    file;
    constructor(doc, lines, text, file) {
        this.doc = doc;
        this.lines = lines;
        this.text = text;
        this.file = file;
    }
    /** Where the value at `path` starts, or the deepest existing parent when it is absent. */
    value(path) {
        return this.at(this.walk(path).node);
    }
    /** Where the key of the entry at `path` is written (for unknown or reserved keys). */
    key(path) {
        const found = this.walk(path);
        return this.at(found.complete && found.key ? found.key : found.node);
    }
    /** Whether `path` names something written in the document. */
    has(path) {
        return this.walk(path).complete;
    }
    /**
     * Where the `occurrence`-th copy of `raw` (a `{{placeholder}}`) sits in the scalar at `path`.
     * The source is searched rather than computed, so quoting and folding need no special cases;
     * if escapes hide it, the scalar's start is close enough.
     */
    placeholder(path, raw, occurrence) {
        const { node } = this.walk(path);
        const range = node?.range;
        if (!(0,dist/* isScalar */.jn)(node) || !range)
            return this.at(node);
        let offset = range[0] - 1;
        for (let k = 0; k <= occurrence; k++) {
            offset = this.text.indexOf(raw, offset + 1);
            if (offset < 0 || offset >= range[1])
                return this.at(node);
        }
        return this.offset(offset);
    }
    /**
     * When the value at `path` is a plain scalar followed on its line by a comment: where the
     * comment's "#" is and its text. A plain scalar ends at " #", which may not be what was meant.
     */
    commentAfterPlain(path) {
        const { node, complete } = this.walk(path);
        if (!complete || !(0,dist/* isScalar */.jn)(node) || node.type !== "PLAIN" || !node.range)
            return undefined;
        const end = node.range[1];
        const lineEnd = this.text.indexOf("\n", end);
        const rest = this.text.slice(end, lineEnd < 0 ? undefined : lineEnd);
        const match = /^[ \t]+#/.exec(rest);
        if (!match)
            return undefined;
        const hash = end + match[0].length - 1;
        return { at: this.offset(hash), text: rest.slice(match[0].length - 1).trimEnd() };
    }
    offset(offset) {
        const { line, col } = this.lines.linePos(offset);
        return { file: this.file, line, col };
    }
    at(node) {
        return this.offset(node?.range?.[0] ?? 0);
    }
    walk(path) {
        let node = this.resolve(this.doc.contents);
        let key;
        for (const segment of path) {
            let next;
            key = undefined;
            if ((0,dist/* isMap */.jh)(node)) {
                const wanted = String(segment);
                const pair = node.items.find((p) => (0,dist/* isScalar */.jn)(p.key) && String(p.key.value) === wanted);
                if (pair) {
                    key = pair.key;
                    next = pair.value;
                    // `key:` with no value still has a place: the key.
                    if (next === null)
                        return { node: key, key, complete: true };
                }
            }
            else if ((0,dist/* isSeq */.oP)(node) && typeof segment === "number") {
                next = node.items[segment];
            }
            if (next === undefined)
                return { node, key: undefined, complete: false };
            node = this.resolve(next);
        }
        return { node, key, complete: true };
    }
    resolve(node) {
        let current = node;
        for (let hops = 0; (0,dist/* isAlias */.Vj)(current) && hops < limits/* MAX_ALIAS_COUNT */.w4; hops++) {
            current = current.resolve(this.doc);
        }
        return current;
    }
}
/**
 * Parses one YAML document with source positions. Syntax errors, alias bombs and runaway nesting
 * become problems; `undefined` is returned when the value cannot be trusted.
 */
function parseYaml(text, file, problems) {
    const lines = new dist/* LineCounter */.HN();
    const composed = compose(text, lines);
    if (composed.kind === "too-deep") {
        const { line, col } = lines.linePos(composed.offset);
        problems.add({ file, line, col }, `YAML collections nested more than ${limits/* MAX_FLOW_NESTING */.rA} levels deep`);
        return undefined;
    }
    const { doc, extraDocumentAt } = composed;
    const positions = new YamlPositions(doc, lines, text, file);
    for (const { at, message } of explainSyntaxErrors(doc.errors, text)) {
        problems.add(positions.offset(at), message);
    }
    if (extraDocumentAt !== undefined) {
        problems.add(positions.offset(extraDocumentAt), "a manifest is one YAML document; remove this second one");
    }
    if (doc.errors.length > 0 || extraDocumentAt !== undefined)
        return undefined;
    try {
        return { value: doc.toJS({ maxAliasCount: limits/* MAX_ALIAS_COUNT */.w4 }), positions };
    }
    catch (error) {
        const at = firstAlias(doc, positions) ?? positions.offset(0);
        const reason = error instanceof Error ? error.message : String(error);
        const message = /alias count/i.test(reason)
            ? `YAML aliases expand to too much data (more than ${limits/* MAX_ALIAS_COUNT */.w4} alias uses); this looks like an alias bomb`
            : `cannot read the YAML: ${yamlMessage(reason)}`;
        problems.add(at, message);
        return undefined;
    }
}
/**
 * yaml's parseDocument, with a guard: the lexer's flow brackets are counted as they stream by,
 * and a document nested too deeply is refused before yaml builds (and recurses through) it —
 * a megabyte of "[" otherwise costs seconds and a gigabyte.
 */
function compose(text, lines) {
    const lexer = new dist/* Lexer */.JG();
    const parser = new dist/* Parser */.iX(lines.addNewLine);
    lines.addNewLine(0);
    const composer = new dist/* Composer */.Dk({
        prettyErrors: false,
        uniqueKeys: true,
        stringKeys: true,
        // YAML 1.1 tags (!!binary, !!timestamp, !!set) would make values JSON cannot carry.
        resolveKnownTags: false,
        // Warnings would go to process warnings (stderr); errors are still collected.
        logLevel: "error",
    });
    let offset = 0;
    let depth = 0;
    let tooDeepAt;
    function* tokens() {
        for (const lexeme of lexer.lex(text, false)) {
            if (lexeme === "[" || lexeme === "{") {
                if (++depth > limits/* MAX_FLOW_NESTING */.rA) {
                    tooDeepAt = offset;
                    return;
                }
            }
            else if (lexeme === "]" || lexeme === "}")
                depth--;
            yield* parser.next(lexeme);
            offset += lexeme.length;
        }
        yield* parser.end();
    }
    let doc;
    let extraDocumentAt;
    for (const next of composer.compose(tokens(), true, text.length)) {
        if (!doc)
            doc = next;
        else {
            extraDocumentAt = next.range[0];
            break;
        }
    }
    if (tooDeepAt !== undefined)
        return { kind: "too-deep", offset: tooDeepAt };
    if (!doc)
        return { kind: "too-deep", offset: 0 };
    return extraDocumentAt === undefined
        ? { kind: "doc", doc }
        : { kind: "doc", doc, extraDocumentAt };
}
function firstAlias(doc, positions) {
    let at;
    (0,dist/* visit */.YR)(doc, {
        Alias(_key, node) {
            at = positions.offset(node.range?.[0] ?? 0);
            return dist/* visit */.YR.BREAK;
        },
    });
    return at;
}

;// CONCATENATED MODULE: ./lib/manifest/zod-problems.js



/**
 * Turns zod issues into `FILE:LINE:COL: message` problems at the YAML node they are about: the key
 * for unknown or reserved keys, the value otherwise, the enclosing map for a missing key.
 */
function reportIssues(issues, base, root, positions, problems) {
    for (const issue of issues) {
        let path = [...base, ...issue.path];
        if (issue.code === "invalid_union" && path.at(-1) === "variants") {
            // `none` or a list: a list is what was meant when a list was written, so its own problems
            // (an unknown format, a width of 0) are the ones worth saying.
            const asList = issue.errors.find((branch) => branch.every((i) => i.path.length > 0 || i.code === "custom"));
            if (Array.isArray(valueAt(root, path)) && asList !== undefined) {
                reportIssues(asList, path, root, positions, problems);
                continue;
            }
            problems.add(positions.value(path), `"variants" must be none or a list of { format, widths, quality }`);
            continue;
        }
        if (issue.code === "invalid_union") {
            // z.json() reports at the top param; point at the value inside it that is not JSON.
            path = [...path, ...(nonJsonPath(valueAt(root, path)) ?? [])];
        }
        if (issue.code === "unrecognized_keys") {
            const known = knownKeys(path);
            for (const key of issue.keys) {
                const hint = didYouMean(key, known);
                const message = hint
                    ? `unknown key ${quote(key)}${hint}`
                    : `unknown key ${quote(key)}; expected one of: ${known.join(", ")}`;
                problems.add(positions.key([...path, key]), message);
            }
            continue;
        }
        if (issue.code === "custom" && issue.params?.["at"] === "key") {
            problems.add(positions.key(path), issue.message);
            continue;
        }
        const present = positions.has(path);
        problems.add(positions.value(path), messageFor(issue, path, present, valueAt(root, path)));
    }
}
function messageFor(issue, path, present, value) {
    const name = fieldName(path);
    switch (issue.code) {
        case "invalid_type":
            if (!present)
                return `missing required key ${quote(String(path.at(-1)))}`;
            return `${name} must be ${expectedName(issue.expected)}, not ${describe(value)}`;
        case "invalid_value": {
            const allowed = issue.values.map((v) => String(v));
            if (!present)
                return `missing required key ${quote(String(path.at(-1)))}`;
            if (allowed.length === 1)
                return `${name} must be ${allowed[0]}, not ${describe(value)}`;
            const hint = typeof value === "string" ? didYouMean(value, allowed) : "";
            return `${name} must be one of ${allowed.join(", ")}, not ${describe(value)}${hint}`;
        }
        case "too_small":
            if (issue.origin === "string")
                return `${name} must not be empty`;
            return `${name} is too small: ${issue.message}`;
        case "invalid_union":
            return `${name} must be a string, a finite number, true, false, null, a list or a map, not ${describe(value)}`;
        default:
            return `${name}: ${issue.message}`;
    }
}
function knownKeys(path) {
    if (path.length === 0)
        return schema/* MANIFEST_KEYS */.Tb;
    if (path.length === 1 && path[0] === "defaults")
        return schema/* DEFAULTS_KEYS */.iA;
    if (path[0] === "pricing")
        return schema/* PRICE_KEYS */.ll;
    return schema/* ASSET_KEYS */.IH;
}
/** `"model"`, or for a list item `item 3 of "assets"`. */
function fieldName(path) {
    const last = path.at(-1);
    if (last === undefined)
        return "the manifest";
    if (typeof last === "number") {
        const parent = path.at(-2);
        return parent === undefined ? `item ${last + 1}` : `item ${last + 1} of "${String(parent)}"`;
    }
    return `"${String(last)}"`;
}
function expectedName(expected) {
    switch (expected) {
        case "object":
        case "record":
            return "a map";
        case "array":
            return "a list";
        case "boolean":
            return "true or false";
        case "string":
            return "a string";
        case "number":
            return "a number";
        default:
            return expected;
    }
}
/** How a YAML value reads in a message. */
function describe(value) {
    if (value === null || value === undefined)
        return "empty";
    if (typeof value === "string")
        return `the string ${quote(value, 40)}`;
    if (typeof value === "number") {
        return Number.isFinite(value) ? `the number ${value}` : `${value} (not a finite number)`;
    }
    if (typeof value === "boolean")
        return String(value);
    if (Array.isArray(value))
        return "a list";
    return "a map";
}
function valueAt(root, path) {
    let current = root;
    for (const segment of path) {
        if (current === null || typeof current !== "object")
            return undefined;
        current = current[segment];
    }
    return current;
}
/** The path to the first value inside `value` that JSON cannot carry, if there is one. */
function nonJsonPath(value, depth = 0) {
    if (depth > 100)
        return undefined;
    if (value === null || typeof value === "string" || typeof value === "boolean")
        return undefined;
    if (typeof value === "number")
        return Number.isFinite(value) ? undefined : [];
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const inner = nonJsonPath(value[i], depth + 1);
            if (inner)
                return [i, ...inner];
        }
        return undefined;
    }
    if (typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) {
            const found = nonJsonPath(inner, depth + 1);
            if (found)
                return [key, ...found];
        }
        return undefined;
    }
    return [];
}

;// CONCATENATED MODULE: ./lib/manifest/load.js












/**
 * Reads, validates and expands a manifest: assets in declaration order, `each:` rows in row
 * order. Throws ManifestError carrying every problem found, and never anything else.
 */
async function loadManifest(manifestPath, options = {}) {
    const cwd = options.cwd ?? process.cwd();
    const path = (0,external_node_path_.resolve)(cwd, manifestPath);
    const file = displayPath(path, cwd);
    const problems = new ProblemList();
    const warnings = new ProblemList();
    let manifest;
    try {
        manifest = await load(path, file, cwd, problems, warnings);
    }
    catch (error) {
        // Deep recursion in a parser or a failing disk must still be a manifest problem.
        const reason = error instanceof RangeError && /call stack/i.test(error.message)
            ? "the manifest is nested too deeply to read"
            : `cannot load the manifest: ${error instanceof Error ? error.message : String(error)}`;
        problems.add({ file, line: 1, col: 1 }, reason);
    }
    if (problems.size > 0 || !manifest) {
        throw new errors/* ManifestError */.Sh(problems.sorted(file), warnings.sorted(file));
    }
    return warnings.size > 0 ? { ...manifest, warnings: warnings.sorted(file) } : manifest;
}
async function load(path, file, cwd, problems, warnings) {
    const read = await (0,read_text/* readTextFile */.G)(path, limits/* MANIFEST_MAX_BYTES */.V4);
    if (!read.ok) {
        problems.add({ file, line: 1, col: 1 }, `cannot read the manifest: ${read.reason}`);
        return undefined;
    }
    const parsed = parseYaml(read.text, file, problems);
    if (!parsed)
        return undefined;
    const { value, positions } = parsed;
    if (value === null || value === undefined) {
        problems.add({ file, line: 1, col: 1 }, 'the manifest is empty; it needs "version: 1" and "assets"');
        return undefined;
    }
    const { defaults, declared } = validate(value, positions, problems);
    warnCutPrompts(declared, positions, warnings);
    const dir = (0,external_node_path_.dirname)(path);
    const root = await findRepoRoot(dir);
    const dirFromRoot = (0,path_rules/* manifestFolder */.UB)((0,external_node_path_.relative)(root, dir)
        .split(external_node_path_.sep)
        .filter((s) => s !== ""));
    const guard = await SymlinkGuard.create(root);
    const ctx = { positions, problems, warnings, dir, dirFromRoot, cwd, guard };
    const expanded = await expandAssets(ctx, defaults, declared);
    await checkOutputLinks(expanded, root, dirFromRoot, guard, problems);
    const manifest = { path, dir, root, assets: expanded.assets };
    // An invalid value is already a problem above; only a valid "store" changes anything.
    if (value.outputs === "store")
        manifest.outputs = "store";
    // Problems in it are reported above, at their lines; only a valid table is used.
    const pricing = schema/* pricingSchema */.oQ.safeParse(value.pricing);
    if (pricing.success && pricing.data !== undefined) {
        manifest.pricing = new Map(Object.entries(pricing.data));
    }
    return manifest;
}
/**
 * YAML ends a plain (unquoted) value at " #": `prompt: A nook #2 with books` asks for "A nook".
 * Legal, and never what was meant in a prompt.
 */
function warnCutPrompts(declared, positions, warnings) {
    for (const { index } of declared) {
        const comment = positions.commentAfterPlain(["assets", index, "prompt"]);
        if (comment === undefined)
            continue;
        warnings.add(comment.at, `the prompt ends before ${quote(comment.text, 40)}: YAML reads an unquoted " #" as the start of a comment; put the whole prompt in quotes to keep it`);
    }
}
const NOTHING_BROKEN = new Set();
/**
 * Validates with zod: the whole manifest in one pass when it is valid (the common case), else
 * part by part, so that every problem is found and the valid parts are still checked further.
 */
function validate(value, positions, problems) {
    const whole = schema/* manifestSchema */.rc.safeParse(value);
    if (whole.success) {
        return {
            defaults: { raw: whole.data.defaults ?? {}, broken: NOTHING_BROKEN },
            declared: whole.data.assets.map((raw, index) => ({ index, raw, broken: NOTHING_BROKEN })),
        };
    }
    const shell = schema/* manifestShellSchema */.XZ.safeParse(value, { reportInput: true });
    if (!shell.success)
        reportIssues(shell.error.issues, [], value, positions, problems);
    const top = (typeof value === "object" && value !== null && !Array.isArray(value) ? value : {});
    return {
        defaults: checkDefaults(top, positions, problems),
        declared: checkAssets(top, positions, problems),
    };
}
function checkDefaults(top, positions, problems) {
    if (top["defaults"] === undefined)
        return { raw: {}, broken: new Set() };
    const result = schema/* defaultsSchema */.ms.safeParse(top["defaults"], { reportInput: true });
    if (result.success)
        return { raw: result.data, broken: new Set() };
    reportIssues(result.error.issues, ["defaults"], top, positions, problems);
    return salvage(schema/* defaultsSchema */.ms, top["defaults"]);
}
/** Each asset is checked on its own, so one bad asset hides no problem in another. */
function checkAssets(top, positions, problems) {
    const assets = top["assets"];
    if (!Array.isArray(assets))
        return [];
    const checked = [];
    assets.forEach((item, index) => {
        const result = schema/* assetSchema */.wD.safeParse(item, { reportInput: true });
        if (result.success) {
            checked.push({ index, raw: result.data, broken: new Set() });
            return;
        }
        reportIssues(result.error.issues, ["assets", index], top, positions, problems);
        const { raw, broken } = salvage(schema/* assetSchema */.wD, item);
        // Without an id and an output there is little left to check. An invalid prompt (reported)
        // gets a stand-in: it is only checked for size, and the asset is never added.
        if (typeof raw["id"] === "string" && typeof raw["output"] === "string") {
            raw["prompt"] ??= "-";
            checked.push({ index, raw: raw, broken });
        }
    });
    return checked;
}
/**
 * The fields of an invalid object that are valid on their own, so that the checks that follow
 * (paths, ids, columns) still run on them and report their problems in the same pass.
 */
function salvage(schema, value) {
    const raw = {};
    const broken = new Set(["(object)"]);
    if (value === null || typeof value !== "object" || Array.isArray(value))
        return { raw, broken };
    for (const [key, field] of Object.entries(schema.shape)) {
        if (!Object.hasOwn(value, key))
            continue;
        const result = field.safeParse(value[key]);
        if (result.success)
            raw[key] = result.data;
        else
            broken.add(key);
    }
    return { raw, broken };
}


/***/ }),

/***/ 9115:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IH: () => (/* binding */ ASSET_KEYS),
  iA: () => (/* binding */ DEFAULTS_KEYS),
  Tb: () => (/* binding */ MANIFEST_KEYS),
  ll: () => (/* binding */ PRICE_KEYS),
  ys: () => (/* binding */ RESERVED_PARAMS),
  wD: () => (/* binding */ assetSchema),
  ms: () => (/* binding */ defaultsSchema),
  rc: () => (/* binding */ manifestSchema),
  XZ: () => (/* binding */ manifestShellSchema),
  oQ: () => (/* binding */ pricingSchema)
});

// UNUSED EXPORTS: PRICE_UNITS, priceSchema

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
// EXTERNAL MODULE: ./lib/manifest/limits.js
var limits = __webpack_require__(789);
;// CONCATENATED MODULE: ./lib/manifest/types.js
const ASSET_TYPES = ["image", "video", "audio"];

// EXTERNAL MODULE: ./lib/manifest/variants.js
var variants = __webpack_require__(5907);
;// CONCATENATED MODULE: ./lib/manifest/schema.js




/**
 * The manifest as written (before defaults are merged and `each:` rows expanded). Checks that
 * need more than one field (extensions by type, paths on disk, ids after interpolation) happen
 * after this, in expand.ts and paths.ts.
 */
/** Keys of params that the request body sets itself; a param cannot override them. */
const RESERVED_PARAMS = ["type", "model", "prompt"];
const assetType = schemas/* enum */.k5n(ASSET_TYPES)
    .describe("What to generate: image, video or audio. Decides which output extensions fit.");
const model = schemas/* string */.YjP().min(1).describe('The AgentFramer model, e.g. "flux-1.1-pro".');
const params = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* json */.Pq9())
    .superRefine((value, ctx) => {
    for (const key of RESERVED_PARAMS) {
        if (Object.hasOwn(value, key)) {
            ctx.addIssue({
                code: "custom",
                path: [key],
                message: `params cannot set "${key}"; use the asset's own "${key}" field`,
                params: { at: "key" },
            });
        }
    }
})
    .describe("Extra request body fields (width, height, seed, ...). An asset's params are merged over defaults.params, key by key. String values may use {{column}}.");
const variantEntry = schemas/* strictObject */.rej({
    format: schemas/* enum */.k5n(variants/* VARIANT_FORMATS */.bn).describe("webp, avif, jpeg or png."),
    widths: schemas/* array */.YOg(schemas/* int */.Whr().min(1).max(variants/* VARIANT_MAX_WIDTH */.kj))
        .min(1)
        .describe("Widths in pixels; one above the rendered image's (or video frame's) width is not made (never upscaled)."),
    quality: schemas/* int */.Whr()
        .min(1)
        .max(100)
        .optional()
        .describe("Encoder quality, 1-100 (default: webp 80, avif 50, jpeg 80; png is lossless)."),
});
const schema_variants = schemas/* union */.KCZ([
    schemas/* literal */.euz("none"),
    schemas/* array */.YOg(variantEntry)
        .min(1)
        .superRefine((value, ctx) => {
        const repeated = (0,variants/* repeatedVariant */.Q3)(value);
        if (repeated !== undefined) {
            ctx.addIssue({ code: "custom", message: `${repeated} is asked for twice (one file)` });
        }
    }),
])
    .describe("Web variants derived locally from an image's render, or from a video's poster frame (its middle; needs ffmpeg), with no job and no credits: {stem}-{width}.{format} beside the output. Not for audio. `none` turns them off; an asset's own list replaces the defaults'.");
const defaultsSchema = schemas/* strictObject */.rej({
    type: assetType.optional(),
    model: model.optional(),
    params: params.optional(),
    variants: schema_variants.optional(),
})
    .describe("Merged into every asset; an asset's own fields win.");
const assetSchema = schemas/* strictObject */.rej({
    id: schemas/* string */.YjP()
        .min(1)
        .describe('Unique after expansion. Letters, digits, "-", "_" and "."; may use {{column}} with each:.'),
    type: assetType.optional(),
    model: model.optional(),
    prompt: schemas/* string */.YjP()
        .min(1)
        .describe(`What to generate; may use {{column}}. At most ${limits/* PROMPT_MAX_BYTES */.kE} bytes.`),
    output: schemas/* string */.YjP()
        .min(1)
        .describe("Where the result is written, relative to the manifest's folder; must stay inside the repository and fit the type's extensions. May use {{column}}."),
    params: params.optional(),
    variants: schema_variants.optional(),
    each: schemas/* string */.YjP()
        .min(1)
        .optional()
        .describe("A CSV file with a header row, or a JSON array of objects (.json), relative to the manifest's folder: one asset per row."),
})
    .describe("One asset, or one per row of its each: file.");
const PRICE_UNITS = ["image", "megapixel", "second"];
const priceSchema = schemas/* strictObject */.rej({
    credits: schemas/* number */.aig()
        .min(0, "a price is 0 credits or more")
        .max(1e9, "a price is at most 10⁹ credits")
        .describe("Credits per unit; a job costs credits × units."),
    per: schemas/* enum */.k5n(PRICE_UNITS)
        .describe("The unit: image (one job), megapixel (params.width × params.height / 10⁶) or second (params.duration)."),
})
    .describe("A model's price, in the shape GET /models answers.");
const pricingSchema = schemas/* record */.g1P(schemas/* string */.YjP().min(1).max(200), priceSchema)
    .describe("Prices per model, given or overriding what GET /models says, e.g. { flux-1.1-pro: { credits: 4, per: image } }. plan estimates credits with them; render --max-credits refuses past a budget.");
const manifestSchema = schemas/* strictObject */.rej({
    version: schemas/* literal */.euz(1).describe("The manifest format version. Only 1 exists."),
    defaults: defaultsSchema.optional(),
    outputs: schemas/* enum */.k5n(["repository", "store"])
        .optional()
        .describe("Where outputs live. repository (the default): committed beside the manifest. store: in the store only (for sets too big for git); the lock is committed, the outputs are git-ignored, and `agentframer pull` materialises them."),
    pricing: pricingSchema.optional(),
    assets: schemas/* array */.YOg(assetSchema).describe("The assets, rendered in this order."),
})
    .meta({
    title: "agentframer manifest",
    description: "Declares the AI-generated media (images, video, audio) of a repository: what each asset is and where it lives. See agentframer render.",
});
/** The top level alone: assets are checked one by one so that one bad asset hides no other. */
const manifestShellSchema = manifestSchema.extend({ assets: schemas/* array */.YOg(schemas/* unknown */.L5J()) });
/** Known keys per object, for "did you mean" hints. */
const MANIFEST_KEYS = Object.keys(manifestSchema.shape);
const DEFAULTS_KEYS = Object.keys(defaultsSchema.shape);
const ASSET_KEYS = Object.keys(assetSchema.shape);
const PRICE_KEYS = Object.keys(priceSchema.shape);


/***/ })

};
