/**
 * A small RFC 4180 CSV reader that remembers where each record starts, so that a malformed row can
 * be reported as `FILE:LINE:COL`. Accepts CRLF or LF line ends and a UTF-8 byte-order mark; skips
 * empty lines; header names are trimmed (values are kept exactly).
 */

export interface TextProblem {
  line: number;
  col: number;
  message: string;
}

export interface CsvTable {
  columns: string[];
  /** Data rows, each with exactly `columns.length` fields. */
  rows: string[][];
  /** 1-based line on which each row starts. */
  lines: number[];
}

export interface CsvResult {
  /** Present only when there were no problems. */
  table?: CsvTable;
  problems: TextProblem[];
  /** Problems beyond `maxProblems`, counted but not kept. */
  omitted: number;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export function parseCsv(text: string, maxProblems: number): CsvResult {
  const problems: TextProblem[] = [];
  let omitted = 0;
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  let columns: string[] | undefined;
  const rows: string[][] = [];
  const lines: number[] = [];

  const report = (offset: number, message: string): void => {
    if (problems.length < maxProblems)
      problems.push({ line, col: offset - lineStart + 1, message });
    else omitted++;
  };
  const isLineEnd = (at: number): boolean => {
    const c = text.charCodeAt(at);
    return c === LF || (c === CR && text.charCodeAt(at + 1) === LF);
  };

  while (i < n) {
    if (isLineEnd(i)) {
      i += text.charCodeAt(i) === CR ? 2 : 1;
      line++;
      lineStart = i;
      continue;
    }
    const recordLine = line;
    const fields: string[] = [];
    // Offsets are kept for the header (to place its problems) and for the first surplus field.
    const headerStarts: number[] = [];
    let surplusAt = -1;
    let recordOk = true;
    for (;;) {
      if (!columns) headerStarts.push(i);
      else if (fields.length === columns.length) surplusAt = i;
      if (text.charCodeAt(i) === QUOTE) {
        const opened = { at: i, line, lineStart };
        let value = "";
        let from = i + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) {
            line = opened.line;
            lineStart = opened.lineStart;
            report(opened.at, "quoted field is never closed");
            return { problems, omitted };
          }
          value += text.slice(from, close);
          for (
            let k = text.indexOf("\n", from);
            k >= 0 && k < close;
            k = text.indexOf("\n", k + 1)
          ) {
            line++;
            lineStart = k + 1;
          }
          if (text.charCodeAt(close + 1) !== QUOTE) {
            i = close + 1;
            break;
          }
          value += '"';
          from = close + 2;
        }
        fields.push(value);
        if (i < n && text.charCodeAt(i) !== COMMA && !isLineEnd(i)) {
          report(
            i,
            'unexpected text after a closing quote (a quote inside a quoted field is written "")',
          );
          recordOk = false;
          while (i < n && text.charCodeAt(i) !== COMMA && !isLineEnd(i)) i++;
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) break;
          if (c === QUOTE) {
            report(
              i,
              'quote inside an unquoted field (quote the whole field and write the quote as "")',
            );
            recordOk = false;
          }
          i++;
        }
        fields.push(text.slice(start, i));
      }
      if (i < n && text.charCodeAt(i) === COMMA) i++;
      else break;
    }

    if (!columns) {
      columns = fields.map((name) => name.trim());
      checkHeader(columns, headerStarts, (at, message) => {
        report(at, message);
      });
    } else if (fields.length !== columns.length) {
      const surplus = fields.length > columns.length;
      report(
        surplus ? surplusAt : i,
        `row has ${count(fields.length)}, header has ${columns.length}`,
      );
    } else if (recordOk) {
      // A copy: an array grown by push keeps room for 17 elements, and 50,000 rows of three
      // fields held that way cost megabytes more than their values, for the whole expansion.
      rows.push(fields.slice());
      lines.push(recordLine);
    }

    if (i < n) {
      i += text.charCodeAt(i) === CR ? 2 : 1;
      line++;
      lineStart = i;
    }
  }

  if (!columns) {
    problems.push({ line: 1, col: 1, message: "the file is empty; a CSV file needs a header row" });
  }
  if (!columns || problems.length > 0 || omitted > 0) return { problems, omitted };
  return { table: { columns, rows, lines }, problems, omitted };
}

function count(fields: number): string {
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
