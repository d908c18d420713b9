import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDirSync } from "../../test/support/temp-dir.js";
import { copyExpectedBytes } from "./previous-bytes.js";

const dir = tempDirSync("af-previous-bytes-");
const PNG = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  Buffer.alloc(3000, 0x42),
]);
const expected = {
  sha256: createHash("sha256").update(PNG).digest("hex"),
  size: PNG.length,
  type: "image" as const,
  extension: "png",
};
const committed = join(dir, "hero.png");
writeFileSync(committed, PNG);
let n = 0;
const dest = () => join(dir, `copy-${n++}`);

describe("copyExpectedBytes", () => {
  it("copies the committed bytes when they are the described ones", async () => {
    const to = dest();
    expect(await copyExpectedBytes(committed, to, expected, 1 << 20)).toBeUndefined();
    expect(readFileSync(to).equals(PNG)).toBe(true);
  });

  it.each([
    [
      "other bytes of the same size",
      () => {
        const file = join(dir, "same-size.png");
        writeFileSync(file, Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(3000, 0x43)]));
        return file;
      },
      /do not match their SHA-256/,
    ],
    [
      "another size",
      () => {
        const file = join(dir, "short.png");
        writeFileSync(file, PNG.subarray(0, 100));
        return file;
      },
      /is 100 bytes where the lock says 3008/,
    ],
    [
      "a symbolic link to the bytes",
      () => {
        const file = join(dir, "link.png");
        symlinkSync(committed, file);
        return file;
      },
      /cannot be opened \(ELOOP\)/,
    ],
    [
      "a FIFO",
      () => {
        const file = join(dir, "fifo.png");
        execFileSync("mkfifo", [file]);
        return file;
      },
      /not a regular file/,
    ],
    ["a missing file", () => join(dir, "gone.png"), /is not in the checkout/],
  ])("refuses %s and leaves no copy", async (_what, source, why) => {
    const to = dest();
    expect(await copyExpectedBytes(source(), to, expected, 1 << 20)).toMatch(why);
    expect(existsSync(to)).toBe(false);
  });

  it("refuses, unread, bytes larger than the bound", async () => {
    const to = dest();
    expect(await copyExpectedBytes(committed, to, expected, 1000)).toBe(
      "3008 bytes, more than 1000 are read",
    );
    expect(existsSync(to)).toBe(false);
  });
});
