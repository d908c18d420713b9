/**
 * A small RFC 4180 CSV reader that remembers where each record starts, so that a malformed row can
 * be reported as `FILE:LINE:COL`. Accepts CRLF or LF line ends and a UTF-8 byte-order mark; skips
 * empty lines; header names are trimmed (values are kept exactly).
 *
 * The file is read twice: once whole, to check it and note where each row starts, and then row by
 * row as the rows are used. Holding 500,000 rows as arrays of strings until the last is used cost
 * a loader more memory than the assets they make; the text and two numbers per row cost little.
 */

import { withRoom } from "./int-array.js";

export interface TextProblem {
  line: number;
  col: number;
  message: string;
}

/** A checked CSV file: its header, and its rows, read again one at a time. */
export interface CsvRows {
  columns: string[];
  /** Every row, including those past `maxRows` (counted, but not readable). */
  count: number;
  /** 1-based line on which row `index` starts. */
  line(index: number): number;
  /**
   * Row `index`'s values (exactly `columns.length`), in `into` (returned), so that a loop over the
   * rows can reuse one array.
   */
  read(index: number, into?: string[]): string[];
}

export interface CsvScan {
  /** Present only when there were no problems. */
  rows?: CsvRows;
  problems: TextProblem[];
  /** Problems beyond `maxProblems`, counted but not kept. */
  omitted: number;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Where a reader is in the text; `line` and `lineStart` place problems. */
interface Cursor {
  text: string;
  at: number;
  line: number;
  lineStart: number;
}

/** What `readRecord` found beyond the values. */
interface RecordScan {
  fields: number;
  /** No field had a quote out of place. */
  ok: boolean;
  /** Where field number `expected + 1` starts, or -1. */
  surplusAt: number;
  /** The file ended inside a quoted field. */
  unclosed: boolean;
}

type Report = (cursor: Cursor, offset: number, message: string) => void;

/**
 * Reads one record from `cursor.at` up to its line end (not past it). Values go into `values`
 * when it is given; the check reads data rows without making their values.
 */
function readRecord(
  cursor: Cursor,
  expected: number,
  values: string[] | undefined,
  starts: number[] | undefined,
  report: Report,
  scan: RecordScan,
): void {
  const { text } = cursor;
  const n = text.length;
  let i = cursor.at;
  scan.fields = 0;
  scan.ok = true;
  scan.surplusAt = -1;
  scan.unclosed = false;
  for (;;) {
    starts?.push(i);
    if (scan.fields === expected) scan.surplusAt = i;
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
        if (values) value += text.slice(from, close);
        for (let k = text.indexOf("\n", from); k >= 0 && k < close; k = text.indexOf("\n", k + 1)) {
          cursor.line++;
          cursor.lineStart = k + 1;
        }
        if (text.charCodeAt(close + 1) !== QUOTE) {
          i = close + 1;
          break;
        }
        if (values) value += '"';
        from = close + 2;
      }
      if (values) values[scan.fields] = value;
      if (i < n && text.charCodeAt(i) !== COMMA && !isLineEnd(text, i)) {
        report(
          cursor,
          i,
          'unexpected text after a closing quote (a quote inside a quoted field is written "")',
        );
        scan.ok = false;
        while (i < n && text.charCodeAt(i) !== COMMA && !isLineEnd(text, i)) i++;
      }
    } else {
      const start = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) break;
        if (c === QUOTE) {
          report(
            cursor,
            i,
            'quote inside an unquoted field (quote the whole field and write the quote as "")',
          );
          scan.ok = false;
        }
        i++;
      }
      if (values) values[scan.fields] = text.slice(start, i);
    }
    scan.fields++;
    if (i < n && text.charCodeAt(i) === COMMA) i++;
    else break;
  }
  cursor.at = i;
}

function isLineEnd(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === LF || (c === CR && text.charCodeAt(at + 1) === LF);
}

/** Moves past the line end at `cursor.at`, if there is one. */
function nextLine(cursor: Cursor): void {
  if (cursor.at >= cursor.text.length) return;
  cursor.at += cursor.text.charCodeAt(cursor.at) === CR ? 2 : 1;
  cursor.line++;
  cursor.lineStart = cursor.at;
}

const NO_PROBLEMS: Report = () => undefined;

/**
 * Checks the whole file and notes where each row starts; values are read later, by row. Rows past
 * `maxRows` are counted, not noted: a file with more cannot be used, and 64 MiB of one-character
 * rows would otherwise note 32 million.
 */
export function scanCsv(
  text: string,
  maxProblems: number,
  maxRows = Number.POSITIVE_INFINITY,
): CsvScan {
  const problems: TextProblem[] = [];
  let omitted = 0;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const cursor: Cursor = { text, at: start, line: 1, lineStart: start };
  const scan: RecordScan = { fields: 0, ok: true, surplusAt: -1, unclosed: false };
  let columns: string[] | undefined;
  let offsets = new Int32Array(1024);
  let lines = new Int32Array(1024);
  let count = 0;

  const report: Report = (at, offset, message) => {
    if (problems.length < maxProblems)
      problems.push({ line: at.line, col: offset - at.lineStart + 1, message });
    else omitted++;
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
      const names: string[] = [];
      const starts: number[] = [];
      readRecord(cursor, -1, names, starts, report, scan);
      if (scan.unclosed) return { problems, omitted };
      columns = names.map((name) => name.trim());
      checkHeader(columns, starts, (at, message) => {
        report(cursor, at, message);
      });
    } else {
      readRecord(cursor, columns.length, undefined, undefined, report, scan);
      if (scan.unclosed) return { problems, omitted };
      if (scan.fields !== columns.length) {
        const surplus = scan.fields > columns.length;
        report(
          cursor,
          surplus ? scan.surplusAt : cursor.at,
          `row has ${fieldCount(scan.fields)}, header has ${columns.length}`,
        );
      } else if (scan.ok) {
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
  if (!columns || problems.length > 0 || omitted > 0) return { problems, omitted };
  const noted = Math.min(count, maxRows);
  return { rows: checkedRows(text, columns, offsets, lines, noted, count), problems, omitted };
}

function checkedRows(
  text: string,
  columns: string[],
  offsets: Int32Array,
  lines: Int32Array,
  noted: number,
  count: number,
): CsvRows {
  const cursor: Cursor = { text, at: 0, line: 1, lineStart: 0 };
  const scan: RecordScan = { fields: 0, ok: true, surplusAt: -1, unclosed: false };
  return {
    columns,
    count,
    line: (index) => (index < noted ? (lines[index] ?? 1) : 1),
    read(index, into = []) {
      if (index >= noted) throw new RangeError(`row ${index} of ${count} was counted, not noted`);
      cursor.at = offsets[index] ?? text.length;
      readRecord(cursor, -1, into, undefined, NO_PROBLEMS, scan);
      return into;
    },
  };
}

function fieldCount(fields: number): string {
  return fields === 1 ? "1 field" : `${fields} fields`;
}

function checkHeader(
  columns: readonly string[],
  starts: readonly number[],
  report: (offset: number, message: string) => void,
): void {
  const firstSeen = new Map<string, number>();
  columns.forEach((name, index) => {
    const at = starts[index] ?? 0;
    if (name === "") {
      report(at, `column ${index + 1} of the header has no name`);
      return;
    }
    const earlier = firstSeen.get(name);
    if (earlier !== undefined) {
      report(
        at,
        `column ${JSON.stringify(name)} appears twice in the header (columns ${earlier + 1} and ${index + 1})`,
      );
    } else {
      firstSeen.set(name, index);
    }
  });
}
