/**
 * The bundled action carries its image library: a copy of dist/action and action.yml in a folder
 * with no node_modules anywhere above it (as GitHub checks an action out) loads sharp through the
 * real loader (src/derive/image-lib.ts, compiled) and writes WebP and AVIF at the asked size.
 * Needs `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, parse, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readImageHeader } from "../support/image-headers.js";
import { tempDir } from "../support/temp-dir.js";

const ROOT = resolve(import.meta.dirname, "../..");

function ancestorsWithNodeModules(dir: string): string[] {
  const found: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, "node_modules"))) found.push(at);
    if (at === parse(at).root) return found;
  }
}

describe("the image library inside the bundled action", () => {
  it("loads from dist/action/vendor with no node_modules above, and writes WebP and AVIF", async () => {
    const vendor = join(ROOT, "dist/action/vendor/node_modules/sharp/package.json");
    const loader = join(ROOT, "lib/derive/image-lib.js");
    expect(existsSync(vendor) && existsSync(loader), "run `npm run build` first").toBe(true);

    const root = await tempDir("af-action-copy-");
    expect(ancestorsWithNodeModules(root)).toEqual([]);
    cpSync(join(ROOT, "dist/action"), join(root, "dist/action"), { recursive: true });
    cpSync(join(ROOT, "action.yml"), join(root, "action.yml"));
    // The compiled loader placed where the bundle's code runs from, so it finds vendor/ as the bundle does.
    cpSync(loader, join(root, "dist/action/image-lib.js"));
    writeFileSync(
      join(root, "dist/action/probe.js"),
      `import { loadImageLib } from "./image-lib.js";
const sharp = await loadImageLib();
const source = { create: { width: 300, height: 200, channels: 3, background: "#3366cc" } };
await sharp(source).resize({ width: 120 }).webp().toFile("out-120.webp");
await sharp(source).resize({ width: 150 }).avif().toFile("out-150.avif");
`,
    );
    const run = spawnSync(process.execPath, [join(root, "dist/action/probe.js")], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: root },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(readImageHeader(readFileSync(join(root, "out-120.webp")))).toEqual({
      format: "webp",
      width: 120,
      height: 80,
    });
    expect(readImageHeader(readFileSync(join(root, "out-150.avif")))).toEqual({
      format: "avif",
      width: 150,
      height: 100,
    });
  });
});
