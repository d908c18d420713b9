/**
 * The repository explains itself: its docs cite only files it holds. No source or doc names
 * PRODUCT.md (the contract lives in docs/api-contract.md), and every relative link in the README,
 * the changelog and docs/ leads to a file that exists.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const filesUnder = (dir: string, ext: RegExp): string[] =>
  (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => ext.test(f))
    .map((f) => join(ROOT, dir, f));

describe("the repository's own documents", () => {
  it("cite no file the repository does not hold (PRODUCT.md)", () => {
    const texts = [
      ...filesUnder("src", /\.(ts|md)$/),
      ...filesUnder("docs", /\.md$/),
      join(ROOT, "README.md"),
      join(ROOT, "action.yml"),
    ];
    const citing = texts.filter((f) => readFileSync(f, "utf8").includes("PRODUCT.md"));
    expect(citing.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it("link only to files that exist", () => {
    const docs = [
      join(ROOT, "README.md"),
      join(ROOT, "CHANGELOG.md"),
      ...filesUnder("docs", /\.md$/),
      ...filesUnder("src", /README\.md$/),
    ];
    const broken: string[] = [];
    for (const doc of docs) {
      const text = readFileSync(doc, "utf8");
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = (m[1] ?? "").split("#")[0] ?? "";
        if (target === "" || /^[a-z]+:/i.test(target)) continue;
        if (!existsSync(resolve(dirname(doc), target))) {
          broken.push(`${relative(ROOT, doc)} -> ${m[1]}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
