import fc from "fast-check";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import { ManifestError } from "./errors.js";
import { loadManifest } from "./load.js";

/**
 * Whatever text the manifest holds, the loader either returns a manifest or throws a
 * ManifestError whose problems all have a place: never another exception, never a hang.
 */

let root = "";
let run = 0;

beforeAll(async () => {
  root = await tempDir("af-manifest-prop-");
  await mkdir(join(root, ".git"));
  await mkdir(join(root, "data"));
  await writeFile(join(root, "data/p.csv"), 'sku,name\n1,"a, b"\n2,c\n');
  await writeFile(join(root, "data/p.json"), '[{"sku": 1, "name": "x"}, {"sku": 2, "name": "y"}]');
  await writeFile(join(root, "data/bad.csv"), 'sku,name\n1,"open\n');
});

async function outcome(text: string): Promise<"manifest" | "problems"> {
  const file = join(root, `m${run++}.yml`);
  await writeFile(file, text);
  try {
    const manifest = await loadManifest(file, { cwd: root });
    expect(Array.isArray(manifest.assets)).toBe(true);
    return "manifest";
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    const { problems } = error as ManifestError;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.col).toBeGreaterThanOrEqual(1);
      expect(p.message.length).toBeGreaterThan(0);
    }
    return "problems";
  }
}

const VALID = `version: 1
defaults:
  type: image
  model: flux-1.1-pro
  params: { width: 1024 }
assets:
  - id: hero
    prompt: A reading nook
    output: public/hero.png
    params: { seed: 42 }
  - id: p-{{sku}}
    each: data/p.csv
    prompt: Photo of {{name}}
    output: public/p/{{sku}}.png
  - id: j-{{sku}}
    type: audio
    each: data/p.json
    prompt: "{{ name }}"
    output: audio/{{sku}}.wav
`;

/** Pieces that are meaningful to the loader, so that random text often gets deep into it. */
const PIECES = [
  "version: 1\n",
  "assets:\n",
  "defaults:\n",
  "  - id: x\n",
  "    prompt: p\n",
  "    output: a.png\n",
  "    each: data/p.csv\n",
  "    each: data/bad.csv\n",
  "    each: data/p.json\n",
  "    type: video\n",
  "    params: { a: *x }\n",
  "&x [1, 2]",
  "*x",
  "[",
  "]",
  "{",
  "}",
  "{{sku}}",
  "{{ name }}",
  "{{",
  "}}",
  ": ",
  "- ",
  "\n",
  "  ",
  "'",
  '"',
  "#",
  "---\n",
  "../",
  "..",
  "/",
  "\\",
  ".git/",
  "\u2024",
  "\uFF0F",
  "\u0000",
  "!!binary aGk=",
  ".inf",
  "<<: *x\n",
  "? [a]\n: 1\n",
];

const MUTATIONS = [
  "modle",
  "outptu",
  "type",
  "42",
  "[]",
  "{}",
  "null",
  "/etc/passwd",
  "../../x.png",
  "C:\\x.png",
  ".github/x.png",
  "a\u2044b.png",
  "{{nope}}",
  "&a x",
  "*a",
  "*b",
  "",
];

describe("loadManifest on arbitrary input", () => {
  it("only ever returns a manifest or throws ManifestError (random text)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 300 }), async (text) => {
        await outcome(text);
      }),
      { numRuns: 100 },
    );
  });

  it("only ever returns a manifest or throws ManifestError (loader-shaped token soup)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), async (pieces) => {
        await outcome(pieces.join(""));
      }),
      { numRuns: 100 },
    );
  });

  it("only ever returns a manifest or throws ManifestError (mutated valid manifests)", async () => {
    expect(await outcome(VALID)).toBe("manifest");
    const edit = fc.record({
      at: fc.nat({ max: VALID.length }),
      cut: fc.nat({ max: 12 }),
      insert: fc.oneof(fc.constantFrom(...MUTATIONS), fc.string({ maxLength: 8 })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        let text = VALID;
        for (const { at, cut, insert } of edits) {
          const from = Math.min(at, text.length);
          text = text.slice(0, from) + insert + text.slice(from + cut);
        }
        await outcome(text);
      }),
      { numRuns: 100 },
    );
  });
});
