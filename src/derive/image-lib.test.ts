import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { imageLibBase, loadImageLib } from "./image-lib.js";

describe("where the image library is resolved from", () => {
  it("prefers the copy vendored beside the bundle", () => {
    const present = new Set([
      join("/a/dist/action", "vendor", "node_modules", "sharp", "package.json"),
    ]);
    expect(imageLibBase("/a/dist/action", (path) => present.has(path))).toBe(
      join("/a/dist/action", "vendor", "node_modules", "resolve-from-here.js"),
    );
  });

  it("falls back to the module's own place (a package's dependencies), never the working folder", () => {
    expect(imageLibBase("/a/dist/cli", () => false)).toBe(join("/a/dist/cli", "image-lib.js"));
  });

  it("loads once: the same library on every call", async () => {
    const first = await loadImageLib();
    expect(await loadImageLib()).toBe(first);
    expect(first.versions.vips).toMatch(/^\d+\.\d+/);
  });
});
