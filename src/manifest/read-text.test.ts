import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import { DATA_FILE_MAX_BYTES } from "./limits.js";
import { readTextFile } from "./read-text.js";

describe("readTextFile", () => {
  it("refuses a file over the limit before reading it, naming both sizes", async () => {
    const dir = await tempDir("af-read-");
    const file = join(dir, "big.csv");
    await writeFile(file, Buffer.alloc(3 * 1024 * 1024 + 200_000, 0x61));
    expect(await readTextFile(file, 2 * 1024 * 1024)).toEqual({
      ok: false,
      reason: "it is 3.2 MiB, over the limit of 2 MiB",
    });
    expect(DATA_FILE_MAX_BYTES).toBe(64 * 1024 * 1024);
  });

  it("reads UTF-8 and refuses bytes that are not", async () => {
    const dir = await tempDir("af-read-");
    await writeFile(join(dir, "ok.txt"), "caf\u00e9");
    await writeFile(join(dir, "bad.txt"), Buffer.from([0x61, 0xff]));
    expect(await readTextFile(join(dir, "ok.txt"), 100)).toEqual({ ok: true, text: "caf\u00e9" });
    expect(await readTextFile(join(dir, "bad.txt"), 100)).toEqual({
      ok: false,
      reason: "it is not valid UTF-8 text",
    });
    expect(await readTextFile(dir, 100)).toEqual({
      ok: false,
      reason: "it is a folder, not a regular file",
    });
  });
});
