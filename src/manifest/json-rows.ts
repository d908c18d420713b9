import type { TextProblem } from "./csv.js";

/**
 * Rows from a JSON array of objects. JSON.parse reads the values; a small scanner finds where each
 * row starts (for messages) and, when the text is not JSON, where and why, since V8's messages
 * do not always give a position.
 */

export interface JsonTable {
  /** Every key used by any row, in first-seen order. */
  columns: string[];
  /** Values by column; `undefined` where the row lacks the key. */
  rows: (string | undefined)[][];
  /** Columns that some row holds as a list or map, by row (only for messages). */
  unusable: Map<number, Set<number>>;
  /** Where each row starts. */
  positions: { line: number; col: number }[];
}

export function parseJsonRows(
  text: string,
  maxProblems: number,
): { table?: JsonTable; problems: TextProblem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const offset = text.length - body.length;
  const scan = scanJson(body);
  const at = (pos: number): { line: number; col: number } => lineCol(text, pos + offset);
  if (!scan.ok) return { problems: [{ ...at(scan.offset), message: scan.message }] };
  const value: unknown = JSON.parse(body);
  if (!Array.isArray(value)) {
    return {
      problems: [{ ...at(scan.start), message: "a JSON each: file must be an array of objects" }],
    };
  }
  const problems: TextProblem[] = [];
  const columnIndex = new Map<string, number>();
  const columns: string[] = [];
  const rows: (string | undefined)[][] = [];
  const unusable = new Map<number, Set<number>>();
  const positions = scan.elements.map(at);
  value.forEach((element: unknown, rowIndex) => {
    if (element === null || typeof element !== "object" || Array.isArray(element)) {
      if (problems.length < maxProblems) {
        const where = positions[rowIndex] ?? at(scan.start);
        problems.push({ ...where, message: `row ${rowIndex + 1} is not an object` });
      }
      return;
    }
    const row: (string | undefined)[] = new Array<string | undefined>(columns.length);
    for (const [key, field] of Object.entries(element as Record<string, unknown>)) {
      let index = columnIndex.get(key);
      if (index === undefined) {
        index = columns.length;
        columnIndex.set(key, index);
        columns.push(key);
      }
      if (field === null) row[index] = "";
      else if (typeof field === "object") {
        let set = unusable.get(rowIndex);
        if (!set) unusable.set(rowIndex, (set = new Set()));
        set.add(index);
      } else row[index] = String(field);
    }
    rows.push(row);
  });
  if (problems.length > 0) return { problems };
  return { table: { columns, rows, unusable, positions }, problems };
}

export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf("\n"); k >= 0 && k < offset; k = text.indexOf("\n", k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

type ScanResult =
  { ok: true; start: number; elements: number[] } | { ok: false; offset: number; message: string };

const MAX_DEPTH = 512;

/** Validates JSON syntax and records where the top-level array's elements start. */
export function scanJson(text: string): ScanResult {
  let i = 0;
  const elements: number[] = [];
  const fail = (message: string): never => {
    throw new ScanError(i, message);
  };
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const describeHere = (): string =>
    i >= text.length ? "the end of the file" : JSON.stringify(text[i]);
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail("string is never closed");
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail("control character inside a string (write it as an escape such as \\n)");
      if (c === 92) {
        const e = text[i + 1] ?? "";
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("invalid \\u escape");
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== "") i += 2;
        else fail(`invalid escape \\${e}`);
      } else i++;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`);
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
          if (text[i] !== '"') fail(`expected a key in double quotes, found ${describeHere()}`);
          string();
          skipSpace();
          if (text[i] !== ":") fail(`expected ":" after a key, found ${describeHere()}`);
          i++;
        } else if (depth === 0) {
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
    if (c === '"') return string();
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
    if (i < text.length) fail(`unexpected ${describeHere()} after the JSON value`);
    return { ok: true, start, elements };
  } catch (error) {
    if (error instanceof ScanError)
      return { ok: false, offset: error.offset, message: error.message };
    throw error;
  }
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}
