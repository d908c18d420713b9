import { describe, expect, it } from "vitest";
import { scanCsv } from "./csv.js";

/** Every row at once, as arrays, with the line each starts on: what the scan reads, row by row. */
function parseCsv(text: string, maxProblems: number) {
  const { rows, problems, omitted } = scanCsv(text, maxProblems);
  if (!rows) return { problems, omitted };
  const all: string[][] = [];
  const lines: number[] = [];
  for (let r = 0; r < rows.count; r++) {
    all.push(rows.read(r, []));
    lines.push(rows.line(r));
  }
  return { table: { columns: rows.columns, rows: all, lines }, problems, omitted };
}

describe("parseCsv", () => {
  it("reads RFC 4180 quoting, CRLF or LF, a BOM, and skips empty lines", () => {
    const result = parseCsv('\uFEFFa, b \r\n1,"x, ""y"""\r\n\r\n"multi\nline",\n', 10);
    expect(result.problems).toEqual([]);
    expect(result.table).toEqual({
      columns: ["a", "b"],
      rows: [
        ["1", 'x, "y"'],
        ["multi\nline", ""],
      ],
      lines: [2, 4],
    });
  });

  it("keeps values exactly, spaces included, and accepts a last line without a newline", () => {
    expect(parseCsv("k,v\n a , b ", 10).table?.rows).toEqual([[" a ", " b "]]);
  });

  it("reports field counts at the first surplus field or at the end of a short row", () => {
    const { problems, table } = parseCsv("a,b\n1,2,3\n4\n", 10);
    expect(table).toBeUndefined();
    expect(problems).toEqual([
      { line: 2, col: 5, message: "row has 3 fields, header has 2" },
      { line: 3, col: 2, message: "row has 1 field, header has 2" },
    ]);
  });

  it("counts lines inside quoted fields when placing later problems", () => {
    const { problems } = parseCsv('a,b\n"x\ny",1,2\n', 10);
    expect(problems).toEqual([{ line: 3, col: 6, message: "row has 3 fields, header has 2" }]);
  });

  it("keeps at most maxProblems and counts the rest", () => {
    const text = `a,b\n${"1\n".repeat(5)}`;
    const { problems, omitted } = parseCsv(text, 2);
    expect(problems).toHaveLength(2);
    expect(omitted).toBe(3);
  });

  it("refuses an empty file", () => {
    expect(parseCsv("", 10).problems).toEqual([
      { line: 1, col: 1, message: "the file is empty; a CSV file needs a header row" },
    ]);
  });
});
