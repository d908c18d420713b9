import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import { ID_RULE } from "./asset-checks.js";
import { scanCsv } from "./csv.js";
import { ManifestError, formatProblem } from "./errors.js";
import { MAX_ASSETS, ROW_PROBLEMS_MAX } from "./limits.js";
import { loadManifest } from "./load.js";
import type { Manifest } from "./types.js";

/**
 * Rows of an `each:` file are read one at a time, after the file is checked whole (csv.ts): these
 * are the positions and messages the loader gave when it held every row, taken from that loader
 * on the same files. Bad rows first and last, after a quoted cell over two lines, in a CRLF file,
 * and past the number of row problems shown.
 */

const MANIFEST = (each: string): string => `version: 1
defaults:
  type: image
  model: flux-1.1-pro
assets:
  - id: p-{{sku}}
    each: ${each}
    prompt: "{{name}}"
    output: out/{{sku}}.png
`;

/** Loads the manifest above with `text` as its `each:` file: the assets, or the problems. */
async function load(file: string, text: string): Promise<Manifest | string[]> {
  const root = await tempDir("af-rows-");
  await mkdir(join(root, ".git"));
  await mkdir(dirname(join(root, file)), { recursive: true });
  await writeFile(join(root, "agentframer.yml"), MANIFEST(file));
  await writeFile(join(root, file), text);
  return loadManifest(join(root, "agentframer.yml"), { cwd: root }).catch((error: unknown) => {
    if (!(error instanceof ManifestError)) throw error;
    return error.problems.map(formatProblem);
  });
}

const BAD_ROWS = [
  "sku,name,n",
  "a b,first row has a bad id,1",
  'ok1,"a quoted cell',
  'over two lines",2',
  "ok2,,3",
  "B,upper,4",
  "b,lower,5",
  "ok1,again,6",
  "c:d,last row without a newline,7",
];

const BAD_ID = (id: string): string => `this row makes id "${id}", which is not valid: ${ID_RULE}`;

const BAD_ROW_PROBLEMS = [
  'agentframer.yml:6:9: id "p-{{sku}}" is not unique: 1 row of data/p.csv repeat an id (first at data/p.csv:8: duplicate id "p-ok1"; it is also declared at data/p.csv:3:1); add a column that differs on every row, e.g. "p-{{sku}}-{{name}}"',
  `data/p.csv:2:1: ${BAD_ID("p-a b")}`,
  "data/p.csv:5:1: this row makes a prompt that is empty",
  'data/p.csv:7:1: output "out/b.png" is the same file as "out/B.png" of asset "p-B" (data/p.csv:6:1) on case-insensitive file systems',
  'data/p.csv:8:1: output "out/ok1.png" is also written by asset "p-ok1" (data/p.csv:3:1)',
  `data/p.csv:9:1: ${BAD_ID("p-c:d")}`,
  'data/p.csv:9:1: this row makes output "out/c:d.png", which contains ":", which Windows does not allow in file names',
];

