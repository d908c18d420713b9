import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "./atomic-write.js";
import { tempDir } from "../../test/support/temp-dir.js";

describe("writeFileAtomic", () => {
  it("replaces the file and leaves no temp file behind", async () => {
    const dir = await tempDir("af-atomic-");
    const target = join(dir, "out.json");
    await writeFile(target, "old");
    await writeFileAtomic(target, "new");
    expect(await readFile(target, "utf8")).toBe("new");
    expect(await readdir(dir)).toEqual(["out.json"]);
  });

  it("leaves the old file intact and cleans up when the folder is gone", async () => {
    const dir = await tempDir("af-atomic-");
    await expect(writeFileAtomic(join(dir, "missing", "x"), "data")).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});
