import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/temp-dir.js";

const ROOT = resolve(import.meta.dirname, "../..");
const run = (script: string, args: string[]) =>
  promisify(execFile)(process.execPath, [join(ROOT, "scripts/check", script), ...args]).then(
    (out) => ({ code: 0, ...out }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

async function plant(src: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(src, path, ".."), { recursive: true });
    await writeFile(join(src, path), text);
  }
}

describe("the layering rule (scripts/check/layers.mjs)", () => {
  it("passes on the product's own src/, with no import circle", async () => {
    expect((await run("layers.mjs", [])).code).toBe(0);
    const cycles = await run("import-cycles.mjs", []);
    expect(cycles.code).toBe(0);
  });

  it("fails on an import that goes up, and names the file, the line and both folders", async () => {
    const dir = await tempDir("layers-");
    const src = join(dir, "src");
    await plant(src, {
      "state/lockfile.ts": 'import { plan } from "../plan/plan.js";\nexport const a = plan;\n',
      "plan/plan.ts": "export const plan = 1;\n",
    });
    const result = await run("layers.mjs", [src]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("state/lockfile.ts:1: src/state/ imports src/plan/");
    expect(result.stderr).toContain("above it");
  });

  it("fails on a type-only import beside it, and on a folder with no layer", async () => {
    const dir = await tempDir("layers-");
    const src = join(dir, "src");
    await plant(src, {
      "cli/main.ts":
        'import type { Settings } from "../action/inputs.js";\nexport type S = Settings;\n',
      "action/inputs.ts": "export interface Settings { a: number }\n",
      "extras/thing.ts": "export const x = 1;\n",
    });
    const result = await run("layers.mjs", [src]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("src/cli/ imports src/action/");
    expect(result.stderr).toContain("beside it");
    expect(result.stderr).toContain("src/extras/ has no layer");
  });

  it("accepts imports that go down and imports within a folder", async () => {
    const dir = await tempDir("layers-");
    const src = join(dir, "src");
    await plant(src, {
      "render/render.ts":
        'import { x } from "../net/http.js";\nimport { y } from "./job.js";\nexport const z = x + y;\n',
      "render/job.ts": "export const y = 1;\n",
      "net/http.ts": "export const x = 1;\n",
    });
    expect((await run("layers.mjs", [src])).code).toBe(0);
  });
});