describe("each: rows read one at a time", () => {
  it("places problems of the first and last rows, and rows after a cell over two lines", async () => {
    expect(await load("data/p.csv", BAD_ROWS.join("\n"))).toEqual(BAD_ROW_PROBLEMS);
  });

  it("places them the same in a CRLF file", async () => {
    expect(await load("data/p.csv", BAD_ROWS.join("\r\n"))).toEqual(BAD_ROW_PROBLEMS);
  });

  it("gives each asset of a CRLF file its row's line, past an empty line and a two-line cell", async () => {
    const text = ["sku,name", "g1,one", 'g2,"two', 'lines"', "", "g3,three"].join("\r\n");
    const manifest = (await load("data/p.csv", text)) as Manifest;
    expect(manifest.assets.map((a) => [a.id, a.prompt, a.source])).toEqual([
      ["p-g1", "one", { file: "data/p.csv", line: 2, col: 1 }],
      ["p-g2", "two\r\nlines", { file: "data/p.csv", line: 3, col: 1 }],
      ["p-g3", "three", { file: "data/p.csv", line: 6, col: 1 }],
    ]);
  });

  it("shows the first ROW_PROBLEMS_MAX row problems at their lines and counts the rest", async () => {
    const rows = Array.from({ length: 200 }, (_, i) =>
      i % 3 === 0 ? `g${i},n${i}` : `b ${i},n${i}`,
    );
    const bad = rows.flatMap((row, i) => (row.startsWith("b ") ? [i] : []));
    expect(await load("data/p.csv", ["sku,name", ...rows].join("\n") + "\n")).toEqual([
      `agentframer.yml:7:11: data/p.csv has ${bad.length - ROW_PROBLEMS_MAX} more problems not shown (the first ${ROW_PROBLEMS_MAX} are)`,
      ...bad.slice(0, ROW_PROBLEMS_MAX).map((i) => `data/p.csv:${i + 2}:1: ${BAD_ID(`p-b ${i}`)}`),
    ]);
    expect(bad.length).toBeGreaterThan(ROW_PROBLEMS_MAX);
  });

  it("counts the rows of a file with more than MAX_ASSETS, and reads none of them", async () => {
    const text = `sku,name\n${"a,b\n".repeat(MAX_ASSETS + 1)}`;
    expect(await load("data/p.csv", text)).toEqual([
      `agentframer.yml:7:11: data/p.csv has ${MAX_ASSETS + 1} rows, which would make more than ${MAX_ASSETS} assets in all`,
    ]);
  });

  it("counts the rows it expands, not the assets they made, against MAX_ASSETS", async () => {
    // One file named three times, every row the same id: few assets, but 3 × 400,000 rows to
    // expand. The third `each:` would take the rows asked for past the bound: refused there.
    const rows = 400_000;
    const root = await tempDir("af-rows-");
    await mkdir(join(root, ".git"));
    await mkdir(join(root, "data"));
    await writeFile(join(root, "data/p.csv"), `sku,name\n${"a,b\n".repeat(rows)}`);
    const entry = (n: number) =>
      `  - id: p${n}-{{sku}}\n    each: data/p.csv\n    prompt: "{{name}}"\n    output: out${n}/{{sku}}.png\n`;
    await writeFile(
      join(root, "agentframer.yml"),
      `version: 1\ndefaults:\n  type: image\n  model: flux-1.1-pro\nassets:\n${entry(1)}${entry(2)}${entry(3)}`,
    );
    const problems = await loadManifest(join(root, "agentframer.yml"), { cwd: root }).then(
      () => [],
      (error: unknown) => (error as ManifestError).problems.map(formatProblem),
    );
    expect(problems).toContain(
      `agentframer.yml:15:11: data/p.csv has ${rows} rows, which would make more than ${MAX_ASSETS} assets in all`,
    );
    expect(problems.filter((p) => p.includes("assets in all"))).toHaveLength(1);
  });

  it("places problems of JSON rows at the row's opening brace", async () => {
    const text = `[
  {"sku": "j1", "name": "ok"},
  {"sku": "j 2", "name": "bad id"},
  {"name": "no sku"}
]`;
    expect(await load("data/p.json", text)).toEqual([
      `data/p.json:3:3: ${BAD_ID("p-j 2")}`,
      'data/p.json:4:3: row 3 has no field "sku"',
    ]);
  });
});

describe("scanCsv", () => {
  it("reads a checked row again, and counts rows past maxRows without noting them", () => {
    const { rows } = scanCsv('a,b\n1,"x\ny"\n2,z\n3,w\n', 10, 2);
    expect(rows?.count).toBe(3);
    expect([rows?.read(1), rows?.read(0), rows?.line(1)]).toEqual([["2", "z"], ["1", "x\ny"], 4]);
    expect(() => rows?.read(2)).toThrow(RangeError);
  });
});
