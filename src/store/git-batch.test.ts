import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/temp-dir.js";
import { BytesCheck, type VerifyVerdict } from "../net/verify-bytes.js";
import { writeBatchedBlobs, type BlobTarget } from "./git-batch.js";

const PNG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
const png = (n: number) => Buffer.concat([PNG, Buffer.alloc(n, 7)]);
const recordOf = (bytes: Buffer, size = bytes.length) => ({
  sha256: createHash("sha256").update(bytes).digest("hex"),
  size,
  type: "image" as const,
  extension: "png",
});

/** The stream in pieces of `step` bytes, as a pipe may cut it. */
async function* pieces(whole: Buffer, step: number): AsyncIterable<Buffer> {
  for (let at = 0; at < whole.length; at += step) yield whole.subarray(at, at + step);
}

describe("writeBatchedBlobs", () => {
  it("writes good blobs, never writes one larger than its record, and settles each in order", async () => {
    const dir = await tempDir("af-batch-");
    const good = png(300);
    const big = png(5000);
    const tampered = png(300);
    const stream = Buffer.concat([
      Buffer.from(`${"a".repeat(40)} blob ${good.length}\n`),
      good,
      Buffer.from("\n"),
      Buffer.from(`${"b".repeat(40)} blob ${big.length}\n`),
      big,
      Buffer.from("\n"),
      Buffer.from(`${"c".repeat(40)} missing\n`),
      Buffer.from(`${"d".repeat(40)} blob ${tampered.length}\n`),
      tampered,
      Buffer.from("\n"),
    ]);
    const targets: BlobTarget[] = [
      { oid: "a".repeat(40), dest: join(dir, "a"), check: new BytesCheck(recordOf(good)) },
      { oid: "b".repeat(40), dest: join(dir, "b"), check: new BytesCheck(recordOf(png(10))) },
      { oid: "c".repeat(40), dest: join(dir, "c"), check: new BytesCheck(recordOf(good)) },
      { oid: "d".repeat(40), dest: join(dir, "d"), check: new BytesCheck(recordOf(png(1))) },
    ];
    for (const step of [1, 7, 4096]) {
      const settled: Array<[string, VerifyVerdict]> = [];
      const fresh = targets.map((t) => ({
        ...t,
        dest: `${t.dest}-${step}`,
        check: new BytesCheck(t.check.record),
      }));
      await writeBatchedBlobs(pieces(stream, step), fresh, async (t, v) => {
        settled.push([t.oid[0]!, v]);
      });
      expect(settled).toEqual([
        ["a", { ok: true }],
        ["b", { ok: false, why: "its bytes are 5008 bytes where the record says 18" }],
        ["c", { ok: false, why: "its bytes are not in the store" }],
        ["d", { ok: false, why: "its bytes are 308 bytes where the record says 9" }],
      ]);
      expect(readFileSync(`${join(dir, "a")}-${step}`).equals(good)).toBe(true);
      for (const name of ["b", "c", "d"])
        expect(existsSync(`${join(dir, name)}-${step}`)).toBe(false);
    }
  });

  it("refuses a stream that ends early, removing the half-written file", async () => {
    const dir = await tempDir("af-batch-");
    const good = png(300);
    const stream = Buffer.concat([
      Buffer.from(`${"a".repeat(40)} blob ${good.length}\n`),
      good.subarray(0, 100),
    ]);
    const target = {
      oid: "a".repeat(40),
      dest: join(dir, "a"),
      check: new BytesCheck(recordOf(good)),
    };
    await expect(writeBatchedBlobs(pieces(stream, 64), [target], async () => {})).rejects.toThrow(
      "git cat-file ended after 0 of 1 blobs",
    );
    expect(existsSync(join(dir, "a"))).toBe(false);
  });
});
