import { scanCsv, type TextProblem } from "./csv.js";
import { parseJsonRows } from "./json-rows.js";
import { DATA_FILE_MAX_BYTES, MAX_ASSETS, ROW_PROBLEMS_MAX } from "./limits.js";
import type { ProblemList } from "./problems.js";
import { readTextFile } from "./read-text.js";
import type { Row } from "./template.js";
import type { SourcePosition } from "./types.js";

/** The rows of an `each:` file, whichever format it came in. */
export interface DataTable {
  /** The file as named in messages. */
  file: string;
  columns: string[];
  columnIndex: ReadonlyMap<string, number>;
  rowCount: number;
  /**
   * Row `index`'s values. The array may be the one the previous call returned, refilled: use it
   * before asking for the next row.
   */
  row(index: number): Row;
  /** Where row `index` starts. */
  position(index: number): SourcePosition;
  /**
   * Why row `index` cannot fill column `column`, if it cannot. Always `undefined` for CSV, whose
   * rows all have every column; JSON rows may lack a key or hold a list there.
   */
  cellProblem?(index: number, column: number): string | undefined;
}

export type DataFileResult =
  | { kind: "table"; table: DataTable }
  /** The file could not be read at all; reported where `each:` names it. */
  | { kind: "unreadable"; reason: string }
  /** The file was read but is malformed; already reported at its own lines. */
  | { kind: "malformed" };

export async function readDataFile(
  absolutePath: string,
  file: string,
  problems: ProblemList,
): Promise<DataFileResult> {
  const read = await readTextFile(absolutePath, DATA_FILE_MAX_BYTES);
  if (!read.ok) return { kind: "unreadable", reason: read.reason };
  const report = (list: readonly TextProblem[], omitted = 0): DataFileResult => {
    for (const p of list) problems.add({ file, line: p.line, col: p.col }, p.message);
    const last = list.at(-1);
    if (omitted > 0 && last) {
      problems.add(
        { file, line: last.line, col: last.col },
        `…and ${omitted} more problems in this file`,
      );
    }
    return { kind: "malformed" };
  };

  if (absolutePath.toLowerCase().endsWith(".json")) {
    const result = parseJsonRows(read.text, ROW_PROBLEMS_MAX);
    if (!result.table) return report(result.problems);
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
  const result = scanCsv(read.text, ROW_PROBLEMS_MAX, MAX_ASSETS);
  if (!result.rows) return report(result.problems, result.omitted);
  const rows = result.rows;
  const values: string[] = [];
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

function indexColumns(columns: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  columns.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  return index;
}
